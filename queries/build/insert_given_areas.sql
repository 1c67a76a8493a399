-- The load's areas (registered as `new_areas`), where the current database has none.
INSERT INTO areas BY NAME SELECT * FROM new_areas
