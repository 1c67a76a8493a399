"""Loading CDC PLACES and CDC/ATSDR SVI files: values as published, populations, joins, clear errors."""

from pathlib import Path

import pandas as pd
import pytest

from equity.ingest import IngestError, ingest
from tests.helpers import table, write

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"the real public files are not at {SHARED}")

TRACTS = ["44001010100", "44001010200", "44003020100", "44003020200", "01001020100"]


@pytest.fixture
def loaded(tmp_path, squares_geojson):
    """Four tracts in two counties of Rhode Island and one in Alabama (counties and states made from them)."""
    path = tmp_path / "equity.duckdb"
    ingest(path, "boundaries", [squares_geojson(TRACTS, "tracts.json")], vintage="2018")
    return path


def values_of(path, indicator):
    return table(
        path, "SELECT * FROM indicator_values WHERE indicator_id = ? ORDER BY area_id, period", [indicator]
    )


LONG_HEADER = (
    '"Year","StateAbbr","StateDesc","LocationName","DataSource","Category","Measure","Data_Value_Unit",'
    '"Data_Value_Type","Data_Value","Data_Value_Footnote_Symbol","Data_Value_Footnote","Low_Confidence_Limit",'
    '"High_Confidence_Limit","TotalPopulation","TotalPop18plus","LocationID","CategoryID","MeasureId",'
    '"DataValueTypeID","Short_Question_Text","Geolocation"\n'
)


def long_row(year, name, category, measure, kind, value, low, high, pop, location, mid, foot="", note=""):
    label = "Age-adjusted prevalence" if kind == "AgeAdjPrv" else "Crude prevalence"
    return (
        f'"{year}","RI","Rhode Island","{name}","BRFSS","{category}","{measure}","%","{label}","{value}",'
        f'"{foot}","{note}","{low}","{high}","{pop}","{pop}","{location}","X","{mid}","{kind}",'
        f'"Short","POINT (-71.4 41.6)"\n'
    )


PLACES_LONG = (
    LONG_HEADER
    + long_row(
        2022, "Bristol", "Health Outcomes", "Current asthma among adults aged >=18 years", "CrdPrv",
        "10.5", "9.8", "11.3", "50,360", "44001", "CASTHMA",
    )
    + long_row(
        2022, "Bristol", "Health Outcomes", "Current asthma among adults aged >=18 years", "AgeAdjPrv",
        "10.9", "10.1", "11.7", "50,360", "44001", "CASTHMA",
    )
    + long_row(
        2021, "Kent", "Prevention", "Visits to dentist among adults aged >=18 years", "CrdPrv",
        "", "", "", "1,170,000", "44003", "DENTAL", "*", "Estimates suppressed for population less than 50",
    )
    + long_row(
        2022, "44003020100", "Health Status", "Mental health not good for >=14 days", "CrdPrv",
        "15.2", "13.0", "17.9", "3,210", "44003020100", "MHLTH",
    )
    + long_row(
        2022, "99999999999", "Health Status", "Mental health not good for >=14 days", "CrdPrv",
        "14.0", "12.0", "16.0", "2,000", "99999999999", "MHLTH",
    )
)  # fmt: skip

PLACES_WIDE = (
    "StateAbbr,StateDesc,CountyName,CountyFIPS,TractFIPS,TotalPopulation,CASTHMA_CrudePrev,CASTHMA_Crude95CI,"
    "CHECKUP_CrudePrev,CHECKUP_Crude95CI,CHECKUP_AdjPrev,CHECKUP_Adj95CI,Geolocation\n"
    'RI,Rhode Island,Bristol,44001,44001010100,"4,102",10.2,"( 9.1, 11.4)",75.0,"(73.9, 76.1)",74.1,'
    '"(73.0,75.2)",POINT (-71.4 41.6)\n'
    'RI,Rhode Island,Bristol,44001,44001010200,3003,11.0,"(10.0,12.1)",,,70.2,"( 69.0,  71.5)",'
    "POINT (-71.4 41.6)\n"
    # a tract GEOID saved as an integer (leading zero lost), and one that no boundary has
    "AL,Alabama,Autauga,1001,1001020100,2000,9.0,,71.0,,70.0,,POINT (-86.6 32.5)\n"
    "RI,Rhode Island,Kent,44003,44009999999,100,9.0,,71.0,,70.0,,POINT (-71.4 41.6)\n"
)

