-- Template for program_reach.csv as viewers may download it: the whole population's reach by home area
-- and year, with small counts withheld (blank) as the pages withhold them. Editors export the raw table
-- with `python -m equity export org`.
SELECT program_id, area_id, period, group_dim, group_label, people
FROM published_reach
ORDER BY program_id, period, area_id, group_dim, group_label
