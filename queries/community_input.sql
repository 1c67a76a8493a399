-- What people told the coalition, with the actions taken in answer (one row per input and action).
-- A small group's count is withheld (published_community_input): the page says "fewer than N".
SELECT i.input_id, i.method, i.collected_on, coalesce(a.name, 'Whole region') AS area,
       i.group_dim, i.group_label, i.topic, i.priority_rank,
       i.participants, i.few_participants, i.summary,
       x.action_id, x.description AS action, x.status AS action_status, x.updated_on,
       pa.name AS action_partner
FROM published_community_input i
LEFT JOIN areas a ON a.area_id = i.area_id
LEFT JOIN actions x ON x.input_id = i.input_id
LEFT JOIN partners pa ON pa.partner_id = x.partner_id
ORDER BY i.collected_on DESC, i.input_id, x.action_id
