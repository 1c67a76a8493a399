"""Reading the files a load is given: their encoding, their cells, and their values as the database holds
them, with errors that say where (file, row, column, value and what was expected).

Nothing here touches a database: equity/ingest/build.py makes the new database from what the loaders read.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

import numpy as np
import pandas as pd

from equity import safety

MAX_FIELD = 2000  # characters; longer is not a value any of these files holds
PLAUSIBLE = {
    "percent": (0, 100),
    "per_1k": (0, 1_000),
    "per_100k": (0, 100_000),
    "years": (0, 130),
    "dollars": (0, 1e9),
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
