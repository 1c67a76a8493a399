-- How many areas of each level show a value of each indicator in each year (whole population, values
-- shown after small counts are withheld): what the default view and the year choice are drawn from.
SELECT v.indicator_id, a.level, v.period AS year, count(*) AS areas
FROM published_values v
JOIN areas a USING (area_id)
WHERE v.group_dim = 'all' AND v.value IS NOT NULL
GROUP BY ALL
ORDER BY v.indicator_id, a.level, year
