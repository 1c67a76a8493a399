"""What every loader shares: the batch it produces, errors that say where, and the all-or-nothing build.

A load never touches the database it replaces. It reads the files, builds a new database from the
old one plus the new rows, checks it, and swaps it in (equity.db.build_atomically). Any error leaves
the old file byte for byte as it was.
"""

from __future__ import annotations

import codecs
import contextlib
import ctypes
import datetime as dt
import gc
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from equity import db, privacy, safety

TABLE_ORDER = db.TABLE_ORDER
AREA_COLUMNS = [
    "area_id",
    "name",
    "level",
    "parent_id",
    "population",
    "geometry",
    "geometry_drawn",
    "centroid_lon",
    "centroid_lat",
]
VALUE_COLUMNS = [
    "indicator_id",
    "area_id",
    "period",
    "group_dim",
    "group_label",
    "value",
    "ci_low",
    "ci_high",
    "numerator",
    "denominator",
    "flag",
]
INDICATOR_COLUMNS = [
    "indicator_id",
    "label",
    "description",
    "domain",
    "unit",
    "higher_is_worse",
    "source_id",
    "measure_type",
]
# Every value the database holds, the nation's as area 'US' (as published_values shows them).
EVERY_VALUE = (
    "(SELECT * FROM indicator_values UNION ALL BY NAME "
    f"SELECT *, '{db.NATION_ID}' AS area_id FROM national_values)"
)
MAX_FIELD = 2000  # characters; longer is not a value any of these files holds
PLAUSIBLE = {
    "percent": (0, 100),
    "per_1k": (0, 1_000),
    "per_100k": (0, 100_000),
    "years": (0, 130),
    "index": (-1e9, 1e9),
}


class IngestError(Exception):
    """A file could not be loaded; the message names the file, row, column, value and what was expected."""

    def __init__(
        self,
        file: str | Path,
        problem: str,
        *,
        row: int | None = None,
        column: str | None = None,
        value: object = None,
        expected: str | None = None,
    ):
        where = [Path(file).name]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        text = f"{', '.join(where)}: {problem}"
        if value is not None:
            shown = str(value)
            text += f" (found {shown[:60]!r}{'…' if len(shown) > 60 else ''})"
        if expected:
            text += f"; expected {expected}"
        super().__init__(text + ". Nothing was changed.")


@dataclass
class Batch:
    """What one load adds: its source, and any areas, indicators and values it brings."""

    source: dict
    areas: pd.DataFrame | None = None
    indicators: pd.DataFrame | None = None
    values: pd.DataFrame | None = None
    files: list[str] = field(default_factory=list)
    rows_read: int = 0
    org: dict[str, pd.DataFrame] | None = None  # the organisation's tables, each replaced whole
    derived: pd.DataFrame | None = None  # values computed from the files' (age-adjusted companions)
    notes: list[str] = field(default_factory=list)  # what the load derived, or why it could not


@dataclass
class Report:
    """What a load did, for the command line and the Data & methods page."""

    path: Path
    replaced_demo: bool
    counts: dict[str, int]
    joins: pd.DataFrame
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = []
        if self.replaced_demo:
            out.append("The fictional demo data was replaced: the database now holds only what you loaded.")
        out.append(", ".join(f"{n:,} {t}" for t, n in self.counts.items() if n))
        for r in self.joins.itertuples():
            line = f"{r.file}: {r.rows_read:,} rows read, {r.rows_loaded:,} loaded"
            if r.rows_unjoined:
                line += (
                    f", {r.rows_unjoined:,} did not join the boundaries (for example {r.examples}); load "
                    "boundaries of the same vintage to include them"
                )
            out.append(line)
        out.extend(self.notes)
        return out


