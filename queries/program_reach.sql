-- People a program served in one year ($reach_year) by home area at $level (the query reach_level),
-- beside that area's need on one indicator in the page's year ($year: the two differ where the
-- organisation's reach is not of the public data's year). A small count served in an area is withheld
-- (published_reach), like any small count; an area with no reach row served no one.
SELECT a.area_id, a.name, a.population,
       CASE WHEN r.few_people THEN NULL ELSE coalesce(r.people, 0) END AS people,
       coalesce(r.few_people, false) AS few_people,
       v.value AS need, v.flag AS need_flag
FROM areas a
LEFT JOIN published_reach r
  ON r.area_id = a.area_id AND r.program_id = $program AND r.period = $reach_year AND r.group_dim = 'all'
LEFT JOIN published_values v
  ON v.area_id = a.area_id AND v.indicator_id = $ind AND v.period = $year AND v.group_dim = 'all'
WHERE a.level = $level AND a.area_id IN (SELECT area_id FROM area_regions WHERE region_id = $region)
