"""Loading CDC WONDER exports: the footer, WONDER's words for absent cells, race x Hispanic origin, areas
without boundaries, totals, age-adjusted rates, and the real cervical cancer file."""

from pathlib import Path

import pandas as pd
import pytest

from equity import stats
from equity.ingest import IngestError, ingest, wonder
from tests.helpers import table, write

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
REAL = SHARED / "wonder" / "CDC_Wonder_Cervical_Cancer-Race_State.csv"
needs_real = pytest.mark.skipif(not REAL.is_file(), reason=f"the real WONDER export is not at {REAL}")

HEADER = (
    '"Notes","Year","Year Code","Leading Cancer Sites","Leading Cancer Sites Code","States","States Code",'
    '"Race","Race Code","Ethnicity","Ethnicity Code",Count,Population,Crude Rate'
)
FOOTER = [
    '"---"',
    '"Dataset: United States and Puerto Rico Cancer Statistics, 1999-2022 Incidence"',
    '"Query Parameters:"',
    '"Group By: Year; Leading Cancer Sites; States; Race; Ethnicity"',
    '"Show Totals: Disabled"',
    '"Calculate Rates Per: 100,000"',
    '"---"',
    '"Suggested Citation: United States Cancer Statistics - Incidence: 1999 - 2022, WONDER Online Database.'
    ' United States Department"',
    '"of Health and Human Services. Accessed at http://wonder.cdc.gov/cancer-v2022.html on Apr 28, 2026"',
    '"---"',
    "Caveats:",
    '"1. Data are suppressed if the figures represent fewer than 16 cases <ol><li> for the category."',
    "\"2. 'Not Applicable' is displayed for Population when it is not available.\"",
]
RACES = {
    "White": "2106-3",
    "Black or African American": "2054-5",
    "Asian or Pacific Islander": "A-PI",
    "Other Races and Unknown combined": "2131-1",
}
ETHNICITIES = {"Hispanic": "2135-2", "Non-Hispanic": "2186-5", "Unknown or Missing": "UNK"}
STATES = {"44": "Rhode Island", "09": "Connecticut"}


def row(year, state, race, eth, count, pop, rate, notes=""):
    return (
        f'{notes},"{year}","{year}","Cervix Uteri","27010","{STATES.get(state, "")}","{state}","{race}",'
        f'"{RACES.get(race, "")}","{eth}","{ETHNICITIES.get(eth, "")}",{count},{pop},{rate}'
    )


def export(tmp_path, rows, name="wonder.csv", header=HEADER, footer=FOOTER):
    lines = [header, *rows, *footer]
    return write(tmp_path, name, "\ufeff" + "\r\n".join(lines) + "\r\n")


# Rhode Island 2020: every Hispanic cell is a number, so Hispanic or Latino of any race is their sum.
# Connecticut 2020: its Hispanic Black cell is suppressed, so its Hispanic cells are kept apart by race.
ROWS = [
    row(2020, "44", "White", "Hispanic", 20, 80000, 25.0),
    row(2020, "44", "White", "Non-Hispanic", 30, 400000, 7.5),
    row(2020, "44", "White", "Unknown or Missing", 0, "Not Applicable", "Not Applicable"),
    row(2020, "44", "Black or African American", "Hispanic", 0, 10000, 0.0),
    row(2020, "44", "Black or African American", "Non-Hispanic", "Suppressed", 30000, "Suppressed"),
    row(2020, "44", "Asian or Pacific Islander", "Hispanic", 0, 2000, 0.0),
    row(2020, "44", "Asian or Pacific Islander", "Non-Hispanic", 16, 20000, "Unreliable"),
    row(2020, "44", "Other Races and Unknown combined", "Hispanic", 17, "Not Applicable", "Not Applicable"),
    row(
        2020, "44", "Other Races and Unknown combined", "Non-Hispanic", 0, "Not Applicable", "Not Applicable"
    ),
    row(2020, "09", "White", "Hispanic", 40, 200000, 20.0),
    row(2020, "09", "White", "Non-Hispanic", 90, 1000000, 9.0),
    row(2020, "09", "Black or African American", "Hispanic", "Suppressed", 30000, "Suppressed"),
    row(2020, "09", "Black or African American", "Non-Hispanic", "Missing", "Missing", "Missing"),
]
IND = "wonder_incidence_cervix_uteri"


