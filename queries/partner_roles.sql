-- Who does what in each program, and how much say they have in its decisions.
SELECT p.name AS program, pa.name AS partner, pa.kind AS partner_kind, r.role, r.decision_authority
FROM partner_roles r
JOIN programs p USING (program_id)
JOIN partners pa USING (partner_id)
ORDER BY p.name, pa.name
