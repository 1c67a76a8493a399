-- A parent's population (a county's, a state's) as the sum of its parts, where no file gave one and every
-- part has one.
UPDATE areas SET population = t.total FROM (
    SELECT parent_id, sum(population) AS total FROM areas WHERE level = $child
    GROUP BY parent_id HAVING count(population) = count(*)
) t
WHERE areas.area_id = t.parent_id AND areas.level = $parent AND areas.population IS NULL
