-- Every indicator for one area in one year beside the same figure for its region, for a drill-down.
SELECT i.indicator_id, i.label, i.domain, i.unit, i.higher_is_worse,
       v.value, v.ci_low, v.ci_high, v.flag,
       r.value AS region_value
FROM indicators i
LEFT JOIN published_values v
  ON v.indicator_id = i.indicator_id AND v.area_id = $area AND v.period = $year AND v.group_dim = 'all'
LEFT JOIN published_values r
  ON r.indicator_id = i.indicator_id AND r.area_id = $region AND r.period = $year AND r.group_dim = 'all'
ORDER BY i.domain, i.label
