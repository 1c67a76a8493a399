-- The people who live in $region by group, to set the people heard against (the community voice page):
-- for each breakdown (race and ethnicity, age, ...), the people counted by the indicator and year that
-- count the most of them, latest year first, where every group's count is shown (an indicator's
-- denominators; one with a withheld group is passed over, so nothing withheld is summed or shown).
WITH g AS (
    SELECT indicator_id, period, group_dim, group_label, denominator
    FROM published_values
    WHERE area_id = $region AND group_dim <> 'all'
),
complete AS (
    SELECT indicator_id, period, group_dim, sum(denominator) AS people
    FROM g
    GROUP BY indicator_id, period, group_dim
    HAVING count(*) = count(denominator) AND count(*) > 1
),
best AS (
    SELECT *, row_number() OVER (PARTITION BY group_dim ORDER BY period DESC, people DESC, indicator_id) AS nth
    FROM complete
)
SELECT g.group_dim, g.group_label, g.denominator AS population, b.period, i.label AS indicator,
       s.name AS source, s.vintage
FROM best b
JOIN g USING (indicator_id, period, group_dim)
JOIN indicators i USING (indicator_id)
JOIN sources s ON s.source_id = i.source_id
WHERE b.nth = 1
ORDER BY g.group_dim, g.denominator DESC, g.group_label
