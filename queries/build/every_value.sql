-- Every value the new database holds, the nation's as area 'US' (equity.db.NATION_ID), as published_values
-- shows them: for working out what to withhold and checking what is plausible. Temporary: the build's
-- connection alone sees it, and the file does not keep it.
CREATE TEMP VIEW every_value AS
SELECT * FROM indicator_values
UNION ALL BY NAME
SELECT *, 'US' AS area_id FROM national_values
