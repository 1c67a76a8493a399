-- Program sites inside a region, with their program's name and kind.
SELECT s.site_id, s.name, s.lon, s.lat, s.area_id, p.program_id, p.name AS program, p.kind
FROM program_sites s
JOIN programs p USING (program_id)
WHERE s.area_id IN (SELECT area_id FROM area_regions WHERE region_id = $region)
ORDER BY p.name, s.name
