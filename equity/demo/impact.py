"""The demo's impact stories (issue 11, section 1): the indicators each program aims to move, and the
dated changes programs record, so that the Programs page's "Did it work?" has something true to show.

The stories follow how the demo draws its data (equity.demo.scenario.PROGRAM_EFFECTS and METRICS):
- a clear effect: the mobile clinic aims at adults without a routine checkup, which falls a little more
  each year where it stops than elsewhere, and it started with two years of data before it;
- none: the faith communities' classes aim at high blood pressure, which the demo leaves alone;
- a limit said plainly: the telehealth rooms opened in 2020, with one year before them, so whether the
  areas moved alike before cannot be checked;
- a metric that turned the curve: the mobile clinic's blood pressure control, after a nurse began calling
  every patient with a high reading in January 2024 (its METRICS turn).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

# (program_id, indicator_id, the way it means to move it, how), in the order the page offers them.
AIMS = (
    ("mobile_clinic", "no_checkup", "lower", "Checkups at the van's regular stops in rural towns"),
    ("mobile_clinic", "hypertension", "lower", "Blood pressure screening and follow-up calls"),
    ("health_ed", "hypertension", "lower", "Blood pressure checks and classes in congregations"),
    ("health_ed", "late_prenatal_care", "lower", "Congregation nurses encourage early prenatal visits"),
    ("telehealth", "no_usual_source", "lower", "Video visits with the same clinician each time"),
    ("chw", "uninsured", "lower", "Promotores help families enroll in coverage"),
    ("chw", "no_checkup", "lower", "Promotores book and remind families of checkups"),
    ("chc", "er_visits", "lower", "Same-day appointments instead of the emergency room"),
    ("chc", "preventable_stays", "lower", None),
    ("school_health", "asthma", "lower", "Asthma action plans for students"),
)
CHANGES = (
    ("mobile_clinic", dt.date(2024, 1, 1), "A nurse now calls every patient with a high blood pressure "
     "reading within a week of the visit"),
    ("chw", dt.date(2024, 4, 1), "Enrollment help added on Saturday mornings at the Mercado Plaza table"),
    ("mobile_clinic", dt.date(2024, 9, 1), "The van's follow-up coordinator post fell vacant"),
)  # fmt: skip


def impact_tables(programs: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables program_indicators and program_changes, for the programs the demo has."""
    have = set(programs["programs"]["program_id"])
    aims = pd.DataFrame(
        [a for a in AIMS if a[0] in have], columns=["program_id", "indicator_id", "expected", "note"]
    )
    changes = pd.DataFrame(
        [c for c in CHANGES if c[0] in have], columns=["program_id", "changed_on", "description"]
    )
    return {"program_indicators": aims, "program_changes": changes}
