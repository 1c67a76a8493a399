-- Monthly results against targets for every metric of every program: the coalition's scorecard and its
-- download. A small count is withheld (published_results): value NULL, few_people true.
SELECT p.program_id, p.name AS program, m.metric_id, m.label, m.unit, m.higher_is_better, m.question,
       r.period, r.value, r.target, r.few_people
FROM programs p
JOIN program_metrics m USING (program_id)
JOIN published_results r USING (metric_id)
ORDER BY p.start_date, p.name, m.label, r.period
