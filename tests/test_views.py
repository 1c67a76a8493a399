"""The programs and partnerships views on small handmade frames: sentences, counts, figures; no Streamlit."""

import math

import pandas as pd
import pytest

from equity import charts, metrics, text
from equity.views import partnerships, programs

# ---- the one "met its target" rule ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "target", "higher_is_better", "expected"),
    [
        (85.0, 80.0, True, True),  # above, higher is better
        (75.0, 80.0, True, False),  # below, higher is better
        (80.0, 80.0, True, True),  # equal to the target meets it
        (12.0, 15.0, False, True),  # below, lower is better
        (18.0, 15.0, False, False),  # above, lower is better
        (15.0, 15.0, False, True),  # equal to the target meets it, either way
        (None, 80.0, True, None),  # not reported: not known
        (math.nan, 80.0, False, None),
        (85.0, math.nan, True, None),  # no target set: not known
        (pd.NA, 80.0, True, None),
    ],
)
def test_met_target(value, target, higher_is_better, expected):
    assert metrics.met_target(value, target, higher_is_better) is expected


@pytest.mark.parametrize(
    ("value", "target", "higher_is_better", "withheld", "expected"),
    [
        (85.0, 80.0, True, False, "met"),
        (75.0, 80.0, True, False, "missed"),
        (12.0, 15.0, False, False, "met"),
        (18.0, 15.0, False, False, "missed"),
        (85.0, None, True, False, "no_target"),  # a result and no target: never a miss
        (85.0, math.nan, False, False, "no_target"),
        (None, 80.0, True, False, "not_reported"),
        (None, None, True, False, "not_reported"),
        (None, 80.0, True, True, "withheld"),  # too few to show: not judged either way
        (None, None, True, True, "withheld"),
    ],
)
def test_target_status(value, target, higher_is_better, withheld, expected):
    assert metrics.target_status(value, target, higher_is_better, withheld) == expected


# ---- programs ---------------------------------------------------------------------------------------


def _programs() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "program_id": ["mobile", "chw"],
            "name": ["Mobile clinic", "Health workers"],
            "description": ["A van that visits.", "Neighbours helping neighbours."],
            "lead_partner": ["Alder Health", "Birch Works"],
            "start_date": pd.to_datetime(["2022-03-01", "2021-01-01"]),
            "sites": [1, 4],
            "last_reported": pd.to_datetime(["2024-12-01", "2024-11-01"]),
        }
    )


def _results() -> pd.DataFrame:
    months = ["2024-10-01", "2024-11-01", "2024-12-01"]
    return pd.DataFrame(
        {
            "metric_id": ["visits"] * 3 + ["wait"] * 3 + ["screened"] * 3,
            "label": ["Visits"] * 3 + ["Days waited"] * 3 + ["Adults screened"] * 3,
            "unit": ["count"] * 3 + ["count"] * 3 + ["percent"] * 3,
            "higher_is_better": [True] * 3 + [False] * 3 + [True] * 3,
            "period": [pd.Timestamp(m).date() for m in months * 3],
            # visits: missed in Nov, met in Dec; wait: lower is better, missed (9 > 7) in Dec;
            # screened: Dec not reported, so its latest result is November's, which equals the target.
            "value": [120.0, 90.0, 130.0, 6.0, 7.0, 9.0, 70.0, 80.0, None],
            "target": [100.0, 100.0, 100.0, 7.0, 7.0, 7.0, 80.0, 80.0, 80.0],
        }
    )


def _reach() -> pd.DataFrame:
    # Need 10..80: the top quarter is the two neediest tracts (70, 80), home to 200 of 800 people.
    return pd.DataFrame(
        {
            "area_id": [f"t{i}" for i in range(8)],
            "name": [f"Tract {i}" for i in range(8)],
            "population": [100] * 8,
            "people": [0, 10, 0, 20, 0, 30, None, 40],
            "few_people": [False] * 6 + [True, False],
            "need": [10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0],
            "need_flag": [None] * 8,
        }
    )


# The indicator, year and place the programs page was asked for.
ASKED = dict(
    ind_label="Adults without insurance",
    ind_unit="percent",
    measure_type="crude",
    higher_is_worse=True,
    year=2024,
    place="Alder County",
    source="Census ACS",
    min_count=11,
)


def _programs_view(reach=None, programs_=None, results=None, **kw):
    results = _results() if results is None else results
    return programs.view(
        _programs() if programs_ is None else programs_,
        "mobile",
        results,
        _reach() if reach is None else reach,
        all_results=results.assign(program_id="mobile"),
        **ASKED | kw,
    )


