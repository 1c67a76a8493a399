-- The distinct ids one column holds ($column of $table), for a load that checks references against the
-- rows it keeps (equity/ingest/org.py, with names equity.schema read from data/schema.sql). Only a column
-- whose name ends in _id can be read: never a count, a value or anyone's words.
SELECT DISTINCT COLUMNS(c -> c = $column AND c LIKE '%\_id' ESCAPE '\') AS id
FROM query_table($table)
WHERE COLUMNS(c -> c = $column) IS NOT NULL
