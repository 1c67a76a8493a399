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
UNION ALL SELECT 'program_indicators', count(*) FROM program_indicators
UNION ALL SELECT 'program_changes', count(*) FROM program_changes
UNION ALL SELECT 'engagement_stages', count(*) FROM engagement_stages
UNION ALL SELECT 'engagement_partners', count(*) FROM engagement_partners
UNION ALL SELECT 'meeting_bodies', count(*) FROM meeting_bodies
UNION ALL SELECT 'meetings', count(*) FROM meetings
UNION ALL SELECT 'meeting_attendance', count(*) FROM meeting_attendance
UNION ALL SELECT 'trainings', count(*) FROM trainings
UNION ALL SELECT 'milestones', count(*) FROM milestones
UNION ALL SELECT 'survey_items', count(*) FROM survey_items
UNION ALL SELECT 'survey_responses', count(*) FROM survey_responses
UNION ALL SELECT 'partner_ties', count(*) FROM partner_ties
UNION ALL SELECT 'input_participants', count(*) FROM input_participants
UNION ALL SELECT 'lessons', count(*) FROM lessons
