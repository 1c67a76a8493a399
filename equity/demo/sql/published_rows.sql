-- Rows the published_values view shows: every indicator value of the demo, its own and the nation's.
SELECT count(*) AS n FROM published_values
