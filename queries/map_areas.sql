-- Areas of one level inside a region, with the simplified geometry for drawing.
-- $level: 'tract' or 'county'; $region: a state or county area_id.
SELECT a.area_id, a.name, a.population, a.geometry_drawn, a.centroid_lon, a.centroid_lat
FROM areas a
LEFT JOIN areas p ON p.area_id = a.parent_id
WHERE a.level = $level
  AND $region IN (a.area_id, a.parent_id, p.parent_id)
ORDER BY a.area_id
