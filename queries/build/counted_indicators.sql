-- The indicators with counts: only they can give a count away, so only theirs go through complementary
-- suppression (equity/privacy.py).
SELECT indicator_id FROM every_value GROUP BY indicator_id
HAVING count(numerator) + count(denominator) > 0
