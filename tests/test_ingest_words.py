"""What a load says: public files named as their publishers name them, the rows read apart from the values
loaded, why values did not join, a load that reaches nothing refused, and the command line's errors."""

import subprocess
import sys
from pathlib import Path

import pytest

from equity import db, queries, text
from equity.ingest import KINDS, IngestError, ingest
from equity.ingest.words import source_name, unjoined_cause
from tests.helpers import table

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"the real public files are not at {SHARED}")
ROOT = Path(__file__).resolve().parents[1]

RI_TRACTS = ["44001030100", "44007000100"]
COUNTIES = ["01001", "06037", "44007"]
KIND = {k.name: k for k in KINDS}


@pytest.mark.parametrize(
    ("kind", "file", "ids", "vintage", "expected"),
    [
        # the real files of ../shared/data
        ("places", "PLACES_Dataset_5counties.csv", COUNTIES, "2023", "CDC PLACES, 2023 data, counties"),
        ("places", "PLACES_tract_sample_2021.csv", ["15001021800", "06027000800"], "2018, 2019",
         "CDC PLACES, 2021 release, census tracts"),
        ("svi", "SVI2020_US_COUNTY.csv", COUNTIES, "2020",
         "CDC/ATSDR Social Vulnerability Index 2020, counties"),
        ("svi", "RI_tract_2018.csv", RI_TRACTS, "2018",
         "CDC/ATSDR Social Vulnerability Index 2018, census tracts (Rhode Island)"),
        ("chr", "analytic_data2010.csv", ["01", "01001", "06037"], "2010",
         "County Health Rankings & Roadmaps, 2010 release, counties"),
        ("boundaries", "cb_2018_44_tract_500k.json", [*RI_TRACTS, "44001", "44007", "44"], "unknown",
         "Census cartographic boundaries 2018, census tracts (Rhode Island)"),
        ("boundaries", "counties-10m.json", [*COUNTIES, "01001", "02013", "01", "06"], "unknown",
         "Census cartographic boundaries, counties"),
        # what a user typically downloads
        ("places", "PLACES__Local_Data_for_Better_Health__County_Data_2024_release.csv", COUNTIES,
         "2021, 2022", "CDC PLACES, 2024 release, counties"),
        ("places", "PLACES__County_Data__GIS_Friendly_Format___2022_release.csv", COUNTIES, "2020",
         "CDC PLACES, 2022 release, counties"),
        ("places", "PLACES__ZCTA_Data__GIS_Friendly_Format___2024_release.csv", ["Z02806", "Z02809"], "2022",
         "CDC PLACES, 2024 release, ZIP code areas"),
        ("places", "PLACES__Place_Data_2024_release.csv", ["0644000", "0667000"], "2022",
         "CDC PLACES, 2024 release, places (California)"),
        ("svi", "SVI_2022_US_county.csv", COUNTIES, "2022",
         "CDC/ATSDR Social Vulnerability Index 2022, counties"),
        ("chr", "analytic_data2024.csv", COUNTIES, "2024",
         "County Health Rankings & Roadmaps, 2024 release, counties"),
        ("boundaries", "cb_2022_us_county_500k.zip", [*COUNTIES, "01", "06", "44"], "unknown",
         "Census cartographic boundaries 2022, counties"),
        ("svi", "my_download.csv", COUNTIES, "unknown", "CDC/ATSDR Social Vulnerability Index, counties"),
        ("svi", "my_download.csv", COUNTIES, "2022", "CDC/ATSDR Social Vulnerability Index 2022, counties"),
        ("chr", "analytic_data.csv", COUNTIES, "2010",
         "County Health Rankings & Roadmaps, 2010 release, counties"),
        ("boundaries", "tracts.json", RI_TRACTS, "2020",
         "Census cartographic boundaries 2020, census tracts (Rhode Island)"),
    ],
)  # fmt: skip
def test_a_public_file_is_named_by_its_publisher_release_and_level(kind, file, ids, vintage, expected):
    spec = KIND[kind]
    named = source_name(spec.official, spec.edition, [Path(file)], ids, vintage, spec.vintage_is_release)
    assert named == expected


TRACT_DB = ["44", "44001", "44007", *RI_TRACTS]
COUNTY_DB = ["01", "02", "09", "01001", "02261", "09001", "09003", "44007"]