SVI = (
    "\ufeffST,STATE,ST_ABBR,STCNTY,COUNTY,FIPS,LOCATION,E_TOTPOP,M_TOTPOP,EP_POV,MP_POV,EP_PCI,MP_PCI,"
    "EP_UNINSUR,MP_UNINSUR,RPL_THEME1,RPL_THEMES,F_TOTAL\r\n"
    '44,RHODE ISLAND,RI,44001,Bristol,44001010100,"Census Tract 101, Bristol County, Rhode Island",'
    "4102,200,12.5,3.29,31000,2000,98.0,3.29,0.4,0.55,1\r\n"
    '44,RHODE ISLAND,RI,44001,Bristol,44001010200,"Census Tract 102, Bristol County, Rhode Island",'
    "3003,150,-999,-999,-999.0,-999.0,4.0,1.0,-999,-999.0,-999\r\n"
    '44,RHODE ISLAND,RI,44003,Kent,44003020100,"Census Tract 201, Kent County, Rhode Island",'
    "0,13,0.0,-999,-999,-999,0.0,-999,-999,-999,-999\r\n"
    '44,RHODE ISLAND,RI,44009,Kent,44009999999,"Census Tract 9999, Kent County, Rhode Island",'
    "900,50,20.0,5.0,25000,1000,10.0,2.0,0.9,0.95,3\r\n"
)


def test_places_long_table(loaded, tmp_path):
    report = ingest(loaded, "places", [write(tmp_path, "PLACES_county.csv", PLACES_LONG)])
    joins = report.joins.iloc[0]
    assert (joins.rows_read, joins.rows_loaded, joins.rows_unjoined) == (5, 4, 1)
    assert joins.examples == "99999999999"
    crude, adjusted = values_of(loaded, "places_casthma"), values_of(loaded, "places_casthma_aa")
    assert crude[["area_id", "period", "value", "ci_low", "ci_high"]].values.tolist() == [
        ["44001", 2022, 10.5, 9.8, 11.3]
    ]
    assert adjusted[["value", "ci_low", "ci_high"]].values.tolist() == [[10.9, 10.1, 11.7]]  # as published
    dental = values_of(loaded, "places_dental").iloc[0]
    assert (dental.period, dental.flag) == (2021, "suppressed") and pd.isna(dental.value)
    assert values_of(loaded, "places_mhlth").iloc[0].period == 2022  # each row keeps its own year
    inds = table(loaded, "SELECT * FROM indicators").set_index("indicator_id")
    assert inds.loc["places_casthma_aa", "label"] == "Current asthma among adults (age-adjusted)"
    assert inds.loc["places_casthma_aa", "measure_type"] == "age_adjusted"
    assert inds.loc["places_casthma", "measure_type"] == "crude"
    assert set(inds.loc[inds.index.str.startswith("places_"), "unit"]) == {"percent"}
    assert not inds.loc["places_dental", "higher_is_worse"] and inds.loc["places_mhlth", "higher_is_worse"]
    assert inds.loc["places_casthma", "domain"] == "Chronic disease"
    assert inds.loc["places_dental", "domain"] == "Access to care"
    assert inds.loc["places_mhlth", "domain"] == "Mental health"
    areas = table(loaded, "SELECT area_id, name, level, population, geometry FROM areas").set_index("area_id")
    assert areas.loc["44003", "population"] == 1_170_000  # thousands separator read
    assert areas.loc["44003020100", "population"] == 3210
    assert areas.loc["44003020100", "name"] == "Tract 103"  # the boundaries' name and shape are kept
    assert areas.loc["44003020100", "geometry"] is not None
    assert "99999999999" not in areas.index  # rows that do not join add no area
    sources = table(loaded, "SELECT * FROM sources").set_index("source_id")
    assert sources.loc["places_county", "vintage"] == "2021, 2022"
    assert sources.loc["places_county", "publisher"] == "Centers for Disease Control and Prevention"


