-- What each load read (the files' rows), loaded and could not join to the boundaries (values; for a
-- boundary file, whose source has no indicators, its areas).
SELECT j.source_id, s.name AS source, j.file, j.rows_read, j.rows_loaded, j.rows_unjoined, j.examples,
       EXISTS (SELECT 1 FROM indicators i WHERE i.source_id = j.source_id) AS has_values
FROM join_report j
LEFT JOIN sources s USING (source_id)
ORDER BY s.name, j.file
