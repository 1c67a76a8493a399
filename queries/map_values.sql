-- One indicator in one year for every area of a level inside a region (whole population).
-- Small counts are already withheld by the published_values view.
SELECT a.area_id, v.value, v.ci_low, v.ci_high, v.numerator, v.denominator, v.flag
FROM areas a
JOIN published_values v
  ON v.area_id = a.area_id AND v.indicator_id = $ind AND v.period = $year AND v.group_dim = 'all'
WHERE a.level = $level
  AND a.area_id IN (SELECT area_id FROM area_regions WHERE region_id = $region)
