"""The organisation's own tables (kind ``org``): partners, programs, their sites, metrics, results and reach,
partner roles, commitments and their history, community input and the actions taken on it, what
partners contribute, and engagement: who took part in each stage of each program, meetings and the
cadence agreed, trainings given to community partners, milestones.

``python -m equity ingest org partners.csv programs.csv ...`` or ``... ingest org organisation_tables.xlsx``:

- a CSV file is named after its table and has that table's columns (data/schema.sql; header order free,
  optional columns may be left out or empty);
- an Excel workbook (``.xlsx``) holds one sheet per table, each sheet named after its table, with the same
  columns. A workbook named after a table (``programs.xlsx``) may instead hold that table alone, on one
  sheet of any name. Dates may be real Excel dates or text YYYY-MM-DD; whole numbers stored as 1.0 read
  as 1; an area id stored as a number gets back the leading zero a GEOID has (1001 → 01001). Formulas
  and error cells (#N/A) are refused: save the values. Blank rows are skipped, and errors name the
  sheet and its own row numbers. Sheets with nothing on them are ignored.

The Data & methods page offers both forms as templates: the current database's rows in these columns (on
the demo, the worked example), one CSV per table or one workbook with a sheet each.

Every table given replaces the database's copy of that table whole; tables not given (a CSV not named, a
sheet left out of the workbook) are kept. A header row with no rows under it empties that table. Before
anything is built, each file is checked: its columns, types (dates as YYYY-MM-DD, numbers, booleans as
true or false), the allowed values of coded columns, unique keys, and references between the tables given
and those kept (a program's lead partner must be in the partners given, or in the database's partners if
none are given; a table cannot be emptied while kept rows still refer to it), and what a row's columns
must say together (to whom a commitment is owed; that a change in its history records an earlier due
date or status, dated after the promise was made, which is checked where both tables are given). Loading
into the demo replaces the demo, so then every table referred to must be loaded too (and areas come from
a ``boundaries`` load made first). The load is recorded as one source, ``org`` ("Your organisation's
tables") unless ``--name`` says otherwise.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from equity import queries, schema
from equity.ingest import build, health, limits
from equity.ingest.build import Batch
from equity.ingest.generic import FALSE, TRUE
from equity.ingest.read import (
    IngestError,
    check_cells,
    geoid,
    numbers,
    read_csv,
    refuse_first,
    require_columns,
)
from equity.schema import Col, Table

# Every organisation table of data/schema.sql, in its order (each refers only to tables before it): the
# columns, types, keys, references and allowed values the schema declares (equity/schema.py reads them).
TABLES: dict[str, Table] = schema.ORG_TABLES
AREA = ("areas", "area_id")

EXPECTED_TYPE = {
    "text": "a value",
    "date": "a date as YYYY-MM-DD, e.g. 2024-03-01",
    "float": "a number",
    "int": "a whole number",
    "year": "a four-digit year such as 2024",
    "bool": "true or false",
}


@dataclass
class Cells:
    """One table's cells as text, as read from a CSV file or a workbook sheet, before any check of its own."""

    table: str
    where: str  # for messages: the file's name, or "book.xlsx, sheet 'programs'"
    df: pd.DataFrame  # text columns, one row per data row
    rows: np.ndarray  # each data row's number in its file or sheet
    sheet: bool = False  # from a workbook (messages then say "add a sheet", not "load a CSV")


def read(files: list[Path], source: dict, path: Path) -> Batch:
    """Read and check the tables in ``files`` against each other and the database at ``path``."""
    given: dict[str, pd.DataFrame] = {}
    shown: dict[str, str] = {}  # table -> the file (or workbook sheet) it came from, for messages
    sheets: set[str] = set()  # tables that came from a workbook
    for f in files:
        for cells in _tables_in(Path(f)):
            table = cells.table
            if table in given:
                raise IngestError(
                    cells.where,
                    f"the table {table} is given twice (also in {shown[table]})",
                    expected="each table once",
                )
            given[table] = _read_table(cells)
            shown[table] = cells.where
            if cells.sheet:
                sheets.add(table)
    is_demo, existing = _existing(path, given)
    _check_references(given, shown, sheets, is_demo, existing)
    if not is_demo:
        _check_aims(path, given, shown)
    _check_rules(given, shown)
    health.check(given, shown, path)  # partnership health: scales, ratings on them, no tie to oneself
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


