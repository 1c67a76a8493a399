"""The demo's lessons learned: what Riverbend's coalition tried, what happened, and what it would do
differently, recorded by role (never by name) in the years its programs ran (fictional)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

# (lesson_id, program_id or None for the coalition as a whole, date, title, what was tried, what happened,
# what the coalition would do differently, tags, the role of who recorded it)
LESSONS = (
    ("les01", "health_ed", dt.date(2022, 10, 14), "Classes in congregations kept people coming",
     "Twelve-week blood pressure classes held in four congregations, led by members trained as class "
     "leaders.",
     "Eight in ten people who started came to the last class, far more than at the clinic's own classes. "
     "At one congregation the room was booked over prayer times, and half the class stopped coming.",
     "Plan the class calendar with each congregation's leaders before the first session, not after.",
     "faith communities; chronic disease; retention", "Health educator"),
    ("les02", "chw", dt.date(2023, 2, 20), "Enrollment in Spanish at the market doubled sign-ups",
     "Promotoras set up a table at Mercado Plaza on Saturdays to help families enroll in coverage.",
     "Twice as many families enrolled as at the office in the same months. The state's forms were in "
     "English only, so each enrollment took an hour and many families had to come back.",
     "Bring the state's Spanish forms and book the follow-up visit at the table, before the family leaves.",
     "outreach; language access; enrollment", "Community health worker supervisor"),
    ("les03", "chc", dt.date(2023, 3, 30), "A sliding fee scale no one knew about",
     "The health center has always charged by income, but said so only on its website.",
     "In focus groups, people said they stayed away because of cost. After the scale was posted at the "
     "front desk in English and Spanish, new patients without insurance rose by a third in six months.",
     "Tell people what care costs where they already are: the front desk, the bus stop, the church bulletin.",
     "cost of care; communication; you said, we did", "Clinic operations manager"),
    ("les04", "mobile_clinic", dt.date(2023, 6, 12), "Stops chosen by residents drew twice the visits",
     "The Elm County council's volunteers asked residents where the van should stop, and it moved to the "
     "grocery store parking lot on market day.",
     "Visits at the new stop were twice those at the fairgrounds, where the van had waited half-empty "
     "for a year.",
     "Ask residents before setting a schedule, and ask again each season.",
     "community engagement; transportation", "Mobile clinic coordinator"),
    ("les05", "school_health", dt.date(2023, 9, 25), "Consent forms held up the school counselor",
     "A counselor was placed in the school-based health centers after students asked for someone to talk to.",
     "Few students saw the counselor in the first semester: the consent forms went home in English only, "
     "and many came back unsigned.",
     "Send consent forms in each family's language and explain them at back-to-school night.",
     "mental health; language access; young people", "School health program manager"),
    ("les06", "mobile_clinic", dt.date(2024, 1, 29), "The winter schedule was cancelled without notice",
     "The van kept its summer schedule through the winter.",
     "Snow cancelled three stops, and people waited in the cold with no word. Visits at those stops "
     "did not recover until spring.",
     "Send text alerts when a stop is cancelled, and move winter stops indoors.",
     "communication; transportation; trust", "Mobile clinic coordinator"),
    ("les07", "telehealth", dt.date(2024, 4, 18), "Library rooms needed a person, not just a screen",
     "Private video-visit rooms were opened in libraries and a senior center.",
     "Older residents rarely used the rooms until librarians were trained to help them start a visit; "
     "then use tripled.",
     "Budget staff time for a navigator in every room from the start.",
     "telehealth; older adults; staffing", "Telehealth program lead"),
    ("les08", "chc", dt.date(2024, 8, 5), "Saturday hours filled, but the staff burned out",
     "Saturday hours were added at the Eastside Community Health Center after residents asked for them.",
     "The Saturday slots filled within weeks, but they were staffed with overtime, and two nurses left.",
     "Hire for weekend shifts instead of asking weekday staff to stay on.",
     "wait times; staffing; you said, we did", "Clinic operations manager"),
    ("les09", None, dt.date(2024, 11, 8), "A listening session with no interpreter",
     "A county-wide listening session, announced in English, was held on a weekday evening.",
     "Spanish speakers left early because there was no interpreter, and almost no Asian residents came. "
     "What was heard that night spoke for only part of the county.",
     "Have interpreters at every session, and ask the groups Asian residents trust to host one.",
     "community engagement; language access; who was heard", "Coalition coordinator"),
    ("les10", None, dt.date(2025, 3, 14), "Reporting back brought people back",
     "At a community meeting, the coalition showed what people had said and what was done about each "
     "topic, including what was still waiting.",
     "More people came to the next session than to any before, and they named new priorities rather "
     "than repeating the old ones.",
     "Report back within three months of a session, not once a year.",
     "communication; community engagement; you said, we did", "Coalition coordinator"),
)  # fmt: skip

COLUMNS = [
    "lesson_id", "program_id", "date", "title", "what_was_tried", "what_happened", "do_differently",
    "tags", "recorded_by_role",
]  # fmt: skip


def lesson_tables() -> dict[str, pd.DataFrame]:
    """The ``lessons`` table of the demo."""
    return {"lessons": pd.DataFrame(list(LESSONS), columns=COLUMNS)}
