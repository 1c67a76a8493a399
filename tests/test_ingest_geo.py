"""Boundary geometry and keys that would otherwise be silently wrong: projected coordinates taken for
degrees, and area ids given by more than one feature."""

import hashlib
import json
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from equity import __main__ as cli
from equity.ingest import IngestError, ingest
from tests.helpers import table

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"the real public files are not at {SHARED}")
RI_TRACTS = SHARED / "boundaries" / "cb_2018_44_tract_500k.json"


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def square(x, y, side):
    return [[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]]


def feature_collection(path, squares, crs=None):
    """GeoJSON of (GEOID, ring) features, with a ``crs`` member only where ``crs`` is given."""
    features = [
        {
            "type": "Feature",
            "properties": {"GEOID": g, "NAME": g[-3:]},
            "geometry": {"type": "Polygon", "coordinates": [r]},
        }
        for g, r in squares
    ]
    collection = {"type": "FeatureCollection", "features": features}
    if crs:
        collection["crs"] = {"type": "name", "properties": {"name": crs}}
    path.write_text(json.dumps(collection))
    return path


@pytest.fixture
def loaded(tmp_path, squares_geojson):
    """A database with one tract already: what a refused load must leave exactly as it was."""
    path = tmp_path / "equity.duckdb"
    ingest(path, "boundaries", [squares_geojson(["44001010100"], "first.json")])
    return path


# UTM zone 19N (EPSG:26919) metres around Providence, Rhode Island (about -71.41, 41.82).
UTM = [("44007000100", square(300_000, 4_632_000, 1000)), ("44007000200", square(301_000, 4_632_000, 1000))]


def centroids(path):
    return table(path, "SELECT area_id, centroid_lon, centroid_lat FROM areas WHERE level = 'tract'")


def test_metres_without_a_projection_are_refused_with_how_to_name_it(loaded, tmp_path):
    before = sha(loaded)
    metres = feature_collection(tmp_path / "utm.json", UTM)
    with pytest.raises(IngestError) as err:
        ingest(loaded, "boundaries", [metres])
    message = str(err.value)
    assert message.startswith(
        "utm.json: the coordinates cannot be longitude and latitude, and the file names no projection "
        "(found 'x 300000 to 302000, y 4632000 to 4633000'); expected the projection named with --crs"
    )
    assert "--crs EPSG:3857" in message and message.endswith("Nothing was changed.")
    assert sha(loaded) == before


def test_crs_says_what_a_file_without_one_is_in(loaded, tmp_path):
    metres = feature_collection(tmp_path / "utm.json", UTM)
    ingest(loaded, "boundaries", [metres], crs="EPSG:26919")
    got = centroids(loaded).set_index("area_id")
    assert got.loc["44007000100", "centroid_lon"] == pytest.approx(-71.41, abs=0.02)
    assert got.loc["44007000100", "centroid_lat"] == pytest.approx(41.82, abs=0.02)
    shape = shapely.from_wkb(bytes(table(loaded, "SELECT geometry FROM areas WHERE area_id = '44007000100'")
                                   .iloc[0, 0]))  # fmt: skip
    assert shape.bounds[2] - shape.bounds[0] == pytest.approx(0.012, abs=0.001)  # 1 km of longitude


def test_a_file_that_names_its_projection_is_reprojected_as_it_says(loaded, tmp_path):
    named = feature_collection(tmp_path / "utm.json", UTM, crs="urn:ogc:def:crs:EPSG::26919")
    ingest(loaded, "boundaries", [named])
    got = centroids(loaded).set_index("area_id")
    assert got.loc["44007000200", "centroid_lon"] == pytest.approx(-71.40, abs=0.02)
    assert got.loc["44007000200", "centroid_lat"] == pytest.approx(41.82, abs=0.02)


