-- The current database's state shapes, in which a load of ZCTA boundaries places each ZCTA.
SELECT area_id, geometry FROM areas WHERE level = 'state' AND geometry NOT NULL
