-- Programs with their lead partner, number of sites and the months they have reported.
SELECT p.program_id, p.name, p.kind, p.description, p.start_date, l.name AS lead_partner,
       (SELECT count(*) FROM program_sites s WHERE s.program_id = p.program_id) AS sites,
       (SELECT max(r.period) FROM program_results r JOIN program_metrics m USING (metric_id)
        WHERE m.program_id = p.program_id AND r.value IS NOT NULL) AS last_reported
FROM programs p
JOIN partners l ON l.partner_id = p.lead_partner_id
ORDER BY p.start_date, p.name
