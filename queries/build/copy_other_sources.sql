-- The current database's rows of other sources than the one this load replaces (sources, join_report).
INSERT INTO {table} BY NAME SELECT * FROM old.{table} WHERE source_id <> $source_id
