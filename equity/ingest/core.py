"""What every loader shares: the batch it produces, errors that say where, and the all-or-nothing build.

A load never touches the database it replaces. It reads the files, builds a new database from the
old one plus the new rows, checks it, and swaps it in (equity.db.build_atomically). Any error leaves
the old file byte for byte as it was.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from equity import db, privacy

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
    national file is never held in memory whole; empty and binary files are refused."""
    with open(path, "rb") as f:
        head = f.read(1 << 16)
        if not head.strip() and not f.read(1):
            raise IngestError(path, "the file is empty", expected="a header row and at least one row of data")
        if b"\x00" in head[:4096]:
            raise IngestError(
                path, "this is not a text file", expected="a CSV file as the publisher released it"
            )
        f.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "latin-1"
    return "utf-8-sig"


def read_head(path: Path, lines: int) -> list[str]:
    """The first lines of a text file, decoded, without reading the rest."""
    with open(path, encoding=text_encoding(path), newline="") as f:
        return [line for _, line in zip(range(lines), f, strict=False)]


def refuse_first(
    path: Path,
    bad: pd.Series,
    problem: str,
    *,
    column: str | None = None,
    values: pd.Series | None = None,
    expected: str | None = None,
    first_row: int = 2,
) -> None:
    """Raise an IngestError for the first row where ``bad`` is true, naming its row, column and value.

    ``first_row`` is the file row of the first data row (2 below one header row).
    """
    if bad.any():
        i = int(bad.to_numpy().argmax())
        raise IngestError(
            path,
            problem,
            row=i + first_row,
            column=column,
            value=None if values is None else values.iloc[i],
            expected=expected,
        )


def read_csv(path: Path, required: list[str], header: int | list[int] = 0, usecols=None) -> pd.DataFrame:
    """A CSV as text columns, with a clear error for a wrong delimiter, missing columns or hostile cells.

    ``usecols`` (a function of a column's name) leaves out columns a loader does not use, which matters
    for memory on national files.
    """
    encoding = text_encoding(path)
    try:
        df = pd.read_csv(
            path, encoding=encoding, dtype=str, keep_default_na=False, header=header, usecols=usecols
        )
    except (pd.errors.ParserError, ValueError) as exc:
        raise IngestError(
            path,
            f"the file could not be read as CSV ({str(exc).splitlines()[0]})",
            expected="comma-separated values with one header row",
        ) from None
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
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise IngestError(
            path,
            f"missing column(s) {', '.join(missing)}",
            value=", ".join(df.columns[:8]),
            expected=f"the columns {', '.join(required)}",
        )
    if df.empty:
        raise IngestError(path, "the file has a header but no rows", expected="at least one row of data")
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
        )
        formula = _formula(cells)
        refuse_first(
            path,
            formula,
            "a cell holds a spreadsheet formula",
            column=column,
            values=cells,
            expected="plain values, not formulas",
        )
    return df


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


def _formula(cells: pd.Series) -> pd.Series:
    """Cells a spreadsheet would run as a formula: '=…', '@…', or '+'/'-' before a letter or '('.

    Written with whole-column string operations: a regular expression with \\s runs cell by cell in
    Python, which took 35 s on a national PLACES file.
    """
    stripped = cells.str.lstrip()
    first = stripped.str.slice(0, 1)
    after_sign = stripped.str.slice(1).str.lstrip().str.slice(0, 1)
    return first.isin(["=", "@"]) | (first.isin(["+", "-"]) & (after_sign.str.isalpha() | after_sign.eq("(")))


def numbers(
    df: pd.DataFrame,
    column: str,
    path: Path,
    *,
    required: bool,
    missing: tuple[str, ...] = ("",),
    header_rows: int = 1,
) -> pd.Series:
    """A column as floats: thousands separators removed, sentinels (e.g. -999) as missing."""
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
    )
    if required:
        refuse_first(
            path,
            absent,
            "a required value is missing",
            column=column,
            expected="a number",
            first_row=first_row,
        )
    return parsed


def geoid(series: pd.Series) -> pd.Series:
    """Census GEOIDs as text with their leading zeros: '1001' -> '01001', '1400000US44001…' -> '44001…'."""
    s = (
        series.astype(str)
        .str.strip()
        .str.replace(r"^\d{7}US", "", regex=True)
        .str.replace(r"\.0$", "", regex=True)
    )
    lengths = {4: 5, 10: 11, 1: 2}  # integers lost their leading zero: county, tract, state
    return s.map(lambda v: v.zfill(lengths[len(v)]) if v.isdigit() and len(v) in lengths else v)


