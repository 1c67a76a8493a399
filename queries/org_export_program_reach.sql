-- The raw program_reach table for editors (python -m equity export org): people served by home area,
-- group and year, small counts included. Never offered to viewers.
SELECT program_id, area_id, period, group_dim, group_label, people
FROM program_reach
ORDER BY program_id, period, area_id, group_dim, group_label
