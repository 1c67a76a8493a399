-- One story's slides in their order (meeting mode, equity/stories.py).
-- $story: the story_id
SELECT position, page, view, chart, title, takeaway, notes
FROM story_slides
WHERE story_id = $story
ORDER BY position