# ---- reading files -------------------------------------------------------------------------------------


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def text_encoding(path: Path) -> str:
    """'utf-8-sig' (with or without a byte-order mark) or 'latin-1', checked chunk by chunk so that a
    national file is never held in memory whole; empty and binary files are refused, and so are files
    too large, headers too wide and lines too long for the limits (equity/ingest/limits.py)."""
    from equity.ingest import limits  # here: limits raises IngestError, defined in this module

    with open(path, "rb") as f:
        head = f.read(1 << 16)
        if not head.strip() and not f.read(1):
            raise IngestError(path, "the file is empty", expected="a header row and at least one row of data")
        if b"\x00" in head[:4096]:
            raise IngestError(
                path, "this is not a text file", expected="a CSV file as the publisher released it"
            )
        limits.check_csv_head(path)
        lines = limits.LineLengths(path)
        f.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        encoding = "utf-8-sig"
        for chunk in iter(lambda: f.read(1 << 20), b""):
            lines.feed(chunk)
            if encoding == "utf-8-sig":
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    encoding = "latin-1"
        if encoding == "utf-8-sig":
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                encoding = "latin-1"
    return encoding


def read_head(path: Path, lines: int) -> list[str]:
    """The first lines of a text file, decoded, without reading the rest."""
    with open(path, encoding=text_encoding(path), newline="") as f:
        return [line for _, line in zip(range(lines), f, strict=False)]


def refuse_first(
    path: str | Path,
    bad: pd.Series,
    problem: str,
    *,
    column: str | None = None,
    values: pd.Series | None = None,
    expected: str | None = None,
    first_row: int = 2,
    rows=None,
) -> None:
    """Raise an IngestError for the first row where ``bad`` is true, naming its row, column and value.

    ``first_row`` is the file row of the first data row (2 below one header row). ``rows``, where given,
    holds each row's own number instead: a spreadsheet's rows once blank ones are skipped, or a table's
    rows after checks that reorder or filter them.
    """
    if bad.any():
        i = int(bad.to_numpy().argmax())
        raise IngestError(
            path,
            problem,
            row=i + first_row if rows is None else int(np.asarray(rows)[i]),
            column=column,
            value=None if values is None else values.iloc[i],
            expected=expected,
        )


def read_csv(
    path: Path,
    required: list[str],
    header: int | list[int] = 0,
    usecols=None,
    *,
    allow_empty: bool = False,
) -> pd.DataFrame:
    """A CSV as text columns, with a clear error for a wrong delimiter, missing columns or hostile cells.

    ``usecols`` (a function of a column's name) leaves out columns a loader does not use, which matters
    for memory on national files. ``allow_empty`` accepts a header row with no rows under it (a table
    emptied on purpose); a file with no header at all is refused either way.
    """
    encoding = text_encoding(path)
    try:
        df = pd.read_csv(
            path, encoding=encoding, dtype=str, keep_default_na=False, header=header, usecols=usecols
        )
    except (pd.errors.ParserError, ValueError) as exc:
        raise _not_csv(path, exc) from None
    header_rows = (max(header) if isinstance(header, list) else header) + 1  # rows above the data
    return _checked(path, df, required, allow_empty, first_row=1 + header_rows)


def read_csv_chunks(path: Path, required: list[str], usecols=None, rows: int = 400_000):
    """``read_csv`` in pieces of ``rows`` rows, each checked the same way, for files too large to hold
    as text at once (a national PLACES file is 2.9 million rows). Yields (first file row, piece)."""
    encoding = text_encoding(path)
    try:
        reader = pd.read_csv(
            path, encoding=encoding, dtype=str, keep_default_na=False, usecols=usecols, chunksize=rows
        )
        first = 2
        for df in reader:
            df = df.reset_index(drop=True)
            yield first, _checked(path, df, required, first > 2, first_row=first)
            first += len(df)
        if first == 2:  # a header and nothing under it: pandas yields no piece at all
            raise IngestError(path, "the file has a header but no rows", expected="at least one row of data")
    except (pd.errors.ParserError, ValueError) as exc:
        raise _not_csv(path, exc) from None


def _not_csv(path: Path, exc: Exception) -> IngestError:
    return IngestError(
        path,
        f"the file could not be read as CSV ({str(exc).splitlines()[0]})",
        expected="comma-separated values with one header row",
    )


