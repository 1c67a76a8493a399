"""The vulnerable populations footprint (equity/footprint.py, equity/views/footprint.py): the URL's
thresholds good and hostile, which areas meet them all on small tables worked by hand, and the Map page's
footprint mode on the demo, on a database without counts or programs, and with hostile URL values."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from equity import footprint, text_where
from equity.footprint import Threshold
from tests.test_pages import run_page, texts
from tests.wherenext_db import build_small

INDS = {"poverty": "Poverty", "uninsured": "Uninsured", "no_vehicle": "No vehicle", "asthma": "Asthma"}


@pytest.mark.parametrize(
    "raw, thresholds, notices",
    [
        (None, [], 0),
        ("", [], 0),
        ("default", [], 0),
        ("poverty:20;uninsured:15", [Threshold("poverty", 20.0), Threshold("uninsured", 15.0)], 0),
        ("poverty;uninsured:1.5", [Threshold("poverty", None), Threshold("uninsured", 1.5)], 0),
        ("poverty:20;poverty:30", [Threshold("poverty", 20.0)], 0),  # repeated: the first counts
        ("poverty:lots;uninsured:15", [Threshold("poverty", None), Threshold("uninsured", 15.0)], 1),
        ("poverty:nan;uninsured:inf", [Threshold("poverty", None), Threshold("uninsured", None)], 2),
        ("poverty:1e400", [Threshold("poverty", None)], 1),
        ("'; DROP TABLE areas; --:3;poverty:1", [Threshold("poverty", 1.0)], 3),  # split at each ;
        ("<script>:1;uninsured:2", [Threshold("uninsured", 2.0)], 1),
        (
            "poverty:1;uninsured:2;no_vehicle:3;asthma:4",
            [Threshold("poverty", 1.0), Threshold("uninsured", 2.0), Threshold("no_vehicle", 3.0)],
            1,
        ),
        (";;;", [], 0),
    ],
)
def test_the_urls_footprint_good_and_hostile(raw, thresholds, notices):
    got, said = footprint.parse(raw, INDS)
    assert got == thresholds
    assert len(said) == notices
    assert all("DROP" not in s or "“" in s for s in said)  # quoted back, inert


def test_a_footprint_is_written_the_way_it_is_read():
    chosen = [Threshold("poverty", 20.0), Threshold("uninsured", 15.5), Threshold("asthma", None)]
    assert footprint.format_fp(chosen) == "poverty:20;uninsured:15.5;asthma"
    assert footprint.parse(footprint.format_fp(chosen), INDS)[0] == chosen


def long(rows):
    """Values from (area_id, indicator_id, value, flag)."""
    return pd.DataFrame(rows, columns=["area_id", "indicator_id", "value", "flag"])


def test_which_areas_meet_every_threshold_worked_by_hand():
    # Poverty at least 20 (higher is worse) and a checkup rate at most 60 (higher is better).
    values = long(
        [
            ("a", "poverty", 25, None), ("a", "checkup", 55, None),  # both: in
            ("b", "poverty", 20, None), ("b", "checkup", 60, None),  # both, at the thresholds: in
            ("c", "poverty", 19.9, None), ("c", "checkup", 40, None),  # misses poverty: out
            ("d", "poverty", 30, None), ("d", "checkup", None, "suppressed"),  # cannot tell: withheld
            ("e", "poverty", None, "no_data"), ("e", "checkup", 50, None),  # cannot tell: no data
            ("f", "poverty", 10, None), ("f", "checkup", None, "suppressed"),  # misses one: out anyway
        ]
    )  # fmt: skip
    got = footprint.standing(values, {"poverty": 20, "checkup": 60}, {"poverty": True, "checkup": False})
    assert dict(zip(got["area_id"], got["status"], strict=True)) == {
        "a": "in",
        "b": "in",
        "c": "out",
        "d": "suppressed",
        "e": "no_data",
        "f": "out",
    }


@given(st.lists(st.floats(0, 100), min_size=1, max_size=40), st.floats(0, 100), st.floats(0, 100))
def test_a_tighter_threshold_never_adds_an_area(values, t1, t2):
    df = long([(f"a{i}", "x", v, None) for i, v in enumerate(values)])
    lo, hi = sorted((t1, t2))
    loose = footprint.standing(df, {"x": lo}, {"x": True})
    tight = footprint.standing(df, {"x": hi}, {"x": True})
    assert set(tight.loc[tight["status"] == "in", "area_id"]) <= set(
        loose.loc[loose["status"] == "in", "area_id"]
    )


def test_the_default_threshold_is_the_edge_of_the_worst_quarter():
    values = pd.Series([float(v) for v in range(1, 101)])  # 1..100: the 75th percentile is 75.25
    assert footprint.default_threshold(values, True) == pytest.approx(75.2)
    assert footprint.default_threshold(values, False) == pytest.approx(25.8)
    assert footprint.default_threshold(pd.Series([5.0, 5.0]), True) == 5.0  # never beyond every value
    assert footprint.default_threshold(pd.Series([None], dtype=float), True) is None


def test_default_indicators_prefer_poverty_and_uninsurance():
    assert footprint.default_indicators(["asthma", "uninsured", "poverty"]) == ["poverty", "uninsured"]
    assert footprint.default_indicators(["asthma", "obesity", "x"]) == ["asthma", "obesity"]


def test_group_shares_are_shares_of_the_people_counted_and_no_totals():
    groups = pd.DataFrame(
        {"group_label": ["A", "B"], "inside": [300, 100], "outside": [500, 500], "areas_withheld": [0, 1]}
    )
    shares = footprint.group_shares(groups)
    assert list(shares.columns) == ["group_label", "share_inside", "share_outside"]
    assert shares["share_inside"].tolist() == [0.75, 0.25] and shares["share_outside"].tolist() == [0.5, 0.5]


# ---- the Map page's footprint mode ----------------------------------------------------------------


@pytest.fixture(scope="module")
def small_db(tmp_path_factory):
    return build_small(tmp_path_factory.mktemp("footprint") / "equity.duckdb")


def _spec(at, key):
    return json.loads(next(c for c in at.get("plotly_chart") if key in c.proto.id).proto.spec)


def test_footprint_on_a_small_table_with_known_areas(small_db, monkeypatch):
    # Tract i has poverty 5i% and uninsurance 26 - 2i%: poverty >= 30 is tracts 6..12, uninsured >= 12 is
    # tracts 1..7; both: tracts 6 and 7, home to 1,600 + 1,700 = 3,300 of the 19,800 people (17%). The
    # database's one county is the region it opens on.
    monkeypatch.setenv("EQUITY_DB", str(small_db))
    at = run_page("pages/map.py", {"fp": "poverty:30;uninsured:12"})
    assert not at.exception, at.exception
    said = texts(at)
    assert "2 of 12 neighbourhoods in Alder County meet both thresholds, home to 3,300 people, 17% of" in said
    assert text_where.FOOTPRINT_NO_PROGRAMS in "\n".join(c.value for c in at.caption).replace("\\", "")
    spec = _spec(at, "footprint")
    inside = next(t for t in spec["data"] if t.get("name") == text_where.STATUS_WORDS["in"])
    assert sorted(inside["locations"]) == ["01001000006", "01001000007"]
    assert spec["layout"]["map"]["style"] == "white-bg"  # no tiles: draws offline
    assert not at.warning


def test_footprint_on_the_demo_profiles_people_groups_and_sites(on_demo):
    at = run_page("pages/map.py", {"fp": "default"})
    assert not at.exception, at.exception
    said = texts(at)
    assert "meet both thresholds" in said
    assert text_where.FOOTPRINT_GROUPS in said and text_where.FOOTPRINT_SITES in said
    assert str(at.query_params["fp"]).startswith("poverty:")  # the link now says the thresholds shown
    assert len(at.slider) == 2
    names = {t.get("name") for t in _spec(at, "footprint")["data"]}
    assert text_where.STATUS_WORDS["in"] in names and text_where.SITE_MARK in names


@pytest.mark.parametrize(
    "fp, notice",
    [
        ("'; DROP TABLE areas; --", "which this database does not have"),
        ("poverty", "A footprint needs at least two indicators"),
        ("poverty:1e9;uninsured:15", "is beyond every value on this map"),
        ("poverty:NaN;uninsured:-inf", "was not understood"),
        ("poverty:1;uninsured:2;no_vehicle:3;food_insecurity:4", "at most 3 indicators"),
        ("x" * 500, "could not be read"),
    ],
)
def test_footprint_with_hostile_url_values(on_demo, demo_db, fp, notice):
    before = demo_db.read_bytes()
    at = run_page("pages/map.py", {"fp": fp, "chart": "footprint"})
    assert not at.exception, at.exception
    assert notice in "\n".join(w.value for w in at.warning).replace("\\", "")
    assert demo_db.read_bytes() == before


def test_footprint_in_the_presentation_view_has_no_controls(on_demo):
    at = run_page("pages/map.py", {"fp": "poverty:20;uninsured:15", "present": "1"})
    assert not at.exception, at.exception
    assert not at.slider and not at.multiselect
    assert "thresholds" in texts(at)