def test_places_long_file_read_in_pieces_loads_the_same_and_names_the_right_row(
    loaded, tmp_path, monkeypatch
):
    from equity.ingest import places

    whole = tmp_path / "whole.duckdb"
    whole.write_bytes(loaded.read_bytes())
    ingest(whole, "places", [write(tmp_path, "PLACES_county.csv", PLACES_LONG)])
    monkeypatch.setattr(places, "CHUNK_ROWS", 2)  # national files are read 400,000 rows at a time
    ingest(loaded, "places", [write(tmp_path, "PLACES_county.csv", PLACES_LONG)])
    for sql in ("SELECT * FROM indicator_values ORDER BY ALL", "SELECT * FROM indicators ORDER BY ALL"):
        assert table(loaded, sql).equals(table(whole, sql))
    # A bad value in the third piece is named by its row in the file.
    bad = PLACES_LONG + long_row(
        2022, "Kent", "Health Status", "Mental health", "CrdPrv", "1O.5", "9", "12", "10", "44003", "MHLTH"
    )
    before = loaded.read_bytes()
    with pytest.raises(IngestError, match=r"row 7, column 'Data_Value': not a number"):
        ingest(loaded, "places", [write(tmp_path, "PLACES_bad.csv", bad)])
    assert loaded.read_bytes() == before


def test_places_wide_table(loaded, tmp_path):
    report = ingest(loaded, "places", [write(tmp_path, "places_gis.csv", PLACES_WIDE)], vintage="2021")
    joins = report.joins.iloc[0]
    assert (joins.rows_loaded, joins.rows_unjoined) == (9, 3)  # 3 values for each of 4 rows
    assert joins.examples == "44009999999"
    asthma = values_of(loaded, "places_casthma")
    assert asthma[["area_id", "period", "value"]].values.tolist()[0] == ["01001020100", 2021, 9.0]  # padded
    assert asthma[["ci_low", "ci_high"]].iloc[0].isna().all()  # an empty interval cell
    assert asthma[["area_id", "period", "value", "ci_low", "ci_high"]].values.tolist()[1:] == [
        ["44001010100", 2021, 10.2, 9.1, 11.4],
        ["44001010200", 2021, 11.0, 10.0, 12.1],
    ]
    checkup = values_of(loaded, "places_checkup").set_index("area_id")
    assert checkup.loc["44001010200", "flag"] == "no_data" and pd.isna(checkup.loc["44001010200", "value"])
    adjusted = values_of(loaded, "places_checkup_aa").set_index("area_id")
    assert adjusted.loc["44001010200", ["value", "ci_low", "ci_high"]].tolist() == [70.2, 69.0, 71.5]
    population = table(loaded, "SELECT area_id, population FROM areas").set_index("area_id")["population"]
    assert population["44001010100"] == 4102 and population["44001010200"] == 3003