def _checked(
    path: Path, df: pd.DataFrame, required: list[str], allow_empty: bool, first_row: int = 2
) -> pd.DataFrame:
    """Column names tidied, the columns a loader needs present, and no hostile cells."""
    if isinstance(df.columns, pd.MultiIndex):
        df.columns = [c[-1] for c in df.columns]
    df.columns = [str(c).strip() for c in df.columns]
    if len(df.columns) == 1 and (";" in df.columns[0] or "\t" in df.columns[0]):
        raise IngestError(
            path,
            "the columns are separated by something other than commas",
            value=df.columns[0],
            expected="comma-separated values",
        )
    require_columns(path, df, required)
    if df.empty and not allow_empty:
        raise IngestError(path, "the file has a header but no rows", expected="at least one row of data")
    check_cells(path, df, rows=None if first_row == 2 else np.arange(first_row, first_row + len(df)))
    return df


def require_columns(path: str | Path, df: pd.DataFrame, required: list[str]) -> None:
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise IngestError(
            path,
            f"missing column(s) {', '.join(missing)}",
            value=", ".join(df.columns[:8]),
            expected=f"the columns {', '.join(required)}",
        )


def check_cells(path: str | Path, df: pd.DataFrame, rows=None) -> None:
    """Refuse hostile cells of text columns: a field far too long, or a spreadsheet formula (the rule
    of equity/safety.py, the one downloads neutralise by).

    ``rows`` as in refuse_first, for a spreadsheet whose blank rows were skipped.
    """
    for column in df.columns:
        cells = df[column]
        long = cells.str.len() > MAX_FIELD
        refuse_first(
            path,
            long,
            "a field is far longer than any real value",
            column=column,
            values=cells,
            expected=f"at most {MAX_FIELD} characters",
            rows=rows,
        )
        formula = safety.formula_like(cells)
        refuse_first(
            path,
            formula,
            "a cell holds a spreadsheet formula",
            column=column,
            values=cells,
            expected="plain values, not formulas",
            rows=rows,
        )


def whole_population(
    indicator_id,
    area_id,
    period,
    value: pd.Series,
    ci_low,
    ci_high,
    numerator=float("nan"),
    denominator=float("nan"),
    flag: pd.Series | None = None,
) -> pd.DataFrame:
    """Values for the whole population (group 'all'), in the indicator_values columns; a value that is
    missing reads 'no_data' unless ``flag`` says why."""
    if flag is None:
        flag = pd.Series(np.where(value.isna(), "no_data", None), index=value.index, dtype=object)
    return pd.DataFrame(
        {
            "indicator_id": indicator_id,
            "area_id": area_id,
            "period": period,
            "group_dim": "all",
            "group_label": "All",
            "value": value,
            "ci_low": ci_low,
            "ci_high": ci_high,
            "numerator": numerator,
            "denominator": denominator,
            "flag": flag,
        }
    )


def numbers(
    df: pd.DataFrame,
    column: str,
    path: Path,
    *,
    required: bool,
    missing: tuple[str, ...] = ("",),
    header_rows: int = 1,
    rows=None,
) -> pd.Series:
    """A column as floats: thousands separators removed, sentinels (e.g. -999) as missing.

    ``rows`` as in refuse_first."""
    raw = df[column].str.strip().str.replace(",", "", regex=False)
    absent = raw.isin(missing)
    parsed = pd.to_numeric(raw.where(~absent), errors="coerce")
    first_row = 1 + header_rows
    refuse_first(
        path,
        parsed.isna() & ~absent,
        "not a number",
        column=column,
        values=df[column],
        expected="a number",
        first_row=first_row,
        rows=rows,
    )
    if required:
        refuse_first(
            path,
            absent,
            "a required value is missing",
            column=column,
            expected="a number",
            first_row=first_row,
            rows=rows,
        )
    return parsed


