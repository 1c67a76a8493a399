-- Commitments in every direction, with whether each is overdue as of $as_of (neither done nor dropped, and
-- past its due date as it stands now), who is accountable (partner empty: the coalition itself), to whom
-- (accountable_to empty reads as the partner named in to_partner_id, else the coalition), and the topics
-- of the community input that the actions it backs answer.
WITH answers AS (
    SELECT x.commitment_id, string_agg(DISTINCT i.topic, '; ' ORDER BY i.topic) AS answers
    FROM actions x
    JOIN published_community_input i USING (input_id)
    WHERE x.commitment_id IS NOT NULL
    GROUP BY x.commitment_id
)
SELECT c.commitment_id, c.partner_id, pa.name AS partner, coalesce(p.name, 'Whole coalition') AS program,
       c.description, c.owner, c.made_on, c.due_date, c.status, c.completed_on,
       coalesce(c.accountable_to, CASE WHEN c.to_partner_id IS NOT NULL THEN 'partner' ELSE 'coalition' END)
           AS accountable_to,
       c.to_partner_id, tp.name AS to_partner, a.answers,
       c.status NOT IN ('done', 'dropped') AND c.due_date < CAST($as_of AS DATE) AS overdue,
       CASE WHEN c.status NOT IN ('done', 'dropped') AND c.due_date < CAST($as_of AS DATE)
            THEN date_diff('day', c.due_date, CAST($as_of AS DATE)) END AS days_overdue
FROM commitments c
LEFT JOIN partners pa ON pa.partner_id = c.partner_id
LEFT JOIN partners tp ON tp.partner_id = c.to_partner_id
LEFT JOIN programs p ON p.program_id = c.program_id
LEFT JOIN answers a ON a.commitment_id = c.commitment_id
ORDER BY overdue DESC, days_overdue DESC NULLS LAST, c.status IN ('done', 'dropped'), c.due_date,
         c.commitment_id
