-- Fill one table of data/schema.sql from the frame the demo builder registers as demo_frame, matching
-- columns by name. {table} is the one name spliced in, and only ever one of db.TABLE_ORDER (build.py).
INSERT INTO {table} BY NAME SELECT * FROM demo_frame
