-- Each piece of community input with the day of the first action recorded in answer: the day the promise
-- the action makes to the community was made, where it names one, else the action's own date. Empty: no
-- action yet, still waiting (equity/voice.py counts it as waiting until the database's as_of).
SELECT i.input_id, i.topic, i.collected_on, min(coalesce(c.made_on, x.updated_on)) AS first_answer
FROM published_community_input i
LEFT JOIN actions x ON x.input_id = i.input_id
LEFT JOIN commitments c ON c.commitment_id = x.commitment_id
GROUP BY i.input_id, i.topic, i.collected_on
ORDER BY i.collected_on, i.input_id
