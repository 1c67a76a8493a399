-- Rows in one table of the new demo database, the table's name bound as $table.
SELECT count(*) AS n FROM query_table($table)
