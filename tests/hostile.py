"""Builders of hostile files: small on disk, enormous once read. The tests make them small; the benchmark
(bench/bench_hostile_files.py) makes them at the sizes that exhausted the machine.

Each is written as a stream, so that even the full-size ones never exist expanded on disk or in memory.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import numpy as np

# ---- a shapefile .zip that expands hugely ------------------------------------------------------------

SHP_RECORD = 136  # one polygon of five points, with its record header
DBF_FIELDS = (("GEOID", 11), ("NAME", 12))
BLOCK = 100_000  # features written at a time
NAD83 = (
    'GEOGCS["GCS_North_American_1983",DATUM["D_North_American_1983",SPHEROID["GRS_1980",6378137.0,'
    '298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
)


def _shp_header(file_bytes: int) -> bytes:
    head = struct.pack(">7i", 9994, 0, 0, 0, 0, 0, file_bytes // 2)
    return head + struct.pack("<2i8d", 1000, 5, -71.5, 41.5, -71.4, 41.6, 0, 0, 0, 0)


def _shp_records(first: int, n: int) -> bytes:
    """``n`` records of the same small square (numbered from ``first``), as the .shp holds them."""
    rec = np.zeros(n, dtype=[("num", ">i4"), ("len", ">i4"), ("body", "V128")])
    square = struct.pack(
        "<i4d3i10d", 5, -71.5, 41.5, -71.4, 41.6, 1, 5, 0,
        -71.5, 41.5, -71.4, 41.5, -71.4, 41.6, -71.5, 41.6, -71.5, 41.5,
    )  # fmt: skip
    rec["num"] = np.arange(first + 1, first + n + 1)
    rec["len"] = 64  # 128 bytes in 16-bit words
    rec["body"] = np.frombuffer(square, dtype="V128")[0]
    return rec.tobytes()


def _shx_records(first: int, n: int) -> bytes:
    rec = np.zeros(n, dtype=[("offset", ">i4"), ("len", ">i4")])
    rec["offset"] = (100 + SHP_RECORD * np.arange(first, first + n)) // 2
    rec["len"] = 64
    return rec.tobytes()


def _dbf_header(n: int) -> bytes:
    length = 1 + sum(w for _, w in DBF_FIELDS)
    head = struct.pack("<B3BIHH20x", 3, 124, 1, 1, n, 32 + 32 * len(DBF_FIELDS) + 1, length)
    for name, width in DBF_FIELDS:
        head += struct.pack("<11sc4xBB14x", name.encode(), b"C", width, 0)
    return head + b"\r"


def _dbf_records(first: int, n: int) -> bytes:
    ids = np.char.zfill(np.arange(44_001_000_000 + first, 44_001_000_000 + first + n).astype("U11"), 11)
    rows = np.char.add(np.char.add(" ", ids), "Tract 1     ")
    return rows.astype("S24").tobytes()


def shapefile_zip(path: Path, features: int) -> Path:
    """A Census-like tract shapefile .zip of ``features`` identical squares: 168 bytes a feature expanded,
    compressing about 20 times overall (the .shx's offsets all differ): within the ratio, caught by size."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        parts = {
            "tracts.shp": (_shp_header(100 + SHP_RECORD * features), _shp_records),
            "tracts.shx": (_shp_header(100 + 8 * features), _shx_records),
            "tracts.dbf": (_dbf_header(features), _dbf_records),
        }
        for name, (header, records) in parts.items():
            with zf.open(name, "w", force_zip64=True) as out:
                out.write(header)
                for first in range(0, features, BLOCK):
                    out.write(records(first, min(BLOCK, features - first)))
                if name.endswith(".dbf"):
                    out.write(b"\x1a")
        zf.writestr("tracts.prj", NAD83)
    return path


FEATURE = (
    '{{"type":"Feature","properties":{{"GEOID":"{}"}},"geometry":{{"type":"Polygon","coordinates":'
    "[[[-71.5,41.5],[-71.4,41.5],[-71.4,41.6],[-71.5,41.6],[-71.5,41.5]]]}}}}"
)


