-- The people in each group inside a footprint and in the rest of the region: sums of one indicator's
-- published counts of people (its denominators) by one group dimension, over the areas of a level.
-- A withheld count is NULL here (published_values) and adds nothing; areas_withheld says how many.
-- $areas: the footprint's area ids (a list).
SELECT v.group_label,
       coalesce(sum(v.denominator) FILTER (WHERE list_contains($areas, a.area_id)), 0) AS inside,
       coalesce(sum(v.denominator) FILTER (WHERE NOT list_contains($areas, a.area_id)), 0) AS outside,
       count(*) FILTER (WHERE v.denominator IS NULL AND list_contains($areas, a.area_id)) AS areas_withheld
FROM areas a
JOIN published_values v
  ON v.area_id = a.area_id AND v.indicator_id = $ind AND v.period = $year AND v.group_dim = $group
WHERE a.level = $level
  AND a.area_id IN (SELECT area_id FROM area_regions WHERE region_id = $region)
GROUP BY v.group_label
ORDER BY v.group_label
