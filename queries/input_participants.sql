-- Who took part in each piece of community input, by group, as viewers may see it: a small group, and
-- what would give it away, withheld (published_input_participants: participants NULL, few_participants).
SELECT input_id, group_dim, group_label, participants, few_participants
FROM published_input_participants
ORDER BY input_id, group_dim, group_label
