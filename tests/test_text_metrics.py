"""Plain-language text and the page metrics: hand-checked cases."""

import math

import pandas as pd
import pytest

from equity import metrics, text


@pytest.mark.parametrize(
    "value, unit, expected",
    [
        (12.345, "percent", "12.3%"),
        (4512.4, "per_100k", "4,512 per 100,000"),
        (412.0, "per_1k", "412 per 1,000"),
        (78.06, "years", "78.1 years"),
        (float("nan"), "percent", "—"),
        (None, "percent", "—"),
    ],
)
def test_number(value, unit, expected):
    assert text.number(value, unit) == expected


def test_suppressed_no_data_and_zero_read_differently():
    assert text.value_with_flag(None, None, None, "suppressed", "percent") == "Too few to show"
    assert text.value_with_flag(None, None, None, "no_data", "percent") == "No data"
    assert text.value_with_flag(0.0, 0.0, 1.2, None, "percent") == "0.0% (likely between 0.0% and 1.2%)"
    assert "unreliable" in text.value_with_flag(5.0, 1.0, 9.0, "unreliable", "percent")


@pytest.mark.parametrize(
    "ratio, words",
    [(1.05, "about the same as"), (2.0, "about twice"), (3.0, "about three times"), (4.26, "4.3 times")],
)
def test_times(ratio, words):
    assert text.times(ratio) == words


def groups(rows):
    return pd.DataFrame(rows, columns=["group_label", "value", "ci_low", "ci_high", "flag"])


def test_group_takeaway_says_whether_chance_explains_the_gap():
    apart = groups([("A", 20.0, 18.0, 22.0, None), ("B", 10.0, 9.0, 11.0, None)])
    sentence = text.group_takeaway(
        apart, "Adults without insurance", "percent", True, 2024, "Riverbend", "income"
    )
    assert sentence.startswith(
        "In 2024 in Riverbend, adults without insurance were most common among people with "
        "incomes at a (20.0%)"
    )
    assert (
        "about twice the rate among people with incomes at b" in sentence and "larger than chance" in sentence
    )
    overlapping = groups([("A", 12.0, 8.0, 16.0, None), ("B", 10.0, 7.0, 13.0, None)])
    assert "chance alone could explain" in text.group_takeaway(
        overlapping, "X", "percent", True, 2024, "R", "sex"
    )
    few = groups([("A", None, None, None, "suppressed"), ("B", 10.0, 7.0, 13.0, None)])
    assert text.group_takeaway(few, "X", "percent", True, 2024, "R", "sex").startswith("Too few groups")


@pytest.mark.parametrize(
    "dim, label, words",
    [
        ("race_ethnicity", "Black", "Black residents"),
        ("income", "Below poverty", "people with incomes below poverty"),
        ("income", "200% of poverty or more", "people with incomes at 200% of poverty or more"),
        ("age", "65 and older", "people aged 65 and older"),
        ("sex", "Female", "women"),
        ("language", "Spanish speakers", "the Spanish speakers group"),
    ],
)
def test_who_names_groups_for_a_sentence(dim, label, words):
    assert text.who(dim, label) == words


def test_widest_gaps_is_direction_aware_and_ignores_withheld_values():
    inds = pd.DataFrame(
        {
            "label": ["Uninsured", "Life expectancy"],
            "unit": ["percent", "years"],
            "higher_is_worse": [True, False],
        },
        index=["uninsured", "life"],
    )
    rows = pd.DataFrame(
        [
            ("uninsured", "income", "Low", 30.0),
            ("uninsured", "income", "High", 10.0),
            ("uninsured", "income", "Tiny", None),
            ("life", "sex", "Male", 70.0),
            ("life", "sex", "Female", 77.0),
        ],
        columns=["indicator_id", "group_dim", "group_label", "value"],
    )
    gaps = metrics.widest_gaps(rows, inds)
    assert gaps.iloc[0].indicator_id == "uninsured" and gaps.iloc[0].ratio == pytest.approx(3.0)
    assert gaps.iloc[0].worst_group == "Low" and gaps.iloc[0].best_group == "High"
    life = gaps[gaps.indicator_id == "life"].iloc[0]
    assert life.worst_group == "Male" and life.ratio == pytest.approx(77 / 70)


