-- People a program served in one year from the areas of a region at $level, by group (race and ethnicity, income,
-- ...): each group's sum of the cells published_reach_groups shows (a withheld cell is left out, so the
-- sums show nothing the cells do not); how many of its cells were withheld; the most those cells can
-- hold (in each area, its count shown less the shown cells of that breakdown, which anyone can work
-- out from what is shown); and the people served from the areas the breakdown covers.
WITH cells AS (
    SELECT g.*, r.people AS area_people
    FROM published_reach_groups g
    JOIN published_reach r
      ON r.program_id = g.program_id AND r.area_id = g.area_id AND r.period = g.period
    WHERE g.program_id = $program AND g.period = $year
      AND g.area_id IN (SELECT area_id FROM areas WHERE level = $level)
      AND g.area_id IN (SELECT area_id FROM area_regions WHERE region_id = $region)
), slack AS (
    SELECT area_id, group_dim, max(area_people) - coalesce(sum(people), 0) AS unshown,
           max(area_people) AS area_people
    FROM cells GROUP BY area_id, group_dim
), served AS (
    SELECT group_dim, sum(area_people) AS served FROM slack GROUP BY group_dim
)
SELECT c.group_dim, c.group_label,
       coalesce(sum(c.people), 0) AS people,
       count(*) FILTER (WHERE c.few_people) AS cells_withheld,
       coalesce(sum(s.unshown) FILTER (WHERE c.few_people), 0) AS withheld_at_most,
       max(v.served) AS served
FROM cells c
JOIN slack s USING (area_id, group_dim)
JOIN served v USING (group_dim)
GROUP BY c.group_dim, c.group_label
ORDER BY c.group_dim, c.group_label
