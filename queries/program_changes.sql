-- The dated changes one program records, latest first: its monthly results are compared before and after.
SELECT changed_on, description
FROM program_changes
WHERE program_id = $program
ORDER BY changed_on DESC
