"""The demo's engagement story (issue 12, sections 2 and 4): who took part in each stage of each program,
the meetings the coalition held against the cadence it agreed, the capacity it built in community
partners, and the milestones it marked. Invented, as everything in the demo is.

The story a meeting can read from it: the community health workers' program and the mobile clinic had
residents at the table from the needs assessment on, while the health center and the telehealth rooms
brought them in only once running (the health center's patients in its evaluation); Elm County's
monthly community meetings stopped after the grange hall that hosted them closed for repairs in
February 2025; the Eastside Council of Elders sits on the steering committee from July 2024 (the
coalition's promise s09, kept); trainings went to the community organisations, congregations and
councils, some for groups too small to count on screen.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from equity.demo.scenario import AS_OF, PARTNER_ROLES

STAGES = ("needs_assessment", "planning", "implementation", "evaluation")
# Per program, community members who took part in each stage (None: the stage not reached or not
# recorded), and how. Counts from 1 to 10 are withheld on screen, zero reads "none".
STAGE_MEMBERS = {
    "chw": (48, 14, 31, 26),
    "mobile_clinic": (35, 16, 22, 9),
    "health_ed": (0, 8, 40, 19),
    "school_health": (26, 15, 0, None),
    "chc": (0, 0, 6, 42),
    "telehealth": (0, 0, 0, 18),
}
STAGE_HOW = {
    "needs_assessment": "Listening sessions and door-to-door surveys",
    "planning": "Residents on the design team",
    "implementation": "Residents hired or volunteering in the program",
    "evaluation": "Patient and participant interviews",
}
# When each stage began, in months from the program's start.
STAGE_OFFSET = {"needs_assessment": -10, "planning": -5, "implementation": 0, "evaluation": 24}

# Bodies that meet, and the cadence each agreed: id, name, kind, county, every, unit.
BODIES = (
    ("coalition", "Full coalition meetings", "coalition", None, 3, "months"),
    ("steering", "Steering committee", "steering", None, 1, "months"),
    ("alder_community", "Alder County community meetings", "community", "99001", 1, "months"),
    ("cedar_community", "Cedar County community meetings", "community", "99005", 2, "months"),
    ("elm_community", "Elm County community meetings", "community", "99009", 1, "months"),
)
FIRST_MEETING = dt.date(2023, 1, 1)
ELM_LAST = dt.date(2025, 2, 11)  # the grange hall closed for repairs after this meeting
STEERING_SKIPPED = (dt.date(2024, 12, 1),)  # the month the steering committee did not meet (holidays)
ELDERS_SEATED = dt.date(2024, 7, 1)  # the Eastside Council of Elders joins the steering committee
# Who comes to each body's meetings, and how often.
ATTENDS = {
    "coalition": {
        "riverbend_health": 0.95, "cedar_valley_clinics": 0.9, "alder_health_dept": 0.95,
        "elm_health_dept": 0.85, "state_health_dept": 0.6, "unidos": 0.95, "promotoras": 0.8,
        "food_bank": 0.7, "alder_city_schools": 0.65, "birch_valley_usd": 0.4, "second_street_ame": 0.85,
        "holy_family": 0.6, "cedar_foundation": 0.75, "equity_fund": 0.35, "elm_council": 0.8,
        "eastside_elders": 0.9,
    },
    "steering": {
        "riverbend_health": 0.9, "cedar_valley_clinics": 0.85, "alder_health_dept": 0.95, "unidos": 0.95,
        "cedar_foundation": 0.7, "elm_council": 0.8, "eastside_elders": 0.9,
    },
    "alder_community": {"alder_health_dept": 0.7, "unidos": 0.9, "second_street_ame": 0.8,
                        "eastside_elders": 0.85},
    "cedar_community": {"cedar_valley_clinics": 0.8, "promotoras": 0.9, "holy_family": 0.75},
    "elm_community": {"elm_health_dept": 0.9, "elm_council": 0.95, "food_bank": 0.6},
}  # fmt: skip
MEMBERS = {  # community members present: low, high
    "coalition": (2, 18),
    "steering": (0, 0),  # residents sit on it through the councils; counted as partners
    "alder_community": (12, 45),
    "cedar_community": (6, 30),
    "elm_community": (5, 25),
}
DECISIONS = (
    "Adopted the mobile clinic's new stops",
    "Agreed to report back in every county each spring",
    "Chose language access as the year's first priority",
    "Approved the evaluation plan",
    "Asked the health center to open on Saturdays",
    "Set the next listening sessions",
)

# Trainings and support given to community partners: partner, given by (None: the coalition), program,
# topic, kind, date, participants, hours.
TRAININGS = (
    ("unidos", "state_health_dept", "chw", "Medicaid enrollment rules", "training",
     dt.date(2023, 3, 14), 18, 6),
    ("promotoras", "alder_health_dept", "chw", "Community health worker core skills", "training",
     dt.date(2023, 5, 2), 24, 40),
    ("elm_council", None, None, "Reading the coalition's data dashboard", "training",
     dt.date(2023, 9, 19), 7, 3),
    ("second_street_ame", "alder_health_dept", "health_ed", "Measuring blood pressure correctly",
     "training", dt.date(2023, 10, 10), 15, 4),
    ("holy_family", "alder_health_dept", "health_ed", "Measuring blood pressure correctly", "training",
     dt.date(2023, 10, 17), 9, 4),
    ("eastside_elders", "cedar_foundation", None, "Board governance for community councils", "coaching",
     dt.date(2024, 1, 23), 6, 10),
    ("food_bank", "riverbend_health", "mobile_clinic", "Food safety at clinic stops", "training",
     dt.date(2024, 2, 8), 12, 3),
    ("unidos", "cedar_foundation", None, "Writing grant proposals", "technical_assistance",
     dt.date(2024, 3, 5), 4, 12),
    ("promotoras", "riverbend_health", "chw", "Mental health first aid", "training",
     dt.date(2024, 4, 16), 21, 8),
    ("elm_council", "elm_health_dept", "mobile_clinic", "Planning clinic stops with residents",
     "mentoring", dt.date(2024, 6, 11), 5, 9),
    ("second_street_ame", None, "health_ed", "Leading the diabetes prevention class", "training",
     dt.date(2024, 8, 27), 13, 16),
    ("eastside_elders", None, None, "Reading the coalition's data dashboard", "training",
     dt.date(2024, 9, 10), 11, 3),
    ("unidos", "alder_health_dept", "chw", "Collecting data for the evaluation", "technical_assistance",
     dt.date(2024, 11, 19), 8, 6),
    ("holy_family", "equity_fund", None, "Writing grant proposals", "technical_assistance",
     dt.date(2025, 2, 4), 3, 8),
    ("promotoras", "state_health_dept", "chw", "Medicaid renewal after the pandemic rules ended",
     "training", dt.date(2025, 4, 8), 26, 4),
    ("food_bank", None, None, "Reading the coalition's data dashboard", "training",
     dt.date(2025, 5, 13), 0, 3),  # booked, no one could come
)  # fmt: skip

# Milestones the coalition marked: date, kind, title, program, partner.
MILESTONES = (
    (dt.date(2023, 2, 15), "other", "All 16 partners signed the coalition's charter", None, None),
    (dt.date(2023, 6, 1), "funding_secured", "Three years of community health worker salaries secured",
     "chw", "equity_fund"),
    (dt.date(2023, 11, 6), "site_opened", "The Riverside Annex of the Eastside health center opened",
     "chc", "cedar_valley_clinics"),
    (dt.date(2024, 4, 22), "site_opened", "The mobile clinic's stop at the Sandy Ford fire station opened",
     "mobile_clinic", "elm_health_dept"),
    (dt.date(2024, 9, 3), "site_opened", "A telehealth room opened in the Elm County library branch",
     "telehealth", "riverbend_health"),
    (dt.date(2025, 1, 15), "funding_secured",
     "The state agreed to pay telehealth visits at the in-person rate",
     "telehealth", "state_health_dept"),
    (dt.date(2025, 5, 20), "other",
     "Residents from every county presented their priorities to the coalition",
     None, "elm_council"),
)  # fmt: skip


def _months(day: dt.date, n: int) -> dt.date:
    month = day.year * 12 + day.month - 1 + n
    return dt.date(month // 12, month % 12 + 1, min(day.day, 28))


def engagement_tables(rng: np.random.Generator, programs: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The engagement tables, drawn for the demo's ``programs`` (their start dates place the stages)."""
    return {**_stages(programs), **_meetings(rng), "trainings": _trainings(), "milestones": _milestones()}


