"""Did it work? The estimators (equity/impact.py) on tables whose answers are known, their words
(equity/views/impact.py), the refusal of model-based estimates, and the Programs page's section run by
AppTest on the demo, without the tables, and with hostile URL values."""

from __future__ import annotations

import itertools
import math

import duckdb
import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from hypothesis import given
from hypothesis import strategies as st

from equity import impact
from equity.impact import Unestimable
from equity.views import impact as view
from tests.test_pages import run_page, shown, texts


def panel_of(served: dict[str, list[float]], comparison: dict[str, list[float]], years) -> pd.DataFrame:
    rows = [
        (a, y, v, is_served)
        for is_served, group in ((True, served), (False, comparison))
        for a, values in group.items()
        for y, v in zip(years, values, strict=True)
    ]
    return pd.DataFrame(rows, columns=["area_id", "period", "value", "served"])


# ---- difference-in-differences on tables worked out by hand ------------------------------------------

# One year before (2019) and one after (2020): the estimate is the served areas' mean change minus the
# comparison areas'. Served changes -3, -2, -4, -3, -3 (mean -3.0); comparison -1, 0, -1, -2, -1 (mean
# -1.0): the served areas fell 2.0 points more.
TWO_YEARS = panel_of(
    {"s1": [20, 17], "s2": [25, 23], "s3": [30, 26], "s4": [18, 15], "s5": [22, 19]},
    {"c1": [12, 11], "c2": [15, 15], "c3": [10, 9], "c4": [14, 12], "c5": [16, 15]},
    (2019, 2020),
)
# Four years, the program from 2020: every area follows the years' pattern 0, +1, +3, +4 from its own
# level; the served areas add 0, 0, +2, +4. Served: mean after minus mean before = (3+2+4+4)/2 - (0+1)/2
# = 6.5 - 0.5 = 6.0; comparison: (3+4)/2 - (0+1)/2 = 3.0; so 3.0 more, and the event study gives +2 in
# 2020 and +4 in 2021 against 2019 (the year before), 0 in 2018.
FOUR_YEARS = panel_of(
    {f"s{i}": [b, b + 1, b + 5, b + 8] for i, b in enumerate((10, 14, 9, 20, 16))},
    {f"c{i}": [b, b + 1, b + 3, b + 4] for i, b in enumerate((11, 13, 8, 18, 15))},
    (2018, 2019, 2020, 2021),
)


@pytest.mark.parametrize(("table", "start", "expected"), [(TWO_YEARS, 2020, -2.0), (FOUR_YEARS, 2020, 3.0)])
def test_did_matches_the_hand_computed_difference(table, start, expected):
    est = impact.did(table, start)
    assert not isinstance(est, Unestimable)
    assert est.estimate == pytest.approx(expected, abs=1e-9)
    assert (est.served, est.comparison) == (5, 5)
    assert est.ci_low <= est.estimate <= est.ci_high


def test_the_event_study_recovers_each_years_gap():
    study = impact.event_study(FOUR_YEARS, 2020)
    got = study.table.set_index("relative_year")["estimate"].to_dict()
    assert got == pytest.approx({-2: 0.0, -1: 0.0, 0: 2.0, 1: 4.0}, abs=1e-9)
    reference = study.table[study.table["ci_low"].isna()]
    assert reference["year"].tolist() == [2019]
    assert study.trends is not None and study.trends.df == 1


def test_one_year_before_leaves_the_trends_unchecked():
    study = impact.event_study(TWO_YEARS, 2020)
    assert study.trends is None
    words = view.trends_words("the van", 2020, study)
    assert words.startswith(
        "Whether the served and comparison areas moved alike before the van began cannot be"
    )


