-- Partnership health: pairs of partners that work on a program together (a role in it, or its lead),
-- each pair once (partner_a before partner_b), with the programs they share.
WITH members AS (
    SELECT program_id, partner_id FROM partner_roles
    UNION
    SELECT program_id, lead_partner_id AS partner_id FROM programs
)
SELECT a.partner_id AS partner_a, b.partner_id AS partner_b, count(*) AS programs,
       string_agg(p.name, '; ' ORDER BY p.name) AS program_names
FROM members a
JOIN members b ON b.program_id = a.program_id AND a.partner_id < b.partner_id
JOIN programs p ON p.program_id = a.program_id
GROUP BY a.partner_id, b.partner_id
ORDER BY a.partner_id, b.partner_id
