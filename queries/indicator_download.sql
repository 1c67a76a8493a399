-- Every published value of one indicator in one region (all levels, years and groups), for download.
SELECT v.indicator_id, a.area_id, a.name AS area, a.level, v.period AS year, v.group_dim, v.group_label,
       v.value, v.ci_low, v.ci_high, v.numerator, v.denominator, v.flag
FROM published_values v
JOIN areas a USING (area_id)
WHERE v.indicator_id = $ind AND a.area_id IN (SELECT area_id FROM area_regions WHERE region_id = $region)
ORDER BY a.level, a.area_id, v.period, v.group_dim, v.group_label
