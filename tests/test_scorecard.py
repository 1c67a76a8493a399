"""The results scorecard's rules (equity/scorecard.py) and words (equity/text.py), as tables of cases."""

import math
from collections import Counter

import pandas as pd
import pytest

from equity import scorecard, text
from equity.scorecard import Measure, Trend
from equity.views import programs


def months(first: str, n: int) -> list[pd.Timestamp]:
    return list(pd.date_range(first, periods=n, freq="MS"))


def series(first: str, *values) -> tuple[list[pd.Timestamp], list]:
    return months(first, len(values)), list(values)


SUMMER = [100, 100, 100, 100, 100, 15, 15, 15, 100, 100, 100, 100]  # a school year, January to December

# ---- the trend: the last 6 months against the same months a year before, else the 6 just before ------

# (case, unit, (periods, values), direction, against, before, after)
TRENDS = [
    ("level for two years", "percent", series("2023-07-01", *[60.0] * 24), "steady", "year", 60.0, 60.0),
    ("up 6 points on a year", "percent", series("2023-07-01", *[50.0] * 12, *[56.0] * 12),
     "up", "year", 50, 56),
    ("down 6 points on a year", "percent", series("2023-07-01", *[56.0] * 12, *[50.0] * 12),
     "down", "year", 56, 50),
    ("a change of 3 points is about the same", "percent", series("2023-07-01", *[50.0] * 12, *[53.0] * 12),
     "steady", "year", 50, 53),
    ("a change of 3.1 points is not", "percent", series("2023-07-01", *[50.0] * 12, *[53.1] * 12),
     "up", "year", 50, 53.1),
    ("counts: a tenth more is about the same", "count", series("2023-07-01", *[100] * 12, *[110] * 12),
     "steady", "year", 100, 110),
    ("counts: 11% more is up", "count", series("2023-07-01", *[100] * 12, *[111] * 12),
     "up", "year", 100, 111),
    ("counts: 15% fewer is down", "count", series("2023-07-01", *[100] * 12, *[85] * 12),
     "down", "year", 100, 85),
    # Schools close for the summer: June against the winter would be a fall, against last June it is not.
    ("a school's summer against last summer", "count", series("2023-01-01", *SUMMER, *SUMMER[:6]),
     "steady", "year", (5 * 100 + 15) / 6, (5 * 100 + 15) / 6),
    # Under 18 months of reports: no year before to compare with, so the 6 months just before.
    ("a young program against the months before", "percent", series("2024-09-01", *[40.0] * 6, *[50.0] * 6),
     "up", "before", 40, 50),
    ("a year before with too few months is passed over", "percent",
     series("2024-05-01", 30.0, 30.0, *[40.0] * 6, *[50.0] * 6), "up", "before", 40, 50),
    ("too few months to tell", "percent", series("2025-02-01", 40.0, 45.0, 50.0, 55.0, 60.0), "too_soon",
     None, None, None),
    ("only two of the last six months reported", "count",
     series("2023-07-01", *[100] * 18, None, None, 150, None, None, 150), "too_soon", None, None, None),
    # A withheld month (None: too few to show) is left out of the average, never guessed.
    ("withheld months left out", "count", series("2023-07-01", *[100] * 12, *[200] * 5, None, None, 200, 200,
     None, 200, 200), "up", "year", 100, 200),
    ("nothing reported", "percent", series("2024-01-01", None, None, None), "too_soon", None, None, None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("unit", "data", "direction", "against", "before", "after"),
    [case[1:] for case in TRENDS],
    ids=[case[0] for case in TRENDS],
)
def test_trend(unit, data, direction, against, before, after):
    t = scorecard.trend(*data, unit)
    assert (t.direction, t.against) == (direction, against)
    if before is None:
        assert t.before is None and t.after is None
    else:
        assert t.before == pytest.approx(before) and t.after == pytest.approx(after)


@pytest.mark.parametrize(
    ("direction", "higher_is_better", "verdict"),
    [
        ("up", True, "better"),
        ("down", True, "worse"),
        ("up", False, "worse"),  # a no-show rate going up
        ("down", False, "better"),
        ("steady", True, "steady"),
        ("too_soon", False, "too_soon"),
    ],
)
def test_the_verdict_reads_the_direction_the_way_the_measure_is_read(direction, higher_is_better, verdict):
    assert Trend(direction).verdict(higher_is_better) == verdict


# ---- one measure's row: its latest month, where it stands, the last 12 months ------------------------


def rows(values, targets, withheld=None, *, unit="percent", higher_is_better=True, question="better_off"):
    n = len(values)
    return pd.DataFrame(
        {
            "metric_id": "m",
            "label": "Blood pressure under control",
            "unit": unit,
            "higher_is_better": higher_is_better,
            "question": question,
            "period": [p.date() for p in months("2024-01-01", n)],
            "value": pd.array(values, dtype="Float64"),
            "target": pd.array(targets, dtype="Float64"),
            "few_people": withheld or [False] * n,
        }
    )


# (case, values, targets, withheld, latest month, value, target, status)
LATEST = [
    ("met", [50.0, 62.0], [60.0, 60.0], None, "2024-02-01", 62.0, 60.0, "met"),
    ("missed", [50.0, 58.0], [60.0, 60.0], None, "2024-02-01", 58.0, 60.0, "missed"),
    ("no target that month: never a miss", [50.0, 58.0], [60.0, None], None, "2024-02-01", 58.0, None,
     "no_target"),
    ("the last month not reported: the one before", [50.0, 62.0, None], [60.0] * 3, None, "2024-02-01", 62.0,
     60.0, "met"),
    ("the last month too few to show: not judged", [50.0, 62.0, None], [60.0] * 3, [False, False, True],
     "2024-03-01", None, 60.0, "withheld"),
    ("nothing reported yet", [None, None], [60.0, 60.0], None, None, None, None, "not_reported"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("values", "targets", "withheld", "period", "value", "target", "status"),
    [case[1:] for case in LATEST],
    ids=[case[0] for case in LATEST],
)
def test_a_measures_latest_month_and_where_it_stands(
    values, targets, withheld, period, value, target, status
):
    m = scorecard.measure(rows(values, targets, withheld))
    assert (m.period, m.value, m.target, m.status) == (
        None if period is None else pd.Timestamp(period),
        value,
        target,
        status,
    )


def test_the_last_12_months_end_at_the_latest_and_leave_gaps():
    values = [float(v) for v in range(1, 15)] + [None]  # Jan 2024 to Mar 2025; March not reported
    withheld = [False] * 12 + [True, False, False]
    values[12] = None  # January 2025: too few to show
    m = scorecard.measure(rows(values, [None] * 15, withheld, unit="count"))
    assert m.period == pd.Timestamp("2025-02-01")
    assert m.spark == (3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, None, 14.0)


@pytest.mark.parametrize(
    ("values", "unit", "expected"),
    [
        ([60.0, 61.0, 59.0], "percent", (50.0, 70.0)),  # widened to 20 points about the middle
        ([40.0, 80.0], "percent", (40.0, 80.0)),  # wide enough already
        ([100, 120, 80], "count", (75.0, 125.0)),  # half the mean
        ([None, 50.0, None], "percent", (40.0, 60.0)),
        ([None], "count", (0.0, 0.0)),
    ],
)
def test_spark_range(values, unit, expected):
    assert scorecard.spark_range(values, unit) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("values", "low", "high", "expected"),
    [
        ([0, 1, 2, 3, 4, 5, 6, 7], 0, 7, "▁▂▃▄▅▆▇█"),
        ([50.0, None, 70.0, 60.0], 50, 70, "▁·█▅"),
        ([60.0, 60.0], 50.0, 70.0, "▅▅"),
        ([5, 5], 5, 5, "▄▄"),  # nothing to scale by: level
        ([], 0, 0, ""),
    ],
)
def test_sparkline(values, low, high, expected):
    assert text.sparkline(values, low, high) == expected


# ---- a program's measures by question, its headline, its tally ----------------------------------------


def m(metric_id, question, status="met", direction="steady", label=None, higher_is_better=True):
    return Measure(
        metric_id,
        label or metric_id,
        "percent",
        higher_is_better,
        question,
        period=pd.Timestamp("2025-05-01"),
        value=61.0,
        target=60.0,
        status=status,
        trend=Trend(direction, 58.0, 61.0, "year"),
    )


def test_better_off_comes_first_and_measures_not_yet_said_last():
    got = scorecard.by_question([m("a", "how_much"), m("b", None), m("c", "better_off"), m("d", "how_much")])
    assert list(got) == ["better_off", "how_well", "how_much", None]
    assert [[x.metric_id for x in v] for v in got.values()] == [["c"], [], ["a", "d"], ["b"]]
    assert list(scorecard.by_question([m("a", "how_well")])) == ["better_off", "how_well", "how_much"]


def test_measures_come_in_the_scorecards_order():
    results = pd.concat(
        [
            rows([1.0], [1.0], question="how_much").assign(metric_id="sessions", label="Sessions held"),
            rows([1.0], [1.0], question=None).assign(metric_id="old", label="An old measure"),
            rows([1.0], [1.0], question="better_off").assign(metric_id="bp", label="Blood pressure"),
            rows([1.0], [1.0], question="how_well").assign(metric_id="wait", label="Seen within a week"),
            rows([1.0], [1.0], question="better_off").assign(metric_id="a1c", label="A1c under control"),
        ]
    )
    assert [x.metric_id for x in scorecard.measures(results)] == ["a1c", "bp", "wait", "sessions", "old"]


def test_the_headline_is_the_first_better_off_measure():
    assert scorecard.headline([m("z", "better_off", label="Z"), m("a", "better_off", label="A")]).label == "A"
    assert scorecard.headline([m("a", "how_much")]) is None


def test_tally_counts_where_measures_stand_and_which_way_they_go():
    counted = scorecard.tally(
        [
            m("a", "better_off", "met", "up"),
            m("b", "better_off", "missed", "down"),
            m("c", "better_off", "no_target", "up", higher_is_better=False),
            m("d", "better_off", "missed", "steady"),
        ]
    )
    assert counted == Counter(met=1, missed=2, no_target=1, better=1, worse=2)


# ---- the words ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("trend", "unit", "higher_is_better", "words"),
    [
        (Trend("up", 58.2, 63.0, "year"), "percent", True,
         "↑ Getting better: averaging 63.0%, up from 58.2% a year before"),
        (Trend("down", 15.3, 12.1, "year"), "percent", False,
         "↓ Getting better: averaging 12.1%, down from 15.3% a year before"),  # a no-show rate falling
        (Trend("down", 75.3, 65.6, "year"), "percent", True,
         "↓ Getting worse: averaging 65.6%, down from 75.3% a year before"),
        (Trend("steady", 1410, 1477, "year"), "count", True,
         "→ About the same: averaging 1,477 a month, against 1,410 a year before"),
        (Trend("up", 40, 50, "before"), "percent", True,
         "↑ Getting better: averaging 50.0%, up from 40.0% in the 6 months before"),
        (Trend("too_soon"), "count", True, "… Too soon to tell"),
    ],
)  # fmt: skip
def test_trend_words(trend, unit, higher_is_better, words):
    assert text.trend_words(trend, unit, higher_is_better, 6) == words
    assert text.trend_words(trend, unit, higher_is_better, 6, short=True) == words.split(":")[0]


