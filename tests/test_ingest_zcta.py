"""ZIP Code Tabulation Areas and places: Census boundaries and CDC PLACES files, joined, never mistaken
for counties, and reported where they do not join."""

import pandas as pd
import pytest

from equity import db, queries
from equity.ingest import IngestError, ingest
from tests.helpers import table, write

# Four tracts in two Rhode Island counties: squares 0 to 3 of the writer, so state 44 is their union.
TRACTS = ["44001010100", "44001010200", "44003020100", "44003020200"]
# ZCTAs on squares 0 to 4: the first four lie in Rhode Island, the fifth beside it, in no loaded state.
# 44001 is a real ZCTA (Amherst, Ohio) with the digits of Bristol County's GEOID.
ZCTAS = ["02806", "02809", "02818", "44001", "06390"]


@pytest.fixture
def loaded(tmp_path, squares_geojson):
    path = tmp_path / "equity.duckdb"
    ingest(path, "boundaries", [squares_geojson(TRACTS, "tracts.json")], vintage="2018")
    return path


def cb_2020(code):
    return {"ZCTA5CE20": code, "AFFGEOID20": f"860Z200US{code}", "GEOID20": code, "ALAND20": 1, "AWATER20": 0}


@pytest.fixture
def with_zctas(loaded, squares_geojson):
    ingest(loaded, "boundaries", [squares_geojson(ZCTAS, "cb_2020_us_zcta520_500k.json", properties=cb_2020)])
    return loaded


def areas(path):
    return table(path, "SELECT area_id, name, level, parent_id, population FROM areas").set_index("area_id")


def values_of(path, indicator):
    return table(
        path, "SELECT * FROM indicator_values WHERE indicator_id = ? ORDER BY area_id", [indicator]
    ).set_index("area_id")


def run(path, name, params=None):
    con = db.connect_read_only(path)
    try:
        return queries.run(con, name, params)
    finally:
        con.close()


# ---- boundaries ---------------------------------------------------------------------------------------


def test_census_zcta_file_loads_as_zctas_placed_in_their_state(with_zctas):
    got = areas(with_zctas)
    zctas = got[got["level"] == "zcta"]
    assert sorted(zctas.index) == ["Z02806", "Z02809", "Z02818", "Z06390", "Z44001"]
    assert zctas.loc["Z02806", "name"] == "ZIP Code 02806"
    assert zctas.loc["Z02806", "parent_id"] == "44"  # the loaded state that holds it
    assert pd.isna(zctas.loc["Z06390", "parent_id"])  # in no loaded state: no parent is made up
    assert got.loc["44001", "level"] == "county" and got.loc["44001", "name"] == "County 44001"
    assert sorted(got.index[got["level"] == "county"]) == ["44001", "44003"]  # no county made from a ZCTA
    assert run(with_zctas, "map_levels")["level"].tolist() == ["tract", "county", "zcta"]
    shown = run(with_zctas, "map_areas", {"level": "zcta", "region": "44"})
    assert shown["area_id"].tolist() == ["Z02806", "Z02809", "Z02818", "Z44001"]
    assert shown["geometry_drawn"].notna().all()


@pytest.mark.parametrize(
    ("name", "properties"),
    [
        # 2010 cartographic boundaries: the code saved as an integer, the full id with its 8600000US prefix
        (
            "cb_2010_zcta.json",
            lambda c: {"ZCTA5CE10": int(c), "GEOID10": int(c), "AFFGEOID10": f"8600000US{c}"},
        ),
        # TIGER/Line 2020: no full id, told by its ZCTA5CE20 column
        ("tl_2020_us_zcta520.json", lambda c: {"ZCTA5CE20": c, "GEOID20": c, "MTFCC20": "G6350"}),
        # a GEOID alone: told by the file name
        ("my_zcta_areas.json", lambda c: {"GEOID": c}),
        # only the full id
        ("areas.json", lambda c: {"AFFGEOID": f"860Z200US{c}", "NAME": c}),
    ],
    ids=["cb_2010_integers", "tiger_2020", "file_name", "full_id"],
)
def test_zcta_files_are_told_by_their_columns_ids_or_name(loaded, squares_geojson, name, properties):
    ingest(loaded, "boundaries", [squares_geojson(["02806", "02809"], name, properties=properties)])
    got = areas(loaded)
    assert got.loc[["Z02806", "Z02809"], "level"].tolist() == ["zcta", "zcta"]
    assert got.loc["Z02806", "name"] == "ZIP Code 02806"
    assert "02806" not in got.index


