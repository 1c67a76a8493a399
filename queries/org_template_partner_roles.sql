-- Template for partner_roles.csv (python -m equity ingest org): each partner's role in each program.
SELECT program_id, partner_id, role, decision_authority FROM partner_roles ORDER BY program_id, partner_id
