-- Template for community_input.csv as viewers may download it: what people said, by session and group,
-- with the number of participants blank where it is small. Editors export the raw table with
-- `python -m equity export org`.
SELECT input_id, method, collected_on, area_id, group_dim, group_label, topic, priority_rank, participants,
       summary
FROM published_community_input
ORDER BY input_id
