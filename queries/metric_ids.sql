-- Every program measure's id: the programs page draws a chart per measure, results_<metric_id>, and a
-- chart's link names it (state.PAGE_CHARTS).
SELECT metric_id FROM program_metrics ORDER BY metric_id
