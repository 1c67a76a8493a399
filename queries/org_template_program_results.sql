-- Template for program_results.csv (python -m equity ingest org): each metric's monthly value and target.
SELECT metric_id, period, value, target FROM program_results ORDER BY metric_id, period