def test_widest_gaps_lists_an_indicator_once_age_adjusted_where_it_can():
    inds = pd.DataFrame(
        {
            "label": ["Diabetes", "Diabetes (age-adjusted)"],
            "unit": ["percent", "percent"],
            "higher_is_worse": [True, True],
        },
        index=["diabetes", "diabetes_aa"],
    )
    rows = pd.DataFrame(
        [
            ("diabetes", "race_ethnicity", "A", 14.0),
            ("diabetes", "race_ethnicity", "B", 9.0),
            ("diabetes_aa", "race_ethnicity", "A", 16.0),
            ("diabetes_aa", "race_ethnicity", "B", 8.0),
            ("diabetes", "age", "65+", 25.0),  # no age-adjusted value by age: the crude one stays
            ("diabetes", "age", "18-24", 2.0),
        ],
        columns=["indicator_id", "group_dim", "group_label", "value"],
    )
    gaps = metrics.widest_gaps(rows, inds)
    assert sorted(zip(gaps.indicator_id, gaps.group_dim, strict=True)) == [
        ("diabetes", "age"),
        ("diabetes_aa", "race_ethnicity"),
    ]


def test_reference_value_choices():
    df = groups(
        [
            ("A", 20.0, 18.04, 21.96, None),
            ("B", 10.0, 9.02, 10.98, None),
            ("C", None, None, None, "suppressed"),
        ]
    )
    everyone = pd.Series({"value": 15.0, "ci_low": 14.0, "ci_high": 16.0})
    value, se, name, group = metrics.reference_value(df, everyone, "best", True)
    assert (value, name, group) == (10.0, "Best group (B)", "B") and se == pytest.approx(0.5, abs=1e-3)
    assert metrics.reference_value(df, everyone, "best", False)[::2] == (20.0, "Best group (A)")
    assert metrics.reference_value(df, everyone, "overall", True)[::2] == (15.0, "Everyone")
    assert metrics.reference_value(df, everyone, "A", True)[::2] == (20.0, "A")
    assert metrics.reference_value(df, everyone, "C", True)[::2] == (10.0, "Best group (B)")  # withheld


def test_compare_with_reference_uses_published_intervals():
    df = groups(
        [
            ("A", 20.0, 18.04, 21.96, None),
            ("B", 10.0, 9.02, 10.98, None),
            ("C", None, None, None, "suppressed"),
        ]
    )
    out = metrics.compare_with_reference(df, 10.0, 0.5, "B").set_index("group_label")
    assert out.loc["A", "ratio"] == pytest.approx(2.0)
    # log method: SE(log RR) = sqrt((1/20)^2 + (0.5/10)^2) = 0.0707; 2 * exp(±1.96 * 0.0707)
    assert out.loc["A", "ratio_low"] == pytest.approx(2 * math.exp(-1.96 * 0.07071), rel=1e-3)
    assert out.loc["A", "difference"] == pytest.approx(10.0) and bool(out.loc["A", "significant"])
    assert out.loc["B", "ratio"] == pytest.approx(1.0) and not bool(out.loc["B", "significant"])
    assert math.isnan(out.loc["C", "ratio"])
    assert list(out.index) == ["A", "B", "C"]


@pytest.mark.parametrize(
    "ratio, low, high, words",
    [
        (2.0, 1.8, 2.2, "about twice as high; larger than chance alone would explain"),
        (1.3, 0.9, 1.8, "1.3 times as high; chance alone could explain the difference"),
        (1.02, 0.95, 1.1, "about the same; chance alone could explain the difference"),
        (0.5, 0.4, 0.6, "about half as high; larger than chance alone would explain"),
        (0.75, 0.7, 0.8, "25% lower; larger than chance alone would explain"),
        (float("nan"), None, None, "Too few to show"),
    ],
)
def test_ratio_words(ratio, low, high, words):
    assert text.ratio_words(ratio, low, high) == words


def test_summary_measures_and_gap_over_time():
    df = groups([("A", 20.0, 19.0, 21.0, None), ("B", 10.0, 9.5, 10.5, None), ("C", 15.0, 14.0, 16.0, None)])
    out = metrics.summary_measures(df, higher_is_worse=True)
    idx, lo, hi = out["index_of_disparity"]
    assert idx == pytest.approx(75.0)  # mean(|20-10|, |15-10|) / 10 * 100
    assert lo <= idx <= hi
    assert out["summary_rate_ratio"][0] == pytest.approx(1.75)
    series = pd.DataFrame(
        [
            (2019, "A", 30.0, 29.0, 31.0),
            (2019, "B", 10.0, 9.0, 11.0),
            (2024, "A", 20.0, 19.0, 21.0),
            (2024, "B", 10.0, 9.0, 11.0),
        ],
        columns=["year", "group_label", "value", "ci_low", "ci_high"],
    )
    change = metrics.gap_over_time(series, "A", "B")
    assert change["gap_first"] == 20.0 and change["gap_last"] == 10.0 and change["narrowing"] is True
    assert change["percent_change"] == pytest.approx(-50.0)
    words = text.change_words(change, "percent", "A", "B")
    assert words.startswith("The gap between A and B narrowed from 20.0 percentage points in 2019 to 10.0")
    assert "50% smaller" in words