def test_svi_file(loaded, tmp_path):
    report = ingest(loaded, "svi", [write(tmp_path, "svi_ri_2018.csv", SVI)])
    joins = report.joins.iloc[0]
    assert joins.examples == "44009999999" and joins.rows_unjoined == 5  # one area, five indicators
    pov = values_of(loaded, "svi_ep_pov").set_index("area_id")
    assert pov.loc["44001010100", "value"] == 12.5
    assert pov.loc["44001010100", "ci_low"] == pytest.approx(12.5 - 3.29 * 1.96 / 1.645)
    assert pov.loc["44001010100", "ci_high"] == pytest.approx(12.5 + 3.29 * 1.96 / 1.645)
    assert pov.loc["44001010100", "period"] == 2018
    assert pov.loc["44001010200", "flag"] == "no_data" and pd.isna(pov.loc["44001010200", "value"])  # -999
    assert pov.loc["44003020100", "flag"] == "no_data"  # no residents: a share of nobody
    uninsured = values_of(loaded, "svi_ep_uninsur").set_index("area_id")
    assert uninsured.loc["44001010100", "ci_high"] == 100  # kept within 0-100
    pci = values_of(loaded, "svi_ep_pci").set_index("area_id")
    assert pci.loc["44001010100", "value"] == 31000 and pci.loc["44001010200", "flag"] == "no_data"
    overall = values_of(loaded, "svi_rpl_themes").set_index("area_id")
    assert overall.loc["44001010100", "value"] == 0.55 and pd.isna(overall.loc["44001010100", "ci_low"])
    inds = table(loaded, "SELECT * FROM indicators").set_index("indicator_id")
    assert "svi_f_total" not in inds.index
    assert inds.loc["svi_rpl_themes", "label"] == (
        "Social vulnerability: overall (percentile, ranked within Rhode Island)"
    )
    assert inds.loc["svi_rpl_themes", "unit"] == "index" and inds.loc["svi_ep_pov", "unit"] == "percent"
    assert inds.loc["svi_ep_pci", "unit"] == "index" and not inds.loc["svi_ep_pci", "higher_is_worse"]
    assert set(inds.loc[inds.index.str.startswith("svi_"), "domain"]) == {"Social conditions"}
    population = table(loaded, "SELECT area_id, population FROM areas").set_index("area_id")["population"]
    assert population["44001010100"] == 4102 and population["44003020100"] == 0


def test_svi_national_file_with_integer_fips(loaded, tmp_path):
    text = (
        "ST,STATE,FIPS,COUNTY,E_TOTPOP,EP_POV150,MP_POV150,RPL_THEMES\n"
        "1,Alabama,1001020100,Autauga County,2500,18.5,4.0,0.7\n"
        "44,Rhode Island,44001010100,Bristol County,4102,12.5,3.3,0.2\n"
    )
    report = ingest(loaded, "svi", [write(tmp_path, "SVI_2022_US.csv", text)])
    assert report.joins.iloc[0].rows_unjoined == 0
    pov = values_of(loaded, "svi_ep_pov150").set_index("area_id")
    assert pov.loc["01001020100", ["value", "period"]].tolist() == [18.5, 2022]  # year from the file name
    label = table(loaded, "SELECT label FROM indicators WHERE indicator_id = 'svi_rpl_themes'")["label"][0]
    assert label == "Social vulnerability: overall (percentile, ranked nationally)"


def test_svi_year_needs_saying_when_the_schema_does_not(loaded, tmp_path):
    text = SVI.replace("EP_POV,MP_POV,EP_PCI,MP_PCI", "EP_POV150,MP_POV150,EP_HBURD,MP_HBURD")
    text = text.replace("31000,2000", "31.0,2.0").replace("25000,1000", "25.0,1.0")
    with pytest.raises(IngestError, match="--vintage"):
        ingest(loaded, "svi", [write(tmp_path, "svi_ri.csv", text)])
    ingest(loaded, "svi", [write(tmp_path, "svi_ri.csv", text)], vintage="2022")
    assert set(values_of(loaded, "svi_ep_pov150")["period"]) == {2022}


