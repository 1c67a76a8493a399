-- Which indicators count people by group (denominators by group) for the areas of a level in a region in
-- one year, and for how many areas: the footprint's groups are drawn from the best covered.
SELECT v.indicator_id, v.group_dim, count(DISTINCT v.area_id) AS areas
FROM areas a
JOIN published_values v
  ON v.area_id = a.area_id AND v.period = $year AND v.group_dim <> 'all' AND v.denominator IS NOT NULL
WHERE a.level = $level
  AND a.area_id IN (SELECT area_id FROM area_regions WHERE region_id = $region)
GROUP BY v.indicator_id, v.group_dim
ORDER BY areas DESC, v.indicator_id, v.group_dim
