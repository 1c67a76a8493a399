-- Each area's (at $level) percent of its people in poverty, aged 17 and younger, or 65 and older, from indicators
-- that give it for the whole population ($inds: the ids equity.reach.SHARE_INDICATORS names, such as
-- CDC/ATSDR SVI's EP_POV, EP_AGE17, EP_AGE65): where no figures by group count these people, they are
-- counted as that percent of the area's population.
SELECT v.area_id, v.indicator_id, v.value
FROM published_values v
WHERE v.indicator_id = ANY($inds) AND v.period = $year AND v.group_dim = 'all'
  AND v.area_id IN (SELECT area_id FROM areas WHERE level = $level)
  AND v.area_id IN (SELECT area_id FROM area_regions WHERE region_id = $region)
ORDER BY v.indicator_id, v.area_id