HOSTILE = [
    ("places", "bad_ci.csv", PLACES_WIDE.replace('"(10.0,12.1)"', '"(10.0;12.1)"'), {"vintage": "2021"},
     "row 3, column 'CASTHMA_Crude95CI': not a confidence interval"),
    ("places", "no_vintage.csv", PLACES_WIDE, {}, "--vintage"),
    ("places", "bad_vintage.csv", PLACES_WIDE, {"vintage": "21"}, "--vintage"),
    ("places", "not_places.csv", SVI, {}, "not a CDC PLACES file"),
    ("places", "bad_year.csv", PLACES_LONG.replace('"2021"', '"21"'), {}, "row 4, column 'Year'"),
    ("places", "twice.csv", PLACES_LONG + PLACES_LONG.splitlines()[1] + "\n", {}, "appear twice"),
    ("svi", "svi_is_places.csv", PLACES_LONG, {}, "not a CDC/ATSDR Social Vulnerability Index file"),
    ("svi", "svi_bad_number.csv", SVI.replace(",12.5,", ",12.5x,"), {}, "not a number"),
    ("svi", "svi2020_old_columns.csv", SVI, {}, "2018 SVI"),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "name", "text", "options", "words"), HOSTILE, ids=[h[1] for h in HOSTILE])
def test_hostile_files_get_a_clear_error_and_change_nothing(
    loaded, tmp_path, kind, name, text, options, words
):
    before = loaded.read_bytes()
    with pytest.raises(IngestError, match=words.replace("(", r"\(").replace(")", r"\)")) as err:
        ingest(loaded, kind, [write(tmp_path, name, text)], **options)
    assert name in str(err.value) and "Nothing was changed" in str(err.value)
    assert loaded.read_bytes() == before
    assert sorted(p.name for p in loaded.parent.iterdir() if p.suffix == ".duckdb" or ".tmp" in p.name) == [
        "equity.duckdb"
    ]


# ---- the real files ---------------------------------------------------------------------------------------


def source_rows(path, key, ids):
    df = pd.read_csv(path, dtype=str, encoding="utf-8-sig")
    return df[df[key].isin(ids)].set_index(key)


@needs_shared
def test_real_svi_2018_rhode_island_tracts(tmp_path):
    path = tmp_path / "equity.duckdb"
    ingest(path, "boundaries", [SHARED / "boundaries" / "cb_2018_44_tract_500k.json"])
    report = ingest(path, "svi", [SHARED / "svi" / "RI_tract_2018.csv"])
    joins = report.joins.iloc[0]
    assert joins.rows_unjoined == 0
    loaded = table(path, "SELECT DISTINCT area_id FROM indicator_values WHERE indicator_id LIKE 'svi_%'")
    assert len(loaded) == 243  # 243 of 243 tracts joined
    src = source_rows(SHARED / "svi" / "RI_tract_2018.csv", "FIPS", ["44007000101", "44001030100"])
    pov = values_of(path, "svi_ep_pov").set_index("area_id")
    overall = values_of(path, "svi_rpl_themes").set_index("area_id")
    for tract in src.index:
        assert pov.loc[tract, "value"] == float(src.loc[tract, "EP_POV"])
        margin = float(src.loc[tract, "MP_POV"]) * 1.96 / 1.645
        assert pov.loc[tract, "ci_high"] == pytest.approx(min(100, float(src.loc[tract, "EP_POV"]) + margin))
        assert overall.loc[tract, "value"] == float(src.loc[tract, "RPL_THEMES"])
        assert overall.loc[tract, "period"] == 2018
    population = table(path, "SELECT area_id, population FROM areas").set_index("area_id")["population"]
    assert population["44007000101"] == int(src.loc["44007000101", "E_TOTPOP"])
    assert overall.loc["44003980000", "flag"] == "no_data"  # a tract with no residents, not ranked
    label = table(path, "SELECT label FROM indicators WHERE indicator_id = 'svi_rpl_themes'")["label"][0]
    assert label.endswith("(percentile, ranked within Rhode Island)")


