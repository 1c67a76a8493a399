-- Partnership health: the self-assessment's score for each round and section, as viewers may read it
-- (published_survey_sections: respondents' section scores summed up; a section scored by too few people
-- keeps no figures). Rounds in order.
SELECT s.round_id, r.label AS round, r.opened_on, s.instrument, s.section, s.scale_min, s.scale_max,
       s.respondents, s.mean_score, s.sd_score, s.few_respondents
FROM published_survey_sections s
JOIN survey_rounds r USING (round_id)
ORDER BY r.opened_on, s.round_id, s.instrument, s.section
