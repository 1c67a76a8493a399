-- What kind of database this is: is_demo, region_name, as_of, built_at.
SELECT key, value FROM meta ORDER BY key
