-- Areas of one level inside a region, with the simplified geometry for drawing.
-- $level: 'tract' or 'county'; $region: a state or county area_id.
SELECT a.area_id, a.name, a.population, a.geometry_drawn, a.centroid_lon, a.centroid_lat
FROM areas a
WHERE a.level = $level
  AND a.area_id IN (SELECT area_id FROM area_regions WHERE region_id = $region)
ORDER BY a.area_id
