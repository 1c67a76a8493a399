-- The rows of one table of the new database (any of db.TABLE_ORDER), for the load report.
SELECT count(*) FROM {table}
