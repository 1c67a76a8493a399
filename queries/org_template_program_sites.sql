-- Template for program_sites.csv (python -m equity ingest org): where each program works.
SELECT site_id, program_id, name, area_id, lon, lat FROM program_sites ORDER BY program_id, site_id
