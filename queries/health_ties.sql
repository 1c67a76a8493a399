-- Partnership health: the ties partners reported in each round (who named whom as a partner it works
-- with), with the trust and value it gave where asked.
SELECT t.round_id, t.from_partner_id, f.name AS from_partner, t.to_partner_id, o.name AS to_partner,
       t.trust, t.value
FROM partner_ties t
JOIN partners f ON f.partner_id = t.from_partner_id
JOIN partners o ON o.partner_id = t.to_partner_id
ORDER BY t.round_id, f.name, o.name
