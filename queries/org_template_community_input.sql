-- Template for community_input.csv (python -m equity ingest org): what people said, by session and group.
SELECT input_id, method, collected_on, area_id, group_dim, group_label, topic, priority_rank, participants, summary
FROM community_input
ORDER BY input_id