@needs_shared
def test_real_svi_2020_us_counties(tmp_path):
    path = tmp_path / "equity.duckdb"
    ingest(path, "boundaries", [SHARED / "boundaries" / "counties-10m.json"])
    report = ingest(path, "svi", [SHARED / "svi" / "SVI2020_US_COUNTY.csv"])
    joins = report.joins.iloc[0]
    n_indicators = len(table(path, "SELECT * FROM indicators WHERE indicator_id LIKE 'svi_%'"))
    # Alaska's 2019 split (02063, 02066 in place of 02261) does not join the 2017 boundaries; nor does
    # Falls Church city (51610), whose polygon is empty at the 1:10m scale, so the boundaries leave it out.
    assert joins.examples == "02063, 02066, 51610"
    assert joins.rows_unjoined == 3 * n_indicators
    assert joins.rows_read == 3143  # the file's rows, not its values
    assert joins.rows_loaded == 3140 * n_indicators
    loaded = table(path, "SELECT DISTINCT area_id FROM indicator_values")
    assert len(loaded) == 3140
    said = "\n".join(report.lines())
    assert (
        f"SVI2020_US_COUNTY.csv: 3,143 rows read; {3140 * n_indicators:,} values loaded for 3,140 counties"
        in said
    )
    assert "for 3 counties did not join the boundaries (for example 02063, 02066, 51610)" in said
    assert "Chugach Census Area (02063), made in 2019 from Valdez-Cordova (02261)" in said
    src = source_rows(SHARED / "svi" / "SVI2020_US_COUNTY.csv", "FIPS", ["01001"])
    assert values_of(path, "svi_ep_pov150").set_index("area_id").loc["01001", "value"] == float(
        src.loc["01001", "EP_POV150"]
    )
    overall = values_of(path, "svi_rpl_themes").set_index("area_id")
    assert overall.loc["01001", "value"] == float(src.loc["01001", "RPL_THEMES"])
    assert set(overall["period"]) == {2020}
    label = table(path, "SELECT label FROM indicators WHERE indicator_id = 'svi_rpl_themes'")["label"][0]
    assert label.endswith("(percentile, ranked nationally)")


@needs_shared
def test_real_places_county_sample(tmp_path):
    path = tmp_path / "equity.duckdb"
    ingest(path, "boundaries", [SHARED / "boundaries" / "counties-10m.json"])
    report = ingest(path, "places", [SHARED / "places" / "PLACES_Dataset_5counties.csv"])
    assert report.joins.iloc[0].rows_unjoined == 0
    checkup = values_of(path, "places_checkup_aa").set_index("area_id")
    assert checkup.loc["04013", ["value", "ci_low", "ci_high", "period"]].tolist() == [72.0, 69.3, 74.3, 2023]
    population = table(path, "SELECT area_id, population FROM areas").set_index("area_id")["population"]
    assert population["04013"] == 4_585_871


@needs_shared
def test_real_places_tract_sample_keeps_each_value_year(tmp_path, squares_geojson):
    file = SHARED / "places" / "PLACES_tract_sample_2021.csv"
    src = pd.read_csv(file, dtype=str)
    path = tmp_path / "equity.duckdb"
    ingest(path, "boundaries", [squares_geojson(sorted(src["LocationID"].unique()), "tracts.json")])
    report = ingest(path, "places", [file])
    assert report.joins.iloc[0].rows_loaded == 450
    years = table(path, "SELECT indicator_id, min(period) AS y FROM indicator_values GROUP BY 1")
    years = years.set_index("indicator_id")["y"]
    assert years["places_dental"] == 2018 and years["places_casthma"] == 2019  # biennial and annual
    row = src[(src["LocationID"] == "06027000800") & (src["MeasureId"] == "BPHIGH")].iloc[0]
    bphigh = values_of(path, "places_bphigh").set_index("area_id").loc["06027000800"]
    assert [bphigh.value, bphigh.ci_low, bphigh.ci_high] == [
        float(row.Data_Value),
        float(row.Low_Confidence_Limit),
        float(row.High_Confidence_Limit),
    ]
    population = table(path, "SELECT area_id, population FROM areas").set_index("area_id")["population"]
    assert population["06027000800"] == int(row.TotalPopulation)