def geoid(series: pd.Series) -> pd.Series:
    """Census GEOIDs as text with their leading zeros: '1001' -> '01001', '1400000US44001…' -> '44001…'.

    A ZCTA's full Census id ('860Z200US02134', '8600000US02134') becomes its area id 'Z02134' (see
    ``zcta``): stripped to five digits it would read as a county.
    """
    s = (
        series.astype(str)
        .str.strip()
        .str.replace(r"^860[0-9A-Z]{4}US(\d{5})$", r"Z\1", regex=True)
        .str.replace(r"^\d{7}US", "", regex=True)
        .str.replace(r"\.0$", "", regex=True)
    )
    lengths = {4: 5, 10: 11, 1: 2}  # integers lost their leading zero: county, tract, state
    return s.map(lambda v: v.zfill(lengths[len(v)]) if v.isdigit() and len(v) in lengths else v)


# ZIP Code Tabulation Areas share the county GEOID's five digits, so their area ids carry a prefix:
# 'Z02134'. It cannot collide with any Census GEOID (all digits), reads plainly in a link
# (?area=Z02134), and keeps its leading zero when a download is opened in a spreadsheet.
ZCTA_ID = r"Z\d{5}"


def zcta(series: pd.Series) -> pd.Series:
    """ZCTA codes as area ids: '02134', 2134 (leading zero lost), '8600000US02134' -> 'Z02134'.

    Only for columns known to hold ZCTAs: five digits alone are a county GEOID everywhere else.
    """
    s = geoid(series)
    digits = s.str.fullmatch(r"\d{3,5}")  # the lowest ZCTA, 00601, loses two zeros as an integer
    return s.where(~digits, "Z" + s.str.zfill(5))


def zcta_name(area_id: str) -> str:
    return f"ZIP Code {area_id[1:]}"


def level_of(area_id: str) -> str:
    if re.fullmatch(ZCTA_ID, area_id):
        return "zcta"
    return (
        {2: "state", 5: "county", 11: "tract"}.get(len(area_id), "custom") if area_id.isdigit() else "custom"
    )


def parent_of(area_id: str) -> str | None:
    """The parent in the state > county > tract hierarchy; ZCTAs and custom areas have none by their id."""
    if not area_id.isdigit():
        return None
    return {5: area_id[:2], 11: area_id[:5]}.get(len(area_id))


# ---- building the new database -------------------------------------------------------------------------


def load(path: Path, batch: Batch, min_count: int | None = None) -> Report:
    """Build a new database from the current one plus ``batch``, check it, and swap it in.

    The current database is ATTACHed to the new one and its rows copied table by table in DuckDB,
    not read into pandas: a national file's worth of values stays out of Python's memory.
    ``min_count`` is the small-count threshold; by default the current database's (so a database
    built with ``--min-count 20`` keeps withholding 1 to 19 after every load), else 11.
    """
    path = Path(path)
    _give_back_memory()
    old_meta, old_tables = _existing(path)
    replaced_demo = old_meta.get("is_demo") == "true"
    if min_count is None:
        min_count = threshold(old_meta)
    if replaced_demo:
        old_meta, old_tables = {}, set()
    counts: dict[str, int] = {}
    joins: list[pd.DataFrame] = []

    def fill(con: duckdb.DuckDBPyConnection) -> None:
        if old_tables:
            con.execute("ATTACH '{}' AS old (READ_ONLY)".format(str(path).replace("'", "''")))
        joins.append(_merge(con, old_tables, old_meta, batch, min_count))
        if old_tables:
            con.execute("DETACH old")

    def check(con: duckdb.DuckDBPyConnection) -> None:
        for name in TABLE_ORDER:
            counts[name] = con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        files = ", ".join(batch.files) or "the new database"
        twice = db.duplicate_value(con)
        if twice:
            raise IngestError(
                files, "a value appears twice", value=" / ".join(map(str, twice)), expected="one row for each"
            )
        _check_plausible(con, files)

    db.build_atomically(path, fill, check)
    return Report(
        path,
        replaced_demo,
        {k: n for k, n in counts.items() if k not in ("meta", "join_report")},
        joins[0],
        batch.notes,
    )


def threshold(meta: dict) -> int:
    """The small-count threshold a database's meta records (as the schema's min_count() reads it)."""
    try:
        return int(meta.get("min_count", privacy.DEFAULT_MIN_COUNT))
    except (TypeError, ValueError):
        return privacy.DEFAULT_MIN_COUNT


