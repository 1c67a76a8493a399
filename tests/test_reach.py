"""Reach and equity of reach (equity.reach, equity.views.reach, the Programs page's "Who are we reaching?"):
hand-computed measures on small tables, their invariants, the small-count rule, and the page."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from equity import db, downloads, queries, reach, stats
from equity.views import reach as view

# ---- served share minus population share ------------------------------------------------------------


def reach_rows(people, few=None, ids=None):
    ids = ids or [f"a{i}" for i in range(len(people))]
    few = few or [False] * len(people)
    return pd.DataFrame(
        {
            "area_id": ids,
            "people": [None if f else p for p, f in zip(people, few, strict=True)],
            "few_people": few,
        }
    )


def test_served_minus_population_share_by_hand():
    # Populations 100, 300, 600; served 50, 50, 0: served shares .5, .5, 0 against .1, .3, .6.
    m = reach.spatial_equity(reach_rows([50, 50, 0]), pd.Series({"a0": 100, "a1": 300, "a2": 600}))
    assert m["served_share"].tolist() == pytest.approx([0.5, 0.5, 0.0])
    assert m["base_share"].tolist() == pytest.approx([0.1, 0.3, 0.6])
    assert m["difference"].tolist() == pytest.approx([0.4, 0.2, -0.6])
    assert m["difference"].sum() == pytest.approx(0.0)
    assert (m["status"] == "counted").all()


def test_withheld_and_unknown_areas_are_left_out_of_both_shares():
    # a1: too few served to show; a3: no population figure. The rest: served 30, 10 of people 200, 200.
    rows = reach_rows([30, None, 10, 40], few=[False, True, False, False])
    m = reach.spatial_equity(rows, pd.Series({"a0": 200, "a1": 500, "a2": 200})).set_index("area_id")
    assert m["status"].to_dict() == {"a0": "counted", "a1": "withheld", "a2": "counted", "a3": "no_base"}
    assert m.loc["a0", "served_share"] == pytest.approx(0.75)
    assert m.loc["a2", "difference"] == pytest.approx(0.25 - 0.5)
    assert math.isnan(m.loc["a1", "served_share"]) and math.isnan(m.loc["a3", "difference"])
    assert m["difference"].sum() == pytest.approx(0.0)


@given(
    st.lists(st.tuples(st.integers(0, 5_000), st.integers(1, 10_000), st.booleans()), min_size=1, max_size=40)
)
def test_differences_add_up_to_zero(cells):
    served, pop, few = zip(*cells, strict=True)
    m = reach.spatial_equity(
        reach_rows(list(served), list(few)), pd.Series(pop, index=[f"a{i}" for i in range(len(pop))])
    )
    counted = m[m["status"] == "counted"]
    if counted["served_share"].notna().any():
        assert counted["difference"].sum() == pytest.approx(0.0, abs=1e-9)
        assert counted["served_share"].sum() == pytest.approx(1.0)


@given(st.lists(st.integers(1, 10_000), min_size=1, max_size=40), st.integers(1, 7))
def test_reaching_everyone_in_proportion_gives_zero_everywhere(pop, per):
    m = reach.spatial_equity(
        reach_rows([p * per for p in pop]), pd.Series(pop, index=[f"a{i}" for i in range(len(pop))])
    )
    assert np.allclose(m["difference"], 0.0)


def test_high_need_fifth_and_the_share_served_there():
    need = pd.Series(range(1, 11), index=[f"a{i}" for i in range(10)], dtype=float)
    assert list(need.index[reach.high_need(need, True)]) == ["a8", "a9"]
    assert list(need.index[reach.high_need(need, False)]) == ["a0", "a1"]
    assert not reach.high_need(pd.Series([np.nan, np.nan]), True).any()
    # Served 10 in each of a0..a7, 5 in a8, and too few in a9: 5 of the 85 shown live in the fifth,
    # where 200 of the 1,000 people live (a9's people count: they live there whoever was served).
    rows = reach_rows([10] * 8 + [5, None], few=[False] * 9 + [True], ids=list(need.index))
    share = reach.share_in(rows, pd.Series(100.0, index=need.index), reach.high_need(need, True))
    assert share["served"] == pytest.approx(5 / 85)
    assert share["base"] == pytest.approx(0.2)
    assert share["difference"] == pytest.approx(5 / 85 - 0.2)
    assert reach.share_in(reach_rows([0, 0]), pd.Series({"a0": 1, "a1": 1}), pd.Series({"a0": True})) is None


def test_most_under_and_over_served_are_named():
    m = reach.spatial_equity(reach_rows([50, 50, 0]), pd.Series({"a0": 100, "a1": 300, "a2": 600}))
    under, over = reach.extremes(m, pd.Series({"a0": "North", "a1": "Mid", "a2": "South"}))
    assert under == ["South"] and over == ["North", "Mid"]


# ---- bases: poverty, children and seniors where the data hold them ------------------------------------

AREAS = pd.DataFrame({"area_id": ["t1", "t2"], "population": [1000, 2000]})


def groups(rows):
    return pd.DataFrame(rows, columns=["area_id", "group_dim", "group_label", "population", "indicator_id"])


@pytest.mark.parametrize(
    ("rows", "held"),
    [
        ([], {"population"}),
        (
            [("t1", "age", "18–24", 100, "x"), ("t1", "age", "65 and older", 150, "x"),
             ("t2", "age", "65 and older", 300, "x")],
            {"population", "seniors"},  # adults only: no children
        ),
        (
            [("t1", "age", "Under 5", 60, "x"), ("t1", "age", "5-17", 140, "x"),
             ("t1", "age", "85+", 20, "x"), ("t1", "income", "Below poverty", 90, "x")],
            {"population", "children", "seniors", "poverty"},
        ),
        ([("t1", "age", "5-17", 140, "x")], {"population"}),  # 0 to 4 missing: not all children
    ],
)  # fmt: skip
def test_bases_the_data_hold(rows, held):
    got = reach.bases(AREAS, groups(rows))
    assert set(got) == held
    if "children" in got:
        assert got["children"]["t1"] == 200
    if "seniors" in got and "t2" in got["seniors"]:
        assert got["seniors"]["t2"] == 300


def test_percent_indicators_count_people_where_no_group_figures_do():
    # CDC/ATSDR SVI gives the percent below poverty, aged 17 and younger, 65 and older: of the population.
    shares = pd.DataFrame(
        {
            "area_id": ["t1", "t2", "t1", "t2"],
            "indicator_id": ["svi_ep_pov", "svi_ep_pov", "svi_ep_age65", "svi_ep_age65"],
            "value": [10.0, None, 20.0, 5.0],
        }
    )
    ages = groups([("t1", "age", "65 and older", 150, "x"), ("t2", "age", "65 and older", 300, "x")])
    got = reach.bases(AREAS, ages, shares)
    assert set(got) == {"population", "poverty", "seniors"}
    assert got["poverty"]["t1"] == pytest.approx(100.0) and math.isnan(got["poverty"]["t2"])
    assert got["seniors"].to_dict() == {"t1": 150, "t2": 300}  # figures by group come first


def test_a_withheld_group_leaves_its_area_without_a_figure():
    rows = groups(
        [("t1", "age", "65-74", 100, "x"), ("t1", "age", "75+", None, "x"), ("t2", "age", "65+", 50, "x")]
    )
    seniors = reach.bases(AREAS, rows)["seniors"]
    assert math.isnan(seniors["t1"]) and seniors["t2"] == 50


# ---- reach by group ------------------------------------------------------------------------------------


def served_by_group(rows):
    return pd.DataFrame(
        rows, columns=["group_dim", "group_label", "people", "cells_withheld", "withheld_at_most", "served"]
    )


def test_group_reach_by_hand():
    served = served_by_group(
        [("income", "Low", 300, 0, 0, 1000), ("income", "High", 700, 0, 0, 1000),
         ("race", "A", 20, 3, 100, 1000), ("race", "B", 900, 0, 0, 1000), ("race", "C", 30, 2, 50, 1000),
         ("sex", "F", 505, 0, 0, 1000), ("sex", "M", 495, 0, 0, 1000)]
    )  # fmt: skip
    pop = pd.DataFrame(
        {
            "group_dim": ["income", "income", "race", "race", "race", "sex", "sex"],
            "group_label": ["Low", "High", "A", "B", "C", "F", "M"],
            "population": [5000, 5000, 1000, 6000, 3000, 500, 500],
        }
    )
    g = reach.group_reach(served, pop).set_index("group_label")
    low, high = stats.wilson_interval(300, 1000)
    assert g.loc["Low", "share"] == pytest.approx(0.3)
    assert (g.loc["Low", "low"], g.loc["Low", "high"]) == pytest.approx((low, high))
    assert g.loc["Low", "pop_share"] == pytest.approx(0.5)
    assert g["verdict"].to_dict() == {
        "Low": "under",  # 30% (27% to 33%) against half the people
        "High": "over",
        "A": "unclear",  # 2% shown, up to 12% with its withheld people, against 10%
        "B": "over",
        "C": "under",  # even with every withheld person, at most 8% against 30%
        "F": "about",  # 50.5% (47% to 54%) against 50%
        "M": "about",
    }
    assert g.loc["A", "share_most"] == pytest.approx(0.12)


def test_no_population_by_group_gives_no_rows():
    served = served_by_group([("income", "Low", 300, 0, 0, 1000)])
    empty = pd.DataFrame(columns=["group_dim", "group_label", "population"])
    assert reach.group_reach(served, empty).empty


# ---- catchments: distances on the ground ------------------------------------------------------------------

LAT, LON = 41.8, -71.4
KM_LON = 1 / (111.32 * math.cos(math.radians(LAT)))  # degrees of longitude in a km, here


def line_of_areas(kms, need=None):
    ids = [f"t{i}" for i in range(len(kms))]
    areas = pd.DataFrame(
        {
            "area_id": ids,
            "name": [f"Area {i}" for i in range(len(kms))],
            "population": [1000 * (i + 1) for i in range(len(kms))],
            "centroid_lon": [LON + k * KM_LON for k in kms],
            "centroid_lat": LAT,
        }
    )
    return areas


def test_distances_are_kilometres_on_the_ground():
    areas = line_of_areas([0.0, 1.0, 3.0, 10.0, 40.0])
    sites = pd.DataFrame({"lon": [LON], "lat": [LAT], "program_id": ["p"]})
    d = reach.nearest_site_km(areas, sites)
    assert d.tolist() == pytest.approx([0.0, 1.0, 3.0, 10.0, 40.0], rel=2e-3, abs=0.01)
    assert reach.nearest_site_km(areas, sites.iloc[0:0]).isna().all()


def test_service_gaps_at_a_known_distance():
    areas = line_of_areas([0.0, 2.0, 4.0, 6.0, 12.0, 20.0])
    own = pd.DataFrame({"lon": [LON], "lat": [LAT]})
    other = pd.DataFrame({"lon": [LON + 20 * KM_LON], "lat": [LAT]})  # another program's site at 20 km
    high = pd.Series([False, True, True, True, True, False], index=areas["area_id"])
    c = reach.catchment(
        areas,
        high,
        reach.nearest_site_km(areas, own),
        reach.nearest_site_km(areas, pd.concat([own, other])),
        5.0,
    )
    # High need: t1 (2 km), t2 (4 km), t3 (6 km), t4 (12 km; 8 km from the other site).
    assert (c["high_areas"], c["high_people"]) == (4, 2000 + 3000 + 4000 + 5000)
    assert (c["near_areas"], c["near_people"]) == (2, 2000 + 3000)
    assert c["gap_ids"] == ["t3", "t4"] and c["gap_people"] == 4000 + 5000
    c8 = reach.catchment(
        areas,
        high,
        reach.nearest_site_km(areas, own),
        reach.nearest_site_km(areas, pd.concat([own, other])),
        8.5,
    )
    assert c8["gap_ids"] == []  # t3 is 6 km from the site, t4 8 km from the other


def test_catchment_circles_have_the_radius_asked_for():
    circle = reach.catchment_circles(pd.DataFrame({"lon": [LON], "lat": [LAT]}), 5.0)[0]
    xs, ys = np.asarray(circle.exterior.coords).T
    assert (xs.max() - LON) / KM_LON == pytest.approx(5.0, rel=5e-3)
    assert (ys.max() - LAT) * 111.0 == pytest.approx(5.0, rel=1e-2)


# ---- the small-count rule: reach by group --------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_reach(tmp_path_factory):
    """A database of four tracts and one program's reach by group (threshold 11)."""
    path = tmp_path_factory.mktemp("reach") / "tiny.duckdb"
    reach_cells = {
        # tract: all, then groups X, Y, Z of one breakdown
        "t1": (50, 5, 20, 25),  # X small; Y, the smallest shown, withheld with it
        "t2": (8, 3, 5, 0),  # the tract's own count is small: no groups at all
        "t3": (60, 0, 30, 30),  # nothing small
        "t4": (50, 3, 4, 43),  # X, Y small and 7 together: Z withheld too
    }

    def fill(con):
        con.execute("INSERT INTO meta VALUES ('min_count', '11')")
        con.execute(
            "INSERT INTO areas (area_id, name, level, population) VALUES ('s', 'State', 'state', 1000)"
        )
        for t in reach_cells:
            con.execute(
                "INSERT INTO areas (area_id, name, level, parent_id, population) "
                "VALUES (?, ?, 'tract', 's', 250)",
                [t, t],
            )
        con.execute("INSERT INTO partners VALUES ('lead', 'Lead', 'school')")
        con.execute(
            "INSERT INTO programs (program_id, name, kind, description, lead_partner_id, start_date) "
            "VALUES ('p', 'P', 'chw', 'd', 'lead', DATE '2020-01-01')"
        )
        for t, (total, *parts) in reach_cells.items():
            con.execute("INSERT INTO program_reach VALUES ('p', ?, 2024, 'all', 'All', ?)", [t, total])
            for label, n in zip("XYZ", parts, strict=True):
                con.execute("INSERT INTO program_reach VALUES ('p', ?, 2024, 'g', ?, ?)", [t, label, n])

    db.build_atomically(path, fill)
    return path


