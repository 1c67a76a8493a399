-- Regions a view can focus on: the whole state first, then its counties.
SELECT area_id, name, level, population, parent_id
FROM areas
WHERE level IN ('state', 'county')
ORDER BY level = 'county', name
