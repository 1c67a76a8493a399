-- Monthly results against targets for every metric of one program.
SELECT m.metric_id, m.label, m.unit, m.higher_is_better, r.period, r.value, r.target
FROM program_metrics m
JOIN program_results r USING (metric_id)
WHERE m.program_id = $program
ORDER BY m.label, r.period