def test_the_view_withholds_small_and_complementary_cells(tiny_reach):
    with duckdb.connect(str(tiny_reach), read_only=True) as con:
        rows = con.execute(
            "SELECT area_id, group_label, people, few_people FROM published_reach_groups ORDER BY ALL"
        ).fetchall()
    assert rows == [
        ("t1", "X", None, True),
        ("t1", "Y", None, True),
        ("t1", "Z", 25, False),
        ("t3", "X", 0, False),
        ("t3", "Y", 30, False),
        ("t3", "Z", 30, False),
        ("t4", "X", None, True),
        ("t4", "Y", None, True),
        ("t4", "Z", None, True),
    ]


def test_a_regions_group_sums_show_only_what_the_cells_do(tiny_reach):
    con = db.connect_read_only(tiny_reach)
    try:
        g = queries.run(
            con, "reach_groups", {"program": "p", "level": "tract", "year": 2024, "region": "s"}
        ).set_index("group_label")
    finally:
        con.close()
    assert g["people"].to_dict() == {"X": 0, "Y": 30, "Z": 55}
    assert g["cells_withheld"].to_dict() == {"X": 2, "Y": 2, "Z": 1}
    # What the withheld cells can hold at most, from what is shown: t1's 50 less 25, t4's 50 less nothing.
    assert g["withheld_at_most"].to_dict() == {"X": 75, "Y": 75, "Z": 50}
    assert set(g["served"]) == {160}  # t1, t3, t4: t2's count is too small to show


