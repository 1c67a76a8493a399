-- Template for programs.csv (python -m equity ingest org): the programs, in the schema's columns.
SELECT program_id, name, kind, description, lead_partner_id, start_date FROM programs ORDER BY start_date, program_id
