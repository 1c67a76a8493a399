-- Partnership health: every partner, the network's nodes (a partner with no ties is on its edge).
SELECT partner_id, name, kind
FROM partners
ORDER BY name, partner_id
