-- How many areas of each level show a figure of each indicator in each year (values shown after small
-- counts are withheld), for everyone or for any group: what the default view and the year choice are
-- drawn from. An area with figures only by group (a CDC WONDER state file, whose totals WONDER withholds)
-- still has something to show (its groups on the Disparities page).
SELECT v.indicator_id, a.level, v.period AS year, count(DISTINCT v.area_id) AS areas
FROM published_values v
JOIN areas a USING (area_id)
WHERE v.value IS NOT NULL
GROUP BY ALL
ORDER BY v.indicator_id, a.level, year