@pytest.mark.parametrize(
    ("status", "value", "target", "higher_is_better", "latest", "on_track", "target_words"),
    [
        ("met", 61.0, 60.0, True, "61.0% (May 2025)", "On track: met its target (60.0% or more)",
         "60.0% or more"),
        ("missed", 16.0, 15.0, False, "16.0% (May 2025)", "Off track: missed its target (15.0% or less)",
         "15.0% or less"),
        ("no_target", 61.0, None, True, "61.0% (May 2025)", "No target set", "None set"),
        ("withheld", None, 60.0, True, "Too few to show (May 2025)", "Not judged: too few to show",
         "60.0% or more"),
        ("not_reported", None, None, True, "Not reported yet", "Not reported yet", "None set"),
    ],
)  # fmt: skip
def test_a_measures_standing_in_words(
    status, value, target, higher_is_better, latest, on_track, target_words
):
    row = Measure("x", "X", "percent", higher_is_better, "better_off", pd.Timestamp("2025-05-01"), value,
                  target, status)  # fmt: skip
    assert text.latest_words(row) == latest
    assert text.on_track_words(row) == on_track
    assert text.target_words(target, "percent", higher_is_better) == target_words


@pytest.mark.parametrize(
    ("measure", "words"),
    [
        (m("a", "better_off", "met", "up", label="Patients with diabetes whose A1c is under control"),
         "Is anyone better off? Patients with diabetes whose A1c is under control: 61.0% in May 2025, "
         "on track (its target is 60.0% or more), getting better than a year before."),
        (m("a", "better_off", "missed", "steady", label="Blood pressure under control"),
         "Is anyone better off? Blood pressure under control: 61.0% in May 2025, off track (its target is "
         "60.0% or more), about the same as a year before."),
        (m("a", "better_off", "no_target", "down", label="Patients who have a regular clinician"),
         "Is anyone better off? Patients who have a regular clinician: 61.0% in May 2025, with no target "
         "set, getting worse than a year before."),
        (m("a", "better_off", "withheld", label="People enrolled"),
         "Is anyone better off? People enrolled: too few to show in May 2025."),
        (m("a", "better_off", "not_reported", label="People enrolled"),
         "Is anyone better off? The van has not yet reported people enrolled."),
        (None, "The van has no measure yet of whether anyone is better off."),
    ],
)  # fmt: skip
def test_a_programs_headline(measure, words):
    assert text.scorecard_headline("The van", measure, 6) == words


