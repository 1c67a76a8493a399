-- One indicator by group in one year for a place (a state, a county or a tract), the places above it
-- (its county, its state), the counties inside it, and the nation where a source gives it, so a gap
-- can be compared between places. $group is a group dimension such as 'race_ethnicity'.
-- 'US' is the nation's area id in published_values (equity.db.NATION_ID).
SELECT area_id, name, level, is_region, group_label, value, ci_low, ci_high, flag
FROM (
    SELECT a.area_id, a.name, a.level, a.area_id = $region AS is_region, v.group_label,
           v.value, v.ci_low, v.ci_high, v.flag
    FROM areas a
    JOIN published_values v
      ON v.area_id = a.area_id AND v.indicator_id = $ind AND v.period = $year AND v.group_dim = $group
    WHERE a.area_id IN (SELECT region_id FROM area_regions WHERE area_id = $region)
       OR (a.parent_id = $region AND a.level = 'county')
    UNION ALL
    SELECT 'US', coalesce((SELECT value FROM meta WHERE key = 'nation_name'), 'United States'), 'nation',
           false, v.group_label, v.value, v.ci_low, v.ci_high, v.flag
    FROM published_values v
    WHERE v.area_id = 'US' AND v.indicator_id = $ind AND v.period = $year AND v.group_dim = $group
)
ORDER BY NOT is_region, CASE level WHEN 'tract' THEN 0 WHEN 'county' THEN 1 WHEN 'state' THEN 2 ELSE 3 END,
         name, group_label