def test_no_breakdown_on_the_demo_leaves_a_withheld_cell_recoverable(demo_con):
    """Wherever a tract's breakdown withholds cells, it withholds at least two whose people add up to the
    threshold or more, or only zeros are shown beside them; and no cell shown is small."""
    with db.cursor(demo_con) as cur:
        bad = cur.execute(
            """SELECT count(*) FROM (
                   SELECT g.program_id, g.area_id, g.period, g.group_dim,
                          count(*) FILTER (WHERE p.few_people) AS hidden,
                          sum(g.people) FILTER (WHERE p.few_people) AS hidden_people
                   FROM program_reach g
                   JOIN published_reach_groups p USING (program_id, area_id, period, group_dim, group_label)
                   GROUP BY ALL)
               WHERE hidden > 0 AND (hidden = 1 OR hidden_people < min_count())"""
        ).fetchone()[0]
        small = cur.execute(
            "SELECT count(*) FROM published_reach_groups WHERE people BETWEEN 1 AND 10"
        ).fetchone()[0]
        hidden = cur.execute("SELECT count(*) FROM published_reach_groups WHERE few_people").fetchone()[0]
    assert bad == 0 and small == 0 and hidden > 0


def section(con, program, *, region="99", year=2024, ind="uninsured", base="population", km=5.0):
    ind_row = queries.run(con, "indicators").set_index("indicator_id").loc[ind]
    return view.view(
        program,
        queries.run(
            con,
            "program_reach",
            {
                "program": program,
                "level": "tract",
                "reach_year": year,
                "ind": ind,
                "year": year,
                "region": region,
            },
        ),
        queries.run(con, "map_areas", {"level": "tract", "region": region}),
        queries.run(
            con, "reach_groups", {"program": program, "level": "tract", "year": year, "region": region}
        ),
        queries.run(con, "reach_group_population", {"level": "tract", "year": year, "region": region}),
        queries.run(con, "sites", {"region": region}),
        program_id=program,
        base=base,
        km=km,
        ind_label=ind_row.label,
        ind_unit=ind_row.unit,
        higher_is_worse=bool(ind_row.higher_is_worse),
        year=year,
        place="Riverbend",
        source="S",
        records="R",
        min_count=11,
    )


