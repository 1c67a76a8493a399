"""Loading County Health Rankings & Roadmaps analytic data: two header rows, states and counties, units."""

from pathlib import Path

import pandas as pd
import pytest

from equity.ingest import IngestError, ingest
from tests.helpers import table, write

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"the real public files are not at {SHARED}")

COUNTIES = ["44001", "44003", "01001"]  # two in Rhode Island, one in Alabama (states made from them)


@pytest.fixture
def loaded(tmp_path, squares_geojson):
    path = tmp_path / "equity.duckdb"
    ingest(
        path,
        "boundaries",
        [squares_geojson(COUNTIES, "counties.json", [f"County {i}" for i in range(3)])],
        vintage="2010",
    )
    return path


def values_of(path, indicator):
    return table(
        path, "SELECT * FROM indicator_values WHERE indicator_id = ? ORDER BY area_id", [indicator]
    ).set_index("area_id")


LABELS = (
    "State FIPS Code,County FIPS Code,5-digit FIPS Code,State Abbreviation,Name,Release Year,"
    "Adult smoking raw value,Adult smoking numerator,Adult smoking denominator,Adult smoking CI low,"
    "Adult smoking CI high,Premature death raw value,Premature death numerator,Premature death denominator,"
    "Premature death CI low,Premature death CI high,Ratio of population to primary care physicians,"
    "Homicides raw value,Homicides CI low,Homicides CI high\n"
)
CODES = (
    "statecode,countycode,fipscode,state,county,year,v009_rawvalue,v009_numerator,v009_denominator,"
    "v009_cilow,v009_cihigh,v001_rawvalue,v001_numerator,v001_denominator,v001_cilow,v001_cihigh,"
    "v004_other_data_1,v015_rawvalue,v015_cilow,v015_cihigh\n"
)
ROWS = (
    "00,000,00000,US,United States,2010,0.2053,450718,2314889,0.2042,0.2064,7261.2,3155908,835139971,"
    "7250.5,7271.9,1000.5,,,\n"
    "44,000,44000,RI,Rhode Island,2010,0.17,900,5300,0.16,0.18,6100.5,4000,65000000,6000,6200,900,,,\n"
    # a county saved with its codes as integers: leading zeros lost
    "1,1,1001,AL,Autauga County,2010,0.2309,223,1086,0.1932,0.2734,8221.7,2148,449589,7715.9,8727.4,"
    "1413.6,,,\n"
    # an empty smoking cell; a homicide interval that does not contain its value (as CHR 2010 has one)
    '44,003,44003,RI,Kent County,2010,,,,,,"5,500.0",900,16000000,5200,5800,,4.0,4.5,6.0\n'
)
CHR = LABELS + CODES + ROWS


def test_chr_counties_and_states(loaded, tmp_path):
    report = ingest(loaded, "chr", [write(tmp_path, "analytic_data.csv", CHR)], vintage="2010")
    joins = report.joins.iloc[0]
    # 4 rows of the file (the United States row becomes the nation), 3 measures each; the state 01 is made
    # from 01001
    assert (joins.rows_read, joins.rows_loaded, joins.rows_unjoined) == (4, 12, 0)
    inds = table(loaded, "SELECT * FROM indicators").set_index("indicator_id")
    assert sorted(inds.index) == ["chr_v001", "chr_v009", "chr_v015"]  # other_data columns not loaded
    assert inds.loc["chr_v009", "label"] == "Adult smoking" and inds.loc["chr_v009", "unit"] == "percent"
    assert inds.loc["chr_v001", "label"] == "Premature death" and inds.loc["chr_v001", "unit"] == "per_100k"
    assert inds.loc["chr_v009", "higher_is_worse"] and inds.loc["chr_v001", "higher_is_worse"]
    assert inds.loc["chr_v009", "domain"] == "Health behaviours"
    smoking = values_of(loaded, "chr_v009")
    assert sorted(smoking.index) == ["01001", "44", "44003"]  # the county padded
    nation = table(loaded, "SELECT * FROM published_values WHERE area_id = 'US'").set_index("indicator_id")
    assert nation.loc["chr_v009", ["value", "ci_low", "ci_high"]].tolist() == [20.53, 20.42, 20.64]
    assert nation.loc["chr_v009", ["numerator", "denominator"]].tolist() == [450718, 2314889]
    assert table(loaded, "SELECT count(*) AS n FROM areas WHERE area_id = 'US'").n.iloc[0] == 0
    assert smoking.loc["01001", ["value", "ci_low", "ci_high"]].tolist() == [23.09, 19.32, 27.34]  # ×100
    assert smoking.loc["01001", ["numerator", "denominator"]].tolist() == [223, 1086]
    assert smoking.loc["44", ["value", "ci_low", "ci_high"]].tolist() == [17.0, 16.0, 18.0]
    assert smoking.loc["44003", "flag"] == "no_data" and pd.isna(smoking.loc["44003", "value"])
    assert set(smoking["period"]) == {2010}
    death = values_of(loaded, "chr_v001")
    assert death.loc["44003", ["value", "ci_low", "ci_high"]].tolist() == [5500.0, 5200, 5800]  # as published
    assert pd.isna(death.loc["44003", "flag"])
    homicides = values_of(loaded, "chr_v015")
    assert (
        homicides.loc["44003", "value"] == 4.0 and homicides.loc["44003", ["ci_low", "ci_high"]].isna().all()
    )
    assert homicides.loc["44", "flag"] == "no_data"
    source = table(loaded, "SELECT * FROM sources WHERE source_id = 'analytic_data'").iloc[0]
    assert source["name"] == "County Health Rankings & Roadmaps, 2010 release, counties"
    assert source["vintage"] == "2010" and "Population Health Institute" in source["publisher"]


