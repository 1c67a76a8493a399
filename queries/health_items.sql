-- Partnership health: the instrument's items, section by section, with their scale (no ratings).
SELECT instrument, section, item_id, item_text, scale_min, scale_max
FROM survey_items
ORDER BY instrument, section, item_id
