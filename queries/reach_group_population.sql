-- Each area's (at $level) people by group (race and ethnicity, income, age, sex), as the indicator that counts the
-- most people in that breakdown across the region that year counts them: its published denominators
-- (a withheld one is NULL). The people served by group are set against these, and the people in
-- poverty and older residents' shares of each area against the people served.
WITH areas_here AS (
    SELECT area_id FROM areas
    WHERE level = $level AND area_id IN (SELECT area_id FROM area_regions WHERE region_id = $region)
), counted AS (
    SELECT v.indicator_id, v.area_id, v.group_dim, v.group_label, v.denominator
    FROM published_values v
    WHERE v.period = $year AND v.group_dim <> 'all' AND v.area_id IN (SELECT area_id FROM areas_here)
), chosen AS (
    SELECT group_dim, first(indicator_id ORDER BY people DESC, indicator_id) AS indicator_id
    FROM (
        SELECT group_dim, indicator_id, coalesce(sum(denominator), 0) AS people
        FROM counted GROUP BY group_dim, indicator_id
        HAVING sum(denominator) > 0
    )
    GROUP BY group_dim
)
SELECT c.area_id, c.group_dim, c.group_label, c.denominator AS population, c.indicator_id
FROM counted c
JOIN chosen USING (group_dim, indicator_id)
ORDER BY c.group_dim, c.group_label, c.area_id
