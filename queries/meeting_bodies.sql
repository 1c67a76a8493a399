-- Each body that meets, with the cadence it agreed and where it meets (equity/engagement.py).
SELECT b.body_id, b.name, b.kind, b.area_id, a.name AS area, b.every_n, b.unit, b.agreed_on
FROM meeting_bodies b
LEFT JOIN areas a ON a.area_id = b.area_id
ORDER BY b.kind, b.name
