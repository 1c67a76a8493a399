-- Which partners were present at which meeting, with the meeting's body and date (equity/engagement.py).
SELECT x.meeting_id, m.body_id, m.held_on, x.partner_id, pa.name AS partner
FROM meeting_attendance x
JOIN meetings m USING (meeting_id)
JOIN partners pa ON pa.partner_id = x.partner_id
ORDER BY m.held_on, x.meeting_id, pa.name
