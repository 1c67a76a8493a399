-- Each commitment's history: on changed_on its due date moved or its status changed, and what it was until
-- then (was_due_date, was_status), with the reason given.
SELECT commitment_id, changed_on, was_due_date, was_status, reason
FROM commitment_changes
ORDER BY commitment_id, changed_on
