-- Template for commitments.csv (python -m equity ingest org): what partners promised and where it stands.
SELECT commitment_id, partner_id, program_id, description, owner, made_on, due_date, status, completed_on
FROM commitments
ORDER BY commitment_id
