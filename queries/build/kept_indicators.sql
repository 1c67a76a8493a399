-- The current database's indicator catalogue, so a file can bring age groups of an indicator loaded before.
SELECT * FROM indicators
