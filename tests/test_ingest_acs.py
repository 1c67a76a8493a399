"""Loading American Community Survey tables from data.census.gov (kind ``acs``): two header rows, jam
values, 90% margins of error, groups from the label path, areas before boundaries, and the real files in
../shared/data/acs (Bexar County, Texas, tracts; skipped where absent)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from equity import __main__ as cli
from equity import db, queries
from equity.ingest import IngestError, acs, ingest
from tests.helpers import table, write

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
ACS_DIR = SHARED / "acs"
needs_shared = pytest.mark.skipif(not ACS_DIR.is_dir(), reason=f"the real ACS files are not at {ACS_DIR}")

K = 1.96 / 1.645
UNINSURED = (
    "Percent!!HEALTH INSURANCE COVERAGE!!Civilian noninstitutionalized population!!"
    "No health insurance coverage"
)
UNDER_19 = (
    "Percent!!HEALTH INSURANCE COVERAGE!!Civilian noninstitutionalized population under 19 years!!"
    "No health insurance coverage"
)
INCOME = (
    "Estimate!!INCOME AND BENEFITS (IN 2021 INFLATION-ADJUSTED DOLLARS)!!Total households!!"
    "Median household income (dollars)"
)
POVERTY = (
    "Percent!!PERCENTAGE OF FAMILIES AND PEOPLE WHOSE INCOME IN THE PAST 12 MONTHS IS BELOW THE POVERTY "
    "LEVEL!!All people"
)


def _q(label: str) -> str:
    return '"' + label.replace('"', '""') + '"'


# The portal's layout: a BOM, codes then labels, E/M/EA/MA in no fixed order, a trailing comma.
DP03_CODES = [
    "GEO_ID", "NAME", "DP03_0099PM", "DP03_0099PE", "DP03_0099PEA", "DP03_0099PMA", "DP03_0062E",
    "DP03_0062EA", "DP03_0062M", "DP03_0062MA", "DP03_0128PE", "DP03_0128PM", "DP03_0101PMA",
    "DP03_0101PE", "DP03_0101PM", "DP03_0101PEA", "",
]  # fmt: skip
DP03_LABELS = [
    "Geography", "Geographic Area Name", "Margin of Error!!" + UNINSURED[9:], UNINSURED,
    "Annotation of " + UNINSURED, "Annotation of Margin of Error!!" + UNINSURED[9:], INCOME,
    "Annotation of " + INCOME, "Margin of Error!!" + INCOME[10:], "Annotation of Margin of Error", POVERTY,
    "Margin of Error!!" + POVERTY[9:], "Annotation", UNDER_19, "Margin of Error", "Annotation", "",
]  # fmt: skip
DP03_ROWS = [
    # tract 1: sound values; NAME with ';' (later vintages)
    ["1400000US44007000100", "Census Tract 1; Providence County; Rhode Island", "4.8", "11.1", "null", "null",
     "48,776", "null", "16514", "null", "20.5", "3.2", "null", "2.0", "5.0", "null", ""],
    # tract 2: jam values and a top-coded median; NAME with ',' (2021)
    ["1400000US44007000200", "Census Tract 2, Providence County, Rhode Island", "**", "-", "null", "null",
     "250,000+", "null", "***", "null", "(X)", "(X)", "null", "N", "N", "null", ""],
    # tract 3: an older download, the jam symbol in the annotation; a controlled margin
    ["1400000US44007000300", "Census Tract 3, Providence County, Rhode Island", "", "", "-", "**",
     "2,500-", "null", "***", "null", "0.0", "*****", "null", "12.0", "2.5", "null", ""],
]  # fmt: skip


def dp03_text(rows=DP03_ROWS, codes=DP03_CODES, labels=DP03_LABELS) -> str:
    lines = [",".join(_q(c) for c in codes), ",".join(_q(c) for c in labels)]
    lines += [",".join(_q(c) for c in r) for r in rows]
    return "\ufeff" + "\r\n".join(lines) + "\r\n"


S1903_BASE = "Median income (dollars)!!HOUSEHOLD INCOME BY RACE AND HISPANIC OR LATINO ORIGIN OF HOUSEHOLDER"
S1903 = {
    "S1903_C03_001E": f"Estimate!!{S1903_BASE}!!Households",
    "S1903_C03_003E": f"Estimate!!{S1903_BASE}!!Households!!One race--!!Black or African American",
    "S1903_C03_009E": f"Estimate!!{S1903_BASE}!!Households!!Hispanic or Latino origin (of any race)",
    "S1903_C03_010E": f"Estimate!!{S1903_BASE}!!Households!!White alone, not Hispanic or Latino",
    "S1903_C03_012E": (
        "Estimate!!Median income (dollars)!!HOUSEHOLD INCOME BY AGE OF HOUSEHOLDER!!25 to 44 years"
    ),
    "S1903_C03_015E": "Estimate!!Median income (dollars)!!FAMILIES!!Families",
    "S1903_C01_001E": f"Estimate!!Number!!{S1903_BASE}!!Households",
}


def s1903_text(geo=("0500000US44007", "0500000US44001"), names=("Providence County, Rhode Island", "Bristol "
               "County, Rhode Island")) -> str:  # fmt: skip
    codes, labels = ["GEO_ID", "NAME"], ["Geography", "Geographic Area Name"]
    for code, label in S1903.items():
        codes += [code, code[:-1] + "M"]
        labels += [label, label.replace("Estimate!!", "Margin of Error!!")]
    rows = [[g, n] + [str(50_000 + 1_000 * j) if j % 2 == 0 else "1645" for j in range(2 * len(S1903))]
            for g, n in zip(geo, names, strict=True)]  # fmt: skip
    return "\n".join(",".join(_q(c) for c in r) for r in [codes, labels, *rows]) + "\n"


def values(path, indicator):
    return table(
        path,
        "SELECT * FROM indicator_values WHERE indicator_id = ? ORDER BY area_id, group_dim, group_label",
        [indicator],
    )


# ---- tables of cases -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "value", "flag"),
    [
        ("11.1", 11.1, None),
        ("48,776", 48776.0, None),
        ("0", 0.0, None),
        ("(X)", None, "no_data"),
        ("-", None, "no_data"),
        ("**", None, "no_data"),
        ("***", None, "no_data"),
        ("*****", None, "no_data"),
        ("N", None, "no_data"),
        ("null", None, "no_data"),
        ("", None, "no_data"),
        ("-666666666", None, "no_data"),
        ("250,000+", 250000.0, "unreliable"),
        ("2,500-", 2500.0, "unreliable"),
        ("100+", 100.0, "unreliable"),
    ],
)
def test_an_estimate_cell_reads_as_a_value_or_no_data_never_silently(cell, value, flag):
    v, f = acs.estimates(pd.Series([cell]), "t.csv", "DP03_0099PE", [3])
    assert (pd.isna(v[0]) if value is None else v[0] == value) and f[0] == flag


@pytest.mark.parametrize("cell", ["12%", "abc", "1.2.3", "=1+1"])
def test_an_estimate_that_is_neither_number_nor_jam_refuses_the_load(cell):
    with pytest.raises(IngestError, match=r"t\.csv, row 3, column 'DP03_0099PE': not an estimate"):
        acs.estimates(pd.Series([cell]), "t.csv", "DP03_0099PE", [3])


@pytest.mark.parametrize(
    ("cell", "half"),
    [("4.8", 4.8 * K), ("1,645", 1960.0), ("*****", 0.0), ("**", None), ("***", None), ("-", None),
     ("N", None), ("(X)", None), ("-555555555", 0.0), ("-222222222", None)],
)  # fmt: skip
def test_a_90_percent_margin_becomes_a_95_percent_half_width(cell, half):
    h = acs.half_widths(pd.Series([cell]), "t.csv", "DP03_0099PM", [3])[0]
    assert pd.isna(h) if half is None else h == pytest.approx(half)


@pytest.mark.parametrize(
    ("label", "group"),
    [
        (S1903["S1903_C03_003E"], ("race_ethnicity", "Black")),
        (S1903["S1903_C03_009E"], ("race_ethnicity", "Hispanic or Latino")),
        (S1903["S1903_C03_010E"], ("race_ethnicity", "White, not Hispanic or Latino")),
        (f"Estimate!!{S1903_BASE}!!Households!!One race--!!White", ("race_ethnicity", "White")),
        (f"Estimate!!{S1903_BASE}!!Households!!One race--!!Asian", ("race_ethnicity", "Asian")),
        (
            f"Estimate!!{S1903_BASE}!!Households!!One race--!!American Indian and Alaska Native",
            ("race_ethnicity", "American Indian or Alaska Native"),
        ),
        (f"Estimate!!{S1903_BASE}!!Households!!Two or more races", ("race_ethnicity", "Two or more races")),
        (S1903["S1903_C03_012E"], ("age", "25–44")),
        ("Estimate!!Median income (dollars)!!HOUSEHOLD INCOME BY AGE OF HOUSEHOLDER!!65 years and over",
         ("age", "65 and older")),
        ("Estimate!!Percent below poverty level!!Population for whom poverty status is determined!!AGE!!"
         "Under 18 years", ("age", "Under 18")),
        ("Estimate!!Percent below poverty level!!Population for whom poverty status is determined!!AGE!!"
         "18 to 64 years", ("age", "18–64")),
        ("Estimate!!Percent below poverty level!!Population for whom poverty status is determined!!SEX!!"
         "Female",
         ("sex", "Female")),
        ("Estimate!!Percent below poverty level!!Population for whom poverty status is determined!!RACE AND "
         "HISPANIC OR LATINO ORIGIN!!One race!!Black or African American", ("race_ethnicity", "Black")),
        ("Estimate!!Percent Uninsured!!Civilian noninstitutionalized population!!RACE AND HISPANIC OR LATINO "
         "ORIGIN!!White alone", ("race_ethnicity", "White")),
        ("Estimate!!Percent Uninsured!!Civilian noninstitutionalized population!!RATIO OF INCOME TO POVERTY "
         "LEVEL IN THE PAST 12 MONTHS!!Below 138 percent of the poverty threshold",
         ("income", "Below 138% of poverty")),
        ("Estimate!!Percent Uninsured!!Civilian noninstitutionalized population!!RATIO OF INCOME TO POVERTY "
         "LEVEL IN THE PAST 12 MONTHS!!Below 100 percent of the poverty level", ("income", "Below poverty")),
        ("Estimate!!Percent Uninsured!!Civilian noninstitutionalized population!!RATIO OF INCOME TO POVERTY "
         "LEVEL IN THE PAST 12 MONTHS!!138 to 399 percent of the poverty threshold",
         ("income", "138–399% of poverty")),
        ("Estimate!!Percent Uninsured!!Civilian noninstitutionalized population!!RATIO OF INCOME TO POVERTY "
         "LEVEL IN THE PAST 12 MONTHS!!At or above 400 percent of the poverty threshold",
         ("income", "400% of poverty or more")),
        # not groups the dashboard shows
        (S1903["S1903_C03_001E"], None),
        (S1903["S1903_C03_015E"], None),
        ("Estimate!!Percent below poverty level!!Population for whom poverty status is determined!!AGE!!"
         "Under 18 years!!Related children of householder under 18 years", None),
        ("Estimate!!Percent below poverty level!!Population for whom poverty status is determined!!ALL "
         "INDIVIDUALS WITH INCOME BELOW THE FOLLOWING POVERTY RATIOS!!50 percent of poverty level", None),
        ("Estimate!!Percent below poverty level!!Population for whom poverty status is determined!!"
         "EDUCATIONAL ATTAINMENT!!Bachelor's degree or higher", None),
    ],
)  # fmt: skip
def test_a_group_is_read_from_the_label_path(label, group):
    assert acs.group_of(label) == group


def test_variables_option_parses_codes_and_labels_with_commas():
    assert acs.parse_variables("DP03_0009PE=Unemployment rate, 16 and over,S1701_C03_002E=Children") == {
        "DP03_0009PE": "Unemployment rate, 16 and over",
        "S1701_C03_002E": "Children",
    }
    with pytest.raises(IngestError, match="CODE=label"):
        acs.parse_variables("DP03_0009PM=margin")


# ---- loads ---------------------------------------------------------------------------------------------


def test_acs_alone_creates_shapeless_areas_the_queries_read(tmp_path):
    path = tmp_path / "equity.duckdb"
    report = ingest(path, "acs", [write(tmp_path, "ACSDP5Y2021.DP03-Data.csv", dp03_text())])
    areas = table(path, "SELECT * FROM areas ORDER BY area_id").set_index("area_id")
    assert list(areas.index) == ["44", "44007", "44007000100", "44007000200", "44007000300"]
    assert areas.loc["44", "name"] == "Rhode Island" and areas.loc["44007", "name"] == "Providence County"
    assert areas.loc["44007000100", "name"] == "Census Tract 1"
    assert list(areas["parent_id"].fillna("")) == ["", "44", "44007", "44007", "44007"]
    assert areas["geometry"].isna().all()
    src = table(path, "SELECT * FROM sources").iloc[0]
    assert (
        src["name"] == "U.S. Census Bureau, American Community Survey 2017–2021 5-year, DP03, census tracts"
    )
    assert src["vintage"] == "2017–2021" and src["publisher"] == "U.S. Census Bureau"
    assert any("2 values are bounds" in n for n in report.notes)

    con = db.connect_read_only(path)
    try:
        regions = queries.run(con, "regions")
        assert set(regions["area_id"]) == {"44", "44007"}
        shown = queries.run(
            con,
            "map_values",
            {"ind": "acs_dp03_uninsured", "year": 2021, "level": "tract", "region": "44007"},
        ).set_index("area_id")
        assert len(shown) == 3 and shown.loc["44007000100", "value"] == 11.1
        one = queries.run(con, "area_values", {"ind": "acs_dp03_uninsured", "area": "44007000100"})
        assert set(zip(one["group_dim"], one["group_label"], strict=True)) == {
            ("all", "All"),
            ("age", "Under 19"),
        }
    finally:
        con.close()


def test_values_jam_values_bounds_and_intervals(tmp_path):
    path = tmp_path / "equity.duckdb"
    ingest(path, "acs", [write(tmp_path, "ACSDP5Y2021.DP03-Data.csv", dp03_text())])
    v = values(path, "acs_dp03_uninsured").set_index(["area_id", "group_label"])
    one = v.loc[("44007000100", "All")]
    assert one["value"] == 11.1 and one["period"] == 2021 and pd.isna(one["flag"])
    assert one["ci_low"] == pytest.approx(11.1 - 4.8 * K) and one["ci_high"] == pytest.approx(11.1 + 4.8 * K)
    assert pd.isna(one["numerator"]) and pd.isna(one["denominator"])  # survey estimates: no counts
    for tract in ("44007000200", "44007000300"):  # '-', and '-' in the annotation of an empty estimate
        row = v.loc[(tract, "All")]
        assert pd.isna(row["value"]) and row["flag"] == "no_data" and pd.isna(row["ci_low"])
    assert v.loc[("44007000100", "Under 19"), "ci_low"] == 0  # 2.0 - 5.0 × 1.96/1.645 kept within 0-100
    assert v.loc[("44007000200", "Under 19"), "flag"] == "no_data"  # N
    inc = values(path, "acs_dp03_median_household_income").set_index("area_id")
    assert inc.loc["44007000100", "value"] == 48776 and inc.loc["44007000100", "ci_low"] == pytest.approx(
        48776 - 16514 * K
    )
    for tract, bound in (("44007000200", 250_000), ("44007000300", 2_500)):
        assert inc.loc[tract, "value"] == bound and inc.loc[tract, "flag"] == "unreliable"
        assert pd.isna(inc.loc[tract, "ci_low"]) and pd.isna(inc.loc[tract, "ci_high"])
    pov = values(path, "acs_dp03_poverty").set_index("area_id")
    assert pov.loc["44007000300", "value"] == 0 and pov.loc["44007000300", "ci_low"] == 0  # '*****': exact
    assert pov.loc["44007000200", "flag"] == "no_data"  # (X)
    ind = table(path, "SELECT * FROM indicators").set_index("indicator_id")
    assert "median" in ind.loc["acs_dp03_median_household_income", "description"].lower()
    assert "never summed or averaged" in ind.loc["acs_dp03_median_household_income", "description"]
    assert (
        ind.loc["acs_dp03_uninsured", "unit"] == "percent"
        and ind.loc["acs_dp03_uninsured", "higher_is_worse"]
    )
    assert not ind.loc["acs_dp03_median_household_income", "higher_is_worse"]


def test_acs_into_a_database_with_boundaries_keeps_the_shapes(tmp_path, squares_geojson):
    path = tmp_path / "equity.duckdb"
    tracts = ["44007000100", "44007000200"]  # the third tract has no boundary yet
    ingest(path, "boundaries", [squares_geojson(tracts, "tracts.json")])
    before = table(path, "SELECT area_id, name, geometry, geometry_drawn FROM areas ORDER BY area_id")
    report = ingest(path, "acs", [write(tmp_path, "ACSDP5Y2021.DP03-Data.csv", dp03_text())])
    after = table(path, "SELECT area_id, name, geometry, geometry_drawn FROM areas ORDER BY area_id")
    kept = after[after["area_id"].isin(before["area_id"])].reset_index(drop=True)
    pd.testing.assert_frame_equal(kept, before)  # names and shapes as the boundaries gave them
    new = after[~after["area_id"].isin(before["area_id"])]
    assert list(new["area_id"]) == ["44007000300"] and new["geometry"].isna().all()
    assert report.joins["rows_unjoined"].iloc[0] == 0
    assert len(values(path, "acs_dp03_uninsured")) == 6


def test_groups_of_a_subject_table_and_other_geographies(tmp_path):
    path = tmp_path / "equity.duckdb"
    ingest(path, "acs", [write(tmp_path, "ACSST5Y2021.S1903-Data.csv", s1903_text())])
    v = values(path, "acs_s1903_median_household_income")
    groups = set(zip(v["group_dim"], v["group_label"], strict=True))
    assert groups == {
        ("all", "All"),
        ("race_ethnicity", "Black"),
        ("race_ethnicity", "Hispanic or Latino"),
        ("race_ethnicity", "White, not Hispanic or Latino"),
        ("age", "25–44"),
    }  # families and the number of households are not loaded
    areas = table(path, "SELECT area_id, name, level, parent_id FROM areas ORDER BY area_id")
    assert list(areas["area_id"]) == ["44", "44001", "44007"]
    assert list(areas["name"]) == ["Rhode Island", "Bristol County", "Providence County"]
    assert table(path, "SELECT name FROM sources")["name"][0].endswith("S1903, counties")


@pytest.mark.parametrize(
    ("geo", "name", "area", "level", "parent"),
    [
        ("0400000US44", "Rhode Island", "44", "state", None),
        ("1600000US4459000", "Providence city, Rhode Island", "4459000", "custom", "44"),
        ("860Z200US02903", "ZCTA5 02903", "Z02903", "zcta", None),
    ],
)
def test_any_geography(tmp_path, geo, name, area, level, parent):
    path = tmp_path / "equity.duckdb"
    ingest(path, "acs", [write(tmp_path, "ACSST5Y2021.S1903-Data.csv", s1903_text((geo,), (name,)))])
    row = table(path, "SELECT * FROM areas WHERE area_id = ?", [area]).iloc[0]
    assert row["level"] == level and (
        row["parent_id"] == parent or (parent is None and pd.isna(row["parent_id"]))
    )
    assert len(values(path, "acs_s1903_median_household_income").query("area_id == @area")) == 5


def test_the_nation_row_is_the_benchmark(tmp_path):
    path = tmp_path / "equity.duckdb"
    text = s1903_text(("0100000US", "0500000US44007"), ("United States", "Providence County, Rhode Island"))
    ingest(path, "acs", [write(tmp_path, "ACSST5Y2021.S1903-Data.csv", text)])
    assert len(table(path, "SELECT * FROM national_values")) == 5
    assert "US" not in set(table(path, "SELECT area_id FROM areas")["area_id"])


def test_variables_load_any_other_estimate_and_the_name_option_overrides(tmp_path):
    path = tmp_path / "equity.duckdb"
    f = write(tmp_path, "ACSST5Y2021.S1903-Data.csv", s1903_text())
    ingest(path, "acs", [f], variables="S1903_C01_001E=Households", name="My ACS")
    v = values(path, "acs_s1903_c01_001e")
    assert list(v["value"]) == [62000.0, 62000.0] and list(v["ci_high"]) == pytest.approx([63960.0] * 2)
    ind = table(path, "SELECT * FROM indicators WHERE indicator_id = 'acs_s1903_c01_001e'").iloc[0]
    assert ind["label"] == "Households" and ind["unit"] == "index"
    assert table(path, "SELECT name FROM sources")["name"][0] == "My ACS"


def test_the_command_line_passes_variables(tmp_path, capsys):
    path = tmp_path / "equity.duckdb"
    f = write(tmp_path, "ACSST5Y2021.S1903-Data.csv", s1903_text())
    assert (
        cli.main(["ingest", "acs", str(f), "--db", str(path), "--variables", "S1903_C01_001E=Households"])
        == 0
    )
    assert len(values(path, "acs_s1903_c01_001e")) == 2
    assert cli.main(["ingest", "chr", str(f), "--db", str(path), "--variables", "S1903_C01_001E=x"]) == 2
    assert "--variables is for ACS tables only" in capsys.readouterr().err


def test_a_catalogue_code_whose_label_differs_is_left_out_with_a_note(tmp_path):
    labels = list(DP03_LABELS)
    labels[3] = "Percent!!HEALTH INSURANCE COVERAGE!!Civilian noninstitutionalized population!!With coverage"
    path = tmp_path / "equity.duckdb"
    report = ingest(path, "acs", [write(tmp_path, "ACSDP5Y2019.DP03-Data.csv", dp03_text(labels=labels))])
    assert "acs_dp03_uninsured" not in set(table(path, "SELECT indicator_id FROM indicators")["indicator_id"])
    assert any("DP03_0099PE is not 'No health insurance coverage'" in n for n in report.notes)


def _bad_row(i, cell):
    rows = [list(r) for r in DP03_ROWS]
    rows[1][i] = cell
    return dp03_text(rows)


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("ACSDP5Y2021.DP03-Data.csv", _bad_row(3, "12%"), r"row 4, column 'DP03_0099PE': not an estimate"),
        (
            "ACSDP5Y2021.DP03-Data.csv",
            _bad_row(2, "abc"),
            r"row 4, column 'DP03_0099PM': not a margin of error",
        ),
        (
            "ACSDP5Y2021.DP03-Data.csv",
            _bad_row(0, "9700000US4400001"),
            r"row 4, column 'GEO_ID': not a Census",
        ),
        ("ACSDP5Y2021.DP03-Data.csv", _bad_row(0, "1400000US4400700"), r"row 4, column 'GEO_ID'"),
        ("DP03.csv", dp03_text(), "survey year cannot be told"),
        ("ACSDP5Y2021.DP03-Data.csv", "GEO_ID,NAME,X\nid,name,x\n", "none of the measures"),
        ("ACSDP5Y2021.DP03-Data.csv", "a,b\n1,2\n", "not an American Community Survey table"),
        ("ACSDP5Y2021.DP03-Data.csv", dp03_text(rows=DP03_ROWS + DP03_ROWS[:1]), "appears twice"),
    ],
)
def test_any_error_refuses_the_whole_load_and_changes_nothing(tmp_path, squares_geojson, name, text, words):
    path = tmp_path / "equity.duckdb"
    ingest(path, "boundaries", [squares_geojson(["44007000100"], "tracts.json")])
    before = path.read_bytes()
    with pytest.raises(IngestError, match=words) as err:
        ingest(path, "acs", [write(tmp_path, name, text)])
    assert "Nothing was changed" in str(err.value)
    assert path.read_bytes() == before


def test_variables_not_in_the_file_are_refused(tmp_path):
    with pytest.raises(IngestError, match="in none of the files"):
        ingest(
            tmp_path / "e.duckdb",
            "acs",
            [write(tmp_path, "ACSST5Y2021.S1903-Data.csv", s1903_text())],
            variables="DP05_0001E=People",
        )


# ---- the real files ------------------------------------------------------------------------------------


@needs_shared
@pytest.mark.shared_data
def test_real_dp03_bexar_county_tracts(tmp_path):
    path = tmp_path / "equity.duckdb"
    report = ingest(path, "acs", [ACS_DIR / "ACSDP5Y2021.DP03-Data.csv"])
    areas = table(path, "SELECT level, count(*) AS n FROM areas GROUP BY level").set_index("level")["n"]
    assert areas.to_dict() == {"state": 1, "county": 1, "tract": 375}
    v = values(path, "acs_dp03_uninsured").set_index(["area_id", "group_label"])
    assert len(v.xs("All", level="group_label")) == 375
    # Census Tract 1101: DP03_0099PE 11.1, DP03_0099PM 4.8 (read from the file by hand).
    one = v.loc[("48029110100", "All")]
    assert one["value"] == 11.1
    assert one["ci_low"] == pytest.approx(11.1 - 4.8 * 1.96 / 1.645)  # 5.381
    assert one["ci_high"] == pytest.approx(11.1 + 4.8 * 1.96 / 1.645)  # 16.819
    # Tracts 9800.01/.02/.04 (no residents): '-' with margin '**' -> no data.
    for tract in ("48029980001", "48029980002", "48029980004"):
        assert v.loc[(tract, "All"), "flag"] == "no_data" and np.isnan(v.loc[(tract, "All"), "value"])
    inc = values(path, "acs_dp03_median_household_income").set_index("area_id")
    assert inc.loc["48029120402", "value"] == 250_000 and inc.loc["48029120402", "flag"] == "unreliable"
    assert any("1 value is a bound" in n for n in report.notes)
    src = table(path, "SELECT name, vintage FROM sources").iloc[0]
    assert (
        src["name"] == "U.S. Census Bureau, American Community Survey 2017–2021 5-year, DP03, census tracts"
    )
    assert table(path, "SELECT name FROM areas WHERE area_id = '48029'")["name"][0] == "Bexar County"


@needs_shared
@pytest.mark.shared_data
def test_real_s1903_median_income_by_race(tmp_path):
    path = tmp_path / "equity.duckdb"
    ingest(path, "acs", [ACS_DIR / "ACSST5Y2021.S1903-Data.csv"])
    v = values(path, "acs_s1903_median_household_income")
    race = set(v.loc[v["group_dim"].eq("race_ethnicity"), "group_label"])
    assert race == {
        "White", "Black", "American Indian or Alaska Native", "Asian",
        "Native Hawaiian or Other Pacific Islander", "Some other race", "Two or more races",
        "Hispanic or Latino", "White, not Hispanic or Latino",
    }  # fmt: skip
    assert set(v.loc[v["group_dim"].eq("age"), "group_label"]) == {"15–24", "25–44", "45–64", "65 and older"}
    t = v[v["area_id"].eq("48029110100")].set_index("group_label")
    assert t.loc["All", "value"] == 48776 and t.loc["Hispanic or Latino", "value"] == 38578
    assert t.loc["Hispanic or Latino", "ci_high"] == pytest.approx(38578 + 18325 * 1.96 / 1.645)
    assert t.loc["Black", "flag"] == "no_data" and np.isnan(t.loc["Black", "value"])  # '-' / '**'
    assert v["numerator"].isna().all()  # a median carries no counts: nothing sums it


@pytest.mark.parametrize("page", ["pages/map.py", "pages/overview.py", "pages/disparities.py"])
def test_pages_read_acs_loaded_before_any_boundaries(tmp_path, monkeypatch, page):
    from streamlit.testing.v1 import AppTest

    path = tmp_path / "equity.duckdb"
    ingest(path, "acs", [write(tmp_path, "ACSDP5Y2021.DP03-Data.csv", dp03_text())])
    monkeypatch.setenv("EQUITY_DB", str(path))
    at = AppTest.from_file(str(Path(__file__).parents[1] / "dashboard.py"), default_timeout=60)
    at = at.switch_page(page).run()
    assert not at.exception
    if page == "pages/map.py":  # no shapes to draw: the page says so, and lists the areas of greatest need
        assert any("have a shape loaded" in i.value or "has a shape loaded" in i.value for i in at.info)
        assert any("Census Tract 1" in m.value for m in at.markdown)
