-- The milestones the coalition marked (equity/engagement.py), with their program's and partner's names.
SELECT m.milestone_id, m.reached_on, m.kind, m.title, m.program_id, p.name AS program, m.partner_id,
       pa.name AS partner, m.description
FROM milestones m
LEFT JOIN programs p ON p.program_id = m.program_id
LEFT JOIN partners pa ON pa.partner_id = m.partner_id
ORDER BY m.reached_on, m.milestone_id
