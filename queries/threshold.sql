-- The small-count threshold the database was built with: counts from 1 to min_count - 1 are withheld.
SELECT min_count() AS min_count
