-- Program sites inside a region, with their program's name and kind.
SELECT s.site_id, s.name, s.lon, s.lat, s.area_id, p.program_id, p.name AS program, p.kind
FROM program_sites s
JOIN programs p USING (program_id)
LEFT JOIN areas a ON a.area_id = s.area_id
LEFT JOIN areas c ON c.area_id = a.parent_id
WHERE $region IN (s.area_id, a.parent_id, c.parent_id)
ORDER BY p.name, s.name
