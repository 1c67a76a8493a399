-- The first month each measure met its target (equity/engagement.py: a milestone the page derives): at
-- or above it where higher is better, at or below where lower is. A withheld count (published_results)
-- is never judged.
SELECT p.program_id, p.name AS program, m.metric_id, m.label, m.unit, min(r.period) AS reached_on
FROM programs p
JOIN program_metrics m USING (program_id)
JOIN published_results r USING (metric_id)
WHERE r.value IS NOT NULL AND r.target IS NOT NULL
  AND CASE WHEN m.higher_is_better THEN r.value >= r.target ELSE r.value <= r.target END
GROUP BY ALL
ORDER BY reached_on, p.name, m.label
