-- Years with indicator values, ascending.
SELECT DISTINCT period AS year FROM indicator_values ORDER BY year
