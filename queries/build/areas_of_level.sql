-- How many areas of one level the new database holds.
SELECT count(*) FROM areas WHERE level = $level
