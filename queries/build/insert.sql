-- A frame of new rows (registered as `frame`), its columns matched to the table's by name.
INSERT INTO {table} BY NAME SELECT * FROM frame
