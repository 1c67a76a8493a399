-- Commitments partners made, with whether each is overdue as of the database's as-of date.
SELECT c.commitment_id, pa.name AS partner, coalesce(p.name, 'Whole coalition') AS program,
       c.description, c.owner, c.made_on, c.due_date, c.status, c.completed_on,
       c.status NOT IN ('done', 'dropped') AND c.due_date < CAST($as_of AS DATE) AS overdue,
       CASE WHEN c.status NOT IN ('done', 'dropped') AND c.due_date < CAST($as_of AS DATE)
            THEN date_diff('day', c.due_date, CAST($as_of AS DATE)) END AS days_overdue
FROM commitments c
JOIN partners pa USING (partner_id)
LEFT JOIN programs p USING (program_id)
ORDER BY overdue DESC, days_overdue DESC NULLS LAST, c.status IN ('done', 'dropped'), c.due_date