def test_five_digit_ids_alone_are_counties(loaded, squares_geojson):
    ingest(
        loaded,
        "boundaries",
        [squares_geojson(["44001", "44003"], "counties.json", names=["Bristol", "Kent"])],
    )
    got = areas(loaded)
    assert got.loc["44001", ["name", "level", "parent_id"]].tolist() == ["Bristol", "county", "44"]
    assert (got["level"] != "zcta").all()


def test_zcta_parent_given_by_a_state_based_file_is_kept(tmp_path, squares_geojson):
    path = tmp_path / "equity.duckdb"  # no state loaded: the file's own STATEFP10 places them
    properties = lambda c: {"STATEFP10": "44", "ZCTA5CE10": c, "GEOID10": f"44{c}", "CLASSFP10": "B5"}  # noqa: E731
    ingest(path, "boundaries", [squares_geojson(["02806"], "tl_2010_44_zcta510.json", properties=properties)])
    assert areas(path).loc["Z02806", ["level", "parent_id"]].tolist() == ["zcta", "44"]


def test_a_bad_zcta_code_is_refused_and_changes_nothing(loaded, squares_geojson):
    before = loaded.read_bytes()
    bad = squares_geojson(["02806", "ABCDE"], "cb_2020_us_zcta520_500k.json", properties=cb_2020)
    with pytest.raises(
        IngestError, match=r"row 2, column 'ZCTA5CE20': not a ZIP Code Tabulation Area code"
    ) as err:
        ingest(loaded, "boundaries", [bad])
    assert "cb_2020_us_zcta520_500k.json" in str(err.value) and "Nothing was changed" in str(err.value)
    assert loaded.read_bytes() == before


# ---- PLACES ZCTA files ----------------------------------------------------------------------------------

# The ZCTA release names each area by its code and has no county columns.
ZCTA_LONG_HEADER = (
    "Year,StateAbbr,StateDesc,LocationName,DataSource,Category,Measure,Data_Value_Unit,Data_Value_Type,"
    "Data_Value,Data_Value_Footnote_Symbol,Data_Value_Footnote,Low_Confidence_Limit,High_Confidence_Limit,"
    "TotalPopulation,TotalPop18plus,Geolocation,LocationID,CategoryID,MeasureId,DataValueTypeID,"
    "Short_Question_Text\n"
)


def zcta_row(code, value, name=None, pop="1,250", measure="CASTHMA"):
    return (
        f"2022,,,{name or code},BRFSS,Health Outcomes,Current asthma among adults aged >=18 years,%,"
        f'Crude prevalence,{value},,,{value - 1},{value + 1},"{pop}",1000,POINT (-71.3 41.6),{code},HLTHOUT,'
        f"{measure},CrdPrv,Current Asthma\n"
    )


ZCTA_LONG = (
    ZCTA_LONG_HEADER
    + zcta_row("02806", 10.0)
    + zcta_row("2809", 11.0)  # saved as an integer: the leading zero lost, in both columns
    + zcta_row("44001", 12.0)
    + zcta_row("99950", 13.0)  # no boundary has it
)