@pytest.mark.parametrize(
    ("unjoined", "held", "says"),
    [
        (["44001030100"], [], "no boundaries are loaded yet: load the boundary file of these census tracts"),
        (["Z02806"], TRACT_DB, "no boundaries of ZIP code areas are loaded (the database holds "),
        (["15001021800", "06027000800"], TRACT_DB,
         "these census tracts are in California and Hawaii; the boundaries loaded are Rhode Island's"),
        (["06037"], ["44", "44001", "44007"], "these counties are in California; the boundaries loaded are "
         "Rhode Island's"),
        (["09110", "09190"], COUNTY_DB,
         "Connecticut's planning regions (09110), its county-level areas since 2022"),
        (["09001"], ["09", "09110", "09120"],
         "Connecticut's counties (09001), replaced by planning regions in 2022"),
        (["02063", "02066"], COUNTY_DB,
         "Chugach Census Area (02063), made in 2019 from Valdez-Cordova (02261)"),
        (["02261"], ["02", "02063", "02066"], "Valdez-Cordova Census Area (02261), split in 2019"),
        (["02063", "51610"], COUNTY_DB,
         "from Valdez-Cordova (02261). 51610 is not in the boundaries either. Load"),
        (["09001110100"], ["09", "09110", "09110000100"], "Connecticut's counties (09001)"),
        (["44001999999"], TRACT_DB, "the boundaries loaded have no such census tracts, most often because"),
    ],
)  # fmt: skip
def test_why_values_did_not_join_names_the_cause(unjoined, held, says):
    assert says in unjoined_cause(unjoined, held)


def tracts_geojson(path: Path, ids: list[str]) -> Path:
    features = ",".join(
        f'{{"type":"Feature","properties":{{"GEOID":"{a}"}},"geometry":{{"type":"Polygon","coordinates":'
        f"[[[{-71.5 + i * 0.01},41.5],[{-71.49 + i * 0.01},41.5],[{-71.49 + i * 0.01},41.51],"
        f"[{-71.5 + i * 0.01},41.5]]]}}}}"
        for i, a in enumerate(ids)
    )
    path.write_text(f'{{"type":"FeatureCollection","features":[{features}]}}')
    return path


SVI_HEADER = "ST,STATE,ST_ABBR,STCNTY,COUNTY,FIPS,LOCATION,E_TOTPOP,EP_POV150,EP_UNEMP,RPL_THEMES\n"


def svi_row(fips: str, pov: float) -> str:
    return f"44,Rhode Island,RI,{fips[:5]},Providence,{fips},Tract {fips},4000,{pov},5.0,0.5\n"


def test_rows_read_are_the_files_rows_and_values_are_counted_apart(tmp_path):
    path = tmp_path / "equity.duckdb"
    report = ingest(path, "boundaries", [tracts_geojson(tmp_path / "cb_2020_44_tract_500k.json", RI_TRACTS)])
    assert report.lines()[-1] == (
        "cb_2020_44_tract_500k.json: 2 rows read; 2 census tracts, 2 counties and 1 state loaded"
    )
    svi = tmp_path / "SVI_2020_RI_tract.csv"
    svi.write_text(
        SVI_HEADER + svi_row(RI_TRACTS[0], 12.0) + svi_row(RI_TRACTS[1], 9.0) + svi_row("44001999999", 1)
    )
    report = ingest(path, "svi", [svi], vintage="2020")
    joins = report.joins.iloc[0]
    n = len(table(path, "SELECT * FROM indicators"))
    assert (joins.rows_read, joins.rows_loaded, joins.rows_unjoined) == (3, 2 * n, n)
    assert report.lines()[-1] == (
        f"SVI_2020_RI_tract.csv: 3 rows read; {2 * n} values loaded for 2 census tracts; {n} values for 1 "
        "census tract did not join the boundaries (for example 44001999999): the boundaries loaded have no "
        "such census tracts, most often because they are of another year than the file: load boundaries of "
        "the file's year to include them"
    )
    names = table(path, "SELECT name FROM sources ORDER BY name")["name"].tolist()
    assert names == [
        "CDC/ATSDR Social Vulnerability Index 2020, census tracts (Rhode Island)",
        "Census cartographic boundaries 2020, census tracts (Rhode Island)",
    ]
    con = db.connect_read_only(path)
    try:
        shown = [text.load_facts(r) for r in queries.run(con, "join_report").itertuples()]  # Data & methods
    finally:
        con.close()
    assert f"3 rows read, {2 * n} values loaded; **{n} values did not match any area**" in shown[0]
    assert "2 rows read, 5 areas loaded." in shown[1]  # the boundary file: 2 tracts, their counties and state


def test_a_name_given_overrides_the_publishers(tmp_path):
    path = tmp_path / "equity.duckdb"
    ingest(path, "boundaries", [tracts_geojson(tmp_path / "cb_2020_44_tract_500k.json", RI_TRACTS)])
    svi = tmp_path / "SVI_2020_RI_tract.csv"
    svi.write_text(SVI_HEADER + svi_row(RI_TRACTS[0], 12.0))
    ingest(path, "svi", [svi], vintage="2020", name="Our SVI extract")
    assert "Our SVI extract" in table(path, "SELECT name FROM sources")["name"].tolist()


