"""Every file a viewer can download passes through here: no small count, no live formula.

The queries already withhold small counts (published_values, published_reach,
published_community_input); this is the last guard before bytes leave the server, so that a query
written later cannot leak one by mistake. Text cells a spreadsheet would run as a formula are
neutralised (equity.safety).
"""

from __future__ import annotations

import io

import pandas as pd

from equity import safety

# Columns that count people, wherever they appear in a download. (An area's population from the
# Census is a published figure, not a count the threshold is about.)
COUNT_COLUMNS = ("people", "participants", "numerator", "denominator")


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
