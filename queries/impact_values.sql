-- One indicator's whole-population values in every year, in each area of the region at the level the
-- program's reach is recorded at (tracts, usually), each marked served where the program served people
-- from it in any year (a withheld small count served is still served), for equity/impact.py.
WITH served AS (
    SELECT DISTINCT area_id
    FROM published_reach
    WHERE program_id = $program AND group_dim = 'all' AND (people > 0 OR few_people)
),
served_level AS (
    SELECT a.level
    FROM served s
    JOIN areas a USING (area_id)
    GROUP BY a.level
    ORDER BY count(*) DESC, a.level
    LIMIT 1
)
SELECT a.area_id, a.level, v.period, v.value, v.flag, a.area_id IN (SELECT area_id FROM served) AS served
FROM areas a
JOIN published_values v ON v.area_id = a.area_id AND v.indicator_id = $ind AND v.group_dim = 'all'
WHERE a.level = (SELECT level FROM served_level)
  AND a.area_id IN (SELECT area_id FROM area_regions WHERE region_id = $region)
ORDER BY a.area_id, v.period
