"""How large a file may be before a load refuses it, and the checks that refuse it before it is read whole.

A small file can stand for an enormous one: a .zip or an .xlsx (itself a zip) can expand a thousandfold, a
sheet's rows can reach column XFD so that every row becomes 16,384 cells, a CSV header can name a million
columns. Each check here looks at the cheap part first (a zip's directory, a sheet's cell references
streamed with a bound, a CSV's first line read with a byte bound) and refuses with a message that names
the limit and the setting that raises it, before pandas, openpyxl or GDAL sees the file.

Every limit is an environment variable read when a load starts, so it applies to the command line and the
dashboard alike; the README's Configuration section lists them. The defaults leave national Census,
PLACES, SVI and CHR files well inside (the comments below say by how much).
"""

from __future__ import annotations

import csv
import io
import os
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.parsers import expat

from equity.ingest.read import IngestError


@dataclass(frozen=True)
class Limit:
    """One limit: the environment variable that sets it, its default, and the unit it is given in."""

    env: str
    default: int
    unit: str  # 'MB', 'KB' or '' (a count)
    what: str  # what it bounds, as a message says it

    def value(self) -> int:
        """The limit in force: the environment variable when it is set, else the default."""
        raw = os.environ.get(self.env, "").strip().replace("_", "")
        if not raw:
            return self.default
        if not raw.isdigit() or int(raw) == 0:
            raise IngestError(
                self.env,
                "the setting is not a positive whole number",
                value=os.environ[self.env],
                expected=f"a whole number{' of ' + self.unit if self.unit else ''}, e.g. {self.default}",
            )
        return int(raw)

    def bytes(self) -> int:
        return self.value() * {"MB": 1 << 20, "KB": 1 << 10, "": 1}[self.unit]

    def shown(self) -> str:
        return f"{self.value():,}{' ' + self.unit if self.unit else ''}"

    def refuse(self, path: str | Path, problem: str, **where) -> IngestError:
        """An IngestError that names this limit and how to raise it."""
        hint = f"(the limit {self.env}; set it higher to allow more)"
        return IngestError(path, problem, expected=f"at most {self.shown()} {self.what} {hint}", **where)


# A national PLACES tract file is about 1 GB.
CSV_MB = Limit("EQUITY_MAX_CSV_MB", 4096, "MB", "in a CSV file")
# The longest real lines are header rows: ACS data profile DP03's labels are 146 KB.
LINE_KB = Limit("EQUITY_MAX_LINE_KB", 1024, "KB", "in one line of a CSV file")
# ACS DP03 has 1,099 columns, SVI 158, CHR 2010 198; an organisation table about 15.
COLUMNS = Limit("EQUITY_MAX_COLUMNS", 10_000, "", "columns")
# National tracts at 1:500,000 (cb_2022_us_tract_500k.zip, about 60 MB) expand to about 130 MB.
BOUNDARY_MB = Limit("EQUITY_MAX_BOUNDARY_MB", 512, "MB", "of boundaries, expanded")
# National tracts: about 85,000; block groups about 240,000.
FEATURES = Limit("EQUITY_MAX_FEATURES", 1_000_000, "", "shapes in a boundary file")
# An organisation workbook is well under 1 MB; 2 million cells of XML are about 60 MB.
WORKBOOK_MB = Limit("EQUITY_MAX_WORKBOOK_MB", 100, "MB", "in a workbook, expanded")
# Of one sheet, counting the empty cells a row spans (openpyxl fills each row out), and strings of a book.
CELLS = Limit("EQUITY_MAX_CELLS", 2_000_000, "", "cells")
# Shapefiles and workbooks expand 2 to 20 times; a zip bomb hundreds of times.
RATIO = Limit("EQUITY_MAX_RATIO", 100, "", "times its compressed size")
# A shapefile .zip holds about 7 files, a workbook a few per sheet.
MEMBERS = Limit("EQUITY_MAX_MEMBERS", 1_000, "", "files in one archive")
ALL = (CSV_MB, LINE_KB, COLUMNS, BOUNDARY_MB, FEATURES, WORKBOOK_MB, CELLS, RATIO, MEMBERS)

# What reading a damaged zip member can raise (a bad CRC, encryption, an unsupported compression method).
UNREADABLE = (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, zlib.error)
RATIO_FLOOR = 1 << 20  # members smaller than this expanded may compress as well as they like
ARCHIVES = re.compile(r"\.(zip|kmz|gz|tgz|bz2|xz|7z|rar|tar|zst)$", re.IGNORECASE)


