-- People each program served who live in a footprint's areas ($areas: area ids of one level), in the
-- program's latest year of reach: the sum of the counts shown (published_reach withholds small ones,
-- which add nothing here; tracts_withheld says how many were withheld).
WITH latest AS (
    SELECT program_id, max(period) AS period FROM published_reach GROUP BY program_id
)
SELECT p.program_id, p.name AS program, l.period AS year,
       sum(r.people) AS people,
       count(*) FILTER (WHERE r.few_people) AS tracts_withheld
FROM published_reach r
JOIN latest l ON l.program_id = r.program_id AND l.period = r.period
JOIN programs p ON p.program_id = r.program_id
WHERE r.area_id IN (SELECT area_id FROM area_regions WHERE list_contains($areas, region_id))
GROUP BY p.program_id, p.name, l.period
ORDER BY people DESC NULLS LAST, program
