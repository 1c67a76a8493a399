-- The first key of indicator_values held twice, if any (the table's uniqueness, checked at build).
SELECT indicator_id, area_id, period, group_dim, group_label FROM indicator_values
GROUP BY ALL HAVING count(*) > 1
LIMIT 1
