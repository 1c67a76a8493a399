-- The levels the map can draw, in the order it offers them: those with areas that have a shape and lie
-- in a loaded region (a ZCTA placed in no loaded state, or a place whose state is not loaded, cannot be).
SELECT a.level
FROM areas a
JOIN areas p ON p.area_id = a.parent_id
WHERE a.geometry_drawn IS NOT NULL AND a.level IN ('tract', 'county', 'zcta', 'custom')
GROUP BY a.level
ORDER BY list_position(['tract', 'county', 'zcta', 'custom'], a.level)