def _unknown(where: str | Path, name: str, what: str) -> IngestError:
    return IngestError(
        where,
        f"unknown table {name!r}: the {what} says which table it holds",
        value=name,
        expected="one of " + ", ".join(TABLES),
    )


def _tables_in(path: Path) -> list[Cells]:
    """The tables a file holds: a CSV named after its table, or the sheets of an Excel workbook."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _workbook(path)
    if suffix in (".xls", ".xlsm", ".xlsb", ".ods"):
        raise IngestError(
            path,
            f"{suffix} spreadsheets are not read",
            expected="an Excel workbook saved as .xlsx (File → Save as → Excel Workbook), or each sheet "
            "saved as CSV, named after its table",
        )
    table = path.stem.strip().lower()
    if table not in TABLES:
        raise _unknown(path, path.stem, "file name")
    df = read_csv(path, [], allow_empty=True)
    return [Cells(table, path.name, df, np.arange(2, len(df) + 2))]


# ---- Excel workbooks -------------------------------------------------------------------------------------

NOT_A_WORKBOOK = "an .xlsx workbook as Excel, LibreOffice or Google Sheets saves it, or CSV files"


def _workbook(path: Path) -> list[Cells]:
    """Each sheet named after a table; a workbook named after a table may hold it on one sheet of any name."""
    sheets = _sheets(path)
    filled = [title for title, rows in sheets.items() if rows]
    if not filled:
        raise IngestError(
            path, "the workbook is empty", expected="a sheet per table, named after it, with its header row"
        )
    stem = path.stem.strip().lower()
    names = {title: title.strip().lower() for title in sheets}
    if len(filled) == 1 and names[filled[0]] not in TABLES and stem in TABLES:
        names[filled[0]] = stem
    out = []
    for title, rows in sheets.items():
        where = f"{path.name}, sheet '{title}'"
        if names[title] not in TABLES:
            if rows:
                raise _unknown(where, title, "sheet name")
            continue  # a blank sheet (Excel's Sheet2) holds nothing to load or lose
        if not rows:
            raise IngestError(
                where,
                "the sheet is empty",
                expected="its header row, and a row per record under it (the header alone empties the table)",
            )
        out.append(_sheet_table(where, names[title], rows))
    return out


def _sheets(path: Path) -> dict[str, list[tuple[int, list]]]:
    """Each sheet's non-blank rows as (row number, cells), read with formulas as written, not their values."""
    from openpyxl import load_workbook  # here: only workbooks need it

    if path.stat().st_size == 0:
        raise IngestError(path, "the file is empty", expected="an .xlsx workbook with a sheet per table")
    limits.check_workbook(path)  # its size, expanded, and its sheets' extent, before openpyxl opens it
    try:
        book = load_workbook(path, read_only=True, data_only=False)
        try:
            return {ws.title: _rows(ws) for ws in book.worksheets}
        finally:
            book.close()
    except Exception as exc:  # a damaged or renamed file raises one of many kinds (zip, XML, key errors)
        raise IngestError(
            path,
            f"the file could not be read as an Excel workbook ({type(exc).__name__}: {str(exc)[:80]})",
            expected=NOT_A_WORKBOOK,
        ) from None


def _rows(ws) -> list[tuple[int, list]]:
    ws.reset_dimensions()  # a file's stated size can be wrong; read every cell there is
    out = []
    for row in ws.iter_rows():
        cells = [
            c for c in row if c.value is not None and not (isinstance(c.value, str) and not c.value.strip())
        ]
        if cells:
            out.append((cells[0].row, list(row)))
    return out


