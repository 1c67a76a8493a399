"""The demo's stored story for meeting mode: a community meeting's five slides, with speaker notes."""

from __future__ import annotations

import pandas as pd

STORY_ID = "spring_meeting"
STORY_TITLE = "Spring community meeting: insurance, need and what we are doing"
# (page, view, chart, title, takeaway or None for the chart's own, notes)
SLIDES = (
    ("disparities", "ind=uninsured&group=race_ethnicity", "groups", "Who goes without health insurance", None,
     "Start here: the gap between groups. Point out the intervals, and that the best-off group is the "
     "comparison. Ask: does this match what you see?"),
    ("map", "ind=uninsured&level=tract", "map", "Where people go without insurance", None,
     "The darkest neighbourhoods fare worst. Dots are program sites. Ask the room which neighbourhoods they "
     "would visit first."),
    ("disparities", "ind=uninsured&group=income", "trend", "Is the gap closing?", None,
     "The gap between income groups over the years. A narrowing line is progress; say what changed."),
    ("programs", "program=chc", "results_chc_a1c", "Diabetes care at the Eastside clinic", None,
     "The clinic's measure of whether patients are better off, month by month, against its target."),
    ("community", None, "topics", "What you told us", None,
     "What residents raised most often. The Community voice page lists what was done about each."),
)  # fmt: skip


def story_tables() -> dict[str, pd.DataFrame]:
    """The stories and story_slides tables of the demo."""
    stories = pd.DataFrame({"story_id": [STORY_ID], "title": [STORY_TITLE]})
    slides = pd.DataFrame(
        [(STORY_ID, k, *row) for k, row in enumerate(SLIDES, start=1)],
        columns=["story_id", "position", "page", "view", "chart", "title", "takeaway", "notes"],
    )
    return {"stories": stories, "story_slides": slides.astype({"takeaway": "string"})}