def level_of(area_id: str) -> str:
    return (
        {2: "state", 5: "county", 11: "tract"}.get(len(area_id), "custom") if area_id.isdigit() else "custom"
    )


def parent_of(area_id: str) -> str | None:
    if not area_id.isdigit():
        return None
    return {5: area_id[:2], 11: area_id[:5]}.get(len(area_id))


# ---- building the new database -------------------------------------------------------------------------


def load(path: Path, batch: Batch, min_count: int = privacy.DEFAULT_MIN_COUNT) -> Report:
    """Build a new database from the current one plus ``batch``, check it, and swap it in."""
    path = Path(path)
    old = _read_existing(path)
    replaced_demo = old is not None and old["meta"].get("is_demo") == "true"
    if replaced_demo:
        old = None
    tables = _merge(old, batch, min_count)
    counts: dict[str, int] = {}

    def fill(con: duckdb.DuckDBPyConnection) -> None:
        for name in TABLE_ORDER:
            df = tables.get(name)
            if df is None or df.empty:
                continue
            con.register("frame", df)
            try:
                cols = ", ".join(df.columns)
                con.execute(f"INSERT INTO {name} ({cols}) SELECT {cols} FROM frame")
            finally:
                con.unregister("frame")

    def check(con: duckdb.DuckDBPyConnection) -> None:
        for name in TABLE_ORDER:
            counts[name] = con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        _check_plausible(con, ", ".join(batch.files) or "the new database")

    db.build_atomically(path, fill, check)
    joins = tables["join_report"]
    return Report(
        path,
        replaced_demo,
        {k: n for k, n in counts.items() if k not in ("meta", "join_report")},
        joins[joins["source_id"] == batch.source["source_id"]],
        batch.notes,
    )


def _read_existing(path: Path) -> dict | None:
    if not path.exists():
        return None
    try:
        con = db.connect_read_only(path)
    except db.DatabaseError as exc:
        raise IngestError(
            path,
            f"the current database cannot be read ({exc})",
            expected="a database built by `python -m equity`",
        ) from None
    try:
        with db.cursor(con) as cur:
            tables = {t: cur.execute(f"SELECT * FROM {t}").df() for t in TABLE_ORDER if t != "withheld"}
    finally:
        con.close()
    tables["meta"] = dict(zip(tables["meta"]["key"], tables["meta"]["value"], strict=True))
    return tables


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


