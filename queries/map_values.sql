-- One indicator in one year for every area of a level inside a region (whole population).
-- Small counts are already withheld by the published_values view.
SELECT a.area_id, v.value, v.ci_low, v.ci_high, v.numerator, v.denominator, v.flag
FROM areas a
LEFT JOIN areas p ON p.area_id = a.parent_id
JOIN published_values v
  ON v.area_id = a.area_id AND v.indicator_id = $ind AND v.period = $year AND v.group_dim = 'all'
WHERE a.level = $level
  AND $region IN (a.area_id, a.parent_id, p.parent_id)
