-- Lessons learned, newest first, with the name of the program each came from (empty: the coalition as a
-- whole). No value is taken from outside: the page searches and filters the rows in Python, as text.
SELECT l.lesson_id, l.program_id, p.name AS program, l.date, l.title, l.what_was_tried, l.what_happened,
       l.do_differently, l.tags, l.recorded_by_role
FROM lessons l
LEFT JOIN programs p ON p.program_id = l.program_id
ORDER BY l.date DESC, l.lesson_id
