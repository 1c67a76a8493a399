"""Files that would exhaust the machine are refused before they are read whole, naming the limit and the
setting that raises it, and the database is left byte for byte as it was.

Each hostile file is made small here; bench/bench_hostile_files.py makes them at full size. Where a
file is only hostile at full size the test lowers the limit through its setting, as a user would raise it.
"""

import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pyogrio
import pytest

from equity.ingest import IngestError, ingest, limits
from tests import hostile
from tests.helpers import write

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def loaded(tmp_path, squares_geojson):
    path = tmp_path / "db" / "equity.duckdb"
    path.parent.mkdir()
    ingest(path, "boundaries", [squares_geojson(["44001010100", "44001010200"], "tracts.json")])
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(db: Path, kind: str, file: Path, *words: str) -> str:
    """Load ``file``, expect an IngestError saying each of ``words``, and the database unchanged."""
    before = sha(db)
    with pytest.raises(IngestError) as err:
        ingest(db, kind, [file])
    message = str(err.value)
    assert message.startswith(file.name) and message.endswith("Nothing was changed.")
    for w in words:
        assert w in message
    assert sha(db) == before
    assert sorted(p.name for p in db.parent.iterdir()) == ["equity.duckdb"]
    return message


# ---- CSV ----------------------------------------------------------------------------------------------


def test_a_million_column_header_is_refused_with_the_default_limits(loaded, tmp_path):
    wide = hostile.wide_csv(tmp_path / "wide.csv", 1_000_000)
    for kind in ("indicators", "places", "svi", "chr", "org"):
        path = wide.rename(tmp_path / "programs.csv") if kind == "org" else wide
        message = refused(loaded, kind, path, "columns", "at most 10,000 columns", "EQUITY_MAX_COLUMNS")
        assert "row 1" in message
        wide = path


def test_a_header_wider_than_the_setting_is_refused(loaded, tmp_path, monkeypatch):
    path = write(tmp_path, "t.csv", "area_id,indicator_id,period,value\n44001010100,x,2023,1\n")
    monkeypatch.setenv("EQUITY_MAX_COLUMNS", "3")
    refused(loaded, "indicators", path, "the header names 4 columns", "at most 3 columns")


def test_quoted_commas_in_a_header_are_not_columns(monkeypatch, tmp_path):
    path = write(tmp_path, "t.csv", '"a, b","c, d"\n1,2\n')
    monkeypatch.setenv("EQUITY_MAX_COLUMNS", "2")
    limits.check_csv_head(path)  # two columns, though the line has three commas


@pytest.mark.parametrize("line", [1, 2, 5])
def test_a_line_with_no_end_is_refused_with_the_default_limits(loaded, tmp_path, line):
    path = hostile.long_line_csv(tmp_path / "long.csv", 2, line=line)
    what = "the first line" if line == 1 else f"line {line}"
    refused(loaded, "indicators", path, f"{what} is longer than 1,024 KB", "EQUITY_MAX_LINE_KB")


@pytest.mark.parametrize("chunk", [7, 1000, 5000])
def test_a_long_line_is_found_in_chunks_of_any_size(tmp_path, monkeypatch, chunk):
    monkeypatch.setenv("EQUITY_MAX_LINE_KB", "1")
    ok = b"a,b\n" + b"x" * 1024 + b"\n" + (b"y" * 700 + b"\n") * 5
    for data, line in ((ok + b"z" * 1025 + b"\nend\n", 8), (ok + b"z" * 1025, 8), (b"w" * 3000, 1)):
        path = tmp_path / "x.csv"
        path.write_bytes(data)
        lines = limits.LineLengths(path)
        with pytest.raises(IngestError, match=f"line {line} is longer than 1 KB"):
            for i in range(0, len(data), chunk):
                lines.feed(data[i : i + chunk])
    lines = limits.LineLengths(path)
    for i in range(0, len(ok), chunk):
        lines.feed(ok[i : i + chunk])  # 1,024 bytes is at the bound, not over it


def test_a_csv_larger_than_the_setting_is_refused(loaded, tmp_path, monkeypatch):
    row = "44001010100,asthma,2023,12.5\n"
    path = write(tmp_path, "big.csv", "area_id,indicator_id,period,value\n" + row * 40_000)
    monkeypatch.setenv("EQUITY_MAX_CSV_MB", "1")
    refused(loaded, "indicators", path, "the file is 1 MB", "at most 1 MB in a CSV file", "EQUITY_MAX_CSV_MB")


def test_a_setting_that_is_not_a_number_is_an_error_naming_it(loaded, tmp_path, monkeypatch):
    path = write(tmp_path, "t.csv", "area_id,indicator_id,period,value\n44001010100,x,2023,1\n")
    monkeypatch.setenv("EQUITY_MAX_LINE_KB", "lots")
    before = sha(loaded)
    with pytest.raises(IngestError, match=r"EQUITY_MAX_LINE_KB: the setting is not a positive whole number"):
        ingest(loaded, "indicators", [path])
    assert sha(loaded) == before
    monkeypatch.setenv("EQUITY_MAX_LINE_KB", "2_048")
    assert limits.LINE_KB.value() == 2048


