-- How many areas of each level the database holds, and their population.
SELECT level, count(*) AS areas, sum(population) AS population
FROM areas GROUP BY level ORDER BY min(length(area_id)), level
