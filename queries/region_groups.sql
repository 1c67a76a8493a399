-- Every indicator's values by group for one region and year: the raw material of "widest gaps".
SELECT v.indicator_id, v.group_dim, v.group_label, v.value, v.ci_low, v.ci_high, v.flag
FROM published_values v
WHERE v.area_id = $region AND v.period = $year AND v.group_dim <> 'all'