def test_absorbing_gives_the_dummy_regressions_coefficient_on_an_unbalanced_panel():
    rng = np.random.default_rng(3)
    rows = [
        (f"a{i}", y, rng.normal(i % 7 + 0.3 * (y - 2015), 1.0) + (1.5 if i < 8 and y >= 2019 else 0), i < 8)
        for i in range(25)
        for y in range(2015, 2023)
        if rng.random() > 0.2  # a fifth of the values missing
    ]
    df = pd.DataFrame(rows, columns=["area_id", "period", "value", "served"])
    est = impact.did(df, 2019)
    used = impact.panel(df, 2019)
    used = used.assign(treat=(used["served"] & used["after"]).astype(float))
    dummies = smf.ols("value ~ treat + C(area_id) + C(period)", data=used).fit()
    assert est.estimate == pytest.approx(dummies.params["treat"], abs=1e-8)


# Served areas copy the comparison areas' year-to-year noise (each served area j moves exactly as
# comparison area j), so the two sides move alike, whatever their levels and the years' ups and downs.
@given(
    n=st.integers(5, 12),
    years=st.integers(3, 7),
    data=st.data(),
)
def test_no_effect_when_served_and_comparison_areas_move_alike(n, years, data):
    floats = st.floats(-50, 50, allow_nan=False, allow_infinity=False)
    levels = data.draw(st.lists(floats, min_size=2 * n, max_size=2 * n))
    shocks = data.draw(st.lists(floats, min_size=years, max_size=years))
    noise = data.draw(st.lists(st.floats(-5, 5), min_size=n * years, max_size=n * years))
    start = 2010 + data.draw(st.integers(1, years - 1))
    rows = []
    for j, side in itertools.product(range(n), (True, False)):
        level = levels[j + (n if side else 0)]
        for t in range(years):
            rows.append(
                (f"{'s' if side else 'c'}{j}", 2010 + t, level + shocks[t] + noise[j * years + t], side)
            )
    df = pd.DataFrame(rows, columns=["area_id", "period", "value", "served"])
    est = impact.did(df, start)
    assert est.estimate == pytest.approx(0.0, abs=1e-7)
    assert est.ci_low <= 1e-7 and est.ci_high >= -1e-7


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("drop all values", "no_values"),
        ("start first year", "few_pre"),
        ("start after last", "few_post"),
        ("four served", "few_served"),
        ("four comparison", "few_comparison"),
    ],
)
def test_what_cannot_be_estimated_says_why(change, reason):
    df, start = FOUR_YEARS.copy(), 2020
    if change == "drop all values":
        df["value"] = np.nan
    elif change == "start first year":
        start = 2018
    elif change == "start after last":
        start = 2022
    elif change == "four served":
        df = df[df["area_id"] != "s0"]
    elif change == "four comparison":
        df = df[df["area_id"] != "c0"]
    got = impact.did(df, start)
    assert isinstance(got, Unestimable) and got.reason == reason
    assert isinstance(impact.event_study(df, start), Unestimable)
    words = view.UNESTIMABLE[reason].format(
        label="uninsurance", program="the van", start=start, place="Riverbend", have=got.have, need=got.need
    )
    assert "{" not in words


# ---- the words -------------------------------------------------------------------------------------


def did_of(estimate, lo, hi):
    return impact.Did(estimate, lo, hi, 1.0, 0.01, 12, 200, (2019, 2020), (2021, 2022), 100)


@pytest.mark.parametrize(
    ("est", "unit", "sentence"),
    [
        (
            did_of(-3.1, -5.0, -1.2),
            "percent",
            "Where the mobile clinic works, adults without insurance fell 3.1 points more than elsewhere "
            "(95% CI 1.2 to 5.0 points); this is an association, not proof.",
        ),
        (
            did_of(2.04, 0.51, 3.6),
            "percent",
            "Where the mobile clinic works, adults without insurance rose 2.0 points more than elsewhere "
            "(95% CI 0.5 to 3.6 points); this is an association, not proof.",
        ),
        (
            did_of(-38.7, -45.2, -32.1),
            "per_1k",
            "Where the mobile clinic works, adults without insurance fell 38.7 per 1,000 more than elsewhere "
            "(95% CI 32.1 to 45.2 per 1,000); this is an association, not proof.",
        ),
        (
            did_of(-0.6, -1.4, 0.1),
            "percent",
            "Where the mobile clinic works, adults without insurance changed about as much as elsewhere: the "
            "difference, −0.6 points (95% CI −1.4 to +0.1 points), could be chance.",
        ),
    ],
)
def test_the_estimate_in_a_sentence(est, unit, sentence):
    assert view.did_takeaway("the mobile clinic", "Adults without insurance", unit, est) == sentence