CRS_MISTAKES = {
    "another projection than the file's": (
        "named.json",
        "EPSG:3857",
        r"named\.json: the file names its projection \(NAD83 / UTM zone 19N\) and --crs names another "
        r"\(WGS 84 / Pseudo-Mercator\); expected --crs only for files that name none",
    ),
    "a projection for degrees": (
        "degrees.json",
        "EPSG:3857",
        r"degrees\.json: the coordinates are already longitude and latitude, but --crs says WGS 84 / "
        r"Pseudo-Mercator \(found 'x -71\.5 to -71\.4, y 41\.5 to 41\.6'\)",
    ),
    "no projection at all": (
        "utm.json",
        "EPSG:999999",
        r"utm\.json: --crs names no projection pyproj knows \(found 'EPSG:999999'\); expected an EPSG code",
    ),
}


@pytest.mark.parametrize("case", sorted(CRS_MISTAKES))
def test_crs_mistakes_are_refused_and_change_nothing(loaded, tmp_path, squares_geojson, case):
    name, crs, message = CRS_MISTAKES[case]
    files = {
        "named.json": lambda: feature_collection(tmp_path / "named.json", UTM, crs="EPSG:26919"),
        "degrees.json": lambda: squares_geojson(["44007000100"], "degrees.json"),
        "utm.json": lambda: feature_collection(tmp_path / "utm.json", UTM),
    }
    before = sha(loaded)
    with pytest.raises(IngestError, match=message):
        ingest(loaded, "boundaries", [files[name]()], crs=crs)
    assert sha(loaded) == before


def test_coordinates_that_fit_no_projection_are_refused(loaded, tmp_path):
    before = sha(loaded)
    far = feature_collection(tmp_path / "far.json", [("44007000100", square(9e15, 9e15, 1000))])
    with pytest.raises(IngestError, match=r"far\.json: the coordinates do not fit NAD83 / UTM zone 19N"):
        ingest(loaded, "boundaries", [far], crs="EPSG:26919")
    with pytest.raises(IngestError, match=r"far\.json: the coordinates do not fit WGS 84 / Pseudo-Mercator"):
        ingest(loaded, "boundaries", [far], crs="EPSG:3857")  # Mercator wraps them round: shapes collapse
    assert sha(loaded) == before


def test_crs_and_merge_parts_are_for_boundaries_only(loaded, tmp_path):
    other = tmp_path / "asthma.csv"
    other.write_text("area_id,indicator_id,period,value\n")
    for options, word in (({"crs": "EPSG:3857"}, "--crs"), ({"merge_parts": True}, "--merge-parts")):
        with pytest.raises(IngestError, match=f"asthma.csv: {word} is for boundary files only"):
            ingest(loaded, "indicators", [other], **options)


def test_a_shapefile_without_prj(loaded, tmp_path):
    """A shapefile whose .prj was lost: degrees load as before, metres are refused until --crs says."""
    for name, rings in (("degrees", [("44007000300", square(-71.45, 41.8, 0.01))]), ("metres", UTM)):
        frame = gpd.GeoDataFrame(
            {"GEOID": [g for g, _ in rings]}, geometry=[shapely.Polygon(r) for _, r in rings], crs=None
        )
        with pytest.warns(UserWarning, match="'crs' was not provided"):
            frame.to_file(tmp_path / f"{name}.shp", engine="pyogrio")
        assert not (tmp_path / f"{name}.prj").exists()
    ingest(loaded, "boundaries", [tmp_path / "degrees.shp"])
    before = sha(loaded)
    with pytest.raises(IngestError, match="metres.shp: the coordinates cannot be longitude and latitude"):
        ingest(loaded, "boundaries", [tmp_path / "metres.shp"])
    assert sha(loaded) == before
    ingest(loaded, "boundaries", [tmp_path / "metres.shp"], crs="EPSG:26919")
    assert set(centroids(loaded)["area_id"]) >= {"44007000100", "44007000300"}


