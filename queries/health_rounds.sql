-- Partnership health: each survey round, in order, with how many people rated at least one item (a count
-- from 1 to min_count - 1 withheld: respondents NULL, few_respondents true) and how many ties partners
-- reported in it. Never a person's ratings.
WITH answered AS (
    SELECT round_id, count(DISTINCT respondent_id) AS n
    FROM survey_responses
    WHERE rating IS NOT NULL
    GROUP BY round_id
), named AS (
    SELECT round_id, count(*) AS ties FROM partner_ties GROUP BY round_id
)
SELECT r.round_id, r.label, r.opened_on, r.closed_on,
       CASE WHEN is_small(a.n) THEN NULL ELSE coalesce(a.n, 0) END AS respondents,
       is_small(a.n) AS few_respondents,
       coalesce(t.ties, 0) AS ties
FROM survey_rounds r
LEFT JOIN answered a USING (round_id)
LEFT JOIN named t USING (round_id)
ORDER BY r.opened_on, r.round_id