def test_programs_view_counts_met_targets_by_the_one_rule():
    v = _programs_view()
    assert (v.met, v.measures) == (2, 3)  # visits met, waiting missed, screening met (equal to target)
    assert v.takeaway == (
        "In their latest reports (to December 2024), 2 of 3 measures of Mobile clinic with a target met it."
    )
    rows = pd.concat([s.table for s in v.sections if s.table is not None]).set_index("Measure")
    assert rows.loc["Visits", ["Latest", "On track?"]].tolist() == [
        "130 (Dec 2024)",
        "On track: met its target (100 or more)",
    ]
    assert rows.loc["Days waited", ["Latest", "On track?"]].tolist() == [
        "9 (Dec 2024)",
        "Off track: missed its target (7 or less)",
    ]
    assert rows.loc["Adults screened", ["Latest", "On track?"]].tolist() == [
        "80.0% (Nov 2024)",
        "On track: met its target (80.0% or more)",
    ]
    # No measure says which question it answers (the frame has no question column, as an older file).
    assert [s.heading for s in v.sections][-1] == "Which question? Not yet said"


def test_programs_view_charts_each_measure_with_missed_months_marked():
    v = _programs_view()
    # In the scorecard's order: by question (none said here), then by label.
    assert [key for key, _ in v.figures] == ["results_screened", "results_wait", "results_visits"]
    asked = _results().assign(question=["how_much"] * 3 + ["how_well"] * 3 + ["how_much"] * 3)
    ordered = _programs_view(results=asked)
    assert [key for key, _ in ordered.figures] == ["results_wait", "results_screened", "results_visits"]
    assert [(s.heading, s.empty) for s in ordered.sections] == [
        ("Is anyone better off?", "No measure answers this yet."),
        ("How well did we do it?", None),
        ("How much did we do?", None),
    ]
    fig = dict(v.figures)["results_visits"]
    target, result = fig.data
    assert (target.name, result.name) == ("Target", "Result")
    assert list(result.marker.symbol) == ["circle", "x", "circle"]
    assert list(result.marker.color) == [charts.GOOD, charts.BAD, charts.GOOD]
    wait = dict(v.figures)["results_wait"]
    assert wait.layout.title.text == "Days waited (lower is better)"
    assert list(wait.data[1].marker.symbol) == ["circle", "circle", "x"]
    assert "Alder Health monthly reports · Oct 2024–Dec 2024" in wait.layout.title.subtitle.text


def test_a_month_with_no_target_reads_no_target_set_and_is_never_a_miss():
    results = _results()
    results.loc[results["metric_id"] == "visits", "target"] = [100.0, math.nan, math.nan]
    v = _programs_view(results=results)
    assert (v.met, v.measures) == (1, 3)
    assert v.takeaway == (
        "In their latest reports (to December 2024), 1 of 2 measures of Mobile clinic with a target met it; "
        "1 has no target set."
    )
    visits = next(s.table for s in v.sections if s.table is not None and "Visits" in set(s.table["Measure"]))
    assert visits.set_index("Measure").loc["Visits", "On track?"] == "No target set"
    fig = dict(v.figures)["results_visits"]
    assert list(fig.data[1].marker.symbol) == ["circle", "circle-open", "circle-open"]  # not an x
    assert list(fig.data[1].marker.color) == [charts.GOOD, charts.MUTED, charts.MUTED]
    assert "○ = no target set" in fig.layout.title.subtitle.text
    assert "○" not in dict(v.figures)["results_wait"].layout.title.subtitle.text  # only where there are any
    unset = _programs_view(results=_results().assign(target=math.nan))
    marks = dict(unset.figures)["results_visits"].layout.title.subtitle.text
    assert "○ = no target set; gaps = not reported" in marks and "✕" not in marks  # nothing was missed


def test_with_no_target_anywhere_nothing_is_counted_missed():
    v = _programs_view(results=_results().assign(target=math.nan))
    assert v.met == 0
    assert (
        v.takeaway
        == "In their latest reports (to December 2024), no measure of Mobile clinic has a target set."
    )


def test_programs_view_says_whether_reach_follows_need():
    v = _programs_view()
    # 40 of the 100 people shown as served live in the two neediest tracts (the withheld count is left out).
    assert v.reach_takeaway == (
        "In 2024, 40% of the people Mobile clinic served lived in the quarter of neighbourhoods with the "
        "most adults without insurance, where 25% of people live."
    )
    assert v.no_reach is None
    (dots,) = v.reach_figure.data
    assert list(dots.y) == [0, 10, 0, 20, 0, 30, 0, 40]  # the withheld count is drawn at zero ...
    assert dots.marker.symbol[6] == "diamond-open" and dots.marker.color[6] == charts.BAD  # ... marked
    assert set(dots.marker.symbol[:6]) == {"circle"}
    assert v.reach_figure.layout.xaxis.title.text == "Adults without insurance (percent, crude)"
    assert "◇ = 1 to 10 people served, not shown" in v.reach_figure.layout.title.subtitle.text
    assert "Source: Alder Health and Census ACS · 2024" in v.reach_figure.layout.title.subtitle.text


def test_programs_view_with_no_one_served_says_so_instead_of_a_chart():
    v = _programs_view(reach=_reach().assign(people=0), year=2020)
    assert v.reach_figure is None and v.reach_takeaway is None
    assert v.no_reach == "Mobile clinic reported no people served in Alder County in 2020."


