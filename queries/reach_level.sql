-- The level a program's reach is recorded at: the level of most of the areas its reach table records
-- people from, in any year (tracts, usually; a county coalition's may be counties), or none where it
-- records none. Its reach, the areas it is compared across and "Did it work?"'s served areas are all at it.
SELECT a.level
FROM published_reach r
JOIN areas a USING (area_id)
WHERE r.program_id = $program AND r.group_dim = 'all' AND (r.people > 0 OR r.few_people)
GROUP BY a.level
ORDER BY count(DISTINCT r.area_id) DESC, a.level
LIMIT 1
