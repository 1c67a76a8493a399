-- Template for actions.csv (python -m equity ingest org): what was done about what people said.
SELECT action_id, input_id, partner_id, description, status, updated_on FROM actions ORDER BY action_id