def test_chr_year_from_the_file_name(loaded, tmp_path):
    ingest(loaded, "chr", [write(tmp_path, "analytic_data2012.csv", CHR)])
    assert set(values_of(loaded, "chr_v009")["period"]) == {2012}
    with pytest.raises(IngestError, match="--vintage"):
        ingest(loaded, "chr", [write(tmp_path, "analytic_data.csv", CHR)])


def test_chr_unknown_measure_gets_its_unit_from_its_values(loaded, tmp_path):
    text = (
        CHR.replace("Homicides", "Something new")
        .replace("v015", "v999")
        .replace("4.0,4.5,6.0", "0.4,0.3,0.5")
    )
    ingest(loaded, "chr", [write(tmp_path, "analytic_data2010.csv", text)])
    ind = table(loaded, "SELECT * FROM indicators WHERE indicator_id = 'chr_v999'").iloc[0]
    assert (ind.label, ind.unit, ind.domain) == ("Something new", "percent", "Outcomes")
    assert "does not know the measure" in ind.description
    assert values_of(loaded, "chr_v999").loc["44003", ["value", "ci_low", "ci_high"]].tolist() == [40, 30, 50]


PLACES = (
    "StateAbbr,StateDesc,CountyName,CountyFIPS,TractFIPS,TotalPopulation,CASTHMA_CrudePrev,CASTHMA_Crude95CI\n"
    'RI,Rhode Island,Bristol,44001,44001010100,4102,10.2,"( 9.1, 11.4)"\n'
)
HOSTILE = [
    ("one_header_2010.csv", CODES + ROWS, "not a County Health Rankings analytic data file"),
    ("labels_only_2010.csv", LABELS + ROWS, "not a County Health Rankings analytic data file"),
    ("places_2010.csv", PLACES, "not a County Health Rankings analytic data file"),
    ("bad_number_2010.csv", CHR.replace("0.2309", "0.23x"), "row 5, column 'v009_rawvalue': not a number"),
    ("bad_fips_2010.csv", CHR.replace("44,003,44003", "44,00A,44003"), "row 6, column 'statecode'"),
    ("no_year.csv", CHR, "--vintage"),
]


@pytest.mark.parametrize(("name", "text", "words"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_files_get_a_clear_error_and_change_nothing(loaded, tmp_path, name, text, words):
    before = loaded.read_bytes()
    with pytest.raises(IngestError, match=words.replace("(", r"\(").replace(")", r"\)")) as err:
        ingest(loaded, "chr", [write(tmp_path, name, text)])
    assert name in str(err.value) and "Nothing was changed" in str(err.value)
    if "County Health Rankings" in words:
        assert "two header rows" in str(err.value)
    assert loaded.read_bytes() == before
    assert sorted(p.name for p in loaded.parent.iterdir() if p.suffix == ".duckdb" or ".tmp" in p.name) == [
        "equity.duckdb"
    ]


# ---- the real file ----------------------------------------------------------------------------------------


@needs_shared
def test_real_chr_2010(tmp_path):
    file = SHARED / "chr" / "analytic_data2010.csv"
    path = tmp_path / "equity.duckdb"
    ingest(path, "boundaries", [SHARED / "boundaries" / "counties-10m.json"])
    report = ingest(path, "chr", [file])
    joins = report.joins.iloc[0]
    inds = table(path, "SELECT * FROM indicators").set_index("indicator_id")
    n = len(inds)
    assert n >= 30 and "chr_v001" in inds.index
    assert joins.rows_read == 3193  # the file's rows: every county and state row and the nation
    # County equivalents the 2017 boundaries no longer have (Alaska's old areas, Shannon County SD, ...)
    assert joins.rows_unjoined == 7 * n and joins.examples.startswith("02201")
    assert joins.rows_loaded == 3193 * n - joins.rows_unjoined  # a value for every row and measure
    said = "\n".join(report.lines())
    assert "analytic_data2010.csv: 3,193 rows read; " in said and "for 7 counties did not join" in said
    assert "Prince of Wales-Outer Ketchikan (02201), split in 2008" in said and "; and 3 more." in said
    src = pd.read_csv(file, dtype=str, skiprows=[0]).set_index("fipscode")  # text: "00000" kept
    nation = table(path, "SELECT * FROM national_values WHERE indicator_id = 'chr_v009'").iloc[0]
    assert nation.value == pytest.approx(100 * float(src.loc["00000", "v009_rawvalue"]))
    src = src.loc["01003"]
    smoking = values_of(path, "chr_v009").loc["01003"]
    assert smoking.value == pytest.approx(100 * float(src["v009_rawvalue"]))
    assert smoking.ci_high == pytest.approx(100 * float(src["v009_cihigh"]))
    assert smoking.numerator == int(src["v009_numerator"]) and smoking.period == 2010
    death = values_of(path, "chr_v001").loc["01003"]
    assert death.value == float(src["v001_rawvalue"]) and inds.loc["chr_v001", "unit"] == "per_100k"
    assert not inds.loc["chr_v021", "higher_is_worse"] and inds.loc["chr_v024", "higher_is_worse"]
    states = table(path, "SELECT DISTINCT area_id FROM indicator_values WHERE length(area_id) = 2")
    assert len(states) == 51
    assert values_of(path, "chr_v021").loc["42061", "flag"] == "no_data"  # a graduation rate over 100%
