-- Areas of one level inside a region, with the simplified geometry for drawing.
-- $level: 'tract' or 'county'; $region: a state or county area_id, or 'US' (equity.db.NATION_ID).
-- Seen nationally, a county is named with its state ("Terrell, Texas": there is a Terrell in Georgia too).
SELECT a.area_id,
       CASE WHEN $region = 'US' AND a.level = 'county' AND s.name IS NOT NULL AND a.name NOT LIKE '%, %'
            THEN a.name || ', ' || s.name ELSE a.name END AS name,
       a.population, a.geometry_drawn, a.centroid_lon, a.centroid_lat
FROM areas a
LEFT JOIN areas s ON s.area_id = a.parent_id AND s.level = 'state'
WHERE a.level = $level
  AND a.area_id IN (SELECT area_id FROM area_regions WHERE region_id = $region)
ORDER BY a.area_id
