-- The current database's areas that the load's areas (registered as `new_areas`) do not include.
INSERT INTO areas BY NAME SELECT * FROM old.areas
WHERE area_id NOT IN (SELECT area_id FROM new_areas)
