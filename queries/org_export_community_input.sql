-- The raw community_input table for editors (python -m equity export org), small counts included.
-- Never offered to viewers.
SELECT input_id, method, collected_on, area_id, group_dim, group_label, topic, priority_rank, participants, summary
FROM community_input
ORDER BY input_id