def test_places_zcta_long_file_joins_zcta_boundaries(with_zctas, tmp_path):
    report = ingest(with_zctas, "places", [write(tmp_path, "PLACES_ZCTA_2024.csv", ZCTA_LONG)])
    joins = report.joins.iloc[0]
    assert (joins.rows_read, joins.rows_loaded, joins.rows_unjoined, joins.examples) == (4, 3, 1, "Z99950")
    asthma = values_of(with_zctas, "places_casthma")
    assert asthma["value"].to_dict() == {"Z02806": 10.0, "Z02809": 11.0, "Z44001": 12.0}
    assert "44001" not in asthma.index  # the ZCTA 44001 is not Bristol County
    got = areas(with_zctas)
    assert got.loc["Z02809", ["name", "level", "population"]].tolist() == ["ZIP Code 02809", "zcta", 1250]
    assert pd.isna(got.loc["44001", "population"])
    shown = run(
        with_zctas, "map_values", {"ind": "places_casthma", "year": 2022, "level": "zcta", "region": "44"}
    )
    assert sorted(shown["area_id"]) == ["Z02806", "Z02809", "Z44001"]


def test_places_zcta_file_without_zcta_boundaries_is_refused_saying_why(loaded, tmp_path):
    # None of its values would reach the dashboard: the load is refused, naming the boundaries it lacks.
    before = loaded.read_bytes()
    with pytest.raises(IngestError, match=r"PLACES_ZCTA_2024.csv: none of its 4 values would reach") as e:
        ingest(loaded, "places", [write(tmp_path, "PLACES_ZCTA_2024.csv", ZCTA_LONG)])
    assert "4 ZIP code areas (for example Z02806, Z02809, Z44001, Z99950)" in str(e.value)
    assert "no boundaries of ZIP code areas are loaded" in str(e.value)
    assert loaded.read_bytes() == before


def test_a_county_file_beside_zctas_still_loads_counties(with_zctas, tmp_path):
    # The county release names the county; its 44001 is Bristol County, whatever ZCTAs are loaded.
    county = ZCTA_LONG_HEADER + zcta_row("44001", 9.0, name="Bristol") + zcta_row("44003", 8.0, name="Kent")
    report = ingest(with_zctas, "places", [write(tmp_path, "PLACES_county.csv", county)])
    assert report.joins.iloc[0].rows_unjoined == 0
    assert values_of(with_zctas, "places_casthma")["value"].to_dict() == {"44001": 9.0, "44003": 8.0}


def test_places_zcta_wide_file(with_zctas, tmp_path):
    wide = (
        "ZCTA5,TotalPopulation,TotalPop18plus,CASTHMA_CrudePrev,CASTHMA_Crude95CI,Geolocation\n"
        '02806,"16,310",13000,9.5,"( 9.0, 10.1)",POINT (-71.3 41.7)\n'
        '2818,"39,000",31000,10.4,"(9.8, 11.0)",POINT (-71.5 41.7)\n'  # leading zero lost
        "601,17000,14000,12.0,,POINT (-66.7 18.2)\n"  # 00601, Puerto Rico, lost two zeros; not loaded
    )
    report = ingest(with_zctas, "places", [write(tmp_path, "PLACES_ZCTA_GIS.csv", wide)], vintage="2021")
    joins = report.joins.iloc[0]
    assert (joins.rows_loaded, joins.rows_unjoined, joins.examples) == (2, 1, "Z00601")
    asthma = values_of(with_zctas, "places_casthma")
    assert asthma.loc["Z02818", ["period", "value", "ci_low", "ci_high"]].tolist() == [2021, 10.4, 9.8, 11.0]
    assert areas(with_zctas).loc["Z02806", "population"] == 16310


def test_a_bad_code_in_a_zcta_file_is_refused(with_zctas, tmp_path):
    before = with_zctas.read_bytes()
    wide = "ZCTA5,CASTHMA_CrudePrev\n02806,9.5\n0280X,9.0\n"
    with pytest.raises(IngestError, match=r"bad_zcta.csv, row 3, column 'ZCTA5'.*found '0280X'"):
        ingest(with_zctas, "places", [write(tmp_path, "bad_zcta.csv", wide)], vintage="2021")
    assert with_zctas.read_bytes() == before


# ---- places (cities and towns) --------------------------------------------------------------------------