def test_nothing_downloaded_shows_or_gives_back_a_small_count(demo_con):
    for program in queries.run(demo_con, "programs")["program_id"]:
        v = section(demo_con, program)
        if v.empty:
            continue
        for table in (v.map_table, v.groups_table, v.sites_table):
            if table is None:
                continue
            for column in set(downloads.COUNT_COLUMNS) & set(table.columns):
                assert not pd.to_numeric(table[column], errors="coerce").between(1, 10).any(), program
        # A share times the total shown gives back only what is shown: the shares are of the shown total.
        shown = pd.to_numeric(v.map_table["people"], errors="coerce")
        share = v.map_table.iloc[:, 3] / 100
        back = (share * shown.sum()).where(shown.isna())
        assert back.isna().all(), program


def test_the_demo_has_a_program_that_misses_the_highest_need_areas(demo_con):
    v = section(demo_con, "health_ed")
    assert v.high_need_takeaway.startswith("health_ed misses the highest-need neighbourhoods")
    # The health centre, by contrast, sits where need is and draws its patients from there.
    assert section(demo_con, "chc").high_need_takeaway.startswith("chc reaches the highest-need")


# ---- the page ------------------------------------------------------------------------------------------

from tests.test_pages import run_page, texts  # noqa: E402


def test_section_on_the_demo(on_demo):
    at = run_page(
        "pages/programs.py", {"part": "reach", "program": "health_ed", "measure": "seniors", "km": "8"}
    )
    assert not at.exception, at.exception
    assert not at.warning
    body = texts(at) + "\n".join(c.value.replace("\\", "") for c in at.caption)
    assert "Who are we reaching?" in body
    assert "Healthy Hearts in Faith Communities misses the highest-need neighbourhoods" in body
    assert "furthest below their share of the seniors" in body
    assert "within 8 km of a site of Healthy Hearts in Faith Communities" in body
    assert "no figures for children (under 18)" in body  # the demo's ages start at 18
    keys = {c.proto.id for c in at.get("plotly_chart")}
    assert len(keys) >= 4
    assert [b for b in at.selectbox if b.label == "Set the people served against"][0].value == "seniors"


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"measure": "<script>alert(1)</script>"}, "The link asked to compare the people served with"),
        ({"measure": "children"}, "which the data here do not hold"),  # the demo has no children's figures
        ({"km": "-1; DROP TABLE programs"}, "km from a site, which is not one of the distances offered"),
        ({"km": "1e309"}, "km from a site, which is not one of the distances offered"),
    ],
)
def test_hostile_values_fall_back_with_a_notice(on_demo, params, notice):
    at = run_page("pages/programs.py", {"part": "reach", **params})
    assert not at.exception, at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert notice in warnings.replace("\\", "")
    assert "<script>" not in warnings
    assert "Who are we reaching?" in texts(at)