def mb(n: int) -> str:
    return f"{n / (1 << 20):,.0f} MB" if n >= 1 << 20 else f"{n / 1024:,.1f} KB"


def check_file(kind: str, path: Path) -> None:
    """The checks that need only a file's size or its archive directory, run on every file of a load
    before anything reads it (not even for its sha256); the loaders check the rest as they read."""
    if kind == "boundaries":
        check_boundary_file(path)
    elif path.suffix.lower() == ".xlsx":
        check_archive(path, WORKBOOK_MB, nested=True)
    elif path.stat().st_size > CSV_MB.bytes():
        raise CSV_MB.refuse(path, f"the file is {mb(path.stat().st_size)}")


# ---- archives (.zip, .xlsx) --------------------------------------------------------------------------


def check_archive(path: Path, expanded: Limit, *, nested: bool = False) -> list[zipfile.ZipInfo]:
    """The members of a zip archive from its directory, without expanding any; refused when it holds too
    many files, a path that leaves the archive, an archive inside it (unless ``nested``), a member that
    expands more than ``RATIO`` times, or more than ``expanded`` in all."""
    entries, directory = _directory_entries(path) or (0, 0)
    if entries > MEMBERS.value():
        raise MEMBERS.refuse(path, f"the archive holds {entries:,} files")
    if directory > MEMBERS.value() * DIRECTORY_ENTRY:
        raise MEMBERS.refuse(path, f"the archive's directory takes {mb(directory)}, room for far more files")
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
    except UNREADABLE:
        return []  # not a readable zip: the reader says so in its own words
    if len(members) > MEMBERS.value():
        raise MEMBERS.refuse(path, f"the archive holds {len(members):,} files")
    total = 0
    for m in members:
        parts = PurePosixPath(m.filename.replace("\\", "/")).parts
        if m.filename.startswith(("/", "\\")) or ".." in parts or re.match(r"[A-Za-z]:", m.filename):
            raise IngestError(
                path,
                "a file in the archive has a path that leads outside it",
                value=m.filename,
                expected="files named relative to the archive, as the publisher zipped them",
            )
        if not nested and ARCHIVES.search(m.filename):
            raise IngestError(
                path,
                "the archive holds another archive",
                value=m.filename,
                expected="the files themselves in the .zip (unzip the outer archive and load the inner one)",
            )
        if m.file_size > RATIO_FLOOR and m.file_size > RATIO.value() * max(m.compress_size, 1):
            raise RATIO.refuse(
                path,
                f"{m.filename} expands from {mb(m.compress_size)} to {mb(m.file_size)} "
                f"({m.file_size / max(m.compress_size, 1):,.0f} times)",
            )
        total += m.file_size
    if total > expanded.bytes():
        raise expanded.refuse(path, f"the archive expands to {mb(total)}")
    return members


def _directory_entries(path: Path) -> tuple[int, int] | None:
    """How many files a zip's end-of-directory record says it holds, and its directory's size in bytes,
    read before zipfile builds an object for each (a directory of millions would itself exhaust memory);
    None when there is no such record."""
    size = path.stat().st_size
    with open(path, "rb") as f:
        f.seek(max(0, size - (22 + 0xFFFF)))
        tail = f.read()
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or len(tail) < at + 22:
            return None
        entries, directory = struct.unpack("<HI", tail[at + 10 : at + 16])
        locator = tail[at - 20 : at] if at >= 20 else b""
        if locator[:4] == b"PK\x06\x07":  # zip64: the figures are in a record of their own
            f.seek(struct.unpack("<Q", locator[8:16])[0])
            record = f.read(56)
            if record[:4] == b"PK\x06\x06" and len(record) == 56:
                entries, directory = struct.unpack("<2Q", record[32:48])
    return entries, directory


DIRECTORY_ENTRY = 1024  # bytes a file's directory entry may take: 46, its name and its extra fields