def upgrade(path: Path) -> Report:
    """Rebuild ``path`` in the current schema with every row it holds, and the threshold it was built
    with: for a file built before a view or macro the pages read through existed."""
    path = Path(path)
    if not path.exists():
        raise IngestError(
            path, "there is no database here", expected="a database built by `python -m equity`"
        )
    old_meta, old_tables = _existing(path)
    counts: dict[str, int] = {}

    def fill(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("ATTACH '{}' AS old (READ_ONLY)".format(str(path).replace("'", "''")))
        for name in TABLE_ORDER:
            _copy(con, old_tables, name)
        con.execute("DETACH old")
        counts.update({n: con.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in TABLE_ORDER})

    db.build_atomically(path, fill)
    joins = pd.DataFrame(columns=["file", "rows_read", "rows_loaded", "rows_unjoined", "examples"])
    kept = {k: n for k, n in counts.items() if k not in ("meta", "join_report")}
    return Report(
        path, False, kept, joins, [f"Rebuilt in the current schema; threshold {threshold(old_meta)}."]
    )


def _give_back_memory() -> None:
    """Return what reading the files freed to the system before DuckDB builds the new file.

    Arrow's allocator and glibc keep freed memory for reuse, but DuckDB allocates its own: without this
    a national file's parsed text (over 1 GB, already freed) would sit beside the build's memory.
    """
    gc.collect()
    pa.default_memory_pool().release_unused()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _existing(path: Path) -> tuple[dict[str, str], set[str]]:
    """The current database's meta and the tables it has; nothing where there is no database yet."""
    if not path.exists():
        return {}, set()
    try:
        con = db.connect_read_only(path, current=False)
    except db.DatabaseError as exc:
        raise IngestError(
            path,
            f"the current database cannot be read ({exc})",
            expected="a database built by `python -m equity`",
        ) from None
    try:
        with db.cursor(con) as cur:
            meta = dict(cur.execute("SELECT key, value FROM meta").fetchall())
            tables = {
                r[0]
                for r in cur.execute(
                    "SELECT table_name FROM duckdb_tables() WHERE database_name = 'db'"
                ).fetchall()
            }
    finally:
        con.close()
    return meta, tables & set(TABLE_ORDER)


def _insert(con: duckdb.DuckDBPyConnection, table: str, df: pd.DataFrame | None, where: str = "") -> None:
    """Insert a frame's rows (columns by name), optionally only those matching ``where``."""
    if df is None or df.empty:
        return
    # As an Arrow table: DuckDB scans it in place, where a pandas frame of text costs a copy as objects.
    con.register("frame", pa.Table.from_pandas(df, preserve_index=False))
    try:
        cols = ", ".join(df.columns)
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM frame {where}")
    finally:
        con.unregister("frame")


def _copy(con: duckdb.DuckDBPyConnection, old: set[str], table: str, where: str = "", params=None) -> None:
    """Copy the old database's rows of ``table`` (those matching ``where``) into the new one."""
    if table in old:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM old.{table} {where}", params)


def _merge(
    con: duckdb.DuckDBPyConnection, old: set[str], old_meta: dict, batch: Batch, min_count: int
) -> pd.DataFrame:
    """Write the new database: the old tables, less what this source replaces, plus the batch.

    Returns this load's rows of the join report.
    """
    sid = batch.source["source_id"]
    # Sources, indicators and values of this source are replaced whole; others are kept.
    _copy(con, old, "sources", "WHERE source_id <> $1", [sid])
    _insert(con, "sources", pd.DataFrame([batch.source]))
    _merge_areas(con, old, batch.areas)
    replaced = (
        {
            r[0]
            for r in con.execute(
                "SELECT indicator_id FROM old.indicators WHERE source_id = $1", [sid]
            ).fetchall()
        }
        if "indicators" in old
        else set()
    )
    if batch.indicators is not None:
        replaced |= set(batch.indicators["indicator_id"])
    keep = "WHERE indicator_id NOT IN (SELECT unnest($1::VARCHAR[]))"
    _copy(con, old, "indicators", keep, [sorted(replaced)])
    if batch.indicators is not None:
        _insert(con, "indicators", batch.indicators[INDICATOR_COLUMNS])
    _copy(con, old, "indicator_values", keep, [sorted(replaced)])
    _copy(con, old, "national_values", keep, [sorted(replaced)])
    report = _insert_values(con, batch)
    for name in TABLE_ORDER:
        if name in ORG_TABLES:
            if batch.org is not None and name in batch.org:
                _insert(con, name, batch.org[name])
            else:
                _copy(con, old, name)
    _copy(con, old, "join_report", "WHERE source_id <> $1", [sid])
    _insert(con, "join_report", report)
    _insert(con, "withheld", _withheld(con, min_count))
    meta = dict(old_meta)
    meta.update(
        {
            "is_demo": "false",
            "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "min_count": str(min_count),
            "as_of": meta.get("as_of") or dt.date.today().isoformat(),
        }
    )
    meta.setdefault("region_name", _region_name(con))
    _insert(con, "meta", pd.DataFrame({"key": list(meta), "value": list(meta.values())}))
    return report


# The organisation's own tables: kept from the old database unless the batch replaces them whole.
ORG_TABLES = db.ORG_TABLES


def _merge_areas(con: duckdb.DuckDBPyConnection, old: set[str], new: pd.DataFrame | None) -> None:
    """The old areas plus the batch's: the batch's values win column by column, but a column it leaves
    empty (a population-only load has no shapes) keeps what the area had."""
    if new is None or new.empty:
        _copy(con, old, "areas")
    else:
        con.register("new_areas", new.reindex(columns=AREA_COLUMNS))
        try:
            if "areas" in old:
                con.execute(
                    "INSERT INTO areas BY NAME SELECT * FROM old.areas "
                    "WHERE area_id NOT IN (SELECT area_id FROM new_areas)"
                )
                merged = ", ".join(f"coalesce(n.{c}, o.{c}) AS {c}" for c in AREA_COLUMNS if c != "area_id")
                con.execute(
                    f"INSERT INTO areas BY NAME SELECT n.area_id, {merged} "
                    "FROM new_areas n LEFT JOIN old.areas o USING (area_id)"
                )
            else:
                con.execute(f"INSERT INTO areas ({', '.join(AREA_COLUMNS)}) SELECT * FROM new_areas")
        finally:
            con.unregister("new_areas")
    # A county or state population is the sum of its parts where no file gave one and all parts have one.
    for child, parent in (("tract", "county"), ("county", "state")):
        con.execute(
            "UPDATE areas SET population = t.total FROM ("
            "  SELECT parent_id, sum(population) AS total FROM areas WHERE level = $1 "
            "  GROUP BY parent_id HAVING count(population) = count(*)"
            ") t WHERE areas.area_id = t.parent_id AND areas.level = $2 AND areas.population IS NULL",
            [child, parent],
        )


def _insert_values(con: duckdb.DuckDBPyConnection, batch: Batch) -> pd.DataFrame:
    """Insert the batch's values of known areas; the join report row says what did not join."""
    sid = batch.source["source_id"]
    row = {"source_id": sid, "file": ", ".join(batch.files), "rows_read": batch.rows_read}
    if batch.values is not None and len(batch.values):
        values = batch.values.reindex(columns=VALUE_COLUMNS)
        nation = values["area_id"].eq(db.NATION_ID).to_numpy()
        if nation.any():
            values, national = values[~nation], values[nation].drop(columns="area_id")
            _insert(con, "national_values", national)
        known = values["area_id"].isin({r[0] for r in con.execute("SELECT area_id FROM areas").fetchall()})
        # Filtered in DuckDB rather than as values[known]: a copy of a national batch costs hundreds of MB.
        _insert(con, "indicator_values", values, "SEMI JOIN areas USING (area_id)")
        # Computed from the file's rows (age-adjusted companions): not counted as rows read or loaded.
        _insert(con, "indicator_values", batch.derived, "SEMI JOIN areas USING (area_id)")
        unjoined = values.loc[~known.to_numpy(), "area_id"]
        examples = ", ".join(unjoined.drop_duplicates().head(5))
        row |= {
            "rows_loaded": int(known.sum()) + int(nation.sum()),
            "rows_unjoined": len(unjoined),
            "examples": examples or None,
        }
    elif batch.areas is not None:
        row |= {"rows_loaded": len(batch.areas), "rows_unjoined": 0, "examples": None}
    else:
        return pd.DataFrame(columns=["source_id", "file", "rows_read", "rows_loaded", "rows_unjoined"])
    return pd.DataFrame([row])


def _withheld(con: duckdb.DuckDBPyConnection, min_count: int) -> pd.DataFrame:
    """The values to withhold (equity/privacy.py), worked out from the new database.

    Only indicators with counts can give a count away, so only theirs go through complementary
    suppression; an indicator without any (a model-based estimate) withholds just what its source
    suppressed. This keeps national files of estimates out of pandas.
    """
    counted = [
        r[0]
        for r in con.execute(
            f"SELECT indicator_id FROM {EVERY_VALUE} GROUP BY indicator_id "
            "HAVING count(numerator) + count(denominator) > 0"
        ).fetchall()
    ]
    key = ", ".join(privacy.KEY)
    values = con.execute(
        f"SELECT {key}, numerator, denominator, flag FROM {EVERY_VALUE} "
        "WHERE list_contains($1, indicator_id)",
        [counted],
    ).df()
    # Only tracts add up to their county and counties to their state; a ZCTA or a city inside a state
    # does not, so it is no member of the state's set.
    parents = con.execute("SELECT area_id, parent_id FROM areas WHERE level IN ('tract', 'county')").df()
    parents = parents.set_index("area_id")["parent_id"]
    flagged = con.execute(
        f"SELECT {key}, 'small_count' AS reason FROM {EVERY_VALUE} "
        "WHERE flag = 'suppressed' AND NOT list_contains($1, indicator_id)",
        [counted],
    ).df()
    indicators = con.execute("SELECT indicator_id, measure_type FROM indicators").df()
    linked = privacy.companions(indicators, values)
    parts = [privacy.withheld(values, parents, min_count, linked) if len(values) else None, flagged]
    parts = [p for p in parts if p is not None and len(p)]
    return pd.concat(parts, ignore_index=True) if parts else None


def _region_name(con: duckdb.DuckDBPyConnection) -> str:
    for level in ("state", "county", "tract", "zcta", "custom"):
        names = [
            r[0] for r in con.execute("SELECT name FROM areas WHERE level = $1 LIMIT 2", [level]).fetchall()
        ]
        if len(names) == 1:
            return str(names[0])
        if names:
            n = con.execute("SELECT count(*) FROM areas WHERE level = $1", [level]).fetchone()[0]
            return f"{n} " + {"county": "counties", "zcta": "ZIP code areas", "custom": "areas"}.get(
                level, f"{level}s"
            )
    return "Your region"


def _check_plausible(con: duckdb.DuckDBPyConnection, files: str) -> None:
    """Values inside the range their unit allows, and intervals around their values (the nation's too)."""
    for unit, (low, high) in PLAUSIBLE.items():
        bad = con.execute(
            f"SELECT v.indicator_id, v.area_id, v.period, v.value FROM {EVERY_VALUE} v "
            "JOIN indicators i USING (indicator_id) "
            "WHERE i.unit = ? AND (v.value < ? OR v.value > ?) LIMIT 1",
            [unit, low, high],
        ).fetchone()
        if bad:
            raise IngestError(
                files,
                f"{bad[0]} for area {bad[1]} in {bad[2]} is {bad[3]}, outside what a "
                f"{unit.replace('_', ' ')} value can be",
                expected=f"a value from {low} to {high}",
            )
    bad = con.execute(
        f"SELECT indicator_id, area_id, period FROM {EVERY_VALUE} "
        "WHERE ci_low > value OR ci_high < value LIMIT 1"
    ).fetchone()
    if bad:
        raise IngestError(
            files,
            f"the interval of {bad[0]} for area {bad[1]} in {bad[2]} does not contain its value",
            expected="ci_low ≤ value ≤ ci_high",
        )