@pytest.mark.parametrize(
    ("counts", "measures", "unsaid", "words"),
    [
        (Counter(met=2, missed=3, no_target=1, better=3), 6, 0,
         "Is anyone better off? Of 6 measures across 6 programs, 2 are on track, 3 are off track and 1 has "
         "no target set; 3 are getting better."),
        (Counter(met=1, worse=1), 1, 0,
         "Is anyone better off? Of 1 measure across 6 programs, 1 is on track; 1 is getting worse."),
        (Counter(missed=2, withheld=1, better=1, worse=1), 3, 2,
         "Is anyone better off? Of 3 measures across 6 programs, 2 are off track and 1 is too few to show; "
         "1 is getting better and 1 is getting worse."),
        (Counter(met=2), 2, 0,
         "Is anyone better off? Of 2 measures across 6 programs, 2 are on track; none is clearly getting "
         "better or worse."),
        (Counter(), 0, 0, "None of the 6 programs has a measure yet of whether anyone is better off."),
        (Counter(), 0, 5, "None of the measures of the 6 programs says yet which question it answers: add "
         "the question column to the program metrics to see whether anyone is better off."),
    ],
)  # fmt: skip
def test_the_coalitions_sentence(counts, measures, unsaid, words):
    assert text.coalition_takeaway(6, counts, measures, unsaid) == words


