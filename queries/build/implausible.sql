-- The first value of an indicator of one unit outside what that unit allows.
SELECT v.indicator_id, v.area_id, v.period, v.value
FROM every_value v
JOIN indicators i USING (indicator_id)
WHERE i.unit = $unit AND (v.value < $low OR v.value > $high)
LIMIT 1