def values(path, indicator=IND):
    return table(
        path,
        "SELECT area_id, period, group_dim, group_label, value, ci_low, ci_high, numerator, denominator, "
        "flag FROM indicator_values WHERE indicator_id = ? ORDER BY ALL",
        [indicator],
    )


def cell(df, area, group, dim="race_ethnicity"):
    hit = df[(df.area_id == area) & (df.group_dim == dim) & (df.group_label == group)]
    assert len(hit) == 1, (area, dim, group, df)
    return hit.iloc[0]


@pytest.fixture
def loaded(tmp_path):
    path = tmp_path / "equity.duckdb"
    report = ingest(path, "wonder", [export(tmp_path, ROWS)])
    return path, report


def test_areas_without_boundaries_are_added_and_values_load(loaded):
    path, _ = loaded
    areas = table(path, "SELECT area_id, name, level, parent_id, geometry FROM areas ORDER BY area_id")
    assert areas[["area_id", "name", "level"]].values.tolist() == [
        ["09", "Connecticut", "state"],
        ["44", "Rhode Island", "state"],
    ]
    assert areas["geometry"].isna().all()
    assert set(values(path)["area_id"]) == {"09", "44"}


def test_the_footer_names_the_source_and_keeps_the_citation(loaded):
    path, report = loaded
    src = table(path, "SELECT name, publisher, vintage, url, license FROM sources").iloc[0]
    assert src["name"] == "CDC WONDER, U.S. Cancer Statistics incidence, 1999–2022"
    assert "CDC WONDER" in src["publisher"]
    assert src["vintage"] == "2020"
    assert src["url"] == "http://wonder.cdc.gov/cancer-v2022.html"
    assert "Suggested citation: United States Cancer Statistics - Incidence".lower() in src["license"].lower()
    assert "Department of Health and Human Services" in src["license"]  # wrapped lines joined
    caveats = table(path, "SELECT notes FROM sources").iloc[0, 0]  # kept with the source
    assert "1. Data are suppressed if the figures represent fewer than 16 cases for the category." in caveats
    assert "2. 'Not Applicable' is displayed for Population" in caveats
    assert "<ol>" not in caveats
    assert any("caveats and messages are kept with the source" in n for n in report.notes)


def test_the_indicator_is_named_as_people_say_it_from_the_query():
    footer = wonder._footer([*FOOTER[:3], '"Sex: Female"', *FOOTER[3:]])
    assert footer["Dataset"] == "United States and Puerto Rico Cancer Statistics, 1999-2022 Incidence"
    assert (footer["Sex"], footer["Show Totals"]) == ("Female", "Disabled")  # the query's parameters
    groups = pd.DataFrame({"indicator_id": [IND], "group_dim": ["all"], "_row": [2]})
    got = wonder._indicators(
        groups, pd.Series(["Cervix Uteri"]), "wonder_incidence", footer["Dataset"], False, footer
    ).iloc[0]
    assert got["label"] == "Cervical cancer incidence"
    assert got["description"].startswith(
        "New cases of cervical cancer per 100,000 women, crude rate: CDC WONDER (United States and Puerto "
        "Rico Cancer Statistics, 1999-2022 Incidence), count over population"
    )


# Rhode Island 2021: every cell a number, so its whole population is their sum (WONDER gives no total);
# Connecticut 2021: one cell suppressed, so no total (the rest's sum would be wrong, and would give the
# suppressed cell away).
WHOLE = [
    row(2021, "44", "White", "Hispanic", 20, 80000, 25.0),
    row(2021, "44", "White", "Non-Hispanic", 30, 400000, 7.5),
    row(2021, "44", "White", "Unknown or Missing", 3, "Not Applicable", "Not Applicable"),
    row(2021, "44", "Black or African American", "Hispanic", 0, 10000, 0.0),
    row(2021, "44", "Black or African American", "Non-Hispanic", 18, 30000, 60.0),
    row(2021, "09", "White", "Hispanic", 40, 200000, 20.0),
    row(2021, "09", "White", "Non-Hispanic", 90, 1000000, 9.0),
    row(2021, "09", "Black or African American", "Non-Hispanic", "Suppressed", 90000, "Suppressed"),
]


