-- Every year and group of one indicator for one area (the region, a county or a tract).
SELECT period AS year, group_dim, group_label, value, ci_low, ci_high, numerator, denominator, flag
FROM published_values
WHERE indicator_id = $ind AND area_id = $area
ORDER BY period, group_dim, group_label