@needs_shared
def test_real_rhode_island_tracts_in_web_mercator_without_crs(loaded, tmp_path, capsys):
    """The Census file reprojected to EPSG:3857 metres, its crs member removed: refused, then loaded with
    --crs and placed in Rhode Island."""
    mercator = json.loads(gpd.read_file(RI_TRACTS).to_crs("EPSG:3857").to_json())
    mercator.pop("crs", None)
    path = tmp_path / "ri_3857.json"
    path.write_text(json.dumps(mercator))
    before = sha(loaded)
    assert cli.main(["ingest", "boundaries", str(path), "--db", str(loaded)]) == 2
    err = capsys.readouterr().err
    assert "the coordinates cannot be longitude and latitude, and the file names no projection" in err
    assert "x -7999727 to -7917106" in err and "--crs" in err
    assert sha(loaded) == before
    assert cli.main(["ingest", "boundaries", str(path), "--crs", "EPSG:3857", "--db", str(loaded)]) == 0
    got = centroids(loaded).set_index("area_id")
    real = table(loaded, "SELECT count(*) AS n FROM areas WHERE level = 'tract' AND area_id LIKE '44%'")
    assert real.iloc[0, 0] == 243 + 1  # and the tract loaded before
    assert got["centroid_lon"].between(-71.9, -71.1).all() and got["centroid_lat"].between(41.1, 42.1).all()
    assert got["centroid_lon"].mean() == pytest.approx(-71.5, abs=0.1)
    assert got["centroid_lat"].mean() == pytest.approx(41.7, abs=0.1)
    # the same as the file in degrees, to within a centimetre or so
    direct = tmp_path / "direct.duckdb"
    ingest(direct, "boundaries", [RI_TRACTS])
    want = centroids(direct).set_index("area_id")
    assert (got.loc[want.index] - want).abs().max().max() < 1e-6


# ---- one feature for each area ---------------------------------------------------------------------------

HALVES = [
    ("44007000100", square(-71.5, 41.8, 0.01)),
    ("44007000200", square(-71.4, 41.8, 0.01)),
    ("44007000100", square(-71.49, 41.8, 0.01)),  # the other half of the first tract
    ("44007000300", square(-71.3, 41.8, 0.01)),
    ("44007000300", square(-71.3, 41.81, 0.01)),
]


def test_duplicate_area_ids_are_refused_naming_them(loaded, tmp_path):
    before = sha(loaded)
    path = feature_collection(tmp_path / "halves.json", HALVES)
    with pytest.raises(IngestError) as err:
        ingest(loaded, "boundaries", [path])
    assert str(err.value) == (
        "halves.json: 2 area ids are given by more than one feature: 44007000100 (rows 1, 3); "
        "44007000300 (rows 4, 5); expected each area once; if the features are parts of one area, "
        "--merge-parts joins them. Nothing was changed."
    )
    assert sha(loaded) == before


def test_duplicates_across_files_name_both(loaded, tmp_path):
    one = feature_collection(tmp_path / "one.json", HALVES[:2])
    two = feature_collection(tmp_path / "two.json", HALVES[2:3])
    words = (
        r"one\.json, two\.json: 1 area id is given by more than one feature: 44007000100 \(one\.json row 1, "
    )
    with pytest.raises(IngestError, match=words + r"two\.json row 1\)"):
        ingest(loaded, "boundaries", [one, two])


def test_parts_of_one_area_are_merged_when_asked_and_the_report_says_so(loaded, tmp_path, capsys):
    path = feature_collection(tmp_path / "halves.json", HALVES)
    assert cli.main(["ingest", "boundaries", str(path), "--merge-parts", "--db", str(loaded)]) == 0
    out = capsys.readouterr().out
    assert (
        "2 areas were given in several parts (4 features) and merged into one each "
        "(for example 44007000100, 44007000300)"
    ) in out
    areas = table(loaded, "SELECT area_id, name, geometry FROM areas WHERE level = 'tract' ORDER BY 1")
    assert areas["area_id"].tolist() == ["44001010100", "44007000100", "44007000200", "44007000300"]
    shapes = dict(zip(areas["area_id"], (shapely.from_wkb(bytes(g)) for g in areas["geometry"]), strict=True))
    # halves side by side: together 0.02 wide; stacked ones 0.02 high
    assert shapes["44007000100"].bounds == pytest.approx((-71.5, 41.8, -71.48, 41.81))
    assert shapes["44007000100"].area == pytest.approx(0.02 * 0.01)
    assert shapes["44007000300"].area == pytest.approx(0.01 * 0.02)
    assert shapes["44007000100"].geom_type == "Polygon" and shapely.is_valid(shapes["44007000100"])
    assert areas.set_index("area_id").loc["44007000100", "name"] == "Tract 100"
