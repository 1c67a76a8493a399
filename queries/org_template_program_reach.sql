-- Template for program_reach.csv (python -m equity ingest org): people served by home area, group and year.
SELECT program_id, area_id, period, group_dim, group_label, people
FROM program_reach
ORDER BY program_id, period, area_id, group_dim, group_label
