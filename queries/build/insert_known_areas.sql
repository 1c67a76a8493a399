-- A frame of new values (registered as `frame`): those of areas the new database holds.
-- Filtered here rather than in pandas: a copy of a national batch costs hundreds of MB.
INSERT INTO {table} BY NAME SELECT * FROM frame SEMI JOIN areas USING (area_id)
