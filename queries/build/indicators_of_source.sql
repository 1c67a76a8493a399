-- The indicators the current database holds from the source this load replaces.
SELECT indicator_id FROM old.indicators WHERE source_id = $source_id
