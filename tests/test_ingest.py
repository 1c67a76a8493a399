"""Loading real files: the generic indicator table and boundaries, all or nothing, with clear errors."""

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely

from equity import __main__ as cli
from equity import db, queries, stats
from equity.ingest import KINDS, IngestError, ingest
from tests.helpers import write

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"the real public files are not at {SHARED}")


@pytest.fixture
def boundaries_file(squares_geojson):
    """Four tracts in two counties of state 44."""
    return squares_geojson(["44001010100", "44001010200", "44003020100", "44003020200"], "tracts.json")


@pytest.fixture
def loaded(tmp_path, boundaries_file):
    path = tmp_path / "equity.duckdb"
    ingest(path, "boundaries", [boundaries_file], vintage="2018")
    return path


GOOD = (
    "area_id,indicator_id,period,value,ci_low,ci_high,numerator,denominator,label,unit,higher_is_worse,domain\r\n"
    "44001010100,asthma_ed,2023,12.5,10.1,15.2,250,2000,Asthma emergency visits,percent,true,Outcomes\r\n"
    '44001010200,asthma_ed,2023,8.0,6.2,10.1,"1,600","20,000",,,,\r\n'
    "44003020100.0,asthma_ed,2023,,,,,,,,,\r\n"
    "99999999999,asthma_ed,2023,9.0,,,,,,,,\r\n"
)


def test_boundaries_build_the_hierarchy_and_drawable_shapes(loaded):
    con = db.connect_read_only(loaded)
    levels = queries.run(con, "areas_by_level").set_index("level")["areas"].to_dict()
    assert levels == {"state": 1, "county": 2, "tract": 4}
    regions = queries.run(con, "regions")
    assert regions.iloc[0]["name"] == "Rhode Island"
    areas = queries.run(con, "map_areas", {"level": "tract", "region": "44"})
    geoms = shapely.from_wkb(areas["geometry_drawn"].map(bytes).to_numpy())
    assert shapely.is_valid(geoms).all()
    assert not shapely.is_ccw(shapely.get_exterior_ring(geoms)).any()  # exterior rings clockwise
    assert set(areas["name"]) == {"Tract 101", "Tract 102", "Tract 103", "Tract 104"}
    meta = dict(queries.run(con, "meta").itertuples(index=False))
    assert meta["is_demo"] == "false"
    con.close()


def test_generic_table_loads_and_reports_what_did_not_join(loaded, tmp_path):
    report = ingest(
        loaded, "indicators", [write(tmp_path, "asthma.csv", "\ufeff" + GOOD)], publisher="County"
    )
    joins = report.joins.iloc[0]
    assert (joins.rows_read, joins.rows_loaded, joins.rows_unjoined) == (4, 3, 1)
    assert joins.examples == "99999999999"
    con = db.connect_read_only(loaded)
    values = queries.run(
        con, "map_values", {"ind": "asthma_ed", "year": 2023, "level": "tract", "region": "44"}
    )
    by_area = values.set_index("area_id")
    assert by_area.loc["44001010200", "denominator"] == 20_000  # thousands separator read
    assert by_area.loc["44003020100", "flag"] == "no_data"  # a GEOID stored as a float, an empty value
    assert by_area.loc["44001010100", "value"] == 12.5
    shown = queries.run(con, "join_report").set_index("file")  # what the Data & methods page lists
    assert shown.loc["asthma.csv", "rows_unjoined"] == 1 and shown.loc["tracts.json", "rows_unjoined"] == 0
    con.close()


def test_generic_rows_for_the_nation_become_the_benchmark_and_small_counts_stay_hidden(loaded, tmp_path):
    table = (
        "area_id,indicator_id,period,group_dim,group_label,value,numerator,denominator,label,unit,"
        "higher_is_worse\n"
        "44001010100,asthma_ed,2023,all,All,12.5,250,2000,Asthma emergency visits,percent,true\n"
        "US,asthma_ed,2023,all,All,9.1,30000000,330000000,,,\n"
        "US,asthma_ed,2023,race_ethnicity,Pacific Islander,0.8,5,600,,,\n"
    )
    report = ingest(loaded, "indicators", [write(tmp_path, "nation.csv", table)])
    joins = report.joins.iloc[0]
    assert (joins.rows_read, joins.rows_loaded, joins.rows_unjoined) == (3, 3, 0)
    con = db.connect_read_only(loaded)
    with db.cursor(con) as cur:
        nation = cur.execute(
            "SELECT group_label, value, flag FROM published_values WHERE area_id = 'US' ORDER BY 1"
        ).fetchall()
        areas = cur.execute("SELECT count(*) FROM areas WHERE area_id = 'US'").fetchone()[0]
    con.close()
    assert nation == [("All", 9.1, None), ("Pacific Islander", None, "suppressed")]  # 5 people: withheld
    assert areas == 0  # the nation is a benchmark, not an area on the map


