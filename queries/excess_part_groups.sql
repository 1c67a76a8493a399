-- One indicator by group with its counts in one year for each area of $level inside $region (the
-- nation's states, a state's counties): excess cases within each area, where the region itself has no
-- figures by group. Withheld counts are NULL (published_values) and are left out, never derived.
SELECT a.area_id, a.name, v.group_label, v.value, v.ci_low, v.ci_high, v.numerator, v.denominator, v.flag
FROM areas a
JOIN published_values v
  ON v.area_id = a.area_id AND v.indicator_id = $ind AND v.period = $year AND v.group_dim = $group
WHERE a.level = $level
  AND a.area_id IN (SELECT area_id FROM area_regions WHERE region_id = $region)
ORDER BY a.name, v.group_label
