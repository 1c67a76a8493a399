-- What each partner put into the partnership, by program (empty: the coalition as a whole) and year:
-- dollars for funding, in-kind goods and services, and space; hours for staff time.
SELECT c.contribution_id, c.partner_id, pa.name AS partner, c.program_id,
       coalesce(p.name, 'Whole coalition') AS program, c.year, c.kind, c.amount, c.description
FROM contributions c
JOIN partners pa ON pa.partner_id = c.partner_id
LEFT JOIN programs p ON p.program_id = c.program_id
ORDER BY c.year, pa.name, c.kind, c.contribution_id
