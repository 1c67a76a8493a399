-- Up to two areas of one level (name, area_id): one names the region, two say it is several.
SELECT name, area_id FROM areas WHERE level = $level LIMIT 2