def test_the_whole_population_is_the_sum_of_its_cells_where_none_is_suppressed(tmp_path):
    path = tmp_path / "equity.duckdb"
    ingest(path, "wonder", [export(tmp_path, WHOLE + ROWS)])
    df = values(path)
    everyone = df[df.group_dim == "all"]
    assert everyone[["area_id", "period"]].values.tolist() == [["44", 2021]]  # not CT, not 2020's
    got = everyone.iloc[0]
    assert (got["numerator"], got["denominator"]) == (71, 520000)  # unknown origin's 3 cases counted
    low, high = stats.poisson_exact_interval(71)
    assert got["value"] == pytest.approx(71 / 520000 * 1e5)
    assert (got["ci_low"], got["ci_high"]) == pytest.approx((low / 520000 * 1e5, high / 520000 * 1e5))
    described = table(path, "SELECT description FROM indicators WHERE indicator_id = ?", [IND]).iloc[0, 0]
    assert "only where WONDER suppressed none of them" in described


def test_a_total_wonder_gives_is_used_as_published(tmp_path):
    total = ',"2021","2021","Cervix Uteri","27010","Rhode Island","44","","","","",75,530000,14.2'
    path = tmp_path / "equity.duckdb"
    ingest(path, "wonder", [export(tmp_path, [*WHOLE[:5], total.replace(",", "Total,", 1)])])
    got = cell(values(path), "44", "All", "all")
    assert (got["numerator"], got["denominator"]) == (75, 530000)


def test_name_given_on_the_command_line_wins(tmp_path):
    path = tmp_path / "equity.duckdb"
    ingest(path, "wonder", [export(tmp_path, ROWS)], name="Cervical cancer, WONDER")
    assert table(path, "SELECT name FROM sources").iloc[0, 0] == "Cervical cancer, WONDER"


@pytest.mark.parametrize(
    ("area", "dim", "group", "value", "flag", "numerator", "denominator"),
    [
        ("44", "race_ethnicity", "White", 7.5, None, 30, 400000),
        ("44", "race_ethnicity", "Black", None, "suppressed", None, 30000),  # never a number
        ("44", "race_ethnicity", "Asian or Pacific Islander", 80.0, "unreliable", 16, 20000),  # rate kept
        ("44", "race_ethnicity", "Other or unknown race", None, "no_data", 0, None),  # Not Applicable
        ("44", "race_ethnicity", "Hispanic or Latino", 37 / 92000 * 100_000, None, 37, 92000),  # summed
        ("09", "race_ethnicity", "Black", None, "no_data", None, None),  # Missing
        ("09", "hispanic_race", "White", 20.0, None, 40, 200000),  # kept apart: a part is suppressed
        ("09", "hispanic_race", "Black", None, "suppressed", None, 30000),
    ],
)
def test_cells_become_groups_values_and_flags(loaded, area, dim, group, value, flag, numerator, denominator):
    got = cell(values(loaded[0]), area, group, dim)
    assert got["flag"] == flag or (flag is None and pd.isna(got["flag"]))
    if value is None:
        assert pd.isna(got["value"]) and pd.isna(got["ci_low"])
    else:
        assert got["value"] == pytest.approx(value)
        assert got["ci_low"] <= got["value"] <= got["ci_high"]
    for column, expected in (("numerator", numerator), ("denominator", denominator)):
        assert pd.isna(got[column]) if expected is None else got[column] == expected, column


def test_a_sum_and_its_parts_are_never_both_loaded(loaded):
    df = values(loaded[0])
    assert not ((df.area_id == "44") & (df.group_dim == "hispanic_race")).any()
    assert not ((df.area_id == "09") & (df.group_label == "Hispanic or Latino")).any()
    assert not df["group_label"].str.contains("Unknown or Missing").any()


def test_crude_rates_get_the_exact_poisson_interval(loaded):
    got = cell(values(loaded[0]), "44", "White")
    low, high = stats.poisson_exact_interval(30)
    assert (got["ci_low"], got["ci_high"]) == pytest.approx((low / 400000 * 1e5, high / 400000 * 1e5))


