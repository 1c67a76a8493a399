-- What each load read, loaded, and could not join to the boundaries.
SELECT j.source_id, s.name AS source, j.file, j.rows_read, j.rows_loaded, j.rows_unjoined, j.examples
FROM join_report j
LEFT JOIN sources s USING (source_id)
ORDER BY s.name, j.file
