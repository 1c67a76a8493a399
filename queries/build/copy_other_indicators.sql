-- The current database's rows of indicators this load does not replace (indicators and their values).
INSERT INTO {table} BY NAME SELECT * FROM old.{table}
WHERE indicator_id NOT IN (SELECT unnest($replaced::VARCHAR[]))
