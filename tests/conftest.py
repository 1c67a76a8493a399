"""Shared fixtures: small real DuckDB files built by the demo generator, an empty one, a schema-only one,
and one of real public file formats for a national county load (nation_db)."""

from __future__ import annotations

import duckdb
import hypothesis
import pytest

from equity import db, i18n

# Tests assert behaviour, never wall-clock times: a property test's example is not failed for taking
# longer than usual on a loaded two-core machine (hypothesis's default deadline is 200 ms).
hypothesis.settings.register_profile("equity", deadline=None)
hypothesis.settings.load_profile("equity")


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    """A small demo database (60 tracts): every table filled, quick to build."""
    from equity.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "equity.duckdb"
    build_demo(path, seed=7, n_tracts=60)
    return path


@pytest.fixture(scope="session")
def demo_db_20(tmp_path_factory):
    """The small demo built with a stricter threshold: counts from 1 to 19 withheld."""
    from equity.demo import build_demo

    path = tmp_path_factory.mktemp("demo20") / "equity.duckdb"
    build_demo(path, seed=7, n_tracts=60, min_count=20)
    return path


@pytest.fixture(scope="session")
def empty_db(tmp_path_factory):
    """A valid DuckDB file with no tables at all."""
    path = tmp_path_factory.mktemp("empty") / "empty.duckdb"
    duckdb.connect(str(path)).close()
    return path