def _stages(programs: pd.DataFrame) -> dict[str, pd.DataFrame]:
    starts = dict(zip(programs["program_id"], pd.to_datetime(programs["start_date"]).dt.date, strict=True))
    roles = {}
    for program, partner, _, authority in PARTNER_ROLES:
        roles.setdefault(program, []).append((partner, authority))
    stages, partners = [], []
    for program, counts in STAGE_MEMBERS.items():
        for stage, members in zip(STAGES, counts, strict=True):
            began = _months(starts[program], STAGE_OFFSET[stage])
            if members is None or began > AS_OF:
                continue
            stages.append((program, stage, began, members, STAGE_HOW[stage] if members else None))
            # The lead takes part in every stage; those who decide or share from planning on; advisers
            # where the community is at the table too; those kept informed only in the evaluation.
            for partner, authority in roles[program]:
                joins = (
                    authority == "decides"
                    or (authority == "shares" and stage != "needs_assessment")
                    or (authority == "advises" and members > 0)
                    or (authority == "informed" and stage == "evaluation")
                )
                if joins:
                    partners.append((program, stage, partner))
    return {
        "engagement_stages": pd.DataFrame(
            stages, columns=["program_id", "stage", "started_on", "community_members", "how"]
        ).astype({"community_members": "int32"}),
        "engagement_partners": pd.DataFrame(partners, columns=["program_id", "stage", "partner_id"]),
    }


