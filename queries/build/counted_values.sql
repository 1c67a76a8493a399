-- The values of the indicators with counts, keyed as equity.privacy.KEY, for complementary suppression.
SELECT indicator_id, area_id, period, group_dim, group_label, numerator, denominator, flag
FROM every_value
WHERE list_contains($counted, indicator_id)