def geojson_zip(path: Path, features: int, run: int = 32) -> Path:
    """A .zip of one GeoJSON of ``features`` small squares, about 170 bytes each, a tract id to each
    ``run`` of them: it compresses over 200 times (6.4 million features: 1 GiB in under 5 MB)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        with zf.open("tracts.geojson", "w", force_zip64=True) as out:
            out.write(b'{"type":"FeatureCollection","features":[\n')
            for first in range(0, features, BLOCK):
                last = min(first + BLOCK, features)
                text = ",\n".join(FEATURE.format(44_001_000_000 + i // run) for i in range(first, last))
                out.write((text + (",\n" if last < features else "\n")).encode())
            out.write(b"]}\n")
    return path


def understated(path: Path, declared: int) -> Path:
    """The zip at ``path`` with its first file's expanded size in the directory changed to ``declared``:
    Python's zipfile stops there, GDAL reads on to the end of the compressed data."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")  # the first central directory entry; its 32-bit size is at +24
    data[at + 24 : at + 28] = struct.pack("<I", declared)
    path.write_bytes(bytes(data))
    return path


# ---- workbooks ----------------------------------------------------------------------------------------

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{REL}">'
        '<sheets><sheet name="programs" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>"
    ),
}


def _workbook(path: Path, sheet_rows, dimension: str, prolog: str = "") -> Path:
    """An .xlsx of one sheet, 'programs', whose rows come from the iterable ``sheet_rows`` (XML text)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, text in PARTS.items():
            zf.writestr(name, text)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(
                f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{NS}">'
                f'<dimension ref="{dimension}"/><sheetData>'.encode()
            )
            for chunk in sheet_rows:
                out.write(chunk.encode())
            out.write(b"</sheetData></worksheet>")
    return path


def xfd_workbook(path: Path, rows: int) -> Path:
    """A sheet whose every row holds a cell in column A and one in XFD, the last column Excel has: tiny
    compressed, yet openpyxl fills each row out to 16,384 cells."""
    header = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>program_id</t></is></c>'
        '<c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>'
    )
    body = (
        "".join(
            f'<row r="{i}"><c r="A{i}"><v>{i}</v></c><c r="XFD{i}"><v>1</v></c></row>'
            for i in range(start, min(start + 10_000, rows + 1))
        )
        for start in range(2, rows + 1, 10_000)
    )
    return _workbook(path, [header, *body], f"A1:XFD{rows}")


def big_sheet_workbook(path: Path, mib: int) -> Path:
    """A sheet of ``mib`` MiB of XML: rows of ten small numbers, compressing hundreds of times."""
    row = "<row>" + "".join(f"<c><v>{j}</v></c>" for j in range(10)) + "</row>"
    block = row * ((1 << 20) // len(row))
    rows = (1 << 20) // len(row) * mib
    return _workbook(path, (block for _ in range(mib)), f"A1:J{rows}")


def dtd_workbook(path: Path) -> Path:
    """A sheet that declares entities: the 'billion laughs' way for a few bytes of XML to expand."""
    prolog = '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    return _workbook(path, ['<row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row>'], "A1", prolog)


# ---- CSV ----------------------------------------------------------------------------------------------


def wide_csv(path: Path, columns: int) -> Path:
    """A header of ``columns`` names (1,000,000: 7.9 MB) and one short row under it."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(f"c{i}" for i in range(columns)))
        f.write("\n44001010100,x\n")
    return path


def long_line_csv(path: Path, mib: int, line: int = 2) -> Path:
    """A CSV whose line ``line`` (1 for the header) is ``mib`` MiB with no end."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        if line > 1:
            f.write("area_id,indicator_id,period,value\n")
            f.write("44001010100,asthma,2023,1\n" * (line - 2))
        for _ in range(mib):
            f.write("x" * (1 << 20))
    return path
