"""Text from outside (a loaded file, a URL) made harmless: one rule for each way text can do harm.

- **Spreadsheet formulas.** A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
  that is not a number is run as a formula by Excel, LibreOffice and Google Sheets (OWASP, "CSV
  Injection"). Signs alone (the Census Bureau's ``-`` for "no estimate", CDC WONDER's ``---`` rule) hold
  nothing to run and count as values. Ingest refuses formula cells in every file it reads; every
  download neutralises them by prefixing an apostrophe, which spreadsheets show as text and do not
  display.
- **Markup.** Streamlit renders Markdown (images, links, colour directives) and, where asked, HTML.
  Nothing from a file or a URL is ever rendered as either: pages escape it with ``md``/``html``.
- **Invisible and direction-changing characters** (U+202E and its kin, control characters) are
  removed from URL values before they are echoed, and values are shortened (``inert``).
"""

from __future__ import annotations

import html as _html
import re
import unicodedata

import numpy as np
import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Looked through before the first character: spaces (some spreadsheets trim them before reading a cell)
# and line breaks (a tool in between may). Tab and carriage return are not: they start a formula.
LEADING = " \n\x0b\x0c"

# A cell that starts like a formula but is a value: a number as a spreadsheet would read it (optional
# sign, digits with optional separators and decimals, optional exponent or percent), or signs alone.
_VALUE = re.compile(r"[+-]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?|[+-]+")


def formula_like(cells: pd.Series) -> pd.Series:
    """True for each text cell a spreadsheet would run as a formula (OWASP's rule), False elsewhere.

    Written with whole-column string operations (a regular expression per cell only for the few
    cells that start with a sign): a national file holds millions of cells.
    """
    text = cells.astype("string")
    stripped = text.str.lstrip(LEADING)
    first = stripped.str.slice(0, 1)
    risky = first.isin(FORMULA_START).fillna(False).to_numpy(dtype=bool, copy=True)
    if risky.any():
        # By position, not by label: a frame put together from pieces may repeat its index labels.
        at = np.flatnonzero(risky)
        value = stripped.iloc[at].str.strip().str.fullmatch(_VALUE.pattern).fillna(False)
        risky[at[value.to_numpy(dtype=bool)]] = False
    return pd.Series(risky, index=cells.index)


def is_formula(value) -> bool:
    """``formula_like`` for one value."""
    if not isinstance(value, str):
        return False
    stripped = value.lstrip(LEADING)
    return stripped[:1] in FORMULA_START and not _VALUE.fullmatch(stripped.strip())


def neutralise_cell(value):
    """A cell a spreadsheet would run, made text with a leading apostrophe; anything else as it is."""
    return "'" + value if is_formula(value) else value


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` fit for a download: every text cell that is formula-like gets an apostrophe."""
    out = df.copy()
    for column in out.columns:
        col = out[column]
        if col.dtype == object or isinstance(col.dtype, pd.StringDtype):
            bad = formula_like(col.where(col.map(lambda v: isinstance(v, str)), None))
            if bad.any():
                out[column] = col.where(~bad, "'" + col[bad].astype(str))
    out.columns = [neutralise_cell(str(c)) for c in out.columns]
    return out


# Characters that change how text reads without being seen: controls, bidirectional overrides and
# isolates, zero-width characters (Unicode categories Cc, Cf, and line/paragraph separators).
def _invisible(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn")


def strip_invisible(text: str) -> str:
    """``text`` without control, format (bidi, zero-width) and unassigned characters."""
    return "".join(" " if ch in "\t\n\r" else ch for ch in text if ch in "\t\n\r" or not _invisible(ch))


def inert(value, limit: int = 40) -> str:
    """A value from a URL or a file made fit to echo in a sentence: invisible characters removed,
    runs of space collapsed, shortened to ``limit`` characters. Still to be escaped for where it goes."""
    text = re.sub(r"\s+", " ", strip_invisible(str(value))).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# Every character Markdown (CommonMark, GitHub's extensions, Streamlit's directives such as :red[...]
# and $math$) gives a meaning to. Escaping all of them with a backslash makes them literal.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$=^&\"'])")


def md(value) -> str:
    """Text safe inside st.markdown, st.warning, st.info, st.caption and friends: shown as typed.

    Backslash-escapes every Markdown punctuation character, HTML-escapes ``<``/``>``/``&`` (entities
    survive Markdown as text), and folds newlines so a value cannot start a heading or list.
    """
    text = strip_invisible(str(value)).replace("\n", " ")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text


def html(value) -> str:
    """Text safe inside HTML the dashboard writes itself (cards, takeaways) and inside Plotly labels,
    which read a subset of HTML (<b>, <a href>, <br>)."""
    return _html.escape(strip_invisible(str(value)), quote=True)
