-- One indicator's whole-population values in every year, in each area of the region at the level the
-- program's reach is recorded at ($level: the query reach_level), each marked served where the program
-- served people from it in any year (a withheld small count served is still served), for equity/impact.py.
WITH served AS (
    SELECT DISTINCT area_id
    FROM published_reach
    WHERE program_id = $program AND group_dim = 'all' AND (people > 0 OR few_people)
)
SELECT a.area_id, a.level, v.period, v.value, v.flag, a.area_id IN (SELECT area_id FROM served) AS served
FROM areas a
JOIN published_values v ON v.area_id = a.area_id AND v.indicator_id = $ind AND v.group_dim = 'all'
WHERE a.level = $level
  AND a.area_id IN (SELECT area_id FROM area_regions WHERE region_id = $region)
ORDER BY a.area_id, v.period