# ---- workbooks ----------------------------------------------------------------------------------------


def test_a_sheet_reaching_column_xfd_is_refused_with_the_default_limits(loaded, tmp_path):
    path = hostile.xfd_workbook(tmp_path / "programs.xlsx", 2_000)
    book = openpyxl.load_workbook(path, read_only=True)  # a workbook openpyxl reads, 16,384 columns wide
    assert (book.worksheets[0].max_column, book.worksheets[0].max_row) == (16_384, 2_000)
    book.close()
    message = refused(loaded, "org", path, "reaches cell XFD1", "column 16,384", "EQUITY_MAX_COLUMNS")
    assert "row 1 of sheet1.xml" in message


def test_a_sheet_spanning_too_many_cells_is_refused(loaded, tmp_path, monkeypatch):
    path = hostile.xfd_workbook(tmp_path / "programs.xlsx", 200)
    monkeypatch.setenv("EQUITY_MAX_COLUMNS", "20000")  # wide is allowed, but not that many cells
    refused(loaded, "org", path, "spans more than 2,000,000 cells", "at least 123 rows by 16,384 columns")


def test_a_workbook_that_expands_hundreds_of_times_is_refused(loaded, tmp_path, monkeypatch):
    path = hostile.big_sheet_workbook(tmp_path / "programs.xlsx", 8)
    assert path.stat().st_size < 100_000
    refused(loaded, "org", path, "sheet1.xml expands from", "EQUITY_MAX_RATIO")
    monkeypatch.setenv("EQUITY_MAX_RATIO", "100000")
    monkeypatch.setenv("EQUITY_MAX_WORKBOOK_MB", "4")
    refused(loaded, "org", path, "the archive expands to 8 MB", "at most 4 MB in a workbook, expanded")
    monkeypatch.setenv("EQUITY_MAX_WORKBOOK_MB", "100")
    monkeypatch.setenv("EQUITY_MAX_CELLS", "100000")  # the rows streamed with a bound, never held
    refused(loaded, "org", path, "spans more than 100,000 cells", "EQUITY_MAX_CELLS")


def test_a_workbook_declaring_entities_is_refused(loaded, tmp_path):
    refused(loaded, "org", hostile.dtd_workbook(tmp_path / "programs.xlsx"), "declares a DTD")


def test_the_template_workbook_is_well_inside_the_limits(demo_db, tmp_path):
    from equity import db
    from equity.ingest import org

    con = db.connect_read_only(demo_db)
    try:
        path = tmp_path / "organisation_tables.xlsx"
        path.write_bytes(org.template_workbook(org.template_frames(con)))
    finally:
        con.close()
    limits.check_workbook(path)


# ---- boundaries ---------------------------------------------------------------------------------------


def test_a_boundary_zip_bomb_is_refused_from_its_directory(loaded, tmp_path, monkeypatch):
    path = hostile.geojson_zip(tmp_path / "tracts.zip", 20_000)
    assert pyogrio.read_info(path)["features"] == 20_000  # a real boundary file GDAL reads
    refused(loaded, "boundaries", path, "tracts.geojson expands from", "times", "EQUITY_MAX_RATIO")
    monkeypatch.setenv("EQUITY_MAX_RATIO", "100000")
    monkeypatch.setenv("EQUITY_MAX_BOUNDARY_MB", "2")
    refused(loaded, "boundaries", path, "the archive expands to 3 MB", "EQUITY_MAX_BOUNDARY_MB")


def test_a_zip_that_understates_what_it_expands_to_is_refused(loaded, tmp_path):
    path = hostile.understated(hostile.geojson_zip(tmp_path / "tracts.zip", 20_000, run=1), 100_000)
    assert zipfile.ZipFile(path).infolist()[0].file_size == 100_000
    assert pyogrio.read_info(path)["features"] == 20_000  # GDAL reads all 3.4 MB
    refused(loaded, "boundaries", path, "expands to more than the 97.7 KB the archive's directory declares")


def test_a_shapefile_zip_too_large_expanded_is_refused(loaded, tmp_path, monkeypatch):
    path = hostile.shapefile_zip(tmp_path / "tracts.zip", 20_000)
    assert pyogrio.read_info(path)["features"] == 20_000
    monkeypatch.setenv("EQUITY_MAX_BOUNDARY_MB", "1")
    refused(loaded, "boundaries", path, "the archive expands to 3 MB", "at most 1 MB of boundaries, expanded")
    monkeypatch.setenv("EQUITY_MAX_BOUNDARY_MB", "512")
    monkeypatch.setenv("EQUITY_MAX_FEATURES", "10000")  # counted from the shapefile's header
    refused(loaded, "boundaries", path, "the file holds 20,000 shapes", "EQUITY_MAX_FEATURES")


