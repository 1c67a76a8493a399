-- Monthly results against targets for every metric of one program, with the question each answers.
-- A small count is withheld (published_results): value NULL, few_people true.
SELECT m.metric_id, m.label, m.unit, m.higher_is_better, m.question, r.period, r.value, r.target,
       r.few_people
FROM program_metrics m
JOIN published_results r USING (metric_id)
WHERE m.program_id = $program
ORDER BY m.label, r.period
