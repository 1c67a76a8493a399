"""Excess cases (equity/excess.py): hand-computed on small tables, zero where every group shares one rate,
the unstable reference, and the Disparities page's section on the demo, without counts and with hostile
URL values."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from equity import excess, text_where
from tests.test_pages import run_page, texts
from tests.wherenext_db import build_small


@pytest.fixture(scope="module")
def no_counts_db(tmp_path_factory):
    return build_small(tmp_path_factory.mktemp("nocounts") / "equity.duckdb")


NAN = float("nan")


def units(rows, flags=None):
    """Groups from (label, cases, people) with no published interval (so the Poisson one is used)."""
    df = pd.DataFrame(rows, columns=["label", "numerator", "denominator"])
    df["value"] = 100 * df["numerator"] / df["denominator"]
    df["ci_low"] = df["ci_high"] = NAN
    df["flag"] = flags or [None] * len(df)
    return df


def test_excess_cases_worked_by_hand():
    # A 100 of 1,000 (10%), B 50 of 1,000 (5%, the best), C 30 of 200 (15%).
    # A: (0.10 - 0.05) x 1,000 = 50; C: (0.15 - 0.05) x 200 = 20; total 70 of 180 cases counted.
    e = excess.excess_cases(units([("A", 100, 1000), ("B", 50, 1000), ("C", 30, 200)]), higher_is_worse=True)
    assert e.status == "ok"
    assert e.reference["label"] == "B" and e.reference["rate"] == pytest.approx(0.05)
    by = e.by_unit.set_index("label")
    assert by.loc["A", "excess"] == pytest.approx(50)
    assert by.loc["C", "excess"] == pytest.approx(20)
    assert by.loc["B", "excess"] == 0 and by.loc["B", "is_reference"]
    assert e.total[0] == pytest.approx(70)
    assert e.share == pytest.approx(70 / 180)
    # A's delta-method interval: SE_A = sqrt(100)/1000 = 0.01, SE_B = sqrt(50)/1000; half-width
    # 1.959964 x 1000 x sqrt(0.01^2 + 0.00005) = 24.0.
    half = 1.959964 * 1000 * math.sqrt(0.01**2 + 50 / 1000**2)
    assert by.loc["A", "excess_low"] == pytest.approx(50 - half, abs=0.01)
    assert by.loc["A", "excess_high"] == pytest.approx(50 + half, abs=0.01)
    low, est, high = e.total[1], e.total[0], e.total[2]
    assert low <= est <= high and low > 30 and high < 110  # about 70 ± 2 x 22, by simulation


def test_the_published_interval_gives_the_standard_error():
    # 10% of 1,000 with a published 95% interval of 8 to 12 points: SE 0.02/1.96 per person, not Poisson.
    df = units([("A", 100, 1000), ("B", 50, 1000)])
    df.loc[0, ["ci_low", "ci_high"]] = [8.0, 12.0]
    counted, _ = excess.counted(df)
    assert counted.set_index("label").loc["A", "se"] == pytest.approx(0.04 / (2 * 1.959964), rel=1e-4)
    assert counted.set_index("label").loc["B", "se"] == pytest.approx(math.sqrt(50) / 1000)


@given(
    st.floats(min_value=0.01, max_value=0.5),
    st.lists(st.integers(min_value=50, max_value=100_000), min_size=2, max_size=8),
)
def test_no_excess_when_every_group_shares_one_rate(rate, people):
    # Cases = rate x people exactly, so every group's rate is the same.
    rows = [(f"G{j}", rate * n, n) for j, n in enumerate(people)]
    e = excess.excess_cases(units(rows), higher_is_worse=True)
    if e.status == "no_stable":  # every group too small to be a reference: no estimate at all
        return
    assert e.status == "ok"
    assert e.total[0] == pytest.approx(0, abs=1e-6)
    assert (e.by_unit["excess"].abs() < 1e-6).all()
    assert e.total[1] <= 0 + 1e-9 <= e.total[2] + 1e-9


@given(st.lists(st.tuples(st.integers(0, 5_000), st.integers(100, 50_000)), min_size=2, max_size=8))
def test_excess_is_never_negative_and_the_reference_is_stable(rows):
    rows = [(f"G{j}", min(c, n), n) for j, (c, n) in enumerate(rows)]
    e = excess.excess_cases(units(rows), higher_is_worse=True)
    if e.status != "ok":
        return
    assert (e.by_unit["excess"] >= 0).all() and e.total[0] >= 0
    assert e.reference["cases"] >= excess.MIN_REFERENCE_CASES
    assert e.total[1] <= e.total[0] <= e.total[2]


def test_an_unstable_best_group_is_passed_over_and_named():
    # The best, D, has 3 cases of 1,000 (0.3%): too few to be stable. B (5%) is the best stable rate.
    e = excess.excess_cases(units([("A", 100, 1000), ("B", 50, 1000), ("D", 3, 1000)]), higher_is_worse=True)
    assert e.status == "ok"
    assert e.unstable_best["label"] == "D" and e.reference["label"] == "B"
    by = e.by_unit.set_index("label")
    assert by.loc["D", "excess"] == 0  # better than the reference: left as it is
    assert e.total[0] == pytest.approx(50)
    words = text_where.unstable_best(e, "race_ethnicity", "percent")
    assert "D residents" in words and "3 cases, too few to be stable" in words and "B residents" in words


def test_a_group_flagged_unreliable_is_not_a_reference():
    e = excess.excess_cases(
        units([("A", 100, 1000), ("B", 50, 1000)], flags=[None, "unreliable"]), higher_is_worse=True
    )
    assert e.reference["label"] == "A" and e.unstable_best["label"] == "B"


def test_no_stable_group_means_no_estimate():
    e = excess.excess_cases(units([("A", 12, 100), ("B", 5, 100)]), higher_is_worse=True)
    assert e.status == "no_stable" and e.total is None
    assert "not estimated" in text_where.no_excess(e, "Uninsured", "race_ethnicity")


def test_withheld_groups_are_left_out_by_name_and_nothing_is_derived_from_them():
    df = units([("A", 100, 1000), ("B", 50, 1000), ("C", 30, 200)])
    df.loc[2, ["numerator", "denominator", "value"]] = [None, None, None]
    df.loc[2, "flag"] = "suppressed"
    e = excess.excess_cases(df, higher_is_worse=True)
    assert e.left_out == ["C"] and set(e.by_unit["label"]) == {"A", "B"}
    assert e.total[0] == pytest.approx(50)


def test_groups_that_overlap_are_not_added_up():
    e = excess.excess_cases(units([("A", 100, 1000), ("B", 50, 1000)]), higher_is_worse=True, everyone=1500)
    assert e.overlap and e.total is None
    said = text_where.excess_takeaway(
        e, dim="race_ethnicity", label="Uninsured", unit="percent", place="P", year=1
    )
    assert "among A residents alone" in said


def test_where_higher_is_better_the_gap_runs_the_other_way():
    # Checked-up: A 60%, B 80% (best). If A had B's rate, 200 more of its 1,000 would be checked.
    e = excess.excess_cases(units([("A", 600, 1000), ("B", 800, 1000)]), higher_is_worse=False)
    assert e.reference["label"] == "B" and e.total[0] == pytest.approx(200)


@pytest.mark.parametrize(
    "unit, measure, status",
    [
        ("years", "crude", "not_counts"),
        ("dollars", "crude", "not_counts"),
        ("percent", "age_adjusted", "age_adjusted"),
    ],
)
def test_what_is_not_a_count_of_cases_is_refused(unit, measure, status):
    e = excess.excess_cases(
        units([("A", 100, 1000), ("B", 50, 1000)]), higher_is_worse=True, unit=unit, measure_type=measure
    )
    assert e.status == status


def test_without_counts_there_is_no_estimate():
    df = units([("A", 100, 1000), ("B", 50, 1000)]).assign(numerator=None, denominator=None)
    assert excess.excess_cases(df, higher_is_worse=True).status == "no_counts"


@pytest.mark.parametrize(
    "count, said", [(1243, 1240), (98.4, 98), (12_345, 12_300), (0.4, 0), (-3, 0), (NAN, 0)]
)
def test_counts_are_rounded_for_reading_aloud(count, said):
    assert excess.rounded(count) == said


@pytest.mark.parametrize(
    "label, words",
    [
        ("Adults without health insurance", "adults without health insurance"),
        ("Cervical cancer incidence", "new cases of cervical cancer"),
        ("Heart disease mortality", "deaths from heart disease"),
        ("Emergency department visits", "emergency department visits"),
        ("Poor or fair health", "cases of “Poor or fair health”"),
    ],
)
def test_what_an_indicator_counts_in_words(label, words):
    assert text_where.counted_words(label) == words


def test_the_sentence_reads_like_the_brief():
    e = excess.excess_cases(units([("White", 100, 10_000), ("Black", 300, 10_000)]), higher_is_worse=True)
    said = text_where.excess_takeaway(
        e,
        dim="race_ethnicity",
        label="Adults without health insurance",
        unit="percent",
        place="Riverbend",
        year=2024,
    )
    assert said.startswith(
        "If every group had the rate of White residents (1.0%), there would be about 200 fewer"
    )
    assert "adults without health insurance in Riverbend in 2024 (95% CI " in said


# ---- the Disparities page -------------------------------------------------------------------------


def test_disparities_shows_excess_cases_on_the_demo(on_demo):
    at = run_page("pages/disparities.py", {"ind": "uninsured", "group": "race_ethnicity"})
    assert not at.exception, at.exception
    said = texts(at)
    assert text_where.EXCESS_HEADING in said
    assert "If every group had the rate of" in said and "fewer adults without health insurance" in said
    chart = next(c for c in at.get("plotly_chart") if "excess" in c.proto.id)
    assert "Fewer adults without health insurance at the rate of White residents" in chart.proto.spec


def test_disparities_refuses_excess_for_an_age_adjusted_rate(on_demo):
    at = run_page("pages/disparities.py", {"ind": "uninsured_aa", "group": "race_ethnicity"})
    assert not at.exception, at.exception
    assert "an age-adjusted rate is not their ratio" in texts(at)
    assert "Choose “Adults without health insurance”" in texts(at)


def test_disparities_by_area_where_there_are_no_groups(on_demo):
    at = run_page("pages/disparities.py", {"ind": "premature_death"})
    assert not at.exception, at.exception
    said = texts(at)
    assert text_where.EXCESS_AREAS_HEADING in said
    assert "If every area had the rate of" in said or "stable" in said


def test_disparities_without_counts(no_counts_db, monkeypatch):
    monkeypatch.setenv("EQUITY_DB", str(no_counts_db))
    at = run_page("pages/disparities.py", {"ind": "uninsured", "group": "race_ethnicity"})
    assert not at.exception, at.exception
    assert "has no counts of cases and people here, so excess cases cannot be estimated" in texts(at)


def test_disparities_with_hostile_values_keeps_the_section(on_demo):
    at = run_page(
        "pages/disparities.py",
        {"ind": "uninsured", "group": "race_ethnicity", "ref": "<script>x</script>", "chart": "excess'--"},
    )
    assert not at.exception, at.exception
    assert at.warning
    assert text_where.EXCESS_HEADING in texts(at)


def test_excess_within_each_area_added_up():
    # P1: A 10% of 1,000, B 5% (best): 50. P2: A 3% (best), B 6% of 1,000: 30. P3 has one group: left out.
    rows = [("P1", "A", 100, 1000), ("P1", "B", 50, 1000), ("P2", "A", 30, 1000), ("P2", "B", 60, 1000)]
    rows.append(("P3", "A", 40, 1000))
    df = pd.DataFrame(rows, columns=["area_id", "group_label", "numerator", "denominator"])
    df = df.assign(
        name=df["area_id"] + " County",
        value=100 * df["numerator"] / df["denominator"],
        ci_low=NAN,
        ci_high=NAN,
    )
    df["flag"] = None
    e = excess.excess_within_parts(df, higher_is_worse=True)
    assert e.status == "ok" and e.left_out == ["P3 County"]
    by = e.by_unit.set_index("label")
    assert by.loc["P1", "excess"] == pytest.approx(50) and by.loc["P1", "reference_group"] == "B"
    assert by.loc["P2", "excess"] == pytest.approx(30) and by.loc["P2", "reference_group"] == "A"
    assert e.total[0] == pytest.approx(80) and e.total[1] < 80 < e.total[2]


def test_the_section_for_a_nation_of_states_names_its_method():
    from equity.views import excess as excess_view

    rows = [("01", "A", 100, 1000), ("01", "B", 50, 1000), ("02", "A", 30, 1000), ("02", "B", 60, 1000)]
    df = pd.DataFrame(rows, columns=["area_id", "group_label", "numerator", "denominator"])
    df = df.assign(
        name=df["area_id"].map({"01": "Alabama", "02": "Alaska"}), value=NAN, ci_low=NAN, ci_high=NAN
    )
    df["flag"] = None
    ind = pd.Series(
        dict(label="Cervical cancer incidence", unit="per_100k", higher_is_worse=True, source_name="WONDER"),
        name="wonder_cervix",
    )
    sec = excess_view.within_parts_section(df, ind, level="state", place="United States", year=2022)
    assert sec.takeaway.startswith("If in each state every group had the rate of that state's best-off group")
    assert (
        "about 80 fewer new cases of cervical cancer across 2 states in the United States in 2022"
        in sec.takeaway
    )
    assert set(sec.table["name"]) == {"Alabama", "Alaska"} and "reference_group" in sec.table
    assert "Source: WONDER · 2022" in sec.figure.layout.title.subtitle.text


def test_counts_that_are_not_those_of_the_rate_are_refused():
    # County Health Rankings: years of life lost per 100,000 shown, deaths counted (about 20 times fewer).
    df = units([("A", 424, 79_450), ("B", 922, 199_400)])
    df["value"] = [10_686.1, 8_850.9]
    e = excess.excess_cases(df, higher_is_worse=True, unit="per_100k")
    assert e.status == "mismatch"
    assert "not those of its rate" in text_where.no_excess(e, "Premature death", "area")
