-- Program sites inside the areas of a footprint ($areas: a list of area ids of one level), each with the
-- footprint area it lies in, its program's name and kind.
SELECT DISTINCT s.site_id, s.name, r.region_id AS area_id, p.program_id, p.name AS program, p.kind
FROM program_sites s
JOIN programs p USING (program_id)
JOIN area_regions r ON r.area_id = s.area_id
WHERE list_contains($areas, r.region_id)
ORDER BY program, s.name
