-- Each indicator's measure type, which links crude values to their age-adjusted companions.
SELECT indicator_id, measure_type FROM indicators