def _sheet_table(where: str, table: str, rows: list[tuple[int, list]]) -> Cells:
    """A sheet's cells as text, the first non-blank row its header, checked for hostile cells as a CSV is."""
    (_, header), data = rows[0], rows[1:]
    width = max(len(cells) for _, cells in rows)
    names = [_text(c.value).strip() if c.value is not None else "" for c in header]
    names += [""] * (width - len(names))
    text = [[""] * width for _ in data]
    numeric = [[False] * width for _ in data]
    for i, (number, cells) in enumerate(data):
        for j, c in enumerate(cells):
            if c.value is None:
                continue
            if c.data_type == "e":  # #N/A, #DIV/0!, #REF!: a formula failed before the file was saved
                raise IngestError(
                    where,
                    "a cell holds a spreadsheet error",
                    row=number,
                    column=names[j] or None,
                    value=c.value,
                    expected="a plain value (fix or clear the cell)",
                )
            numeric[i][j] = isinstance(c.value, int | float) and not isinstance(c.value, bool)
            if numeric[i][j] and "%" in (
                c.number_format or ""
            ):  # 25% is stored as 0.25: a silent 100-fold slip
                raise IngestError(
                    where,
                    "a number is formatted as a percentage, so the cell holds a fraction of it",
                    row=number,
                    column=names[j] or None,
                    value=f"{c.value:g}, shown as {c.value * 100:g}%",
                    expected="the number itself (25 for 25%), in a cell formatted as a plain number",
                )
            text[i][j] = _text(c.value)
    used = [j for j in range(width) if names[j] or any(r[j] for r in text)]
    columns = [names[j] or f"(no name, column {j + 1})" for j in used]
    twice = sorted({c for c in columns if columns.count(c) > 1})
    if twice:
        raise IngestError(
            where, "the header row names a column twice", value=twice[0], expected="each column once"
        )
    df = pd.DataFrame([[r[j] for j in used] for r in text], columns=columns, dtype=object)
    is_number = pd.DataFrame([[r[j] for j in used] for r in numeric], columns=columns, dtype=bool)
    # Excel turns 01001 typed into a cell into the number 1001; an area id is a GEOID, so restore it.
    for col in TABLES[table].columns:
        if col.ref == AREA and col.name in df and len(df):
            df[col.name] = df[col.name].where(~is_number[col.name], geoid(df[col.name]))
    rows_of = np.array([number for number, _ in data], dtype=int)
    check_cells(where, df, rows=rows_of)
    return Cells(table, where, df, rows_of, sheet=True)


