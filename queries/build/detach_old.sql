-- The current database, ATTACHed as `old` (equity.db.attach_read_only), is let go once its rows are copied.
DETACH old