@pytest.fixture(scope="module")
def no_programs_db(demo_db, tmp_path_factory):
    """The demo's areas and indicators without any organisation table: a coalition's first public load."""
    path = tmp_path_factory.mktemp("noprog") / "public.duckdb"

    def fill(con):
        db.attach_read_only(con, Path(demo_db), "old")
        for table in (
            "meta",
            "sources",
            "areas",
            "indicators",
            "indicator_values",
            "national_values",
            "withheld",
        ):
            con.execute(f"INSERT INTO {table} SELECT * FROM old.{table}")
        con.execute("DELETE FROM meta WHERE key = 'is_demo'")
        con.execute("DETACH old")

    db.build_atomically(path, fill)
    return path


def test_section_without_programs_says_what_to_load(no_programs_db, monkeypatch):
    monkeypatch.setenv("EQUITY_DB", str(no_programs_db))
    at = run_page("pages/programs.py", {"part": "reach", "measure": "poverty", "km": "5"})
    assert not at.exception, at.exception
    body = texts(at)
    assert "Who are we reaching?" in body
    assert "Load the programs, program_sites and program_reach templates" in body


@pytest.fixture(scope="module")
def no_reach_db(demo_db, tmp_path_factory):
    import shutil

    path = tmp_path_factory.mktemp("noreach") / "noreach.duckdb"
    shutil.copy(demo_db, path)
    with duckdb.connect(str(path)) as con:
        con.execute("DELETE FROM program_reach")
    return path