def test_a_load_no_value_of_which_joins_is_refused_and_nothing_changes(tmp_path):
    path = tmp_path / "equity.duckdb"
    ingest(path, "boundaries", [tracts_geojson(tmp_path / "tracts.json", RI_TRACTS)])
    before = path.read_bytes()
    svi = tmp_path / "SVI_2020_HI_tract.csv"
    svi.write_text(SVI_HEADER + svi_row("15001021800", 12.0).replace("44,Rhode Island,RI", "15,Hawaii,HI"))
    with pytest.raises(IngestError) as e:
        ingest(path, "svi", [svi], vintage="2020")
    said = str(e.value)
    assert said.startswith("SVI_2020_HI_tract.csv: none of its ")
    assert "1 census tract (for example 15001021800) joined none of the areas loaded" in said
    assert "these census tracts are in Hawaii; the boundaries loaded are Rhode Island's" in said
    assert said.endswith("Nothing was changed.")
    assert path.read_bytes() == before


@needs_shared
def test_real_places_tracts_of_other_states_into_rhode_island_are_refused(tmp_path):
    path = tmp_path / "equity.duckdb"
    ingest(path, "boundaries", [SHARED / "boundaries" / "cb_2018_44_tract_500k.json"])
    before = path.read_bytes()
    with pytest.raises(IngestError, match="none of its 450 values would reach the dashboard") as e:
        ingest(path, "places", [SHARED / "places" / "PLACES_tract_sample_2021.csv"])
    assert (
        "these census tracts are in California and Hawaii; the boundaries loaded are Rhode Island's"
        in str(e.value)
    )
    assert path.read_bytes() == before


@needs_shared
def test_real_boundaries_and_svi_are_named_and_counted(tmp_path):
    path = tmp_path / "equity.duckdb"
    report = ingest(path, "boundaries", [SHARED / "boundaries" / "cb_2018_44_tract_500k.json"])
    assert report.lines()[-1] == (
        "cb_2018_44_tract_500k.json: 243 rows read; 243 census tracts, 5 counties and 1 state loaded"
    )
    report = ingest(path, "svi", [SHARED / "svi" / "RI_tract_2018.csv"], vintage="2018")
    assert report.lines()[-1].startswith("RI_tract_2018.csv: 243 rows read; ")
    assert report.lines()[-1].endswith(" values loaded for 243 census tracts")
    assert table(path, "SELECT name FROM sources ORDER BY name")["name"].tolist() == [
        "CDC/ATSDR Social Vulnerability Index 2018, census tracts (Rhode Island)",
        "Census cartographic boundaries 2018, census tracts (Rhode Island)",
    ]


# ---- the command line's errors ---------------------------------------------------------------------------


def bad_inputs(tmp_path: Path) -> list[tuple[str, Path]]:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(bytes(range(256)) * 8)
    table_csv = tmp_path / "SVI_2020_RI_tract.csv"
    table_csv.write_text(SVI_HEADER + svi_row(RI_TRACTS[0], 12.0))
    places = tmp_path / "PLACES_county_2024.csv"
    places.write_text(
        "Year,StateAbbr,LocationName,LocationID,MeasureId,DataValueTypeID,Data_Value,Low_Confidence_Limit,"
        "High_Confidence_Limit\n2022,RI,Providence,44007,CASTHMA,CrdPrv,10.0,9.0,11.0\n"
    )
    return [
        ("boundaries", table_csv),
        ("boundaries", empty),
        ("boundaries", binary),
        ("svi", empty),
        ("svi", binary),
        ("svi", places),
        ("places", table_csv),
        ("chr", binary),
        ("indicators", empty),
        ("places", tmp_path / "missing.csv"),
    ]


def test_the_command_line_says_what_is_wrong_with_a_file_without_a_traceback(tmp_path):
    db = tmp_path / "equity.duckdb"
    for kind, file in bad_inputs(tmp_path):
        done = subprocess.run(
            [sys.executable, "-m", "equity", "ingest", kind, str(file), "--db", str(db)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        said = done.stdout + done.stderr
        assert done.returncode == 2, (kind, file.name, said)
        assert "Traceback" not in said and "Warning" not in said, (kind, file.name, said)
        assert said.startswith(f"error: {file.name}"), (kind, file.name, said)
        assert said.rstrip().endswith("Nothing was changed."), (kind, file.name, said)
        assert not db.exists()
