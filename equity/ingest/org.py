"""The organisation's own tables (kind ``org``): partners, programs, their sites, metrics, results and reach,
partner roles, commitments, community input and the actions taken on it.

``python -m equity ingest org partners.csv programs.csv ...``: each CSV is named after its table and has
that table's columns (data/schema.sql; header order free, optional columns may be left out or empty).
The Data & methods page offers each table as a template: the current database's rows, in these columns.

Every table given replaces the database's copy of that table whole; tables not given are kept. Before
anything is built, each file is checked: its columns, types (dates as YYYY-MM-DD, numbers, booleans as
true or false), the allowed values of coded columns, unique keys, and references between the tables given
and those kept (a program's lead partner must be in the partners given, or in the database's partners if
none are given). Loading into the demo replaces the demo, so then every table referred to must be loaded
too (and areas come from a ``boundaries`` load made first).

One Excel workbook (``.xlsx``, one sheet per table, the sheet named after its table) is read too when
``openpyxl`` is installed; otherwise save each sheet as CSV. The load is recorded as one source,
``org`` ("Your organisation's tables") unless ``--name`` says otherwise.
"""

from __future__ import annotations

import importlib.util
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from equity import db
from equity.ingest.core import Batch, IngestError, numbers, read_csv
from equity.ingest.generic import FALSE, TRUE


