-- Template for partners.csv (python -m equity ingest org): the partners, in the schema's columns.
SELECT partner_id, name, kind FROM partners ORDER BY partner_id
