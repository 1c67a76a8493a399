-- Group dimensions that have breakdowns (race and ethnicity, income, age, sex, ...).
SELECT DISTINCT group_dim FROM indicator_values WHERE group_dim <> 'all' ORDER BY group_dim
