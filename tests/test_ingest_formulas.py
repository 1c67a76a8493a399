"""Spreadsheet formulas are refused at ingest in every kind of file, boundaries included.

For each kind, a small fixture in the publisher's format carries one text cell; with a plain value it
loads, with a formula (OWASP's rule, equity/safety.py) it is refused naming the file, row, column and
value, and the database is left byte for byte as it was.
"""

import hashlib
import json
import zipfile

import geopandas as gpd
import openpyxl
import pytest
import shapely

from equity.ingest import IngestError, ingest
from tests.helpers import write
from tests.test_ingest import GOOD
from tests.test_ingest_chr import CHR
from tests.test_ingest_public import PLACES_LONG, SVI, TRACTS

HOSTILE_CELLS = [
    '=HYPERLINK("http://x","c")',
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1)",
    "+cmd",
    "\tcalc",
    "\rcalc",
]


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def quoted(cell):
    return '"' + cell.replace('"', '""') + '"'


def csv_with(text, old):
    """A writer of the CSV ``text`` with the cell ``old`` replaced (quoted as a CSV writer would)."""
    assert old in text

    def make(tmp_path, name, cell):
        return write(tmp_path, name, text.replace(old, quoted(cell), 1))

    return make


def square(i):
    x = -71.5 + 0.1 * i
    return [[x, 41.5], [x + 0.1, 41.5], [x + 0.1, 41.6], [x, 41.6], [x, 41.5]]


def geojson(tmp_path, name, cell):
    features = [
        {
            "type": "Feature",
            "properties": {"GEOID": area, "NAME": cell if i == 1 else str(101 + i), "LSAD": "CT"},
            "geometry": {"type": "Polygon", "coordinates": [square(i)]},
        }
        for i, area in enumerate(TRACTS[:3])
    ]
    path = tmp_path / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def topojson(tmp_path, name, cell):
    """us-atlas's layout: string ids, a ``name`` property, shapes as arcs."""
    geometries = [
        {"type": "Polygon", "arcs": [[i]], "id": area, "properties": {"name": cell if i == 1 else f"C{i}"}}
        for i, area in enumerate(["44001", "44003", "44005"])
    ]
    topology = {
        "type": "Topology",
        "objects": {"counties": {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": [square(i) for i in range(3)],
    }
    path = tmp_path / name
    path.write_text(json.dumps(topology))
    return path


def shapefile_zip(tmp_path, name, cell):
    """A Census cartographic boundary shapefile, zipped as the Census Bureau ships it (NAD83)."""
    folder = tmp_path / "shp"
    folder.mkdir(exist_ok=True)
    stem = name.removesuffix(".zip")
    frame = gpd.GeoDataFrame(
        {"GEOID": TRACTS[:3], "NAME": ["101", cell, "103"], "NAMELSAD": ["Census Tract 101", "b", "c"]},
        geometry=[shapely.Polygon(square(i)) for i in range(3)],
        crs="EPSG:4269",
    )
    frame.to_file(folder / f"{stem}.shp", engine="pyogrio", encoding="UTF-8")
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as z:
        for part in folder.glob(f"{stem}.*"):
            z.write(part, part.name)
    return path


def workbook(tmp_path, name, cell):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "partners"
    for row in (
        ["partner_id", "name", "kind"],
        ["clinic", "Clinic", "health_system"],
        ["school", cell, "school"],
    ):
        sheet.append(row)
    sheet["B3"].data_type = "s"  # text that looks like a formula, as typed with a leading apostrophe
    path = tmp_path / name
    book.save(path)
    # openpyxl writes a carriage return as it is, which XML reads as a line feed; other writers escape it.
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet_xml = "xl/worksheets/sheet1.xml"
    parts[sheet_xml] = parts[sheet_xml].replace(b"\r", b"&#13;")
    with zipfile.ZipFile(path, "w") as z:
        for part, data in parts.items():
            z.writestr(part, data)
    return path


TRACT_102 = "Census Tract 102, Bristol County, Rhode Island"
WONDER = (
    '"Notes","Year","Year Code","States","States Code",Count,Population,Crude Rate\r\n'
    ',"2020","2020","Rhode Island","44",30,400000,7.5\r\n"---"\r\n"Dataset: Natality, 2016-2022"\r\n'
)
PARTNERS = "partner_id,name,kind\nclinic,Clinic,health_system\nschool,Riverside School,school\n"

# kind, file name, writer of the file with a cell, where the cell is: (row, column) as the error names them
KINDS = [
    ("boundaries", "tracts.json", geojson, "row 2, column 'NAME'"),
    ("boundaries", "counties-10m.json", topojson, "row 2, column 'name'"),
    ("boundaries", "cb_2018_44_tract_500k.zip", shapefile_zip, "row 2, column 'NAME'"),
    ("indicators", "asthma.csv", csv_with(GOOD, "Asthma emergency visits"), "row 2, column 'label'"),
    ("svi", "svi.csv", csv_with(SVI, f'"{TRACT_102}"'), "row 3, column 'LOCATION'"),
    ("places", "PLACES_county.csv", csv_with(PLACES_LONG, '"Kent"'), "row 4, column 'LocationName'"),
    ("chr", "analytic_data2010.csv", csv_with(CHR, "Autauga County"), "row 5, column 'county'"),
    ("wonder", "wonder.csv", csv_with(WONDER, '"Rhode Island"'), "row 2, column 'States'"),
    ("org", "partners.csv", csv_with(PARTNERS, "Riverside School"), "row 3, column 'name'"),
    ("org", "partners.xlsx", workbook, "sheet 'partners', row 3, column 'name'"),
]  # fmt: skip
IDS = [f"{kind}-{name}" for kind, name, _, _ in KINDS]


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """Tracts of two Rhode Island counties and one of Alabama (counties and states made from them)."""
    folder = tmp_path_factory.mktemp("base")
    path = folder / "equity.duckdb"
    features = [
        {
            "type": "Feature",
            "properties": {"GEOID": area, "NAME": str(101 + i)},
            "geometry": {"type": "Polygon", "coordinates": [square(i)]},
        }
        for i, area in enumerate(TRACTS)
    ]
    (folder / "tracts.json").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    ingest(path, "boundaries", [folder / "tracts.json"], vintage="2018")
    return path


@pytest.fixture
def loaded(base, tmp_path):
    path = tmp_path / "db" / "equity.duckdb"
    path.parent.mkdir()
    path.write_bytes(base.read_bytes())
    return path


@pytest.mark.parametrize(("kind", "name", "make", "where"), KINDS, ids=IDS)
def test_each_fixture_loads_with_a_plain_value(loaded, tmp_path, kind, name, make, where):
    report = ingest(loaded, kind, [make(tmp_path, name, "Plain - value (X)")])
    assert report.counts


@pytest.mark.parametrize("cell", HOSTILE_CELLS, ids=["hyperlink", "dde", "at", "plus", "tab", "cr"])
@pytest.mark.parametrize(("kind", "name", "make", "where"), KINDS, ids=IDS)
def test_a_formula_in_any_text_cell_is_refused_and_changes_nothing(
    loaded, tmp_path, kind, name, make, where, cell
):
    before = sha(loaded)
    with pytest.raises(IngestError) as err:
        ingest(loaded, kind, [make(tmp_path, name, cell)])
    message = str(err.value)
    assert message.startswith(f"{name}, {where}: a cell holds a spreadsheet formula (found {cell!r})")
    assert message.endswith("expected plain values, not formulas. Nothing was changed.")
    assert sha(loaded) == before
    assert [p.name for p in loaded.parent.iterdir()] == ["equity.duckdb"]
