-- The levels the map can show, in the order it offers them (the most detailed first): those with areas
-- that lie in a loaded region and have a shape or a value (an area loaded from a values file alone is
-- listed, and the map says it cannot draw it). A ZCTA placed in no loaded state, or a place whose state
-- is not loaded, cannot be shown. States are a level of their own where more than one is loaded: the
-- nation's map.
WITH shown AS (
    SELECT a.level
    FROM areas a
    JOIN areas p ON p.area_id = a.parent_id
    WHERE a.level IN ('tract', 'county', 'zcta', 'custom')
      AND (a.geometry_drawn IS NOT NULL
           OR EXISTS (SELECT 1 FROM published_values v WHERE v.area_id = a.area_id))
    UNION ALL
    SELECT 'state' FROM areas WHERE level = 'state' HAVING count(*) > 1
)
SELECT level FROM shown
GROUP BY level
ORDER BY list_position(['tract', 'county', 'zcta', 'custom', 'state'], level)
