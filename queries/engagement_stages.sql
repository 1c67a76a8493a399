-- Who took part in each stage of each program (equity/engagement.py): every program, with each stage
-- recorded for it (none: a row with stage NULL), community members as a count with a small count withheld
-- (published_engagement_stages: community_members NULL, few_members true), and how many partners took part.
SELECT p.program_id, p.name AS program, p.start_date, s.stage, s.started_on, s.community_members,
       s.few_members, s.how,
       (SELECT count(*) FROM engagement_partners e
        WHERE e.program_id = s.program_id AND e.stage = s.stage) AS partners
FROM programs p
LEFT JOIN published_engagement_stages s USING (program_id)
ORDER BY p.start_date, p.name, s.stage
