"""The programs and partnerships views on small handmade frames: sentences, counts, figures; no Streamlit."""

import math
import re

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
    assert [t.name for t in dict(unset.figures)["results_visits"].data] == [
        "Result"
    ]  # no "Target" in the legend


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
        "In 2024, 40% of the people Mobile clinic served lived in the fifth of neighbourhoods with the "
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


def plain(df: pd.DataFrame) -> pd.DataFrame:
    """A table made for st.table (its cells Markdown-escaped) as it reads on screen."""
    return df.map(lambda v: re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", v) if isinstance(v, str) else v)


def _commitments() -> pd.DataFrame:
    # As the query lists them: overdue first, the longest overdue at the top.
    return pd.DataFrame(
        {
            "commitment_id": ["c1", "c2", "c3", "c4", "c5", "c6"],
            "partner_id": ["alder", "birch", "alder", "birch", "alder", None],
            "partner": ["Alder Health", "Birch Works", "Alder Health", "Birch Works", "Alder Health", None],
            "program": ["Mobile clinic", "Whole coalition", "Mobile clinic", "CHW", "CHW", "Whole coalition"],
            "description": [
                "Open a Saturday clinic",
                "Share the survey",
                "Hire a driver",
                "Train 5",
                "x",
                "Y",
            ],
            "owner": [
                "Director, Alder",
                "Chair, Birch",
                "Director, Alder",
                "Lead, Birch",
                "Nurse, Alder",
                "Chair",
            ],
            "made_on": pd.to_datetime(["2024-01-01"] * 6),
            "due_date": pd.to_datetime(
                ["2024-06-01", "2024-12-01", "2025-06-01", "2024-05-01", "2024-02-01", "2024-09-30"]
            ),
            "status": ["in_progress", "not_started", "not_started", "done", "dropped", "done"],
            "completed_on": pd.to_datetime([None, None, None, "2024-04-20", None, "2024-09-15"]),
            "accountable_to": ["coalition", "partner", "coalition", "community", "coalition", "community"],
            "to_partner_id": [None, "alder", None, None, None, None],
            "to_partner": [None, "Alder Health", None, None, None, None],
            "answers": [None, None, None, "Wait times", None, "Language access"],
            "overdue": [True, True, False, False, False, False],
            "days_overdue": [273.0, 90.0, None, None, None, None],
        }
    )


def _changes() -> pd.DataFrame:
    # c6, the coalition's promise to the community, was first due in March and moved twice.
    return pd.DataFrame(
        {
            "commitment_id": ["c6", "c6", "c6", "c6"],
            "changed_on": pd.to_datetime(["2024-02-01", "2024-03-15", "2024-06-20", "2024-09-15"]),
            "was_due_date": pd.to_datetime([None, "2024-03-31", "2024-06-30", None]),
            "was_status": ["not_started", None, None, "in_progress"],
            "reason": [None, "The printer broke", None, "Printed at last"],
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


def _pooled() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "contribution_id": ["r1", "r2", "r3", "r4"],
            "partner_id": ["alder", "birch", "birch", "alder"],
            "partner": ["Alder Health", "Birch Works", "Birch Works", "Alder Health"],
            "program_id": ["mobile", None, "mobile", "mobile"],
            "program": ["Mobile clinic", "Whole coalition", "Mobile clinic", "Mobile clinic"],
            "year": [2023, 2023, 2024, 2024],
            "kind": ["funding", "space", "staff_hours", "in_kind"],
            "amount": [100_000.0, 12_000.0, 400.0, 5_000.0],
            "description": ["Grant", "Hall", "Nurses", "Vaccines"],
        }
    )


def _view(commitments=None, changes=None, roles=None, pooled=None, **kwargs):
    return partnerships.view(
        _commitments() if commitments is None else commitments,
        _changes() if changes is None else changes,
        _roles() if roles is None else roles,
        _pooled() if pooled is None else pooled,
        as_of="2025-03-01",
        **kwargs,
    )


def test_partnerships_view_leads_with_what_is_overdue():
    v = _view()
    assert v.takeaway == (
        "2 commitments are overdue as of March 1, 2025, the longest by 273 days: “Open a Saturday clinic” "
        "(Alder Health to the coalition). Of the 5 that have fallen due, 1 was kept on time, 1 late and 1 "
        "dropped."
    )
    assert v.directions == (
        "Promises run every way: 3 from partners to the coalition, 2 to the community (1 of them the "
        "coalition's own) and 1 between partners."
    )
    assert [(label, value) for label, value, _ in v.cards] == [
        ("Overdue", "2"), ("Kept on time", "1"), ("Kept late", "1"), ("Dropped", "1"), ("Not yet due", "1")
    ]  # fmt: skip
    assert list(plain(v.overdue)["What became of it"]) == ["Overdue by 273 days", "Overdue by 90 days"]
    assert list(plain(v.overdue)["To whom"]) == ["The coalition", "Alder Health"]
    assert list(plain(v.table)["What became of it"]) == [
        "Overdue by 273 days",
        "Overdue by 90 days",
        "Dropped",
        "Kept late, by 168 days",  # c6: done in September, against the March first promised
        "Kept on time",
        "Not yet due (not started)",
    ]
    assert list(v.table.columns) == [
        "What became of it",
        "Commitment",
        "Who promised",
        "To whom",
        "Due",
        "Done on",
    ]
    row = plain(v.table).iloc[3]
    assert row["Who promised"] == "The coalition"
    assert row["To whom"] == "The community, answering what people said about Language access"
    assert row["Due"] == "Sep 30, 2024 (first due Mar 31, 2024; moved twice)"


def test_partnerships_view_with_nothing_overdue_says_so():
    done = _commitments().assign(status="done", completed_on=pd.Timestamp("2024-01-15"))
    v = _view(done)
    assert v.takeaway == (
        "No commitment is overdue as of March 1, 2025. Of the 6 that have fallen due, 6 were kept on time, "
        "0 late and 0 dropped."
    )
    assert v.overdue is None


def test_partnerships_view_stacks_each_partners_record_overdue_first():
    v = _view()
    bars = {t.name: dict(zip(t.y, t.x, strict=True)) for t in v.by_partner.data}
    assert list(bars) == ["Overdue", "Dropped", "Kept late", "Kept on time", "Not yet due"]  # stacking order
    assert bars["Overdue"] == {"Alder Health": 1, "Birch Works": 1, "The coalition": 0}
    assert list(v.by_partner.data[0].y) == ["Alder Health", "Birch Works", "The coalition"]  # overdue first
    assert v.by_partner.layout.yaxis.autorange == "reversed"  # the first at the top
    assert v.by_partner.data[0].marker.color == charts.RECORD_STYLE["overdue"][0]
    assert v.by_partner.data[1].marker.pattern.shape == "x"  # dropped is hatched: it reads in grayscale
    assert v.by_partner.layout.barmode == "stack"
    assert v.by_partner.layout.title.subtitle.text == "Source: Coalition commitment log · as of March 1, 2025"
    assert list(plain(v.partner_table)["Who promised"]) == ["Alder Health", "Birch Works", "The coalition"]
    assert list(plain(v.partner_table)["Dates moved"]) == [0, 0, 2]


def test_partnerships_view_record_by_year_quarter_and_party():
    v = _view()
    years = {t.name: dict(zip(t.x, t.y, strict=True)) for t in v.record.data}
    assert years["Overdue"] == {"2024": 2, "2025": 0}
    assert years["Kept late"] == {"2024": 1, "2025": 0}  # c6 counts in March's year, where it was first due
    assert v.record.layout.title.text == "What became of the commitments due each year"
    q = _view(by="quarter", party="coalition")
    assert [t.x for t in q.record.data][0] == ("2024 Q1",)
    assert q.record.layout.title.text == "What became of the coalition's own commitments due each quarter"
    assert "quarter it was first due" in q.record_rule
    assert _view(party="birch").record.layout.title.text.startswith("What became of Birch Works's")


def test_partnerships_view_history_opens_on_the_one_moved_most():
    v = _view()
    assert v.commitment == "c6"
    assert plain(v.history).to_dict("list") == {
        "When": ["Jan 1, 2024", "Feb 1, 2024", "Mar 15, 2024", "Jun 20, 2024", "Sep 15, 2024"],
        "What happened": [
            "Promised, due Mar 31, 2024.",
            "In progress (was not started).",
            "Due date moved from Mar 31, 2024 to Jun 30, 2024. Why: The printer broke.",
            "Due date moved from Jun 30, 2024 to Sep 30, 2024.",
            "Kept, 168 days after the date first promised. Note: Printed at last.",
        ],
    }
    assert plain(_view(commitment="c1").history)["What happened"].iloc[-1] == "Overdue by 273 days."


def test_partnerships_view_roles_grid_or_a_sentence_without_roles():
    v = _view()
    assert v.no_roles is None
    assert list(v.roles.data[0].x) == ["Mobile<br>clinic on<br>wheels<br>today"]  # long names wrap
    assert v.roles.data[0].text[0][0] == "Decides" and v.roles.data[0].customdata[1][0] == "Advises"
    empty = _view(roles=_roles().iloc[0:0])
    assert empty.roles is None and empty.no_roles == text.NO_ROLES


def test_partnerships_view_without_commitments_or_contributions_says_what_to_load():
    v = _view(commitments=_commitments().iloc[0:0], changes=_changes().iloc[0:0], pooled=_pooled().iloc[0:0])
    assert v.no_commitments == text.NO_COMMITMENTS and "commitments.csv" in v.no_commitments
    assert v.takeaway is None and v.record is None and v.cards == []
    assert v.pooled is None and "contributions.csv" in v.no_pooled


def test_resources_pooled_add_up_dollars_and_keep_hours_apart():
    p = _view().pooled
    assert p.takeaway == (
        "In 2023–2024, 2 partners put in $117,000 ($100,000 of funding, $5,000 of goods and services in kind "
        "and $12,000 of space) and 400 hours of staff time; Alder Health gave the most in dollars ($105,000)."
    )
    assert plain(p.by_partner).to_dict("list") == {
        "Partner": ["Alder Health", "Birch Works"],
        "Funding": ["$100,000", "—"],
        "In-kind goods and services": ["$5,000", "—"],
        "Space (value of the rent saved)": ["—", "$12,000"],
        "All in dollars": ["$105,000", "$12,000"],
        "Staff hours": ["—", "400 hours"],
    }
    bars = {t.name: list(t.y) for t in p.figure.data}
    assert bars == {"Funding": [100_000.0, 0.0], "In-kind goods and services": [0.0, 5_000.0],
                    "Space (value of the rent saved)": [12_000.0, 0.0]}  # fmt: skip
    assert list(plain(p.by_program)["Program"]) == ["Mobile clinic", "Whole coalition"]


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
