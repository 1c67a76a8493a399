-- Row counts of the main tables, for `python -m equity info` and the methods page.
SELECT 'areas' AS table_name, count(*) AS rows FROM areas
UNION ALL SELECT 'indicators', count(*) FROM indicators
UNION ALL SELECT 'indicator_values', count(*) FROM indicator_values
UNION ALL SELECT 'programs', count(*) FROM programs
UNION ALL SELECT 'program_sites', count(*) FROM program_sites
UNION ALL SELECT 'program_results', count(*) FROM program_results
UNION ALL SELECT 'partners', count(*) FROM partners
UNION ALL SELECT 'commitments', count(*) FROM commitments
UNION ALL SELECT 'commitment_changes', count(*) FROM commitment_changes
UNION ALL SELECT 'community_input', count(*) FROM community_input
UNION ALL SELECT 'actions', count(*) FROM actions
UNION ALL SELECT 'contributions', count(*) FROM contributions
UNION ALL SELECT 'stories', count(*) FROM stories
UNION ALL SELECT 'story_slides', count(*) FROM story_slides