# ---- model-based estimates are refused -----------------------------------------------------------------


def aims_of(*rows) -> pd.DataFrame:
    cols = ["indicator_id", "label", "unit", "source_name", "description", "expected", "note"]
    return pd.DataFrame([(*r, "lower", None) for r in rows], columns=cols)


PLACES_ROW = (
    "places_access2",
    "No health insurance, adults 18-64",
    "percent",
    "CDC PLACES, 2024, tracts",
    "",
)
SURVEY_ROW = ("uninsured", "Adults without health insurance", "percent", "County survey", "Measured.")
OTHERS = pd.DataFrame(
    [("places_casthma", "Current asthma", "CDC PLACES, 2024", ""), ("er", "ER visits", "Hospital data", "")],
    columns=["indicator_id", "label", "source_name", "description"],
)


@pytest.mark.parametrize(
    ("row", "modelled"),
    [
        ({"indicator_id": "places_access2", "source_name": "Renamed by the user"}, True),
        ({"indicator_id": "access", "source_name": "CDC PLACES, 2023 release, census tracts"}, True),
        (
            {"indicator_id": "access", "source_name": "x", "description": "CDC PLACES model-based estimate"},
            True,
        ),
        ({"indicator_id": "uninsured", "source_name": "Riverbend Community Survey"}, False),
        ({"indicator_id": "uninsured", "source_name": None}, False),
    ],
)
def test_model_based_indicators_are_recognised(row, modelled):
    assert view.model_based(row) is modelled


@pytest.mark.parametrize(
    ("aims", "offered"),
    [
        (
            aims_of(PLACES_ROW, SURVEY_ROW),
            "Directly measured indicators the van aims to move: Adults without",
        ),
        (
            aims_of(PLACES_ROW),
            "None of the indicators the van names is measured directly. Indicators in this",
        ),
    ],
)
def test_a_places_indicator_is_refused_as_evidence_of_an_effect(aims, offered):
    values = FOUR_YEARS  # values there are: it is the kind of estimate that is refused, not the data
    out = view.did_section(
        program="the van",
        start_year=2020,
        aim=aims.iloc[0],
        aims=aims,
        indicators=OTHERS,
        values=values,
        place="Riverbend",
        level="neighbourhoods",
        source="CDC PLACES",
    )
    assert out.takeaway is None and out.figure is None and out.estimate is None
    assert "CDC warns that these estimates should not be used to evaluate the effect of local programs" in (
        out.refusal
    )
    assert out.offer.startswith(offered)
    if "None of" in offered:
        assert "ER visits" in out.offer and "Current asthma" not in out.offer
    assert view.default_aim(aims) == ("uninsured" if len(aims) == 2 else "places_access2")


def test_an_aim_not_loaded_says_what_to_load():
    aims = pd.DataFrame(
        [("gone", None, None, None, None)],
        columns=["indicator_id", "label", "unit", "source_name", "description"],
    )
    out = view.did_section(
        program="the van", start_year=2020, aim=aims.iloc[0], aims=aims, indicators=OTHERS, values=FOUR_YEARS,
        place="Riverbend", level="neighbourhoods", source="",
    )  # fmt: skip
    assert "the indicator “gone”, which this database does not hold" in out.empty
    assert view.aim_choices(aims) == {"gone": "gone (not loaded)"}


