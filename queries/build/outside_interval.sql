-- The first value outside its own confidence interval.
SELECT indicator_id, area_id, period FROM every_value
WHERE ci_low > value OR ci_high < value
LIMIT 1