def test_section_with_programs_but_no_reach_says_what_to_load(no_reach_db, monkeypatch):
    monkeypatch.setenv("EQUITY_DB", str(no_reach_db))
    at = run_page("pages/programs.py", {"part": "reach", "program": "chc"})
    assert not at.exception, at.exception
    assert "Load its program_reach template" in texts(at)


@pytest.fixture(scope="module")
def county_reach_db(demo_db, tmp_path_factory):
    """The demo as a county coalition might load it: one program's people served by home county (its
    tracts' counts summed to their county), the others' by tract."""
    import shutil

    path = tmp_path_factory.mktemp("countyreach") / "countyreach.duckdb"
    shutil.copy(demo_db, path)
    with duckdb.connect(str(path)) as con:
        con.execute(
            "CREATE TEMP TABLE by_county AS SELECT program_id, substr(area_id, 1, 5) AS area_id, period, "
            "group_dim, group_label, sum(people)::BIGINT AS people FROM program_reach "
            "WHERE program_id = 'health_ed' GROUP BY ALL"
        )
        con.execute("DELETE FROM program_reach WHERE program_id = 'health_ed'")
        con.execute("INSERT INTO program_reach SELECT * FROM by_county")
    return path


@pytest.mark.parametrize("part", ["reach", "impact"])
def test_reach_recorded_by_county_is_read_by_county(county_reach_db, monkeypatch, part):
    # Reach loaded by county is people served, not "no one served": the part compares the counties, in
    # words that say counties, and "Did it work?" compares the served counties with the others.
    monkeypatch.setenv("EQUITY_DB", str(county_reach_db))
    at = run_page("pages/programs.py", {"part": part, "program": "health_ed"})
    assert not at.exception, at.exception
    body = texts(at)
    assert "no people served" not in body and "reported no people served" not in body
    assert "neighbourhood" not in body.lower()
    if part == "reach":
        assert "The highest-need fifth of counties" in body
        assert "of the highest-need fifth of counties live within" in body
        assert "lived in the fifth of counties with the most" in body
        assert any("Each county's share of the people served" in c.value for c in at.caption)
    else:
        said = " ".join(i.value for i in at.info)
        # A county coalition's program serves a few of five counties: too few for an estimate, and said so.
        assert re.search(r"held for only [1-4] of the areas it serves in Riverbend", said), said
    at = run_page("pages/programs.py", {"part": part, "program": "health_ed", "lang": "es"})
    assert not at.exception, at.exception
    if part == "reach":
        assert "La quinta parte de los condados con mayor necesidad" in texts(at)