def _meetings(rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    bodies = pd.DataFrame(BODIES, columns=["body_id", "name", "kind", "area_id", "every_n", "unit"])
    bodies["every_n"] = bodies["every_n"].astype("int32")
    bodies["agreed_on"] = FIRST_MEETING
    meetings, present = [], []
    for body, _, _, _, every, _ in BODIES:
        month = FIRST_MEETING
        while month <= AS_OF:
            held = month + dt.timedelta(days=int(rng.integers(3, 20)))
            skip = (body == "elm_community" and held > ELM_LAST) or (
                body == "steering" and month in STEERING_SKIPPED
            )
            if held <= AS_OF and not skip:
                meeting = f"{body}_{held:%Y%m%d}"
                low, high = MEMBERS[body]
                decisions = int(rng.integers(0, 4))
                meetings.append(
                    (
                        meeting,
                        body,
                        held,
                        int(rng.integers(low, high + 1)),
                        decisions,
                        DECISIONS[int(rng.integers(len(DECISIONS)))] if decisions else None,
                    )
                )
                for partner, chance in ATTENDS[body].items():
                    if partner == "eastside_elders" and body == "steering" and held < ELDERS_SEATED:
                        continue
                    if rng.random() < chance:
                        present.append((meeting, partner))
            month = _months(month, every)
    return {
        "meeting_bodies": bodies[["body_id", "name", "kind", "area_id", "every_n", "unit", "agreed_on"]],
        "meetings": pd.DataFrame(
            meetings,
            columns=["meeting_id", "body_id", "held_on", "community_members", "decisions", "decided"],
        ).astype({"community_members": "int32", "decisions": "int32"}),
        "meeting_attendance": pd.DataFrame(present, columns=["meeting_id", "partner_id"]),
    }


def _trainings() -> pd.DataFrame:
    rows = [(f"t{k:02d}", *row) for k, row in enumerate(TRAININGS, start=1)]
    columns = ["training_id", "partner_id", "given_by_id", "program_id", "topic", "kind", "held_on"]
    out = pd.DataFrame(rows, columns=[*columns, "participants", "hours"])
    return out.astype({"participants": "int32", "hours": "float64"})


def _milestones() -> pd.DataFrame:
    rows = [(f"m{k:02d}", *row) for k, row in enumerate(MILESTONES, start=1)]
    out = pd.DataFrame(
        rows, columns=["milestone_id", "reached_on", "kind", "title", "program_id", "partner_id"]
    )
    out["description"] = None
    return out
