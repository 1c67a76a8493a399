"""Every file a viewer can download passes through here: no small count, no live formula.

The queries already withhold small counts (published_values, published_reach,
published_community_input); this is the last guard before bytes leave the server, so that a query
written later cannot leak one by mistake. Text cells a spreadsheet would run as a formula are
neutralised (equity.safety), in a CSV and in every sheet of a workbook alike.

A chart's data comes as a CSV and as an Excel workbook whose first sheet is its citation (``Citation``):
the chart and view, source and vintage, method and intervals, the small-count rule with the database's
threshold, the link back to the view and the date of the download; the data are on the second sheet.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd

from equity import safety, text
from equity.i18n import _

# Columns that count people, wherever they appear in a download (respondents: a self-assessment's). (An
# area's population from the Census is a published figure, not a count the threshold is about.)
COUNT_COLUMNS = ("people", "participants", "numerator", "denominator", "community_members", "respondents")


def withhold_counts(df: pd.DataFrame, min_count: int) -> pd.DataFrame:
    """``df`` with every count of people from 1 to ``min_count - 1`` blanked (a copy where it changes)."""
    out = df
    for column in COUNT_COLUMNS:
        if column in df.columns:
            values = pd.to_numeric(df[column], errors="coerce")
            small = values.between(1, min_count - 1)
            if small.any():
                if out is df:
                    out = df.copy()
                out[column] = values.astype("Float64").mask(small)
    return out


def for_viewer(df: pd.DataFrame, min_count: int) -> pd.DataFrame:
    """A frame as any viewer may download it: small counts blanked, formula-like text neutralised."""
    return safety.neutralise(withhold_counts(df, min_count))


def readable(df: pd.DataFrame, min_count: int, rows: int | None = None) -> pd.DataFrame:
    """A download as a person (or a screen reader) reads it under its chart: its first ``rows``, its
    codes left out, headings and cells in words. A count withheld reads "Too few to show", never blank
    and never zero; a value with no data stays empty; the flags read in words."""
    raw = df.head(rows) if rows else df
    df = withhold_counts(raw, min_count)
    cells = df[text.table_columns(df.columns)].astype(object).map(text.cell_words)
    for flag in ("few_people", "few_participants"):
        if flag in df.columns:
            few = df[flag].astype("boolean").to_numpy(dtype=bool, na_value=False)
            for column in ("value", "people", "participants"):
                if column in cells.columns:
                    cells.loc[few, column] = _(text.FLAG_TEXT["suppressed"])
            cells = cells.drop(columns=[flag], errors="ignore")
    for column in COUNT_COLUMNS:  # a count withheld where no flag says so (withhold_counts blanked it)
        if column in cells.columns:
            small = pd.to_numeric(raw[column], errors="coerce").between(1, min_count - 1)
            cells.loc[small.to_numpy(dtype=bool, na_value=False), column] = _(text.FLAG_TEXT["suppressed"])
    if "flag" in cells.columns:
        cells["flag"] = df["flag"].map(
            lambda f: _(text.FLAG_TEXT[f]) if f in text.FLAG_TEXT else "" if pd.isna(f) else str(f)
        )
    return cells.rename(columns=text.column_words)


def csv(df: pd.DataFrame, min_count: int) -> bytes:
    """A viewer's CSV download of ``df``, UTF-8, lines ended as RFC 4180 says (CR LF), so that a cell
    holding a carriage return or a line break is quoted: unquoted, a spreadsheet would start a new row at
    it, and what follows could open a cell with a formula."""
    return for_viewer(df, min_count).to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def org_workbook(frames: dict[str, pd.DataFrame], min_count: int) -> bytes:
    """The organisation's tables as a viewer's Excel workbook, a sheet each (equity.ingest.org's layout)."""
    from equity.ingest import org

    return org.template_workbook({t: for_viewer(df, min_count) for t, df in frames.items()})


def read_any(data: bytes, name: str) -> dict[str, pd.DataFrame]:
    """A downloaded file read back, a frame per sheet (a CSV is one sheet): for checks and tests."""
    if name.endswith(".xlsx"):
        return pd.read_excel(io.BytesIO(data), sheet_name=None, dtype=object)
    return {name: pd.read_csv(io.BytesIO(data), dtype=object, keep_default_na=False)}


# ---- the Excel workbook: the citation first, the data second -----------------------------------------

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXCEL_ROWS = 1_048_575  # an Excel sheet's rows, less the header
EXCEL_CELL = 32_767  # the most characters an Excel cell holds
# Characters an .xlsx cannot hold at all (XML 1.0 forbids them; openpyxl refuses them): removed.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class Citation:
    """What a download says about itself, on its workbook's first sheet. Plain text throughout."""

    permalink: str  # the view's address, with the chart's anchor
    min_count: int  # the database's threshold: counts from 1 to min_count - 1 are withheld
    chart: str = ""  # the chart's title
    view: str = ""  # the view's filters in words
    sources: tuple[tuple[str, str], ...] = ()  # (source, vintage) each
    methods: tuple[str, ...] = ()  # a line per indicator, or the records' method
    definitions: tuple[str, ...] = ()  # what each indicator counts
    intervals: bool = False  # whether the data have confidence intervals (indicator values do)
    is_demo: bool = False


def cite(
    indicators: pd.DataFrame,
    *,
    permalink: str,
    min_count: int,
    chart: str = "",
    view: str = "",
    records: str | None = None,
    as_of=None,
    method: str | None = None,
    is_demo: bool = False,
) -> Citation:
    """The citation of a download of the values of ``indicators`` (rows of the query indicators: label,
    description, unit, measure_type, source_name, publisher, vintage) and of the organisation's own
    ``records`` (words naming them; their vintage is the database's ``as_of`` date). ``method`` is a
    further line on how the data were derived (the need index's ranking)."""
    sources: list[tuple[str, str]] = []
    if records:
        sources.append((records, text.records_vintage(as_of) if as_of else ""))
    for r in indicators.drop_duplicates("source_name").itertuples():
        vintage = r.vintage if isinstance(r.vintage, str) else ""
        sources.append((text.source_words(r.source_name, r.publisher), vintage))
    methods = [_(text.RECORDS_METHOD)] if records else []
    methods += [text.method_words(r.label, r.unit, r.measure_type) for r in indicators.itertuples()]
    if method:
        methods.append(method)
    definitions = [
        f"{r.label}: {r.description}" for r in indicators.itertuples() if isinstance(r.description, str)
    ]
    return Citation(
        permalink=permalink,
        min_count=min_count,
        chart=chart,
        view=view,
        sources=tuple(sources),
        methods=tuple(methods),
        definitions=tuple(d for d in definitions if d),
        intervals=len(indicators) > 0,
        is_demo=is_demo,
    )


def plain_title(fig) -> str:
    """A figure's title as plain text, for a citation: the dashboard's own markup (safety.PLOTLY_TAGS) left
    out, a line break as a space; anything else as typed. Read before the figure is escaped."""
    title = fig.layout.title.text or ""
    for tag in safety.PLOTLY_TAGS:
        title = title.replace(tag, " " if tag == "<br>" else "")
    return re.sub(r"\s+", " ", title).strip()


def about_rows(c: Citation, when, rows: tuple[int, int] | None = None) -> list[tuple[str, str]]:
    """The citation's lines, (field, text) each, in the order the About sheet gives them. ``when`` is the
    download's time (UTC), ``rows`` (shown, total) where the table was cut to fit a sheet."""
    f = {key: _(words) for key, words in text.ABOUT_FIELDS.items()}
    out = [(f["chart"], c.chart), (f["view"], c.view)]
    several = len(c.sources) > 1
    out += [(f["source"], name) for name, _vintage in c.sources]
    out += [(f["vintage"], f"{name}: {v}" if several else v) for name, v in c.sources if v]
    out += [(f["method"], line) for line in c.methods]
    out += [(f["definition"], line) for line in c.definitions]
    if c.intervals:
        out.append((f["intervals"], _(text.INTERVALS_METHOD)))
    out += [
        (f["small_counts"], text.small_count_rule(c.min_count)),
        (f["link"], c.permalink),
        (f["downloaded"], text.downloaded_words(when)),
    ]
    if rows is not None:
        out.append((f["rows"], text.rows_cut(*rows)))
    out.append((f["cells"], _(text.CELLS_NOTE)))
    if c.is_demo:
        out.append((f["demo"], _(text.DEMO_DOWNLOAD)))
    return [(field, line) for field, line in out if line]


def _fit_text(value: str) -> str:
    """Text as a sheet can hold it: without the characters XML forbids, within a cell's length (less one
    for the apostrophe a formula-like cell gets)."""
    value = _NOT_IN_XML.sub("", value)
    return value if len(value) < EXCEL_CELL else value[: EXCEL_CELL - 2] + "…"


def _cell(value):
    """One value as openpyxl writes it: numbers as numbers, dates as dates, text as text, missing empty."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, str):
        return _fit_text(value)
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return float(value) if math.isfinite(value) else None  # Excel has no NaN or infinity
    if isinstance(value, pd.Timestamp | dt.datetime):
        stamp = pd.Timestamp(value)
        if stamp.tzinfo is not None:  # Excel's dates have no time zone: written in UTC
            stamp = stamp.tz_convert("UTC").tz_localize(None)
        return stamp.date() if stamp == stamp.normalize() else stamp.to_pydatetime()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, Decimal):  # DuckDB's DECIMAL
        return float(value)
    return _fit_text(str(value))


def _for_sheet(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` as object columns of the values a sheet takes (``_cell``), text fitted, names fitted."""
    out = pd.DataFrame(
        {i: pd.Series([_cell(v) for v in df.iloc[:, i].tolist()], dtype=object) for i in range(df.shape[1])}
    )
    out.columns = [_fit_text(str(c)) for c in df.columns]
    return out


def excel(df: pd.DataFrame, min_count: int, citation: Citation, when=None) -> bytes:
    """A viewer's Excel download of ``df``: its citation on the first sheet, the data on the second, each
    through the same guard as a CSV (small counts blanked, formula-like text neutralised)."""
    from openpyxl import Workbook  # here: only a workbook download needs it
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    when = when or dt.datetime.now(dt.UTC)
    data = withhold_counts(df, min_count)
    cut = (EXCEL_ROWS, len(data)) if len(data) > EXCEL_ROWS else None
    # Fitted before the formula rule: a character removed after it could uncover a formula.
    data = safety.neutralise(_for_sheet(data.iloc[:EXCEL_ROWS]))

    book = Workbook(write_only=True)
    about = book.create_sheet(_(text.ABOUT_SHEET))
    about.column_dimensions["A"].width = 20
    about.column_dimensions["B"].width = 110
    bold, top = Font(bold=True), Alignment(vertical="top", wrap_text=True)

    def cell(sheet, value, font=None, alignment=None):
        c = WriteOnlyCell(sheet, value)
        if font is not None:
            c.font = font
        if alignment is not None:
            c.alignment = alignment
        return c

    about.append([cell(about, _(text.ABOUT_HEADING), Font(bold=True, size=14))])
    for field, line in about_rows(citation, when, cut):
        line = safety.neutralise_cell(_fit_text(line))
        about.append([cell(about, field, bold, top), cell(about, line, alignment=top)])

    sheet = book.create_sheet(_(text.DATA_SHEET))
    sheet.freeze_panes = "A2"
    for j, column in enumerate(data.columns, start=1):
        sample = data.iloc[:200, j - 1].map(lambda v: len(str(v)) if v is not None else 0)
        widest = max(len(str(column)), int(sample.max()) if len(sample) else 0)
        sheet.column_dimensions[get_column_letter(j)].width = min(50, max(8, widest + 2))
    sheet.append([cell(sheet, str(c), bold) for c in data.columns])
    for row in data.itertuples(index=False, name=None):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