# ---- the interrupted time series ---------------------------------------------------------------------


def series(n: int, change_at: int, level: float, slope: float, noise=None) -> pd.DataFrame:
    months = pd.date_range("2022-01-01", periods=n, freq="MS")
    t = np.arange(n, dtype=float)
    after = t >= change_at
    y = 40 + 0.5 * t + level * after + slope * np.where(after, t - change_at, 0.0)
    if noise is not None:
        y = y + noise
    return pd.DataFrame({"period": months, "value": y})


@pytest.mark.parametrize(("level", "slope"), [(3.0, 0.2), (-5.0, 0.0), (0.0, -0.75), (0.0, 0.0)])
def test_segmented_regression_recovers_the_level_and_slope_change(level, slope):
    df = series(36, 24, level, slope)
    seg = impact.segmented(df, "2024-01-01")
    assert (seg.pre_months, seg.post_months) == (24, 12)
    assert seg.level == pytest.approx(level, abs=1e-9)
    assert seg.slope == pytest.approx(slope, abs=1e-9)
    assert seg.gap == pytest.approx(level + slope * 11, abs=1e-9)  # the last month is 11 after the change
    baseline = seg.table.set_index("period")["baseline"]
    assert baseline.iloc[-1] == pytest.approx(40 + 0.5 * 35, abs=1e-9)  # the trend before, projected


def test_the_curve_turned_only_when_the_whole_interval_is_on_one_side():
    rng = np.random.default_rng(1)
    up = impact.segmented(series(48, 36, 0.0, 1.0, rng.normal(0, 1, 48)), "2025-01-01")
    assert impact.turned(up, higher_is_better=True) is True
    assert impact.turned(up, higher_is_better=False) is False
    flat = impact.segmented(series(48, 36, 0.0, 0.0, rng.normal(0, 1, 48)), "2025-01-01")
    lo, hi = flat.gap_ci
    assert impact.turned(flat, True) is (None if lo <= 0 <= hi else (lo > 0))


def test_withheld_months_are_left_out_and_too_few_are_said():
    df = series(36, 24, 3.0, 0.2)
    df.loc[[3, 10, 30], "value"] = np.nan
    seg = impact.segmented(df, "2024-01-01")
    assert (seg.pre_months, seg.post_months) == (22, 11)
    assert seg.level == pytest.approx(3.0, abs=1e-9)
    assert seg.table["value"].isna().sum() == 3  # drawn as gaps, not as zeros
    short = impact.segmented(series(30, 26, 1.0, 0.0), "2024-03-01")
    assert isinstance(short, Unestimable) and short.reason == "few_post" and short.have == 4
    assert isinstance(impact.segmented(series(12, 4, 1.0, 0.0), "2022-05-01"), Unestimable)


def test_newey_west_lags():
    assert [impact.newey_west_lags(n) for n in (12, 36, 100, 400)] == [2, 3, 4, 5]


# ---- the page ----------------------------------------------------------------------------------------


def section(at) -> str:
    return texts(at) + "\n" + "\n".join(shown(c.value) for c in at.caption)


def test_did_it_work_on_the_demo(on_demo):
    at = run_page("pages/programs.py", {"part": "impact", "program": "chw", "aim": "uninsured"})
    assert not at.exception, at.exception
    assert not at.warning
    body = section(at)
    assert "Did it work?" in [s.value for s in at.subheader]
    assert "Where Promotores de Salud works, adults without health insurance fell " in body
    assert "this is an association, not proof." in body
    assert "Before Promotores de Salud began, the served and comparison areas moved alike" in body
    assert "difference-in-differences" in body
    assert "Monthly results: did the curve turn?" in body
    titles = [shown(s.label) for s in at.selectbox]
    assert "Indicator the program aims to move" in titles and "Monthly result" in titles


