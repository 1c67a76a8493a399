-- The areas a database holds: those a load's values join (the new database), and those its populations
-- may join (the current one).
SELECT area_id FROM areas