def test_commitment_summary_counts_overdue_apart():
    df = pd.DataFrame(
        {
            "status": ["done", "in_progress", "not_started", "dropped", "in_progress"],
            "overdue": [False, True, False, False, True],
        }
    )
    assert metrics.commitment_summary(df) == {"total": 5, "done": 1, "overdue": 2, "open": 1, "dropped": 1}


def test_reach_in_high_need():
    reach = pd.DataFrame(
        {
            "area_id": list("abcd"),
            "population": [100, 100, 100, 100],
            "people": [30, 10, None, 60],
            "need": [5.0, 10.0, 15.0, 20.0],
        }
    )
    out = metrics.reach_in_high_need(reach, higher_is_worse=True)
    assert out["share"] == pytest.approx(60 / 100) and out["served"] == 100
    assert out["high_need_share_of_pop"] == pytest.approx(0.25)
    assert math.isclose(metrics.reach_in_high_need(reach, higher_is_worse=False)["share"], 0.3)


def test_composite_need_ranks_like_svi_and_explains_gaps():
    inds = pd.DataFrame(
        {"domain": ["Social", "Social", "Outcomes"], "higher_is_worse": [True, True, False]},
        index=["poverty", "uninsured", "life"],
    )
    rows = []
    for area, pov, unins, life, flag in [
        ("a", 10, 5, 80, None),
        ("b", 20, 15, 75, None),
        ("c", 30, 25, 70, None),
        ("d", 40, None, 72, "suppressed"),
    ]:
        rows += [
            (area, 100, "poverty", pov, None),
            (area, 100, "uninsured", unins, flag),
            (area, 100, "life", life, None),
        ]
    values = pd.DataFrame(rows, columns=["area_id", "population", "indicator_id", "value", "flag"])
    out = metrics.composite_need(values, inds).set_index("area_id")
    # a, b, c ranked on all three (life expectancy inverted): c has the most need, a the least.
    assert out.loc["a", "value"] == 0 and out.loc["c", "value"] == 1 and out.loc["b", "value"] == 0.5
    assert math.isnan(out.loc["d", "value"]) and out.loc["d", "flag"] == "suppressed"


def test_shares_pool_withheld_groups_so_they_add_up():
    df = pd.DataFrame(
        {
            "group_label": ["A", "B", "C"],
            "numerator": [60, 40, None],
            "denominator": [200, 600, None],
            "value": [30.0, 6.7, None],
        }
    )
    everyone = pd.Series({"numerator": 120, "denominator": 1000})
    out = metrics.shares(df, everyone).set_index("group_label")
    assert list(out.index) == ["A", "B", "Groups too small to show"]
    assert out["case_share"].sum() == pytest.approx(1.0) and out["population_share"].sum() == pytest.approx(
        1.0
    )
    assert out.loc["A", "case_share"] == pytest.approx(0.5) and out.loc[
        "A", "population_share"
    ] == pytest.approx(0.2)
    assert out.loc["A", "relative_inequity"] == pytest.approx(1.5)  # (0.5 - 0.2) / 0.2


def test_place_gap_words_compare_a_place_with_the_places_around_it():
    wider = text.place_gap_words("Alder County", 2.1, [("Riverbend", 1.8), ("The nation (fictional)", 1.6)])
    assert wider == (
        "The gap between the worst- and best-off groups is wider in Alder County (2.1 times) than across "
        "Riverbend (1.8 times) and the nation (fictional) (1.6 times)."
    )
    assert "narrower in Tract 1 (1.2 times)" in text.place_gap_words("Tract 1", 1.2, [("Elm County", 1.5)])
    mixed = text.place_gap_words("Elm County", 1.7, [("Riverbend", 1.8), ("United States", 1.6)])
    assert mixed.endswith(
        "is 1.7 times in Elm County, against 1.8 times across Riverbend "
        "and 1.6 times across the United States."
    )