def test_a_metric_that_turned_the_curve_on_the_demo(on_demo):
    at = run_page("pages/programs.py", {"program": "mobile_clinic", "chart": "impact_its"})
    assert not at.exception, at.exception
    assert not at.warning  # the chart's own link is one the page has
    body = section(at)
    assert "under control turned the curve: by " in body
    assert "the better way." in body
    assert "Newey-West" in body
    # The program aims at hypertension, which the demo leaves alone: no effect, said so.
    at = run_page("pages/programs.py", {"part": "impact", "program": "health_ed", "aim": "hypertension"})
    assert "changed about as much as elsewhere" in section(at)


def test_one_year_before_the_start_is_said_on_the_demo(on_demo):
    at = run_page("pages/programs.py", {"part": "impact", "program": "telehealth"})
    assert not at.exception, at.exception
    assert "there is only one year of data before 2020 (2019)" in section(at)


@pytest.fixture
def without_aims(demo_db, tmp_path, monkeypatch):
    """The demo as a database whose organisation named no aims and recorded no changes."""
    path = tmp_path / "equity.duckdb"
    path.write_bytes(demo_db.read_bytes())
    con = duckdb.connect(str(path))
    con.execute("DELETE FROM program_indicators")
    con.execute("DELETE FROM program_changes")
    con.close()
    monkeypatch.setenv("EQUITY_DB", str(path))


def test_without_program_indicators_the_section_says_what_to_load(without_aims):
    at = run_page("pages/programs.py", {"part": "impact", "program": "mobile_clinic", "aim": "no_checkup"})
    assert not at.exception, at.exception
    body = section(at)
    assert "Rural Health on Wheels names no indicators it aims to move" in body
    assert "program_indicators table (template on the Data & methods page)" in body
    assert "records no change to compare its results before and after" in body
    assert any("does not aim to move" in w.value for w in at.warning)  # the link's aim is not there now


def test_without_programs_the_page_says_what_to_load(schema_only_db, monkeypatch):
    monkeypatch.setenv("EQUITY_DB", str(schema_only_db))
    at = run_page("pages/programs.py", {"part": "impact", "aim": "x", "metric": "y"})
    assert not at.exception, at.exception
    assert "Did it work?" not in [s.value for s in at.subheader]


HOSTILE = {
    "sql": "'; DROP TABLE program_indicators; --",
    "markup": "![x](http://127.0.0.1:9/a.png)<img src=x>",
    "long": "x" * 5000,
    "bidi": "uninsured\u202e",
    "date": "2024-13-45",
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_values_fall_back_with_a_notice(name, on_demo, demo_db):
    before = demo_db.read_bytes()
    value = HOSTILE[name]
    at = run_page(
        "pages/programs.py",
        {"part": "impact", "program": "mobile_clinic", "aim": value, "metric": value, "change": value},
    )
    assert not at.exception, at.exception
    assert at.warning, "the link's values were refused with a notice"
    for w in at.warning:  # quoted back as text: what could start markup is escaped
        live = w.value.replace("\\[", "").replace("\\(", "").replace("\\<", "")
        assert "<img" not in live and "](" not in live and "\u202e" not in w.value
    assert "Did it work?" in [s.value for s in at.subheader]
    assert "turned the curve" in section(at)  # the defaults shown instead
    assert demo_db.read_bytes() == before


def test_the_estimate_is_not_nan_on_any_demo_aim(demo_db):
    """Every aim the demo names, in the whole region: an estimate, or a sentence saying why not."""
    from equity import queries
    from equity.db import connect_read_only, cursor

    con = connect_read_only(demo_db)
    try:
        with cursor(con) as cur:
            region = cur.execute("SELECT area_id FROM areas WHERE level = 'state'").fetchone()[0]
            aims = cur.execute("SELECT program_id, indicator_id, year(start_date) FROM program_indicators "
                               "JOIN programs USING (program_id)").fetchall()  # fmt: skip
        for program, ind, start in aims:
            values = queries.run(
                con, "impact_values", {"program": program, "level": "tract", "ind": ind, "region": region}
            )
            est = impact.did(values, start)
            if not isinstance(est, Unestimable):
                assert math.isfinite(est.estimate) and est.ci_low < est.ci_high
    finally:
        con.close()


# ---- ingest org: the indicators programs aim to move are the database's ------------------------------


def org_files(folder, indicator: str) -> list:
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "partners.csv": "partner_id,name,kind\nclinic,Valley Clinic,health_system\n",
        "programs.csv": "program_id,name,kind,description,lead_partner_id,start_date\n"
        "van,The van,mobile_clinic,A mobile clinic,clinic,2021-01-01\n",
        "program_indicators.csv": f"program_id,indicator_id,expected,note\nvan,{indicator},lower,\n",
        "program_changes.csv": "program_id,changed_on,description\nvan,2024-01-01,Evening hours\n",
    }
    for name, body in files.items():
        (folder / name).write_text(body)
    return [folder / n for n in files]


