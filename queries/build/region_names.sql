-- Up to two names of areas of one level: one names the region, two say it is several.
SELECT name FROM areas WHERE level = $level LIMIT 2