def test_the_level_of_a_programs_reach():
    assert view.level_of(pd.DataFrame({"level": ["county"]})) == "county"
    assert view.level_of(pd.DataFrame({"level": []})) == "tract"  # none recorded: the page says so


def test_the_reach_part_ends_on_where_more_would_help_most(on_demo):
    at = run_page("pages/programs.py", {"part": "reach", "program": "health_ed"})
    assert not at.exception, at.exception
    assert "##### Where would more help most?" in [m.value for m in at.markdown]
    links = [(link.proto.page, link.proto.label, link.proto.query_string) for link in at.get("page_link")]
    (footprint,) = [q for page, label, q in links if page == "map" and "(the footprint)" in label]
    (excess,) = [q for page, label, q in links if page == "disparities" and "fewer cases" in label]
    assert "fp=default" in footprint and "chart=footprint" in footprint  # the map opens on its footprint
    assert "chart=excess" in excess


def test_reach_of_another_year_than_the_data_is_shown_for_its_latest_and_says_so(on_demo):
    # The demo's programs record reach from 2020 at the earliest: at 2019 the page shows the latest year's
    # people served beside 2019's need, and says so, rather than "no people served".
    at = run_page("pages/programs.py", {"part": "reach", "program": "health_ed", "year": "2019"})
    assert not at.exception, at.exception
    body = texts(at)
    assert "no people served" not in body
    assert "Does reach follow need? Adults without health insurance, people served 2024, need 2019" in body
    notes = [c.value for c in at.caption]
    latest = "served are shown for 2024, the latest year its reach records"
    assert any(latest in n and "are of 2019" in n for n in notes), notes
    assert "Where the people served live, against everyone who lives here, 2024" in json.dumps(
        [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    )
    assert view.reach_year_of(pd.DataFrame({"period": [2024, 2023]}), 2023) == 2023  # its own year where held
    assert view.reach_year_of(pd.DataFrame({"period": [2024, 2023]}), 2019) == 2024
    assert view.reach_year_of(pd.DataFrame({"period": []}), 2019) == 2019