def test_ingest_org_checks_aims_against_the_databases_indicators(nation_db, tmp_path):
    from equity.ingest import ingest
    from equity.ingest.read import IngestError
    from tests.helpers import table

    path = tmp_path / "equity.duckdb"
    path.write_bytes(nation_db.read_bytes())
    known = table(path, "SELECT min(indicator_id) AS i FROM indicators")["i"].iloc[0]
    with pytest.raises(
        IngestError, match=r"program_indicators\.csv, row 2, column 'indicator_id': unknown indicator"
    ):
        ingest(path, "org", org_files(tmp_path / "bad", "no_such_indicator"))
    ingest(path, "org", org_files(tmp_path / "good", known))
    aims = table(path, "SELECT program_id, indicator_id, expected FROM program_indicators")
    assert aims.values.tolist() == [["van", known, "lower"]]
    changes = table(path, "SELECT changed_on, description FROM program_changes")
    assert str(changes["changed_on"].iloc[0])[:10] == "2024-01-01"


@pytest.fixture
def with_places_aim(demo_db, tmp_path, monkeypatch):
    """The demo with a CDC PLACES indicator loaded and named as one of the mobile clinic's aims."""
    path = tmp_path / "equity.duckdb"
    path.write_bytes(demo_db.read_bytes())
    con = duckdb.connect(str(path))
    con.execute(
        "INSERT INTO sources (source_id, name, publisher, vintage, imported_at) VALUES ('places_tract_2024', "
        "'CDC PLACES, 2024 release, census tracts', 'Centers for Disease Control and Prevention', '2024', "
        "now())"
    )
    con.execute(
        "INSERT INTO indicators VALUES ('places_access2', 'No health insurance among adults 18-64', "
        "'CDC PLACES model-based estimate', 'Access to care', 'percent', true, 'places_tract_2024', 'crude')"
    )
    con.execute("INSERT INTO program_indicators VALUES ('mobile_clinic', 'places_access2', 'lower', NULL)")
    con.close()
    monkeypatch.setenv("EQUITY_DB", str(path))


def test_a_places_aim_is_refused_on_the_page(with_places_aim):
    at = run_page(
        "pages/programs.py", {"part": "impact", "program": "mobile_clinic", "aim": "places_access2"}
    )
    assert not at.exception, at.exception
    refusal = [shown(w.value) for w in at.warning]
    assert any("comes from CDC PLACES" in w and "CDC warns" in w for w in refusal), refusal
    body = section(at)
    assert "Directly measured indicators Rural Health on Wheels aims to move: " in body
    assert "Where Rural Health on Wheels works" not in body  # no estimate is made from it
    at = run_page("pages/programs.py", {"part": "impact", "program": "mobile_clinic"})
    assert not at.warning and "Where Rural Health on Wheels works" in section(at)  # the default is measured
