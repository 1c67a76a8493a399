-- Several indicators in one year for every area of a level inside a region (whole population),
-- for the composite need index. $inds is a list of indicator ids.
SELECT a.area_id, a.population, v.indicator_id, v.value, v.flag
FROM areas a
JOIN published_values v
  ON v.area_id = a.area_id AND list_contains($inds, v.indicator_id) AND v.period = $year
 AND v.group_dim = 'all'
WHERE a.level = $level
  AND a.area_id IN (SELECT area_id FROM area_regions WHERE region_id = $region)
