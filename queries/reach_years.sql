-- The years a program's reach records people served in, latest first: its reach is shown for the page's
-- year where it has one, else for its latest (an organisation's reach is rarely of the public data's year).
SELECT DISTINCT period
FROM published_reach
WHERE program_id = $program AND group_dim = 'all'
ORDER BY period DESC