def test_an_enormous_geojson_is_refused_by_its_size(loaded, tmp_path, monkeypatch, squares_geojson):
    path = squares_geojson([f"44001{i:06d}" for i in range(8_000)], "tracts.geojson")
    monkeypatch.setenv("EQUITY_MAX_BOUNDARY_MB", "1")
    refused(loaded, "boundaries", path, "the file is 2 MB", "EQUITY_MAX_BOUNDARY_MB")


def test_a_zip_of_many_files_is_refused(loaded, tmp_path):
    path = tmp_path / "tracts.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(1_001):
            zf.writestr(f"f{i}.txt", "")
    refused(loaded, "boundaries", path, "the archive holds 1,001 files", "EQUITY_MAX_MEMBERS")


def test_a_zip_inside_a_zip_is_refused(loaded, tmp_path):
    inner = hostile.geojson_zip(tmp_path / "inner.zip", 10)
    path = tmp_path / "tracts.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.write(inner, "inner.zip")
    refused(loaded, "boundaries", path, "holds another archive", "inner.zip", "unzip the outer")


@pytest.mark.parametrize("name", ["../../escaped.geojson", "/tmp/escaped.geojson", "C:/escaped.geojson"])
def test_a_zip_entry_leading_outside_is_refused_and_nothing_is_written(loaded, tmp_path, name):
    good = hostile.geojson_zip(tmp_path / "good.zip", 10)
    path = tmp_path / "deep" / "er" / "tracts.zip"
    path.parent.mkdir(parents=True)
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as zf:
        zf.writestr(name, src.read("tracts.geojson"))
    refused(loaded, "boundaries", path, "a path that leads outside it", name)
    assert not list(tmp_path.rglob("escaped*")) and not Path("/tmp/escaped.geojson").exists()


# ---- memory ---------------------------------------------------------------------------------------------

CHILD = """
import json, sys
sys.path.insert(0, {root!r})
from pathlib import Path
from equity.ingest import IngestError, ingest
try:
    ingest(Path({db!r}), {kind!r}, [Path({file!r})])
    error = None
except IngestError as exc:
    error = str(exc)
peak = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) // 1024
print(json.dumps({{"error": error, "peak_mib": peak}}))
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory is read from /proc")
def test_the_default_refusals_stay_within_modest_memory(loaded, tmp_path):
    """In a fresh process (imports alone are about 200 MB), each hostile file is refused well inside 600
    MB: before the limits, the XFD workbook reached 9.5 GB and the wide header ran for minutes."""
    cases = [
        ("indicators", hostile.wide_csv(tmp_path / "wide.csv", 1_000_000), "EQUITY_MAX_COLUMNS"),
        ("org", hostile.xfd_workbook(tmp_path / "programs.xlsx", 6_000), "EQUITY_MAX_COLUMNS"),
        ("org", hostile.big_sheet_workbook(tmp_path / "partners.xlsx", 64), "EQUITY_MAX_RATIO"),
        ("boundaries", hostile.geojson_zip(tmp_path / "tracts.zip", 400_000), "EQUITY_MAX_RATIO"),
    ]
    before = sha(loaded)
    for kind, file, words in cases:
        code = CHILD.format(root=str(ROOT), db=str(loaded), kind=kind, file=str(file))
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        assert result["error"] and words in result["error"], (file.name, result)
        assert result["peak_mib"] < 600, (file.name, result)
    assert sha(loaded) == before


def test_a_damaged_part_does_not_stop_the_scan_of_the_others(loaded, tmp_path):
    path = hostile.xfd_workbook(tmp_path / "programs.xlsx", 50)
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(damaged, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("docProps/a.xml", "x" * 5000)
        for m in src.infolist():
            zf.writestr(m, src.read(m))
    data = bytearray(damaged.read_bytes())
    data[60:90] = b"\xff" * 30  # inside the first part's compressed bytes
    damaged.write_bytes(bytes(data))
    refused(loaded, "org", damaged.rename(tmp_path / "programs2.xlsx"), "reaches cell XFD1")


def test_a_sheet_under_another_name_is_scanned_too(loaded, tmp_path):
    path = hostile.xfd_workbook(tmp_path / "programs.xlsx", 50)
    renamed = tmp_path / "renamed.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(renamed, "w", zipfile.ZIP_DEFLATED) as zf:
        for m in src.infolist():
            data = src.read(m).replace(b"worksheets/sheet1.xml", b"worksheets/sheet1.dat")
            zf.writestr(m.filename.replace("sheet1.xml", "sheet1.dat"), data)
    book = openpyxl.load_workbook(renamed, read_only=True)
    assert book.worksheets[0].max_column == 16_384  # openpyxl reads it where the relation points
    book.close()
    renamed = renamed.rename(tmp_path / "programs2.xlsx")
    refused(loaded, "org", renamed, "row 1 of sheet1.dat reaches cell XFD1")


def test_the_readme_documents_every_limit_with_its_default():
    readme = (ROOT / "README.md").read_text()
    for limit in limits.ALL:
        assert f"| `{limit.env}` | {limit.default} |" in readme, limit.env
