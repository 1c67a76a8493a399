-- What people told the coalition, with the actions taken in answer (one row per input and action).
SELECT i.input_id, i.method, i.collected_on, coalesce(a.name, 'Whole region') AS area,
       i.group_dim, i.group_label, i.topic, i.priority_rank,
       -- 1 to 10 people could be recognised; say "fewer than 11" instead.
       CASE WHEN i.participants BETWEEN 1 AND 10 THEN NULL ELSE i.participants END AS participants,
       i.participants BETWEEN 1 AND 10 AS few_participants, i.summary,
       x.action_id, x.description AS action, x.status AS action_status, x.updated_on,
       pa.name AS action_partner
FROM community_input i
LEFT JOIN areas a ON a.area_id = i.area_id
LEFT JOIN actions x ON x.input_id = i.input_id
LEFT JOIN partners pa ON pa.partner_id = x.partner_id
ORDER BY i.collected_on DESC, i.input_id, x.action_id