@dataclass(frozen=True)
class Col:
    name: str
    type: str = "text"  # text, date, float, int, year, bool
    required: bool = True
    allowed: tuple[str, ...] = ()
    ref: tuple[str, str] | None = None  # (table, column) it refers to
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Table:
    key: tuple[str, ...]
    columns: tuple[Col, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


PARTNER_KINDS = (
    "health_system", "community_organization", "public_agency", "foundation", "school", "faith_based",
    "local_leader",
)  # fmt: skip
PARTNER = ("partners", "partner_id")
PROGRAM = ("programs", "program_id")
AREA = ("areas", "area_id")

# Every organisation table of data/schema.sql, in an order where each refers only to tables before it.
TABLES: dict[str, Table] = {
    "partners": Table(("partner_id",), (Col("partner_id"), Col("name"), Col("kind", allowed=PARTNER_KINDS))),
    "programs": Table(
        ("program_id",),
        (
            Col("program_id"),
            Col("name"),
            Col("kind"),
            Col("description"),
            Col("lead_partner_id", ref=PARTNER),
            Col("start_date", "date"),
        ),
    ),
    "program_sites": Table(
        ("site_id",),
        (
            Col("site_id"),
            Col("program_id", ref=PROGRAM),
            Col("name"),
            Col("area_id", required=False, ref=AREA),
            Col("lon", "float", low=-180, high=180),
            Col("lat", "float", low=-90, high=90),
        ),
    ),
    "program_metrics": Table(
        ("metric_id",),
        (
            Col("metric_id"),
            Col("program_id", ref=PROGRAM),
            Col("label"),
            Col("unit"),
            Col("higher_is_better", "bool"),
        ),
    ),
    "program_results": Table(
        ("metric_id", "period"),
        (
            Col("metric_id", ref=("program_metrics", "metric_id")),
            Col("period", "date"),
            Col("value", "float", required=False),
            Col("target", "float", required=False),
        ),
    ),
    "program_reach": Table(
        ("program_id", "area_id", "period", "group_dim", "group_label"),
        (
            Col("program_id", ref=PROGRAM),
            Col("area_id", ref=AREA),
            Col("period", "year"),
            Col("group_dim"),
            Col("group_label"),
            Col("people", "int", low=0),
        ),
    ),
    "partner_roles": Table(
        ("program_id", "partner_id"),
        (
            Col("program_id", ref=PROGRAM),
            Col("partner_id", ref=PARTNER),
            Col("role"),
            Col("decision_authority", allowed=("decides", "shares", "advises", "informed")),
        ),
    ),
    "commitments": Table(
        ("commitment_id",),
        (
            Col("commitment_id"),
            Col("partner_id", ref=PARTNER),
            Col("program_id", required=False, ref=PROGRAM),
            Col("description"),
            Col("owner"),
            Col("made_on", "date"),
            Col("due_date", "date"),
            Col("status", allowed=("done", "in_progress", "not_started", "dropped")),
            Col("completed_on", "date", required=False),
        ),
    ),
    "community_input": Table(
        ("input_id",),
        (
            Col("input_id"),
            Col("method", allowed=("survey", "focus_group", "listening_session")),
            Col("collected_on", "date"),
            Col("area_id", required=False, ref=AREA),
            Col("group_dim"),
            Col("group_label"),
            Col("topic"),
            Col("priority_rank", "int", low=1),
            Col("participants", "int", low=0),
            Col("summary"),
        ),
    ),
    "actions": Table(
        ("action_id",),
        (
            Col("action_id"),
            Col("input_id", ref=("community_input", "input_id")),
            Col("partner_id", required=False, ref=PARTNER),
            Col("description"),
            Col("status", allowed=("planned", "in_progress", "done")),
            Col("updated_on", "date"),
        ),
    ),
}
EXPECTED_TYPE = {
    "text": "a value",
    "date": "a date as YYYY-MM-DD, e.g. 2024-03-01",
    "float": "a number",
    "int": "a whole number",
    "year": "a four-digit year such as 2024",
    "bool": "true or false",
}


def read(files: list[Path], source: dict, path: Path) -> Batch:
    """Read and check the tables in ``files`` against each other and the database at ``path``."""
    given: dict[str, pd.DataFrame] = {}
    shown: dict[str, str] = {}  # table -> the file (or workbook sheet) it came from, for messages
    with tempfile.TemporaryDirectory(prefix="equity_org_") as tmp:
        for f in files:
            for table, csv_path in _table_files(Path(f), Path(tmp)):
                if table in given:
                    raise IngestError(
                        csv_path,
                        f"the table {table} is given twice (also in {shown[table]})",
                        expected="each table once",
                    )
                given[table] = _read_table(csv_path, table)
                shown[table] = csv_path.name
    is_demo, existing = _existing(path, given)
    _check_references(given, shown, is_demo, existing)
    stems = [Path(f).stem for f in files]
    name = source["name"] if source["name"] not in stems else "Your organisation's tables"
    source = {
        **source,
        "source_id": "org",
        "name": name,
        "vintage": source["vintage"] if source["vintage"] != "unknown" else str(pd.Timestamp.now().date()),
    }
    order = [t for t in TABLES if t in given]
    return Batch(
        source=source,
        files=[shown[t] for t in order],
        rows_read=sum(len(df) for df in given.values()),
        org={t: given[t].drop(columns="_row") for t in order},
    )


# ---- which file holds which table ------------------------------------------------------------------------


def _unknown(path: Path, name: str, what: str) -> IngestError:
    return IngestError(
        path,
        f"unknown table {name!r}: the {what} says which table it holds",
        value=name,
        expected="one of " + ", ".join(TABLES),
    )


def _table_files(path: Path, tmp: Path) -> list[tuple[str, Path]]:
    """(table, CSV file) pairs: a CSV named after its table, or each sheet of an Excel workbook."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        return _workbook(path, tmp)
    table = path.stem.strip().lower()
    if table not in TABLES:
        raise _unknown(path, path.stem, "file name")
    return [(table, path)]


def _workbook(path: Path, tmp: Path) -> list[tuple[str, Path]]:
    if path.suffix.lower() != ".xlsx" or importlib.util.find_spec("openpyxl") is None:
        raise IngestError(
            path,
            "Excel workbooks cannot be read here"
            + ("" if path.suffix.lower() != ".xlsx" else " (the openpyxl package is not installed)"),
            expected="each sheet saved as CSV (File → Save as → CSV), named after its table: "
            + ", ".join(f"{t}.csv" for t in TABLES),
        )
    try:
        sheets = pd.read_excel(path, sheet_name=None, dtype=str, keep_default_na=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise IngestError(
            path, f"the workbook could not be read ({exc})", expected="an .xlsx workbook"
        ) from None
    out = []
    for sheet, df in sheets.items():
        table = str(sheet).strip().lower()
        if table not in TABLES:
            raise _unknown(path, str(sheet), "sheet name")
        csv_path = tmp / f"{path.name} sheet {table}"
        # Dates typed into Excel come back with a time of day; keep the day.
        df = df.apply(lambda s: s.str.replace(r"^(\d{4}-\d\d-\d\d) 00:00:00$", r"\1", regex=True))
        df.to_csv(csv_path, index=False)
        out.append((table, csv_path))
    return out


# ---- one table -----------------------------------------------------------------------------------------


def _read_table(path: Path, table: str) -> pd.DataFrame:
    spec = TABLES[table]
    df = read_csv(path, [c.name for c in spec.columns if c.required])
    extra = [c for c in df.columns if c not in spec.names]
    if extra:
        raise IngestError(
            path,
            f"unknown column(s) {', '.join(extra)} for the table {table}",
            value=", ".join(extra),
            expected="only the columns " + ", ".join(spec.names),
        )
    out = pd.DataFrame(index=df.index)
    for col in spec.columns:
        raw = df[col.name] if col.name in df else pd.Series("", index=df.index)
        out[col.name] = _column(path, col, raw.str.strip())
    out["_row"] = range(2, len(df) + 2)
    dup = out.duplicated(list(spec.key), keep=False)
    if dup.any():
        rows = out.loc[dup]
        first = rows.iloc[0]
        same = rows[(rows[list(spec.key)] == first[list(spec.key)]).all(axis=1)]
        shown = " / ".join(str(first[k].date() if k == "period" and table == "program_results" else first[k])
                           for k in spec.key)  # fmt: skip
        raise IngestError(
            path,
            f"rows {same['_row'].iloc[0]} and {same['_row'].iloc[1]} have the same {' and '.join(spec.key)}",
            row=int(same["_row"].iloc[1]),
            column=spec.key[0] if len(spec.key) == 1 else None,
            value=shown,
            expected="one row for each",
        )
    return out


def _fail(path: Path, col: Col, raw: pd.Series, bad: pd.Series, problem: str, expected: str) -> None:
    if bad.any():
        i = int(bad.to_numpy().argmax())
        raise IngestError(
            path, problem, row=i + 2, column=col.name, value=raw.iloc[i] or None, expected=expected
        )


def _column(path: Path, col: Col, raw: pd.Series) -> pd.Series:
    """One column, checked and converted to its type; empty cells become missing values."""
    empty = raw.eq("")
    if col.required:
        _fail(path, col, raw, empty, "a required value is missing", EXPECTED_TYPE[col.type])
    if col.type == "text":
        if col.allowed:
            value = raw.str.lower()
            _fail(
                path,
                col,
                raw,
                ~value.isin(col.allowed) & ~empty,
                "not one of the allowed values",
                ", ".join(col.allowed),
            )
        else:
            value = raw
        return value.where(~empty, None).astype(object)
    if col.type == "date":
        day = raw.str.replace(r"[ T]00:00(:00)?$", "", regex=True)
        parsed = pd.to_datetime(
            day.where(day.str.fullmatch(r"\d{4}-\d\d-\d\d")), format="%Y-%m-%d", errors="coerce"
        )
        _fail(path, col, raw, parsed.isna() & ~empty, "not a date", EXPECTED_TYPE["date"])
        return parsed
    if col.type == "bool":
        value = raw.str.lower()
        _fail(path, col, raw, ~value.isin(TRUE | FALSE) & ~empty, "not true or false", "true or false")
        return value.map(lambda v: None if v == "" else v in TRUE).astype("boolean")
    if col.type == "year":
        _fail(
            path, col, raw, ~raw.str.fullmatch(r"(19|20)\d\d") & ~empty, "not a year", EXPECTED_TYPE["year"]
        )
        return pd.to_numeric(raw.where(~empty)).astype("Int64")
    value = numbers(pd.DataFrame({col.name: raw}), col.name, path, required=col.required)
    if col.type == "int":
        _fail(path, col, raw, value.notna() & (value % 1 != 0), "not a whole number", EXPECTED_TYPE["int"])
    if col.low is not None or col.high is not None:
        low = col.low if col.low is not None else float("-inf")
        high = col.high if col.high is not None else float("inf")
        outside = value.notna() & ((value < low) | (value > high))
        expected = f"{low:g} or more" if col.high is None else f"a value from {low:g} to {high:g}"
        _fail(path, col, raw, outside, "out of range", expected)
    return value.astype("Int64") if col.type == "int" else value.astype(float)


# ---- references between tables -----------------------------------------------------------------------


def _refs() -> list[tuple[str, Col]]:
    return [(t, c) for t, spec in TABLES.items() for c in spec.columns if c.ref]


def _existing(path: Path, given: dict[str, pd.DataFrame]) -> tuple[bool, dict[tuple[str, str], set]]:
    """Whether ``path`` is the demo, and the ids the tables kept by this load hold (none for the demo)."""
    wanted = set()
    for table, col in _refs():
        target = col.ref
        if table in given and target[0] not in given:
            wanted.add(target)  # ids a given table may refer to
        if table not in given and target[0] in given:
            wanted.add((table, col.name))  # ids a kept table refers to, which must survive
    if not Path(path).exists():
        return False, {}
    try:
        con = db.connect_read_only(Path(path))
    except db.DatabaseError:
        return False, {}  # the load itself says why the database cannot be read
    try:
        with db.cursor(con) as cur:
            meta = dict(cur.execute("SELECT key, value FROM meta").fetchall())
            if meta.get("is_demo") == "true":
                return True, {}
            out = {}
            for table, column in sorted(wanted):
                rows = cur.execute(f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL")
                out[(table, column)] = {r[0] for r in rows.fetchall()}
            return False, out
    finally:
        con.close()


def _check_references(
    given: dict[str, pd.DataFrame], shown: dict[str, str], is_demo: bool, existing: dict[tuple[str, str], set]
) -> None:
    demo_note = " (the demo database is replaced by this load, so nothing of it is kept)" if is_demo else ""
    for table, col in _refs():
        target, target_col = col.ref
        if table in given:
            df = given[table]
            if target in given:
                known = set(given[target][target_col].dropna())
                expected = f"a {target_col} listed in {shown[target]}"
            elif target == "areas":
                known = existing.get(col.ref, set())
                expected = "the area_id of an area in the database (load boundaries first)" + demo_note
            else:
                known = existing.get(col.ref, set())
                expected = (
                    f"a {target_col} of the database's {target}, or load {target}.csv with this file"
                    + demo_note
                )
            if not col.required:
                expected += ", or empty"
            values = df[col.name]
            bad = values.notna() & ~values.isin(known)
            if bad.any():
                i = int(bad.to_numpy().argmax())
                raise IngestError(
                    shown[table],
                    f"unknown {target_col.removesuffix('_id').replace('_', ' ')}",
                    row=int(df["_row"].iloc[i]),
                    column=col.name,
                    value=values.iloc[i],
                    expected=expected,
                )
        elif target in given and not is_demo:
            still = existing.get((table, col.name), set()) - set(given[target][target_col].dropna())
            if still:
                value = sorted(still)[0]
                raise IngestError(
                    shown[target],
                    f"the database's {table} (kept, as no {table}.csv is loaded) still refer to the "
                    f"{target_col} shown, which this file no longer has",
                    column=target_col,
                    value=value,
                    expected=f"every {target_col} the kept {table} use, or load {table}.csv too",
                )


def template_columns() -> dict[str, list[str]]:
    """Each organisation table's columns, in the schema's order (the templates' headers)."""
    return {t: spec.names for t, spec in TABLES.items()}


__all__ = ["TABLES", "read", "template_columns"]
