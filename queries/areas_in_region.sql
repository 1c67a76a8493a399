-- The areas inside a region (its counties and their tracts), to check an area a link asks for and name it.
SELECT a.area_id, a.name, a.level, a.parent_id
FROM areas a
LEFT JOIN areas p ON p.area_id = a.parent_id
WHERE $region IN (a.parent_id, p.parent_id)
ORDER BY a.level, a.name
