-- The meetings record (equity/engagement.py): each meeting with its body, the partners present, the
-- community members present (a small count withheld, published_meetings: NULL, few_members true) and the
-- decisions taken. Newest first.
SELECT m.meeting_id, m.body_id, b.name AS body, b.kind, m.held_on, m.community_members, m.few_members,
       (SELECT count(*) FROM meeting_attendance x WHERE x.meeting_id = m.meeting_id) AS partners_present,
       m.decisions, m.decided
FROM published_meetings m
JOIN meeting_bodies b USING (body_id)
ORDER BY m.held_on DESC, b.name, m.meeting_id
