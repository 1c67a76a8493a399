-- Capacity building (equity/engagement.py): trainings and support given to community partners, by whom
-- (empty: the coalition), with participants (a small count withheld, published_trainings: NULL,
-- few_participants true) and hours.
SELECT t.training_id, t.partner_id, pa.name AS partner, pa.kind AS partner_kind, t.given_by_id,
       coalesce(g.name, 'The coalition') AS given_by, t.program_id,
       coalesce(p.name, 'Whole coalition') AS program, t.topic, t.kind, t.held_on, t.participants,
       t.few_participants, t.hours
FROM published_trainings t
JOIN partners pa ON pa.partner_id = t.partner_id
LEFT JOIN partners g ON g.partner_id = t.given_by_id
LEFT JOIN programs p ON p.program_id = t.program_id
ORDER BY t.held_on, t.training_id
