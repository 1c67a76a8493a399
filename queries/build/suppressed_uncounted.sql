-- The values of indicators without counts (a model-based estimate) that their source suppressed: all such
-- an indicator withholds.
SELECT indicator_id, area_id, period, group_dim, group_label, 'small_count' AS reason
FROM every_value
WHERE flag = 'suppressed' AND NOT list_contains($counted, indicator_id)
