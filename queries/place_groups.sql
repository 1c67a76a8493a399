-- One indicator by group in one year for a region, the places above it, and the counties inside it,
-- so a gap can be compared between places. $group is a group dimension such as 'race_ethnicity'.
SELECT a.area_id, a.name, a.level, a.area_id = $region AS is_region, v.group_label,
       v.value, v.ci_low, v.ci_high, v.flag
FROM areas a
JOIN published_values v
  ON v.area_id = a.area_id AND v.indicator_id = $ind AND v.period = $year AND v.group_dim = $group
WHERE a.area_id = $region
   OR a.area_id IN (SELECT parent_id FROM areas WHERE area_id = $region)
   OR a.area_id IN (SELECT p.parent_id FROM areas c JOIN areas p ON p.area_id = c.parent_id
                    WHERE c.area_id = $region)
   OR (a.parent_id = $region AND a.level = 'county')
ORDER BY a.level, a.name, v.group_label