def _text(value) -> str:
    """A cell's value as the text a CSV would hold: dates as YYYY-MM-DD, whole numbers without '.0'."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    return str(getattr(value, "text", value))  # an array formula's text starts with '=', refused later


# ---- one table -----------------------------------------------------------------------------------------


def _read_table(cells: Cells) -> pd.DataFrame:
    table, where, df, rows = cells.table, cells.where, cells.df, cells.rows
    spec = TABLES[table]
    require_columns(where, df, [c.name for c in spec.columns if c.required])
    extra = [c for c in df.columns if c not in spec.names]
    if extra:
        raise IngestError(
            where,
            f"unknown column(s) {', '.join(extra)} for the table {table}",
            value=", ".join(extra),
            expected="only the columns " + ", ".join(spec.names),
        )
    out = pd.DataFrame(index=df.index)
    for col in spec.columns:
        raw = df[col.name] if col.name in df else pd.Series("", index=df.index, dtype=object)
        out[col.name] = _column(where, col, raw.astype(object).str.strip(), rows)
    out["_row"] = rows
    dup = out.duplicated(list(spec.key), keep=False)
    if dup.any():
        rows = out.loc[dup]
        first = rows.iloc[0]
        same = rows[(rows[list(spec.key)] == first[list(spec.key)]).all(axis=1)]
        dates = {c.name for c in spec.columns if c.type == "date"}
        shown = " / ".join(str(first[k].date() if k in dates else first[k]) for k in spec.key)
        raise IngestError(
            where,
            f"rows {same['_row'].iloc[0]} and {same['_row'].iloc[1]} have the same {' and '.join(spec.key)}",
            row=int(same["_row"].iloc[1]),
            column=spec.key[0] if len(spec.key) == 1 else None,
            value=shown,
            expected="one row for each",
        )
    return out


def _column(where: str, col: Col, raw: pd.Series, rows: np.ndarray) -> pd.Series:
    """One column, checked and converted to its type; empty cells become missing values."""
    empty = raw.eq("")

    def refuse(bad: pd.Series, problem: str, expected: str, values: pd.Series | None = raw) -> None:
        refuse_first(where, bad, problem, column=col.name, values=values, expected=expected, rows=rows)

    if col.required:
        refuse(empty, "a required value is missing", EXPECTED_TYPE[col.type], values=None)
    if col.type == "text":
        if col.allowed:
            value = raw.str.lower()
            refuse(~value.isin(col.allowed) & ~empty, "not one of the allowed values", ", ".join(col.allowed))
        else:
            value = raw
        return value.where(~empty, None).astype(object)
    if col.type == "date":
        day = raw.str.replace(r"[ T]00:00(:00)?$", "", regex=True)
        parsed = pd.to_datetime(
            day.where(day.str.fullmatch(r"\d{4}-\d\d-\d\d")), format="%Y-%m-%d", errors="coerce"
        )
        refuse(parsed.isna() & ~empty, "not a date", EXPECTED_TYPE["date"])
        return parsed
    if col.type == "bool":
        value = raw.str.lower()
        refuse(~value.isin(TRUE | FALSE) & ~empty, "not true or false", "true or false")
        return value.map(lambda v: None if v == "" else v in TRUE).astype("boolean")
    if col.type == "year":
        refuse(~raw.str.fullmatch(r"(19|20)\d\d") & ~empty, "not a year", EXPECTED_TYPE["year"])
        return pd.to_numeric(raw.where(~empty)).astype("Int64")
    value = numbers(pd.DataFrame({col.name: raw}), col.name, where, required=col.required, rows=rows)
    if col.type == "int":
        refuse(value.notna() & (value % 1 != 0), "not a whole number", EXPECTED_TYPE["int"])
    if col.low is not None or col.high is not None:
        low = col.low if col.low is not None else float("-inf")
        high = col.high if col.high is not None else float("inf")
        outside = value.notna() & ((value < low) | (value > high))
        refuse(
            outside,
            "out of range",
            f"{low:g} or more" if col.high is None else f"a value from {low:g} to {high:g}",
        )
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
    try:
        # A database built by an earlier version too: the load copies it into the current schema, and
        # its ids are read through the one query every version can answer (column_ids).
        with build.current(path, older=True) as old:
            if old.con is None or old.is_demo:
                return old.is_demo, {}
            present = set(old.kept("table_columns").itertuples(index=False, name=None))
            ids = {
                (t, c): old.kept("column_ids", {"table": t, "column": c}) if (t, c) in present else None
                for t, c in sorted(wanted)
            }
            return False, {key: set() if df is None else set(df.iloc[:, 0]) for key, df in ids.items()}
    except IngestError:
        return False, {}  # the load itself says why the database cannot be read


def _check_references(
    given: dict[str, pd.DataFrame],
    shown: dict[str, str],
    sheets: set[str],
    is_demo: bool,
    existing: dict[tuple[str, str], set],
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
                expected = f"a {target_col} of the database's {target}, or {_also(target, table in sheets)}"
                expected += demo_note
            if not col.required:
                expected += ", or empty"
            values = df[col.name]
            refuse_first(
                shown[table],
                values.notna() & ~values.isin(known),
                f"unknown {target_col.removesuffix('_id').replace('_', ' ')}",
                column=col.name,
                values=values,
                expected=expected,
                rows=df["_row"],
            )
        elif target in given and not is_demo:
            still = existing.get((table, col.name), set()) - set(given[target][target_col].dropna())
            if still:
                value = sorted(still)[0]
                raise IngestError(
                    shown[target],
                    f"the database's {table} (kept, as this load has no {table} table) still refer to the "
                    f"{target_col} shown, which this {'sheet' if target in sheets else 'file'} no longer has",
                    column=target_col,
                    value=value,
                    expected=f"every {target_col} the kept {table} use, or {_also(table, target in sheets)}",
                )


def _check_aims(path: Path, given: dict[str, pd.DataFrame], shown: dict[str, str]) -> None:
    """The indicators programs aim to move (program_indicators) are the database's, where it holds any.
    The schema cannot say so (a later load of public data may replace the indicators), so it is checked
    here; a database with no indicators yet takes any id, and the Programs page says which are not loaded."""
    if "program_indicators" not in given:
        return
    try:
        with build.current(path, older=True) as old:
            ids = old.kept("column_ids", {"table": "indicators", "column": "indicator_id"})
    except IngestError:
        return  # the load itself says why the database cannot be read
    known = set() if ids is None or not len(ids) else set(ids.iloc[:, 0])
    if not known:
        return
    df = given["program_indicators"]
    refuse_first(
        shown["program_indicators"],
        ~df["indicator_id"].isin(known),
        "unknown indicator",
        column="indicator_id",
        values=df["indicator_id"],
        expected="the indicator_id of an indicator in the database (python -m equity info lists them)",
        rows=df["_row"],
    )


# ---- rules between the columns of a row ------------------------------------------------------------------


def _check_rules(given: dict[str, pd.DataFrame], shown: dict[str, str]) -> None:
    """What a row's columns must say together, which data/schema.sql cannot: to whom a commitment is owed,
    and that each change in its history records something, after the promise was made."""
    if "commitments" in given:
        _commitment_rules(shown["commitments"], given["commitments"])
    if "commitment_changes" in given:
        made = given["commitments"].set_index("commitment_id")["made_on"] if "commitments" in given else None
        _change_rules(shown["commitment_changes"], given["commitment_changes"], made)
    if "engagement_partners" in given and "engagement_stages" in given:
        _stage_rules(shown["engagement_partners"], given["engagement_partners"], given["engagement_stages"])
    for table in ("stories", "story_slides"):  # meeting mode (equity/stories.py)
        if table in given:
            _story_rules(shown[table], given[table])


def _commitment_rules(where: str, df: pd.DataFrame) -> None:
    to, to_partner, partner = df["accountable_to"], df["to_partner_id"], df["partner_id"]

    def refuse(bad: pd.Series, column: str, problem: str, expected: str) -> None:
        refuse_first(
            where, bad, problem, column=column, values=df[column], expected=expected, rows=df["_row"]
        )

    refuse(
        to.eq("partner") & to_partner.isna(),
        "to_partner_id",
        "the commitment is owed to a partner (accountable_to is partner) but does not say which",
        "the partner_id of the partner it is owed to",
    )
    refuse(
        to_partner.notna() & to.isin(["coalition", "community"]),
        "accountable_to",
        "the commitment names a partner it is owed to (to_partner_id), so it cannot be owed to the "
        + "coalition or the community as well",
        "partner, or empty",
    )
    refuse(
        to_partner.notna() & to_partner.eq(partner),
        "to_partner_id",
        "a partner cannot owe a commitment to itself",
        "another partner's partner_id, or empty",
    )
    refuse(
        partner.isna() & (to.eq("coalition") | (to.isna() & to_partner.isna())),
        "partner_id",
        "a commitment of the coalition as a whole (no partner_id) must be owed to someone outside it",
        "the partner_id of the partner accountable, or accountable_to community or partner",
    )


def _change_rules(where: str, df: pd.DataFrame, made: pd.Series | None) -> None:
    refuse_first(
        where,
        df["was_due_date"].isna() & df["was_status"].isna(),
        "the row records no change",
        column="was_due_date",
        expected="the due date (was_due_date) or the status (was_status) the commitment had until this "
        "change, or both",
        rows=df["_row"],
    )
    if made is None:
        return
    promised = df["commitment_id"].map(made)
    refuse_first(
        where,
        promised.notna() & (df["changed_on"] < promised),
        "the change is dated before the commitment was made",
        column="changed_on",
        values=df["changed_on"].dt.strftime("%Y-%m-%d"),
        expected="a date on or after the commitment's made_on in commitments",
        rows=df["_row"],
    )


def _stage_rules(where: str, partners: pd.DataFrame, stages: pd.DataFrame) -> None:
    """A partner took part in a stage of a program that engagement_stages records (checked where both are
    given: the stage's row says how many community members took part, zero included)."""
    recorded = pd.MultiIndex.from_frame(stages[["program_id", "stage"]])
    named = pd.MultiIndex.from_frame(partners[["program_id", "stage"]])
    refuse_first(
        where,
        pd.Series(~named.isin(recorded), index=partners.index),
        "the partner took part in a stage engagement_stages does not record for that program",
        column="stage",
        values=partners["stage"],
        expected="a program_id and stage that have a row in engagement_stages",
        rows=partners["_row"],
    )


def _story_rules(where: str, df: pd.DataFrame) -> None:
    """A story's slides name a chart their page has, a view of URL keys it reads, and hold no markup
    (equity/stories.py); a story's title holds no markup."""
    from equity import stories

    if "page" not in df:  # stories: only a title to check
        refuse_first(
            where,
            df["title"].map(stories.markup_in),
            "the title holds markup (HTML tags or entities)",
            column="title",
            values=df["title"],
            expected="plain text: slides show text",
            rows=df["_row"],
        )
        return
    for i, row in enumerate(df.itertuples()):
        problems = stories.slide_problems(row)
        if problems:
            column, problem, expected = problems[0]
            raise IngestError(
                where, problem, row=int(df["_row"].iloc[i]), column=column, value=getattr(row, column),
                expected=expected,
            )  # fmt: skip


def _also(table: str, sheet: bool) -> str:
    """How to give ``table`` in the same load: the way the table that needs it came."""
    return f"add a sheet {table} to the workbook" if sheet else f"load {table}.csv with this file"


def template_columns() -> dict[str, list[str]]:
    """Each organisation table's columns, in the schema's order (the templates' headers)."""
    return {t: spec.names for t, spec in TABLES.items()}


# ---- the templates -------------------------------------------------------------------------------------

NUMBER_FORMAT = {"text": "@", "date": "yyyy-mm-dd", "year": "0", "int": "0", "float": "General"}


def template_frames(con, raw: bool = False) -> dict[str, pd.DataFrame]:
    """Each organisation table of the database, in its template's columns.

    By default as a viewer may download it, through the schema's published views (equity.schema.QUERIES):
    small counts withheld, as the pages withhold them (so the frames do not load back whole). ``raw``
    gives the editor's exact copy, small counts included, which loads back row for row; it is for the
    command line, never a page.
    """
    return {t: queries.run(con, f"org_{'export' if raw else 'template'}_{t}") for t in TABLES}


def template_workbook(frames: dict[str, pd.DataFrame]) -> bytes:
    """The templates as one .xlsx workbook, a sheet per table named after it, which ``read`` takes back.

    Dates are real Excel dates shown as YYYY-MM-DD, true and false Excel's TRUE and FALSE. Text columns
    are formatted as text, down to rows not yet typed, so that an id such as 01001 keeps its leading zero.
    """
    from openpyxl import Workbook  # here: only the workbook template needs it
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for table, spec in TABLES.items():
        sheet = book.create_sheet(table)
        df = frames[table][spec.names]
        sheet.freeze_panes = "A2"
        for j, col in enumerate(spec.columns, start=1):
            sheet.cell(1, j, col.name).font = Font(bold=True)
            letter = get_column_letter(j)
            widest = df[col.name].astype(str).str.len().max() if len(df) else 0
            sheet.column_dimensions[letter].width = min(60, max(len(col.name), widest) + 2)
            sheet.column_dimensions[letter].number_format = NUMBER_FORMAT.get(col.type, "General")
            for i, value in enumerate(df[col.name], start=2):
                cell = sheet.cell(i, j, _excel_value(value))
                cell.number_format = NUMBER_FORMAT.get(col.type, "General")
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # text that merely looks like a formula stays text (and is refused)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _excel_value(value):
    """A frame's value as openpyxl writes it: missing as an empty cell, numpy scalars as Python ones."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value.item() if isinstance(value, np.generic) else value


__all__ = ["TABLES", "read", "template_columns", "template_frames", "template_workbook"]
