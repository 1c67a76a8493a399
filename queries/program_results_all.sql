-- Monthly results against targets for every metric of every program, for download.
SELECT p.program_id, p.name AS program, m.metric_id, m.label, m.unit, m.higher_is_better,
       r.period, r.value, r.target
FROM programs p
JOIN program_metrics m USING (program_id)
JOIN program_results r USING (metric_id)
ORDER BY p.name, m.label, r.period