def test_wonder_intervals_and_age_adjusted_rates_are_kept_tab_separated_with_totals(tmp_path):
    header = (
        '"Notes"\t"Year"\t"Year Code"\t"States"\t"States Code"\tCount\tPopulation\tCrude Rate\t'
        "Crude Rate Lower 95% Confidence Interval\tCrude Rate Upper 95% Confidence Interval\t"
        "Age Adjusted Rate\tAge Adjusted Rate Lower 95% Confidence Interval\t"
        "Age Adjusted Rate Upper 95% Confidence Interval"
    )
    rows = [
        '\t"2021"\t"2021"\t"Rhode Island"\t"44"\t50\t500000\t10.0\t7.4\t13.2\t9.1\t6.7\t12.0',
        '\t"2021"\t"2021"\t"Connecticut"\t"09"\t18\t1000000\tUnreliable\tUnreliable\tUnreliable\t'
        "1.7 (Unreliable)\t1.0\t2.7",
        '"Total"\t"2021"\t"2021"\t\t\t68\t1500000\t4.5\t3.5\t5.7\t4.4\t3.4\t5.6',
        '"Total"\t\t\t\t\t68\t1500000\t4.5\t3.5\t5.7\t4.4\t3.4\t5.6',
    ]
    footer = ['"---"', '"Dataset: United States and Puerto Rico Cancer Statistics, 1999-2022 Incidence"']
    f = write(tmp_path, "export.txt", "\r\n".join([header, *rows, *footer]) + "\r\n")
    path = tmp_path / "equity.duckdb"
    report = ingest(path, "wonder", [f])
    ind = "wonder_incidence"
    crude = values(path, ind).set_index("area_id")
    assert crude.loc["44", ["value", "ci_low", "ci_high"]].tolist() == pytest.approx([10.0, 7.4, 13.2])
    assert crude.loc["09", "flag"] == "unreliable" and crude.loc["09", "value"] == pytest.approx(1.8)
    aa = values(path, f"{ind}_aa").set_index("area_id")
    assert aa.loc["09", ["value", "ci_low", "ci_high", "flag"]].tolist() == [1.7, 1.0, 2.7, "unreliable"]
    assert aa.loc["44", "numerator"] == 50  # the crude rate's counts: withheld with it
    kinds = table(path, "SELECT indicator_id, measure_type FROM indicators ORDER BY 1").values.tolist()
    assert kinds == [[ind, "crude"], [f"{ind}_aa", "age_adjusted"]]
    nation = table(path, "SELECT value, numerator FROM national_values WHERE indicator_id = ?", [ind])
    assert nation.values.tolist() == [[pytest.approx(68 / 1500000 * 1e5), 68]]
    assert any("1 subtotal rows" in n for n in report.notes)  # the total over years


def test_known_areas_keep_their_shapes(tmp_path, squares_geojson):
    path = tmp_path / "equity.duckdb"
    ingest(path, "boundaries", [squares_geojson(["44"], "states.json", ["Rhode Island"])], vintage="2020")
    ingest(path, "wonder", [export(tmp_path, ROWS)])
    areas = table(path, "SELECT area_id, geometry IS NOT NULL AS shaped FROM areas ORDER BY 1")
    assert areas.values.tolist() == [["09", False], ["44", True]]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (row("20x0", "44", "White", "Hispanic", 20, 8000, 1.0), "row 2, column 'Year Code': not a year"),
        (row(2020, "4X", "White", "Hispanic", 20, 8000, 1.0), "row 2, column 'States Code': not a FIPS code"),
        (row(2020, "44", "White", "Hispanic", "lots", 8000, 1.0), "row 2, column 'Count': not a count"),
        (row(2020, "44", "White", "Hispanic", 20, 8000, "high"), "row 2, column 'Crude Rate': not a rate"),
        (row(2020, "44", "White", "Hispanic", -2, 8000, 1.0), "row 2, column 'Count': a count cannot be"),
    ],
)
def test_errors_name_the_row_and_column_and_change_nothing(tmp_path, loaded, bad, message):
    path = loaded[0]
    before = path.read_bytes()
    with pytest.raises(IngestError, match=message) as err:
        ingest(path, "wonder", [export(tmp_path, [bad, *ROWS[1:]], name="bad.csv")])
    assert "bad.csv" in str(err.value) and "Nothing was changed" in str(err.value)
    assert path.read_bytes() == before