@pytest.mark.parametrize(
    ("counts", "measures", "words"),
    [
        (Counter(met=1, missed=1), 2, "1 on track, 1 off track"),
        (Counter(missed=1, worse=1), 1, "1 off track; 1 getting worse"),
        (Counter(met=1, no_target=1, not_reported=1, better=1), 3,
         "1 on track, 1 with no target set, 1 not reported yet"),
        (Counter(), 0, "No measure yet"),
    ],
)  # fmt: skip
def test_tally_words(counts, measures, words):
    assert text.tally_words(counts, measures) == words


# ---- the views: a program's scorecard, the coalition's -----------------------------------------------------


def _results(program="van", question_of=None):
    """Two years of monthly results of three measures, one of each question."""
    if question_of is None:
        question_of = {"bp": "better_off", "wait": "how_well", "visits": "how_much"}
    frames = []
    for metric_id, label, unit, hib, first, last, target in (
        ("bp", "Blood pressure under control", "percent", True, 50.0, 58.0, 60.0),
        ("wait", "Seen within a week", "percent", True, 80.0, 80.0, 75.0),
        ("visits", "Visits", "count", True, 300, 300, None),
    ):
        frames.append(
            pd.DataFrame(
                {
                    "program_id": program,
                    "metric_id": f"{program}_{metric_id}",
                    "label": label,
                    "unit": unit,
                    "higher_is_better": hib,
                    "question": question_of.get(metric_id),
                    "period": [p.date() for p in months("2023-07-01", 24)],
                    "value": [first] * 12 + [last] * 12,
                    "target": [math.nan if target is None else target] * 24,
                    "few_people": False,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def test_a_programs_scorecard_leads_with_better_off():
    sections = programs.sections(scorecard.measures(_results()))
    assert [(s.heading, s.empty) for s in sections] == [
        ("Is anyone better off?", None),
        ("How well did we do it?", None),
        ("How much did we do?", None),
    ]
    better_off = sections[0].table
    assert list(better_off.columns) == list(text.SCORECARD_COLUMNS)
    assert better_off.iloc[0].tolist() == [
        "Blood pressure under control",
        "58.0% (Jun 2025)",
        "▅▅▅▅▅▅▅▅▅▅▅▅",  # level: the middle of its range
        "↑ Getting better: averaging 58.0%, up from 50.0% a year before",
        "60.0% or more",
        "Off track: missed its target (60.0% or more)",
    ]
    assert sections[2].table.iloc[0]["On track?"] == "No target set"  # never a miss


def test_a_question_no_measure_answers_says_so():
    only_two = _results().query("metric_id != 'van_wait'")
    sections = programs.sections(scorecard.measures(only_two))
    assert sections[1].heading == "How well did we do it?" and sections[1].table is None
    assert sections[1].empty == "No measure answers this yet."


def test_the_coalitions_scorecard_gives_each_program_its_better_off_headline_first():
    listed = pd.DataFrame({"program_id": ["van", "old", "new"], "name": ["The van", "Old files", "Not yet"]})
    unsaid = _results("old", question_of={})  # loaded from files made before the question column
    results = pd.concat([_results("van"), unsaid], ignore_index=True)
    sentence, table = programs.coalition(listed, results)
    assert list(table.columns) == list(text.COALITION_COLUMNS)
    assert table.iloc[0].tolist() == [
        "The van",
        "Blood pressure under control: 58.0% (Jun 2025)",
        "↑ Getting better",
        "Off track: missed its target (60.0% or more)",
        "1 on track",
        "1 with no target set",
    ]
    assert table.iloc[1].tolist() == [
        "Old files",
        "Not yet said which question its measures answer",
        "",
        "",
        "No measure yet",
        "No measure yet",
    ]
    assert table.iloc[2, 1] == "No measure of this yet"  # a program with no measures at all
    assert sentence == (
        "Is anyone better off? Of 1 measure across 3 programs, 1 is off track; 1 is getting better."
    )


def test_the_methods_page_says_what_the_rules_do():
    words = text.how_to_read(11)
    assert scorecard.TREND_MONTHS == 6 and "the last six months with the same months a year before" in words
    assert "never counted as missed" in words and "Monthly counts of 1 to 10 are withheld" in words
