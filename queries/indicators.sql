-- The indicator catalogue with each indicator's source, for pickers, labels and the methods page.
SELECT i.indicator_id, i.label, i.description, i.domain, i.unit, i.higher_is_worse, i.measure_type,
       i.source_id, s.name AS source_name, s.publisher, s.vintage,
       EXISTS (SELECT 1 FROM indicator_values v
               WHERE v.indicator_id = i.indicator_id AND v.group_dim <> 'all') AS has_groups
FROM indicators i
JOIN sources s USING (source_id)
ORDER BY i.domain, i.label