def _merge(old: dict | None, batch: Batch, min_count: int) -> dict[str, pd.DataFrame]:
    """The new database's tables: the old ones, less what this source replaces, plus the batch."""
    sid = batch.source["source_id"]
    t = {name: df.copy() for name, df in (old or {}).items() if name != "meta"}
    for name in TABLE_ORDER[1:]:
        t.setdefault(name, None)
    # Areas: the batch's rows win, but an area loaded without a shape keeps the shape it had.
    areas = t["areas"] if t["areas"] is not None else _empty(AREA_COLUMNS)
    if batch.areas is not None and len(batch.areas):
        new = batch.areas.reindex(columns=AREA_COLUMNS).set_index("area_id")
        prev = areas.set_index("area_id")
        both = new.index.intersection(prev.index)
        # Update the known areas column by column, in the old table's types: a column the batch
        # leaves empty (a population-only load has no shapes) keeps what the area had.
        updated = prev.loc[both].copy()
        for column in new.columns:
            given = new.loc[both, column].notna()
            updated.loc[given[given].index, column] = new.loc[both, column][given]
        areas = pd.concat([prev.drop(index=both), updated, new.drop(index=both)]).reset_index()
    t["areas"] = _roll_up_population(areas)
    # Sources, indicators and values of this source are replaced whole; others are kept.
    sources = t["sources"] if t["sources"] is not None else _empty(list(batch.source))
    t["sources"] = pd.concat(
        [sources[sources["source_id"] != sid], pd.DataFrame([batch.source])], ignore_index=True
    )
    inds = t["indicators"] if t["indicators"] is not None else _empty(INDICATOR_COLUMNS)
    replaced = set(inds.loc[inds["source_id"] == sid, "indicator_id"])
    if batch.indicators is not None:
        replaced |= set(batch.indicators["indicator_id"])
        inds = pd.concat(
            [inds[~inds["indicator_id"].isin(replaced)], batch.indicators[INDICATOR_COLUMNS]],
            ignore_index=True,
        )
    t["indicators"] = inds
    values = t["indicator_values"] if t["indicator_values"] is not None else _empty(VALUE_COLUMNS)
    values = values[~values["indicator_id"].isin(replaced)]
    joins = (
        t["join_report"]
        if t["join_report"] is not None
        else _empty(["source_id", "file", "rows_read", "rows_loaded", "rows_unjoined", "examples"])
    )
    joins = joins[joins["source_id"] != sid]
    if batch.values is not None and len(batch.values):
        new = batch.values.reindex(columns=VALUE_COLUMNS)
        known = new["area_id"].isin(set(areas["area_id"]))
        unjoined = new.loc[~known, "area_id"]
        examples = ", ".join(unjoined.drop_duplicates().head(5))
        joins = pd.concat(
            [
                joins,
                pd.DataFrame(
                    [
                        {
                            "source_id": sid,
                            "file": ", ".join(batch.files),
                            "rows_read": batch.rows_read,
                            "rows_loaded": int(known.sum()),
                            "rows_unjoined": int((~known).sum()),
                            "examples": examples or None,
                        }
                    ]
                ),
            ],
            ignore_index=True,
        )
        values = pd.concat([values, new[known]], ignore_index=True)
        if batch.derived is not None:  # computed from the file's rows: not counted as rows read or loaded
            derived = batch.derived.reindex(columns=VALUE_COLUMNS)
            values = pd.concat(
                [values, derived[derived["area_id"].isin(set(areas["area_id"]))]], ignore_index=True
            )
    elif batch.areas is not None:
        joins = pd.concat(
            [
                joins,
                pd.DataFrame(
                    [
                        {
                            "source_id": sid,
                            "file": ", ".join(batch.files),
                            "rows_read": batch.rows_read,
                            "rows_loaded": len(batch.areas),
                            "rows_unjoined": 0,
                            "examples": None,
                        }
                    ]
                ),
            ],
            ignore_index=True,
        )
    t["indicator_values"] = values
    t["join_report"] = joins
    for name, df in (batch.org or {}).items():
        t[name] = df
    parents = areas.set_index("area_id")["parent_id"]
    t["withheld"] = (
        privacy.withheld(values, parents, min_count, privacy.companions(t["indicators"], values))
        if len(values)
        else None
    )
    meta = dict((old or {}).get("meta", {}))
    meta.update(
        {
            "is_demo": "false",
            "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "min_count": str(min_count),
            "as_of": meta.get("as_of") or dt.date.today().isoformat(),
        }
    )
    meta.setdefault("region_name", _region_name(areas))
    t["meta"] = pd.DataFrame({"key": list(meta), "value": list(meta.values())})
    return {k: v for k, v in t.items() if v is not None}


def _roll_up_population(areas: pd.DataFrame) -> pd.DataFrame:
    """A county or state population as the sum of its parts, where no file gave one and all parts have one."""
    areas = areas.copy()
    for child, parent in (("tract", "county"), ("county", "state")):
        kids = areas[areas["level"] == child]
        totals = kids.groupby("parent_id")["population"].agg(lambda p: p.sum() if p.notna().all() else None)
        missing = (areas["level"] == parent) & areas["population"].isna()
        areas.loc[missing, "population"] = areas.loc[missing, "area_id"].map(totals)
    return areas


def _region_name(areas: pd.DataFrame) -> str:
    for level in ("state", "county", "tract", "zcta", "custom"):
        names = areas.loc[areas["level"] == level, "name"]
        if len(names) == 1:
            return str(names.iloc[0])
        if len(names) > 1:
            return f"{len(names)} {level if level != 'county' else 'countie'}s"
    return "Your region"


def _check_plausible(con: duckdb.DuckDBPyConnection, files: str) -> None:
    """Values inside the range their unit allows, and intervals around their values."""
    for unit, (low, high) in PLAUSIBLE.items():
        bad = con.execute(
            "SELECT v.indicator_id, v.area_id, v.period, v.value FROM indicator_values v "
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
        "SELECT indicator_id, area_id, period FROM indicator_values "
        "WHERE ci_low > value OR ci_high < value LIMIT 1"
    ).fetchone()
    if bad:
        raise IngestError(
            files,
            f"the interval of {bad[0]} for area {bad[1]} in {bad[2]} does not contain its value",
            expected="ci_low ≤ value ≤ ci_high",
        )
