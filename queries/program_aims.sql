-- The indicators one program aims to move, in the order it names them, with what the database holds
-- of each (label, unit, source; label NULL where the indicator is not loaded) and whether its values
-- are modelled (the source's name and publisher, for equity.views.impact.model_based).
SELECT p.indicator_id, p.expected, p.note, i.label, i.unit, i.higher_is_worse, i.measure_type, i.description,
       i.source_id, s.name AS source_name, s.publisher, s.vintage
FROM program_indicators p
LEFT JOIN indicators i USING (indicator_id)
LEFT JOIN sources s ON s.source_id = i.source_id
WHERE p.program_id = $program
ORDER BY p.indicator_id
