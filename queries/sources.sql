-- Where the data came from.
SELECT source_id, name, publisher, vintage, url, license, file_sha256, rows, imported_at, notes
FROM sources
ORDER BY name