def check_expansion(path: Path, members: list[zipfile.ZipInfo]) -> None:
    """Each compressed member inflated (1 MB at a time, nothing kept) to check it expands to no more than
    its directory says: GDAL reads a member to the end of its compressed data, whatever the directory
    declares, so a member declaring 1 MB could expand to gigabytes. National tracts take about 0.5 s."""
    with open(path, "rb") as f:
        for m in members:
            if m.compress_type == zipfile.ZIP_STORED or m.file_size == 0 and m.compress_size == 0:
                continue
            if m.compress_type != zipfile.ZIP_DEFLATED:
                raise IngestError(
                    path,
                    f"{m.filename} is compressed with method {m.compress_type}",
                    expected="deflate, as zip programs save by default",
                )
            f.seek(m.header_offset)
            head = f.read(30)
            if head[:4] != b"PK\x03\x04":
                continue  # a damaged archive: GDAL's own error says so
            f.seek(m.header_offset + 30 + sum(struct.unpack("<HH", head[26:30])))
            inflate, out = zlib.decompressobj(-zlib.MAX_WBITS), 0
            try:
                while not inflate.eof and (raw := f.read(1 << 20)):
                    while raw and not inflate.eof:
                        out += len(inflate.decompress(raw, 1 << 20))
                        raw = inflate.unconsumed_tail
                        if out > m.file_size:
                            raise IngestError(
                                path,
                                f"{m.filename} expands to more than the {mb(m.file_size)} the archive's "
                                "directory declares",
                                expected="an archive as a zip program writes it",
                            )
            except zlib.error:
                continue  # damaged data: GDAL's own error says so


# ---- workbooks (.xlsx) --------------------------------------------------------------------------------


class _Stop(Exception):
    """Raised from inside the XML scan to stop it at the first limit crossed."""

    def __init__(self, error: IngestError):
        self.error = error


def check_workbook(path: Path) -> None:
    """An .xlsx checked before openpyxl opens it: its archive (see ``check_archive``, bounded by
    ``WORKBOOK_MB``), then each of its XML parts streamed with a bound: no DTD (Excel writes none, and
    entities are how a small XML file expands), no row reaching past ``COLUMNS``, no sheet whose rows span
    more than ``CELLS`` cells (openpyxl fills every row out to its last cell), and no more than ``CELLS``
    strings. Nothing is expanded beyond what the scan has read."""
    members = check_archive(path, WORKBOOK_MB, nested=True)  # embedded objects may be archives; never read
    if not members:
        return  # not a zip at all: openpyxl's own error says so
    with zipfile.ZipFile(path) as zf:
        # Every part, whatever its name: openpyxl reads a sheet wherever the workbook's relations point.
        # One that is not XML (an image) stops expat at its first bytes.
        for m in members:
            try:
                with zf.open(m) as stream:
                    _scan_xml(path, m.filename, stream)
            except UNREADABLE:  # damaged, encrypted or oddly compressed: openpyxl's own error says
                continue  # which, if it reads this part at all; the others are still scanned


COLUMN_REF = re.compile(r"([A-Za-z]{1,3})(\d*)$")


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _scan_xml(path: Path, member: str, stream) -> None:
    """Stream one XML part of a workbook through expat, refusing at the first limit it crosses."""
    max_columns, max_cells = COLUMNS.value(), CELLS.value()
    sheet = PurePosixPath(member).name
    state = {"rows": 0, "row": 0, "col": 0, "width": 0, "cells": 0, "strings": 0}

    def start(name: str, attrs: dict) -> None:
        local = name.rpartition(" ")[2]
        if local == "row":
            state["row"] = int(attrs["r"]) if attrs.get("r", "").isdigit() else state["row"] + 1
            state["col"] = 0
        elif local == "c":
            state["cells"] += 1
            state["rows"] += state["col"] == 0  # rows that hold a cell: openpyxl fills each to the widest
            ref = COLUMN_REF.match(attrs.get("r", "").lstrip("$").replace("$", ""))
            state["col"] = _column_number(ref.group(1)) if ref else state["col"] + 1
            if state["col"] > max_columns:
                raise _Stop(
                    COLUMNS.refuse(
                        path,
                        f"row {state['row']:,} of {sheet} reaches cell {attrs.get('r') or state['col']} "
                        f"(column {state['col']:,}; cells that are empty but formatted count too)",
                    )
                )
            state["width"] = max(state["width"], state["col"])
            spanned = state["rows"] * state["width"]
            if state["cells"] > max_cells or spanned > max_cells:
                raise _Stop(
                    CELLS.refuse(
                        path,
                        f"{sheet} spans more than {max_cells:,} cells (at least {state['rows']:,} rows "
                        f"by {state['width']:,} columns)",
                    )
                )
        elif local == "si":
            state["strings"] += 1
            if state["strings"] > max_cells:
                raise _Stop(CELLS.refuse(path, f"the workbook holds more than {max_cells:,} strings"))

    def doctype(*_) -> None:
        raise _Stop(
            IngestError(
                path,
                f"{member} declares a DTD, which Excel never writes",
                expected="an .xlsx workbook as Excel, LibreOffice or Google Sheets saves it",
            )
        )

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = doctype
    try:
        for chunk in iter(lambda: stream.read(1 << 16), b""):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _Stop as stop:
        raise stop.error from None
    except expat.ExpatError:
        return  # not well-formed: openpyxl's own error says where


