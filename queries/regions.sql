-- Regions a view can focus on: the nation first where more than one state is loaded (the area_regions
-- view then holds it), then the states, then their counties.
SELECT 'US' AS area_id,
       coalesce((SELECT value FROM meta WHERE key = 'nation_name'), 'United States') AS name,
       'nation' AS level,
       (SELECT sum(population) FROM areas WHERE level = 'state') AS population,
       NULL AS parent_id
WHERE EXISTS (SELECT 1 FROM area_regions WHERE region_id = 'US')
UNION ALL
SELECT * FROM (
    SELECT area_id, name, level, population, parent_id
    FROM areas
    WHERE level IN ('state', 'county')
    ORDER BY level = 'county', name
)
