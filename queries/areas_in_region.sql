-- The areas inside a region (its counties and their tracts), to check an area a link asks for and name it.
SELECT a.area_id, a.name, a.level, a.parent_id
FROM areas a
WHERE a.area_id IN (SELECT area_id FROM area_regions WHERE region_id = $region AND depth > 0)
ORDER BY a.level, a.name
