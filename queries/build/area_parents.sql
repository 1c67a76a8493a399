-- Which area adds up to which: only tracts to their county and counties to their state; a ZCTA or a city
-- inside a state does not, so it is no member of the state's set.
SELECT area_id, parent_id FROM areas WHERE level IN ('tract', 'county')