def test_reloading_a_source_replaces_its_rows_and_keeps_others(loaded, tmp_path):
    ingest(loaded, "indicators", [write(tmp_path, "asthma.csv", GOOD)], source_id="asthma")
    newer = GOOD.replace("12.5,10.1,15.2", "13.5,11.1,16.2").replace("2023", "2024")
    ingest(loaded, "indicators", [write(tmp_path, "asthma2.csv", newer)], source_id="asthma")
    con = db.connect_read_only(loaded)
    years = queries.run(con, "years")["year"].tolist()
    sources = queries.run(con, "sources")["source_id"].tolist()
    con.close()
    assert years == [2024]
    assert sorted(sources) == ["asthma", "tracts"]


def test_latin1_names_are_read(loaded, tmp_path):
    text = GOOD.replace("Asthma emergency visits", "Visites d'urgence pour l'asthme (années)")
    ingest(loaded, "indicators", [write(tmp_path, "latin.csv", text, encoding="latin-1")])
    con = db.connect_read_only(loaded)
    labels = queries.run(con, "indicators")["label"].tolist()
    con.close()
    assert "Visites d'urgence pour l'asthme (années)" in labels


HOSTILE = {
    "empty.csv": ("", "the file is empty"),
    "header_only.csv": ("area_id,indicator_id,period,value\n", "no rows"),
    "semicolons.csv": ("area_id;indicator_id;period;value\n44001010100;x;2023;1\n", "separated by something"),
    "wrong_kind.csv": ("FIPS,EP_POV,RPL_THEMES\n44001010100,12,0.5\n", "missing column"),
    "truncated.csv": (GOOD[: GOOD.index("44001010200") + 20], "not a year"),
    "duplicate.csv": (GOOD + GOOD.splitlines()[1] + "\n", "appear twice"),
    "long_field.csv": (GOOD.replace("Outcomes", "x" * 10_000), "far longer"),
    "formula.csv": (GOOD.replace("Outcomes", '=HYPERLINK("http://x","y")'), "formula"),
    "bad_year.csv": (GOOD.replace("2023", "23"), "not a year"),
    "bad_unit.csv": (GOOD.replace(",percent,", ",percentage,"), "unknown unit"),
    "implausible.csv": (GOOD.replace("12.5,10.1,15.2", "312.5,310.1,315.2"), "outside what a percent"),
    "new_without_label.csv": (GOOD.replace("Asthma emergency visits,percent,true", ",,"), "needs a label"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_get_a_clear_error_and_change_nothing(loaded, tmp_path, name):
    text, words = HOSTILE[name]
    before = loaded.read_bytes()
    with pytest.raises(IngestError, match=words) as err:
        ingest(loaded, "indicators", [write(tmp_path, name, text)])
    assert name in str(err.value) and "Nothing was changed" in str(err.value)
    assert loaded.read_bytes() == before
    assert sorted(p.name for p in loaded.parent.iterdir() if p.suffix == ".duckdb" or ".tmp" in p.name) == [
        "equity.duckdb"
    ]


def test_binary_and_missing_files_are_refused(loaded, tmp_path):
    before = loaded.read_bytes()
    binary = tmp_path / "data.csv"
    binary.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(IngestError, match="not a text file"):
        ingest(loaded, "indicators", [binary])
    with pytest.raises(IngestError, match="no such file"):
        ingest(loaded, "indicators", [tmp_path / "absent.csv"])
    with pytest.raises(IngestError, match="not a boundary file|no polygons"):
        ingest(loaded, "boundaries", [binary])
    assert loaded.read_bytes() == before


def test_loading_into_the_demo_replaces_it(demo_db, tmp_path, boundaries_file):
    copy = tmp_path / "demo.duckdb"
    copy.write_bytes(demo_db.read_bytes())
    report = ingest(copy, "boundaries", [boundaries_file])
    assert report.replaced_demo
    con = db.connect_read_only(copy)
    assert queries.run(con, "programs").empty
    assert dict(queries.run(con, "meta").itertuples(index=False))["is_demo"] == "false"
    con.close()


def test_command_line_reports_errors_with_exit_status(loaded, tmp_path, capsys):
    bad = write(tmp_path, "bad.csv", HOSTILE["bad_year.csv"][0])
    assert cli.main(["ingest", "indicators", str(bad), "--db", str(loaded)]) == 2
    assert "not a year" in capsys.readouterr().err
    good = write(tmp_path, "good.csv", GOOD)
    assert cli.main(["ingest", "indicators", str(good), "--db", str(loaded)]) == 0
    assert "did not join the boundaries" in capsys.readouterr().out


@needs_shared
def test_real_census_tract_geojson(tmp_path):
    path = tmp_path / "equity.duckdb"
    ingest(path, "boundaries", [SHARED / "boundaries" / "cb_2018_44_tract_500k.json"])
    con = db.connect_read_only(path)
    levels = queries.run(con, "areas_by_level").set_index("level")["areas"].to_dict()
    con.close()
    assert levels == {"state": 1, "county": 5, "tract": 243}


@needs_shared
def test_real_us_counties_topojson(tmp_path):
    path = tmp_path / "equity.duckdb"
    ingest(path, "boundaries", [SHARED / "boundaries" / "counties-10m.json"])
    con = db.connect_read_only(path)
    regions = queries.run(con, "regions")
    con.close()
    assert (regions["level"] == "county").sum() >= 3141
    assert "01001" in set(regions.index if "area_id" not in regions else regions["area_id"])


# ---- age adjustment of files that give age groups ------------------------------------------------

HEAD = (
    "area_id,indicator_id,period,group_dim,group_label,value,"
    "numerator,denominator,label,unit,higher_is_worse\n"
)
BY_AGE = HEAD + (
    "44001010100,diab,2023,all,All,7.6,130,1750,Diagnosed diabetes,percent,true\n"
    "44001010100,diab,2023,age,18-44,2.0,20,1000,,,\n"
    "44001010100,diab,2023,age,45-64,12.0,60,500,,,\n"
    "44001010100,diab,2023,age,65+,20.0,50,250,,,\n"
    "44001010200,diab,2023,all,All,10.0,200,2000,,,\n"
    "44001010200,diab,2023,age,18-44,0.5,5,1000,,,\n"  # small: withheld, and another age group with it
    "44001010200,diab,2023,age,45-64,8.9,80,900,,,\n"
    "44001010200,diab,2023,age,65+,11.5,115,1000,,,\n"
    "44003020100,falls,2023,age,18-64,40,4,10000,Fall deaths,per_100k,true\n"
    "44003020100,falls,2023,age,65 and older,300,60,20000,,,\n"
    "44003020200,odd,2023,age,18-39,5,5,100,Odd groups,percent,true\n"
    "44003020200,odd,2023,age,40+,6,6,100,,,\n"
)


def run(path, sql, *params):
    con = db.connect_read_only(path)
    try:
        with db.cursor(con) as cur:
            return cur.execute(sql, list(params)).df()
    finally:
        con.close()


def test_age_groups_that_line_up_give_an_age_adjusted_companion(loaded, tmp_path):
    report = ingest(loaded, "indicators", [write(tmp_path, "by_age.csv", BY_AGE)])
    # Rows read and loaded count the file's rows only; the report says what was derived and what not.
    assert (report.joins.iloc[0].rows_read, report.joins.iloc[0].rows_loaded) == (12, 12)
    lines = "\n".join(report.lines())
    assert "diab: added diab_aa, age-adjusted to the 2000 U.S. standard population" in lines
    assert "falls: added falls_aa" in lines
    assert "odd: not age-adjusted" in lines and "'18-39'" in lines
    inds = run(loaded, "SELECT * FROM indicators").set_index("indicator_id")
    assert inds.loc["diab_aa", "label"] == "Diagnosed diabetes (age-adjusted)"
    assert (
        inds.loc["diab_aa", "measure_type"] == "age_adjusted" and inds.loc["diab", "measure_type"] == "crude"
    )
    assert "odd_aa" not in inds.index
    raw = run(loaded, "SELECT * FROM indicator_values WHERE indicator_id LIKE '%_aa'").set_index(
        ["indicator_id", "area_id"]
    )
    assert set(raw["group_dim"]) == {"all"}  # whole population only
    # Hand: Klein & Schoenborn's weights for 18-44 / 45-64 / 65+ from the population in thousands,
    # 108,150 / 60,991 / 34,710 of 203,851; 2%, 12%, 20% -> 8.0568...%.
    w = np.array([108_150, 60_991, 34_710]) / 203_851
    one = raw.loc[("diab_aa", "44001010100")]
    assert one.value == pytest.approx(100 * (w @ [0.02, 0.12, 0.20]), rel=1e-12)
    assert (one.numerator, one.denominator) == (130, 1750)
    expect = stats.age_adjusted_proportion([20, 60, 50], [1000, 500, 250], w)
    assert (one.ci_low, one.ci_high) == pytest.approx((100 * expect[1], 100 * expect[2]), rel=1e-9)
    # A rate per 100,000, labels written in words: Fay-Feuer from 18-64 and 65+.
    falls = raw.loc[("falls_aa", "44003020100")]
    w2 = np.array([203_851 - 34_710, 34_710]) / 203_851
    assert falls.value == pytest.approx(w2 @ [40, 300], rel=1e-12)
    # Published: a withheld age group takes everyone's age-adjusted value with it (a second equation in
    # the withheld groups); tract 1 has nothing to withhold.
    shown = run(loaded, "SELECT * FROM published_values WHERE indicator_id = 'diab_aa'").set_index("area_id")
    assert shown.loc["44001010100", "value"] == pytest.approx(one.value)
    assert shown.loc["44001010200", "flag"] == "suppressed" and pd.isna(shown.loc["44001010200", "value"])
    withheld = run(loaded, "SELECT * FROM withheld WHERE indicator_id = 'diab_aa'")
    assert withheld["area_id"].tolist() == ["44001010200"]


def test_an_indicator_loaded_before_can_be_adjusted_from_a_later_file(loaded, tmp_path):
    ingest(loaded, "indicators", [write(tmp_path, "first.csv", BY_AGE.split("44001010200")[0])])
    later = HEAD + "".join(line + "\n" for line in BY_AGE.splitlines() if line.startswith("44001010200,diab"))
    report = ingest(loaded, "indicators", [write(tmp_path, "later.csv", later)], source_id="later")
    assert any("diab: added diab_aa" in line for line in report.lines())
    inds = run(loaded, "SELECT * FROM indicators").set_index("indicator_id")
    assert inds.loc["diab_aa", "label"] == "Diagnosed diabetes (age-adjusted)"
    assert inds.loc["diab_aa", "source_id"] == "later"


def test_incomplete_age_groups_derive_nothing_they_cannot(loaded, tmp_path):
    text = (
        "area_id,indicator_id,period,group_dim,group_label,value,numerator,denominator,flag,label,unit,"
        "higher_is_worse\n"
        "44001010100,diab,2023,age,18-44,2.0,20,1000,,Diagnosed diabetes,percent,true\n"
        "44001010100,diab,2023,age,45+,,,,suppressed,,,\n"  # the source withheld it: no counts
        "44001010200,diab,2023,age,18-44,2.0,20,1000,,,,\n"
        "44001010200,diab,2023,age,45+,10.0,100,1000,,,,\n"
    )
    ingest(loaded, "indicators", [write(tmp_path, "gaps.csv", text)])
    raw = run(loaded, "SELECT * FROM indicator_values WHERE indicator_id = 'diab_aa'").set_index("area_id")
    assert raw.loc["44001010100", "flag"] == "suppressed" and pd.isna(raw.loc["44001010100", "value"])
    # Hand: 18-44 weighs 108,150 and 45+ 95,701 of the 203,851 thousand adults.
    assert raw.loc["44001010200", "value"] == pytest.approx(
        100 * (108_150 / 203_851 * 0.02 + 95_701 / 203_851 * 0.10), rel=1e-12
    )


def test_the_readme_lists_exactly_the_kinds_a_load_reads():
    """The README's table of kinds, and its paragraph on each, are the registry's (equity.ingest.KINDS)."""
    section = Path("README.md").read_text().split("## Loading your own data")[1].split("\n## ")[0]
    table = re.findall(r"^\| `(\w+)` \| (.+) \|$", section, flags=re.M)
    assert table == [(k.name, k.reads) for k in KINDS]
    detailed = re.findall(r"^- `(\w+)`: ", section, flags=re.M)
    assert sorted(detailed) == sorted(k.name for k in KINDS)


def test_the_command_line_offers_and_describes_every_kind(capsys):
    with pytest.raises(SystemExit):
        cli.main(["ingest", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    for k in KINDS:
        assert f"{k.name} {k.reads}" in shown
