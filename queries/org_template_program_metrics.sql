-- Template for program_metrics.csv (python -m equity ingest org): what each program counts.
SELECT metric_id, program_id, label, unit, higher_is_better FROM program_metrics ORDER BY program_id, metric_id
