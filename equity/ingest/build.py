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
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from equity import db, privacy
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
# Every value the database holds, the nation's as area 'US' (as published_values shows them).
EVERY_VALUE = (
    "(SELECT * FROM indicator_values UNION ALL BY NAME "
    f"SELECT *, '{db.NATION_ID}' AS area_id FROM national_values)"
)


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
ORG_TABLES = TABLE_ORDER[TABLE_ORDER.index("partners") : TABLE_ORDER.index("join_report")]


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
