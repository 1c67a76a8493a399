-- Every row of one table of the current database (ATTACHed as `old`), kept as it was.
INSERT INTO {table} BY NAME SELECT * FROM old.{table}
