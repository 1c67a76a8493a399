"""Building the database a load makes: the batch the loaders produce, and the all-or-nothing build.

A load never touches the database it replaces. It reads the files (equity/ingest/read.py), builds a new
database from the old one plus the new rows, checks it, and swaps it in (equity.db.build_atomically).
Any error leaves the old file byte for byte as it was.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from equity import db, privacy, queries, text
from equity.ingest import words
from equity.ingest.read import PLAUSIBLE, IngestError

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


def assemble(
    files: list[Path],
    source: dict,
    values: pd.DataFrame,
    indicators: pd.DataFrame | None,
    *,
    areas: pd.DataFrame | None = None,
    key: list[str] | None = None,
    twice: str = "",
    expected: str = "",
    shown: list[str] | None = None,
    dated: bool = True,
) -> Batch:
    """The tail of every loader of files of values: each value given once, the source's vintage from the
    values' years where none was given (``dated``), and the batch.

    ``key`` (where given): the columns by which each value is given once. A second row is refused as
    ``twice``, naming its file and row (the values' ``_file`` and ``_row``), its ``shown`` columns (the
    key's by default) and what was ``expected``.
    """
    if key is not None:
        dup = values.duplicated(key, keep=False)
        if dup.any():
            first = values[dup].iloc[0]
            raise IngestError(
                first["_file"],
                twice,
                row=int(first["_row"]),
                value=" / ".join(str(first[k]) for k in shown or key),
                expected=expected,
            )
    if dated and source.get("vintage") in (None, "", "unknown"):
        source["vintage"] = ", ".join(sorted({str(p) for p in values["period"]}))
    # The files' rows, not their values: a wide row (an SVI county, a CHR county) holds many values.
    rows_read = (
        len(values[["_file", "_row"]].drop_duplicates()) if {"_file", "_row"} <= set(values) else len(values)
    )
    return Batch(
        source=source,
        areas=areas,
        indicators=indicators,
        values=values.drop(columns=["_file", "_row"], errors="ignore"),
        files=[Path(f).name for f in files],
        rows_read=rows_read,
    )


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
        out.append(
            ", ".join(
                f"{n:,} {t[:-1] if n == 1 and t.endswith('s') else t}" for t, n in self.counts.items() if n
            )
        )
        out.extend(load_line(r._asdict()) for r in self.joins.itertuples(index=False))
        out.extend(self.notes)
        return out


# The join report's columns as the database holds them: rows_read counts the files' rows, rows_loaded and
# rows_unjoined the values (or, for boundaries, the areas) that joined an area and did not.
JOIN_COLUMNS = ["source_id", "file", "rows_read", "rows_loaded", "rows_unjoined", "examples"]


def load_line(r: dict) -> str:
    """One load of a file in words: "3,143 rows read; 69,080 values loaded for 3,141 counties; 66 values
    for 2 counties did not join the boundaries (for example 02063, 02066): <why>".

    ``r`` is a row of the join report, with what the load knew beside it (``joined`` and ``unjoined``:
    the kinds and numbers of areas; ``cause``: why rows did not join); a row of an older database has
    only the stored columns.
    """
    line = f"{r['file']}: {r['rows_read']:,} rows read"
    joined, unjoined = r.get("joined"), r.get("unjoined")
    if r.get("areas_only"):
        line += f"; {r.get('areas_words') or format(r['rows_loaded'], ',') + ' areas'} loaded"
    else:
        line += f"; {r['rows_loaded']:,} values loaded"
        if joined:
            line += f" for {words.count(r['areas_joined'], joined)}"
    if r["rows_unjoined"]:
        line += f"; {r['rows_unjoined']:,} values"
        if unjoined:
            line += f" for {words.count(r['areas_unjoined'], unjoined)}"
        line += f" did not join the boundaries (for example {r['examples']})"
        line += (
            f": {r['cause']}" if r.get("cause") else ": load boundaries of the same vintage to include them"
        )
    return line


@dataclass
class Current:
    """The database a load replaces, open read-only: its meta and its tables (of db.TABLE_ORDER), none
    where there is no database yet. A load into the demo replaces it: it keeps none of the demo's rows."""

    con: duckdb.DuckDBPyConnection | None
    meta: dict[str, str]
    tables: set[str]

    @property
    def is_demo(self) -> bool:
        return self.meta.get("is_demo") == "true"

    @property
    def kept_meta(self) -> dict[str, str]:
        return {} if self.is_demo else self.meta

    @property
    def kept_tables(self) -> set[str]:
        return set() if self.is_demo else self.tables

    def kept(self, name: str, params: dict | None = None) -> pd.DataFrame | None:
        """The rows of query ``name`` (equity/queries.py) that a load keeps: None where there is no database
        yet, or the demo is to be replaced."""
        if self.con is None or self.is_demo:
            return None
        return queries.run(self.con, name, params)


@contextlib.contextmanager
def current(path: Path, *, older: bool = False) -> Iterator[Current]:
    """The database at ``path`` that a load replaces, open read-only while the block runs; an IngestError
    where it cannot be read. ``older`` opens one built by an earlier version of the dashboard too (the
    load and the upgrade copy it into the current schema)."""
    path = Path(path)
    if not path.exists():
        yield Current(None, {}, set())
        return
    try:
        con = db.connect_read_only(path, current=not older)
    except db.DatabaseError as exc:
        raise IngestError(
            path,
            f"the current database cannot be read ({exc})",
            expected="a database built by `python -m equity`",
        ) from None
    try:
        meta = dict(queries.run(con, "meta").itertuples(index=False))
        with db.cursor(con) as cur:
            tables = db.tables(cur) & set(TABLE_ORDER)
        yield Current(con, meta, tables)
    finally:
        con.close()


def load(path: Path, batch: Batch, min_count: int | None = None) -> Report:
    """Build a new database from the current one plus ``batch``, check it, and swap it in.

    The current database is ATTACHed to the new one and its rows copied table by table in DuckDB,
    not read into pandas: a national file's worth of values stays out of Python's memory.
    ``min_count`` is the small-count threshold; by default the current database's (so a database
    built with ``--min-count 20`` keeps withholding 1 to 19 after every load), else 11.
    """
    path = Path(path)
    _give_back_memory()
    with current(path, older=True) as old:
        replaced_demo = old.is_demo
        if min_count is None:
            min_count = threshold(old.meta)  # the demo's too: a demo built with --min-count 20 keeps it
        old_meta, old_tables = old.kept_meta, old.kept_tables
    counts: dict[str, int] = {}
    joins: list[pd.DataFrame] = []

    def fill(con: duckdb.DuckDBPyConnection) -> None:
        queries.execute(con, "build/every_value")
        if old_tables:
            db.attach_read_only(con, path, "old")
        joins.append(_merge(con, old_tables, old_meta, batch, min_count))
        if old_tables:
            queries.execute(con, "build/detach_old")

    def check(con: duckdb.DuckDBPyConnection) -> None:
        counts.update(_counts(con))
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
    with current(path, older=True) as old:
        old_meta, old_tables = old.meta, old.tables
    counts: dict[str, int] = {}

    def fill(con: duckdb.DuckDBPyConnection) -> None:
        db.attach_read_only(con, path, "old")
        for name in TABLE_ORDER:
            _copy(con, old_tables, name)
        queries.execute(con, "build/detach_old")
        counts.update(_counts(con))

    db.build_atomically(path, fill)
    joins = pd.DataFrame(columns=JOIN_COLUMNS)
    kept = {k: n for k, n in counts.items() if k not in ("meta", "join_report")}
    return Report(
        path, False, kept, joins, [f"Rebuilt in the current schema; threshold {threshold(old_meta)}."]
    )


def _counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """The rows of every table of the new database."""
    return {name: queries.execute(con, "build/count", table=name).fetchone()[0] for name in TABLE_ORDER}


def _give_back_memory() -> None:
    """Return what reading the files freed to the system before DuckDB builds the new file.

    Arrow's allocator and glibc keep freed memory for reuse, but DuckDB allocates its own: without this
    a national file's parsed text (over 1 GB, already freed) would sit beside the build's memory.
    """
    gc.collect()
    pa.default_memory_pool().release_unused()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _insert(
    con: duckdb.DuckDBPyConnection, table: str, df: pd.DataFrame | None, query: str = "build/insert"
) -> None:
    """Insert a frame's rows (columns by name) with ``query``: all of them, or build/insert_known_areas."""
    if df is None or df.empty:
        return
    # As an Arrow table: DuckDB scans it in place, where a pandas frame of text costs a copy as objects.
    con.register("frame", pa.Table.from_pandas(df, preserve_index=False))
    try:
        queries.execute(con, query, table=table)
    finally:
        con.unregister("frame")


def _copy(
    con: duckdb.DuckDBPyConnection, old: set[str], table: str, query: str = "build/copy", params=None
) -> None:
    """Copy the old database's rows of ``table`` into the new one with ``query``: all of them, or those
    build/copy_other_sources or build/copy_other_indicators keep."""
    if table in old:
        queries.execute(con, query, params, table=table)


def _merge(
    con: duckdb.DuckDBPyConnection, old: set[str], old_meta: dict, batch: Batch, min_count: int
) -> pd.DataFrame:
    """Write the new database: the old tables, less what this source replaces, plus the batch.

    Returns this load's rows of the join report.
    """
    sid = batch.source["source_id"]
    # Sources, indicators and values of this source are replaced whole; others are kept.
    other_sources = {"source_id": sid}
    _copy(con, old, "sources", "build/copy_other_sources", other_sources)
    _insert(con, "sources", pd.DataFrame([batch.source]))
    _merge_areas(con, old, batch.areas)
    replaced = (
        {r[0] for r in queries.execute(con, "build/indicators_of_source", other_sources).fetchall()}
        if "indicators" in old
        else set()
    )
    if batch.indicators is not None:
        replaced |= set(batch.indicators["indicator_id"])
    keep = {"replaced": sorted(replaced)}
    _copy(con, old, "indicators", "build/copy_other_indicators", keep)
    if batch.indicators is not None:
        _insert(con, "indicators", batch.indicators[INDICATOR_COLUMNS])
    _copy(con, old, "indicator_values", "build/copy_other_indicators", keep)
    _copy(con, old, "national_values", "build/copy_other_indicators", keep)
    report = _insert_values(con, batch)
    for name in TABLE_ORDER:
        if name in ORG_TABLES:
            if batch.org is not None and name in batch.org:
                _insert(con, name, batch.org[name])
            else:
                _copy(con, old, name)
    _copy(con, old, "join_report", "build/copy_other_sources", other_sources)
    _insert(con, "join_report", report.reindex(columns=JOIN_COLUMNS) if len(report) else None)
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
    # Of what is loaded now, not of the first load.
    meta["region_name"] = _region_name(con, meta.get("nation_name") or text.NATION_NAME)
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
                queries.execute(con, "build/copy_areas_not_given")
                queries.execute(con, "build/merge_given_areas")
            else:
                queries.execute(con, "build/insert_given_areas")
        finally:
            con.unregister("new_areas")
    # A county or state population is the sum of its parts where no file gave one and all parts have one.
    for child, parent in (("tract", "county"), ("county", "state")):
        queries.execute(con, "build/sum_populations", {"child": child, "parent": parent})


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
        areas = {r[0] for r in queries.execute(con, "build/area_ids").fetchall()}
        known = values["area_id"].isin(areas)
        # Filtered in DuckDB rather than as values[known]: a copy of a national batch costs hundreds of MB.
        _insert(con, "indicator_values", values, "build/insert_known_areas")
        # Computed from the file's rows (age-adjusted companions): not counted as rows read or loaded.
        _insert(con, "indicator_values", batch.derived, "build/insert_known_areas")
        unjoined = values.loc[~known.to_numpy(), "area_id"].drop_duplicates()
        joined = values.loc[known.to_numpy(), "area_id"].drop_duplicates()
        examples = ", ".join(unjoined.head(5))
        row |= {
            "rows_loaded": int(known.sum()) + int(nation.sum()),
            "rows_unjoined": int((~known).sum()),
            "examples": examples or None,
            # Beside the stored columns, for the report's words only:
            "areas_joined": len(joined),
            "joined": (words.kinds(joined) or [None])[0],
            "areas_unjoined": len(unjoined),
            "unjoined": (words.kinds(unjoined) or [None])[0],
            "cause": words.unjoined_cause(unjoined, areas) if len(unjoined) else None,
        }
        _refuse_if_nothing_reached(batch, row)
    elif batch.areas is not None:
        row |= {"rows_loaded": len(batch.areas), "rows_unjoined": 0, "examples": None, "areas_only": True}
        row["areas_words"] = words.tally(batch.areas["area_id"])
    else:
        return pd.DataFrame(columns=JOIN_COLUMNS)
    return pd.DataFrame([row])


def _refuse_if_nothing_reached(batch: Batch, row: dict) -> None:
    """Refuse a load of values none of which reaches the dashboard: none joined an area the new database
    holds (the old one's, or those the batch brings, ``Batch.areas``). The refusal says why they did not."""
    if row["rows_loaded"] or not row["rows_unjoined"]:
        return
    raise IngestError(
        ", ".join(batch.files) or "the files",
        f"none of its {row['rows_unjoined']:,} values would reach the dashboard: "
        f"{words.count(row['areas_unjoined'], row['unjoined'])} (for example {row['examples']}) joined none "
        f"of the areas loaded, because {row['cause']}",
    )


def _withheld(con: duckdb.DuckDBPyConnection, min_count: int) -> pd.DataFrame:
    """The values to withhold (equity/privacy.py), worked out from the new database.

    Only indicators with counts can give a count away, so only theirs go through complementary
    suppression; an indicator without any (a model-based estimate) withholds just what its source
    suppressed. This keeps national files of estimates out of pandas.
    """
    counted = {"counted": [r[0] for r in queries.execute(con, "build/counted_indicators").fetchall()]}
    values = queries.execute(con, "build/counted_values", counted).df()
    parents = queries.execute(con, "build/area_parents").df().set_index("area_id")["parent_id"]
    flagged = queries.execute(con, "build/suppressed_uncounted", counted).df()
    indicators = queries.execute(con, "build/measure_types").df()
    linked = privacy.companions(indicators, values)
    parts = [privacy.withheld(values, parents, min_count, linked) if len(values) else None, flagged]
    parts = [p for p in parts if p is not None and len(p)]
    return pd.concat(parts, ignore_index=True) if parts else None


def _region_name(con: duckdb.DuckDBPyConnection, nation: str) -> str:
    """What the sidebar names the database: its one state (or county...), else the nation where more
    than one state is loaded (the regions query then offers it first), else a count of its areas."""
    one = None  # the one state, and its one county (if named): what the dashboard opens on
    for level in ("state", "county", "tract", "zcta", "custom"):
        rows = queries.execute(con, "build/region_names", {"level": level}).fetchall()
        names = [r[0] for r in rows]
        if one is not None:
            named = (
                len(rows) == 1 and level == "county" and not text.is_unnamed(rows[0][0], level, rows[0][1])
            )
            return str(names[0]) if named else one
        if len(names) == 1:
            one = str(names[0])
            continue
        if names and level == "state":
            return nation
        if names:
            n = queries.execute(con, "build/areas_of_level", {"level": level}).fetchone()[0]
            return f"{n} " + {"county": "counties", "zcta": "ZIP code areas", "custom": "areas"}.get(
                level, f"{level}s"
            )
    return one or "Your region"


def _check_plausible(con: duckdb.DuckDBPyConnection, files: str) -> None:
    """Values inside the range their unit allows, and intervals around their values (the nation's too)."""
    for unit, (low, high) in PLAUSIBLE.items():
        bad = queries.execute(con, "build/implausible", {"unit": unit, "low": low, "high": high}).fetchone()
        if bad:
            raise IngestError(
                files,
                f"{bad[0]} for area {bad[1]} in {bad[2]} is {bad[3]}, outside what a "
                f"{unit.replace('_', ' ')} value can be",
                expected=f"a value from {low} to {high}",
            )
    bad = queries.execute(con, "build/outside_interval").fetchone()
    if bad:
        raise IngestError(
            files,
            f"the interval of {bad[0]} for area {bad[1]} in {bad[2]} does not contain its value",
            expected="ci_low ≤ value ≤ ci_high",
        )