def test_programs_view_intro_escapes_names_from_data():
    odd = _programs().assign(name=["[Mobile](http://x)", "b"])
    v = _programs_view(programs_=odd)
    assert "[Mobile](" not in v.intro and "\\[Mobile\\]" in v.intro
    assert v.intro.endswith("Led by **Alder Health** since March 2022; 1 site.")
    assert list(v.table.columns) == ["Program", "Lead partner", "Started", "Sites", "Last report"]


def test_programs_view_leaves_the_query_results_as_they_were():
    results = _results()
    _programs_view(results=results)
    assert not pd.api.types.is_datetime64_any_dtype(results["period"])


# ---- partnerships -----------------------------------------------------------------------------------


def _commitments() -> pd.DataFrame:
    # As the query lists them: overdue first, the longest overdue at the top.
    return pd.DataFrame(
        {
            "commitment_id": ["c1", "c2", "c3", "c4", "c5"],
            "partner": ["Alder Health", "Birch Works", "Alder Health", "Birch Works", "Alder Health"],
            "program": ["Mobile clinic", "Whole coalition", "Mobile clinic", "CHW", "CHW"],
            "description": ["Open a Saturday clinic", "Share the survey", "Hire a driver", "Train 5", "x"],
            "owner": ["Ana", "Ben", "Ana", "Cy", "Di"],
            "made_on": pd.to_datetime(["2024-01-01"] * 5),
            "due_date": pd.to_datetime(
                ["2024-06-01", "2024-12-01", "2025-06-01", "2024-05-01", "2024-02-01"]
            ),
            "status": ["in_progress", "not_started", "not_started", "done", "dropped"],
            "completed_on": pd.to_datetime([None, None, None, "2024-04-20", None]),
            "overdue": [True, True, False, False, False],
            "days_overdue": [273.0, 90.0, None, None, None],
        }
    )


def _roles() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "partner": ["Alder Health", "Birch Works"],
            "program": ["Mobile clinic on wheels today", "Mobile clinic on wheels today"],
            "role": ["lead", "partner"],
            "decision_authority": ["decides", "advises"],
        }
    )


def test_partnerships_view_takeaway_names_the_longest_overdue():
    v = partnerships.view(_commitments(), _roles(), as_of="2025-03-01")
    assert v.takeaway == (
        "1 of 5 commitments are done; 2 are overdue as of March 1, 2025, the longest by 273 days: "
        "“Open a Saturday clinic” (Alder Health)."
    )
    assert v.counts == [("Done", 1), ("Overdue", 2), ("On the way, not yet due", 1), ("Dropped", 1)]
    assert list(v.table["State"]) == [
        "Overdue by 273 days",
        "Overdue by 90 days",
        "Not started",
        "Done",
        "Dropped",
    ]
    assert list(v.table.columns) == ["State", "Commitment", "Partner", "Program", "Owner", "Due", "Completed"]


def test_partnerships_view_with_nothing_overdue_names_none():
    done = _commitments().assign(overdue=False, days_overdue=None, status="done")
    v = partnerships.view(done, _roles(), as_of="2025-03-01")
    assert v.takeaway == "5 of 5 commitments are done; 0 are overdue as of March 1, 2025."


def test_partnerships_view_stacks_each_partners_commitments_by_state():
    v = partnerships.view(_commitments(), _roles(), as_of="2025-03-01")
    bars = {t.name: dict(zip(t.y, t.x, strict=True)) for t in v.by_partner.data}
    assert list(bars) == ["Overdue", "Not started", "Done", "Dropped"]  # stacking order; none in progress
    assert bars["Overdue"] == {"Alder Health": 1, "Birch Works": 1}
    assert bars["Not started"] == {"Alder Health": 1, "Birch Works": 0}
    assert v.by_partner.data[0].marker.color == charts.BAD
    assert v.by_partner.layout.barmode == "stack"
    assert v.by_partner.layout.title.subtitle.text == "Source: Coalition commitment log · as of March 1, 2025"


def test_partnerships_view_roles_grid_or_a_sentence_without_roles():
    v = partnerships.view(_commitments(), _roles(), as_of="2025-03-01")
    assert v.no_roles is None
    assert list(v.roles.data[0].x) == ["Mobile<br>clinic<br>on wheels today"]  # long names wrap
    empty = partnerships.view(_commitments(), _roles().iloc[0:0], as_of="2025-03-01")
    assert empty.roles is None and empty.no_roles == text.NO_ROLES


def test_the_programs_table_shows_dates_without_a_time():
    import datetime as dt

    programs_module = programs
    listed = pd.DataFrame(
        {
            "name": ["Vans"],
            "lead_partner": ["Clinic"],
            "start_date": [pd.Timestamp("2020-03-01")],
            "sites": [3],
            "last_reported": [pd.Timestamp("2025-06-01")],
        }
    )
    table = programs_module.program_table(listed)
    assert table["Started"].tolist() == [dt.date(2020, 3, 1)]
    assert table["Last report"].tolist() == [dt.date(2025, 6, 1)]