# ---- boundary files -----------------------------------------------------------------------------------


def check_boundary_file(path: Path) -> None:
    """A boundary file's size, or what its .zip expands to and how (see ``check_archive``)."""
    if path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
        check_expansion(path, check_archive(path, BOUNDARY_MB))
    elif path.stat().st_size > BOUNDARY_MB.bytes():
        raise BOUNDARY_MB.refuse(path, f"the file is {mb(path.stat().st_size)}")


def check_features(path: Path, counts: dict[str, int]) -> None:
    """The shapes a boundary file's layers say they hold (-1 where a driver cannot tell without reading)."""
    total = sum(n for n in counts.values() if n > 0)
    if total > FEATURES.value():
        raise FEATURES.refuse(path, f"the file holds {total:,} shapes")


# ---- CSV ----------------------------------------------------------------------------------------------


def check_csv_head(path: Path) -> None:
    """A CSV's size and its header's width, from at most ``LINE_KB`` bytes of its first line."""
    size = path.stat().st_size
    if size > CSV_MB.bytes():
        raise CSV_MB.refuse(path, f"the file is {mb(size)}")
    bound = LINE_KB.bytes()
    with open(path, "rb") as f:
        head = f.read(bound + 1)
    line, newline, _ = head.partition(b"\n")
    text = line[:bound].decode("utf-8", errors="replace")  # commas and quotes read the same in latin-1
    try:
        width = len(next(csv.reader(io.StringIO(text)), []))
    except csv.Error:  # a header field over the csv module's 128 KB: count its commas (an upper bound)
        width = text.count(",") + 1
    if width > COLUMNS.value():
        counted = f"{width:,} columns" if newline else f"at least {width:,} columns in its first {mb(bound)}"
        raise COLUMNS.refuse(path, f"the header names {counted}", row=1)
    if not newline and len(head) > bound:
        raise LINE_KB.refuse(path, f"the first line is longer than {LINE_KB.shown()}")


class LineLengths:
    """Fed a file's bytes chunk by chunk, refuses the first line longer than ``LINE_KB`` (pandas would hold
    it whole, and a line with no end is the whole file).

    With chunks no longer than the bound, no line inside a chunk can exceed it: only the line that runs
    over each chunk's start is measured, with two searches for a newline (under 1 ms for 1 GB of PLACES).
    The line's number is counted only to refuse it.
    """

    def __init__(self, path: Path):
        self.path, self.bound = path, LINE_KB.bytes()
        self.offset = 0  # bytes before this chunk
        self.start = 0  # where the current line starts

    def feed(self, chunk: bytes) -> None:
        first = chunk.find(b"\n")
        if (first if first >= 0 else len(chunk)) + self.offset - self.start > self.bound:
            self._refuse(self.start)
        if first >= 0:
            if len(chunk) > self.bound:  # a whole line may lie inside the chunk: measure each
                at = self.offset + first + 1
                for part in chunk[first + 1 :].split(b"\n")[:-1]:
                    if len(part) > self.bound:
                        self._refuse(at)
                    at += len(part) + 1
            self.start = self.offset + chunk.rfind(b"\n") + 1
        self.offset += len(chunk)
        if self.offset - self.start > self.bound:
            self._refuse(self.start)

    def _refuse(self, start: int) -> None:
        newlines = 0
        with open(self.path, "rb") as f:
            while f.tell() < start:
                newlines += f.read(min(1 << 20, start - f.tell())).count(b"\n")
        raise LINE_KB.refuse(self.path, f"line {newlines + 1:,} is longer than {LINE_KB.shown()}")
