-- The partners who took part in each stage of each program, by name (equity/engagement.py).
SELECT e.program_id, p.name AS program, e.stage, e.partner_id, pa.name AS partner
FROM engagement_partners e
JOIN programs p USING (program_id)
JOIN partners pa ON pa.partner_id = e.partner_id
ORDER BY p.start_date, p.name, e.stage, pa.name
