-- The organisation's stories for meeting mode, in order (equity/stories.py), with how many slides each.
SELECT s.story_id, s.title, count(sl.position) AS slides
FROM stories AS s
LEFT JOIN story_slides AS sl ON sl.story_id = s.story_id
GROUP BY s.story_id, s.title
ORDER BY s.story_id