@pytest.fixture(scope="session")
def schema_only_db(tmp_path_factory):
    """The dashboard's schema with no rows in it."""
    path = tmp_path_factory.mktemp("schema") / "schema.duckdb"
    db.build_atomically(path, lambda con: None)
    return path


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The dashboard served on the full demo (tests/test_browser.py's ``serve``), started once for every
    browser test that asks for it: the browser tests only read, and each visit is a session of its own."""
    from equity.demo import build_demo
    from tests.test_browser import serve

    path = tmp_path_factory.mktemp("browser") / "equity.duckdb"
    build_demo(path)
    with serve(path) as base:
        yield base


@pytest.fixture
def on_demo(demo_db, monkeypatch):
    """The pages run on the small demo database."""
    monkeypatch.setenv("EQUITY_DB", str(demo_db))


@pytest.fixture(autouse=True)
def english_after():
    """Every test ends in English: a test that ran a page in Spanish leaves no language behind it."""
    yield
    i18n.set_lang("en")


@pytest.fixture
def demo_con(demo_db):
    con = db.connect_read_only(demo_db)
    yield con
    con.close()


@pytest.fixture
def squares_geojson(tmp_path):
    """A writer of GeoJSON boundary files: one small square per GEOID, side by side, named 101, 102, ...

    ``properties`` (a function of the id) gives each feature the columns of another kind of Census file
    instead of GEOID and NAME.
    """
    import json

    def write(ids, name="boundaries.json", names=None, properties=None):
        def columns(i, area):
            return (
                properties(area)
                if properties
                else {"GEOID": area, "NAME": names[i] if names else f"{101 + i}"}
            )

        features = [
            {
                "type": "Feature",
                "properties": columns(i, area),
                "geometry": {"type": "Polygon", "coordinates": [[
                    [-71.5 + 0.1 * i, 41.5], [-71.4 + 0.1 * i, 41.5], [-71.4 + 0.1 * i, 41.6],
                    [-71.5 + 0.1 * i, 41.6], [-71.5 + 0.1 * i, 41.5],
                ]]},
            }
            for i, area in enumerate(ids)
        ]  # fmt: skip
        path = tmp_path / name
        path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
        return path

    return write


# Twelve counties of three states, each a square about where the county lies: (GEOID, name, lon, lat).
NATION_COUNTIES = [
    ("04013", "Maricopa", -112.5, 33.35),
    ("04019", "Pima", -111.8, 32.1),
    ("04021", "Pinal", -111.35, 32.9),
    ("04027", "Yuma", -113.9, 32.77),
    ("06037", "Los Angeles", -118.2, 34.3),
    ("06059", "Orange", -117.76, 33.7),
    ("06065", "Riverside", -116.0, 33.74),
    ("06073", "San Diego", -116.7, 33.0),
    ("48029", "Bexar", -98.52, 29.45),
    ("48113", "Dallas", -96.78, 32.77),
    ("48201", "Harris", -95.4, 29.86),
    ("48453", "Travis", -97.78, 30.33),
]
NATION_STATES = {"04": ("AZ", "Arizona"), "06": ("CA", "California"), "48": ("TX", "Texas")}


def write_nation_files(folder) -> dict:
    """The real public files of a national county load, small: Census county boundaries of three states
    (cb_2022_us_county_500k as GeoJSON, with its properties), a CDC PLACES county file in its long layout
    (two measures, crude and age-adjusted, no groups) and a CDC/ATSDR SVI 2020 county file. Returns the
    paths by kind."""
    import json

    from equity.ingest.places import MEASURES

    features = []
    for geoid, name, lon, lat in NATION_COUNTIES:
        st, state = NATION_STATES[geoid[:2]]
        x0, x1, y0, y1 = lon - 0.2, lon + 0.2, lat - 0.2, lat + 0.2
        features.append({
            "type": "Feature",
            "properties": {
                "STATEFP": geoid[:2], "COUNTYFP": geoid[2:], "COUNTYNS": f"00{geoid}0",
                "GEOIDFQ": f"0500000US{geoid}", "GEOID": geoid, "NAME": name, "NAMELSAD": f"{name} County",
                "STUSPS": st, "STATE_NAME": state, "LSAD": "06", "ALAND": 2_000_000_000, "AWATER": 9_000_000,
            },
            "geometry": {"type": "Polygon",
                         "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]},
        })  # fmt: skip
    counties = folder / "cb_2022_us_county_500k.json"
    counties.write_text(json.dumps({"type": "FeatureCollection", "features": features}))

    header = (
        "Year,StateAbbr,StateDesc,LocationName,DataSource,Category,Measure,Data_Value_Unit,Data_Value_Type,"
        "Data_Value,Data_Value_Footnote_Symbol,Data_Value_Footnote,Low_Confidence_Limit,High_Confidence_Limit,"
        "TotalPopulation,TotalPop18plus,LocationID,CategoryID,MeasureId,DataValueTypeID,Short_Question_Text,"
        "Geolocation\n"
    )
    measures = {"ACCESS2": ("PREVENT", "Health Insurance"), "DIABETES": ("HLTHOUT", "Diabetes")}
    kinds = {"CrdPrv": "Crude prevalence", "AgeAdjPrv": "Age-adjusted prevalence"}
    rows = []
    for i, (geoid, name, lon, lat) in enumerate(NATION_COUNTIES):
        st, state = NATION_STATES[geoid[:2]]
        people = 100_000 * (i + 3)
        for m, (category_id, short) in measures.items():
            label, category = MEASURES[m]
            for j, (kind, kind_label) in enumerate(kinds.items()):
                v = (8.0 if m == "ACCESS2" else 9.0) + 1.1 * i + 0.3 * j
                rows.append(
                    f'2022,{st},{state},{name},BRFSS,{category},"{label}",%,{kind_label},{v:.1f},,,'
                    f'{v - 1.2:.1f},{v + 1.3:.1f},"{people:,}","{people * 3 // 4:,}",{geoid},{category_id},'
                    f'{m},{kind},{short},"POINT ({lon} {lat})"\n'
                )
    places = folder / "PLACES__Local_Data_for_Better_Health__County_Data_2024_release.csv"
    places.write_text(header + "".join(rows))

    svi_rows = []
    for i, (geoid, name, _, _) in enumerate(NATION_COUNTIES):
        st, state = NATION_STATES[geoid[:2]]
        rank = round((i * 7 % 12 + 0.5) / 12, 4)  # a vulnerability that is not the PLACES order
        svi_rows.append(
            f'{geoid[:2]},{state},{st},{geoid},{name},{geoid},"{name} County, {state}",'
            f"{100_000 * (i + 3)},120,{12 + i * 0.7:.1f},0.6,{7 + i * 0.5:.1f},0.4,"
            f"{rank},{rank},{rank},{rank},{rank}\n"
        )
    svi = folder / "SVI2020_US_COUNTY.csv"
    svi.write_text(
        "\ufeffST,STATE,ST_ABBR,STCNTY,COUNTY,FIPS,LOCATION,E_TOTPOP,M_TOTPOP,EP_POV150,MP_POV150,EP_UNINSUR,"
        "MP_UNINSUR,RPL_THEME1,RPL_THEME2,RPL_THEME3,RPL_THEME4,RPL_THEMES\n" + "".join(svi_rows)
    )
    return {"boundaries": counties, "places": places, "svi": svi}


@pytest.fixture(scope="session")
def nation_db(tmp_path_factory):
    """A national county scenario of real loads: counties of Arizona, California and Texas (no state
    shapes, no tracts), CDC PLACES county values and the SVI 2020 county file; no values by group."""
    from equity.ingest import ingest

    folder = tmp_path_factory.mktemp("nation")
    path = folder / "equity.duckdb"
    for kind, file in write_nation_files(folder).items():
        ingest(path, kind, [file])
    return path