def place_row(code, name, value):
    return (
        f"2022,CA,California,{name},BRFSS,Health Outcomes,Current asthma among adults aged >=18 years,%,"
        f'Crude prevalence,{value},,,{value - 1},{value + 1},"3,898,747",3000000,POINT (-118.4 34.1),{code},'
        "HLTHOUT,CASTHMA,CrdPrv,Current Asthma\n"
    )


PLACE_LONG = (
    ZCTA_LONG_HEADER + place_row("0644000", "Los Angeles", 9.1) + place_row("667000", "San Francisco", 8.2)
)


def test_places_file_without_place_boundaries_is_refused_saying_why(loaded, tmp_path):
    before = loaded.read_bytes()
    with pytest.raises(IngestError, match=r"none of its 2 values would reach the dashboard") as e:
        ingest(loaded, "places", [write(tmp_path, "PLACES_place_2024.csv", PLACE_LONG)])
    assert "2 places (for example 0644000, 0667000)" in str(e.value)  # the integer's leading zero restored
    assert "no boundaries of places are loaded" in str(e.value)
    assert loaded.read_bytes() == before


def cb_place(code):
    names = {"0644000": "Los Angeles", "0667000": "San Francisco"}
    return {
        "STATEFP": "06",
        "PLACEFP": code[2:],
        "AFFGEOID": f"1600000US{code}",
        "GEOID": code,
        "NAME": names[code],
        "NAMELSAD": f"{names[code]} city",
        "LSAD": "25",
    }


def test_a_place_file_saved_with_integer_ids_gets_its_zeros_back(tmp_path, squares_geojson):
    path = tmp_path / "equity.duckdb"  # told by its Census file name; the GEOID lost its leading zero
    properties = lambda c: {"GEOID": int(c), "NAME": "Los Angeles"}  # noqa: E731
    ingest(path, "boundaries", [squares_geojson(["0644000"], "tl_2020_06_place.json", properties=properties)])
    assert areas(path).loc["0644000", ["name", "level", "parent_id"]].tolist() == [
        "Los Angeles",
        "custom",
        "06",
    ]


def test_place_boundaries_and_places_files_join(tmp_path, squares_geojson):
    path = tmp_path / "equity.duckdb"
    ingest(path, "boundaries", [squares_geojson(["06037", "06075"], "counties.json", names=["LA", "SF"])])
    places = squares_geojson(["0644000", "0667000"], "cb_2020_06_place_500k.json", properties=cb_place)
    ingest(path, "boundaries", [places])
    got = areas(path)
    assert got.loc["0644000", ["name", "level", "parent_id"]].tolist() == ["Los Angeles city", "custom", "06"]
    report = ingest(path, "places", [write(tmp_path, "PLACES_place_2024.csv", PLACE_LONG)])
    assert report.joins.iloc[0].rows_unjoined == 0
    wide = (
        "StateAbbr,StateDesc,PlaceName,PlaceFIPS,TotalPopulation,CHECKUP_CrudePrev,CHECKUP_Crude95CI\n"
        'CA,California,Los Angeles,644000,"3,898,747",70.1,"(69.5, 70.8)"\n'
        "CA,California,San Francisco,0667000,873965,74.0,\n"
    )
    report = ingest(path, "places", [write(tmp_path, "PLACES_place_GIS.csv", wide)], vintage="2021")
    assert report.joins.iloc[0].rows_unjoined == 0
    assert values_of(path, "places_checkup")["value"].to_dict() == {"0644000": 70.1, "0667000": 74.0}
    got = areas(path)
    assert got.loc["0644000", ["name", "population"]].tolist() == ["Los Angeles city", 3_898_747]
    assert run(path, "map_levels")["level"].tolist() == ["county", "custom"]
    shown = run(
        path, "map_values", {"ind": "places_casthma", "year": 2022, "level": "custom", "region": "06"}
    )
    assert sorted(shown["area_id"]) == ["0644000", "0667000"]
