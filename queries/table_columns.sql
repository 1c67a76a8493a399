-- Every table's columns, for a load into a database an earlier version built: its tables may lack a
-- column (or a whole table) added since, which then holds no ids to check (equity/ingest/org.py).
SELECT table_name, column_name
FROM duckdb_columns()
WHERE database_name = 'db'