def test_an_export_grouped_by_age_as_well_is_refused(tmp_path):
    header = HEADER.replace('"Race","Race Code"', '"Age Groups","Age Groups Code"')
    rows = [r.replace('"White","2106-3"', '"50-54 years","50-54"') for r in ROWS[:2]]
    with pytest.raises(IngestError, match="column 'Age Groups': the export is grouped by Age Groups"):
        ingest(tmp_path / "equity.duckdb", "wonder", [export(tmp_path, rows, header=header)])


def test_a_file_that_is_not_a_wonder_export_is_refused(tmp_path):
    f = write(tmp_path, "other.csv", "area_id,value\n44,1\n")
    with pytest.raises(IngestError, match="not a CDC WONDER export"):
        ingest(tmp_path / "equity.duckdb", "wonder", [f])


# ---- the real export ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    if not REAL.is_file():
        pytest.skip(f"the real WONDER export is not at {REAL}")
    path = tmp_path_factory.mktemp("wonder") / "equity.duckdb"
    return path, ingest(path, "wonder", [REAL])


@needs_real
def test_real_file_states_and_source(real):
    path, report = real
    assert table(path, "SELECT count(*) FROM areas WHERE level = 'state'").iloc[0, 0] == 51  # 50 and DC
    src = table(path, "SELECT name, vintage, license, notes FROM sources").iloc[0]
    assert src["name"] == "CDC WONDER, U.S. Cancer Statistics incidence, 1999–2022"
    assert src["vintage"] == "1999–2022"
    assert "2024 submission; 2025 release" in src["license"]
    assert "Mississippi 1999-2002; South Dakota 1999-2000" in src["notes"]  # WONDER's caveats, kept
    assert "1. Totals are not available for these results due to suppression constraints" in src["notes"]


@needs_real
def test_real_file_one_rate_by_hand(real):
    # Alabama 1999, White Non-Hispanic: 150 cases in 1,615,994 women (file row 13), WONDER's 9.3.
    path, _ = real
    got = table(
        path,
        "SELECT value, ci_low, ci_high, numerator, denominator, flag FROM indicator_values "
        "WHERE area_id = '01' AND period = 1999 AND group_dim = 'race_ethnicity' AND group_label = 'White'",
    ).iloc[0]
    low, high = stats.poisson_exact_interval(150)
    assert got["value"] == pytest.approx(150 / 1615994 * 1e5) and round(got["value"], 1) == 9.3
    assert (got["ci_low"], got["ci_high"]) == pytest.approx((low / 1615994 * 1e5, high / 1615994 * 1e5))
    assert (got["numerator"], got["denominator"]) == (150, 1615994) and pd.isna(got["flag"])


@needs_real
def test_real_file_suppressed_and_missing_cells_are_flagged_not_numbered(real):
    path, _ = real
    src = pd.read_csv(REAL, dtype=str, keep_default_na=False, nrows=18360, encoding="utf-8-sig")
    nh = src[src["Ethnicity"] == "Non-Hispanic"]
    got = table(
        path,
        "SELECT flag, value, numerator FROM indicator_values WHERE group_dim = 'race_ethnicity' "
        "AND group_label <> 'Hispanic or Latino'",
    )
    assert len(got) == len(nh)
    suppressed = got[got["flag"] == "suppressed"]
    assert len(suppressed) == (nh["Count"] == "Suppressed").sum()
    assert suppressed["value"].isna().all() and suppressed["numerator"].isna().all()
    # Mississippi 1999-2002 and South Dakota 1999-2000 are Missing: no data, no numbers.
    ms = table(path, "SELECT flag, value FROM indicator_values WHERE area_id = '28' AND period = 2000")
    assert (ms["flag"] == "no_data").all() and ms["value"].isna().all()
    withheld = table(
        path, "SELECT count(*) FROM published_values WHERE flag = 'suppressed' AND value IS NOT NULL"
    )
    assert withheld.iloc[0, 0] == 0
