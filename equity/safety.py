"""Text from outside (a loaded file, a URL) made harmless: one rule for each way text can do harm.

- **Spreadsheet formulas.** A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
  that is not a number is run as a formula by Excel, LibreOffice and Google Sheets (OWASP, "CSV
  Injection"), also where spaces or control characters come first. Signs alone (the Census Bureau's
  ``-`` for "no estimate", CDC WONDER's ``---`` rule) hold nothing to run and count as values. Ingest
  refuses formula cells in every file it reads; every download neutralises them by prefixing an
  apostrophe: a spreadsheet opening a CSV takes it to mean text and does not display it; a workbook's
  cell shows it, and the workbook's About sheet says why.
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
# Looked through before the first character: spaces (some spreadsheets trim them before reading a cell),
# line breaks and the other control characters (a tool in between may drop them: an .xlsx cannot even
# hold them). Tab and carriage return are not: they start a formula.
LEADING = " \n\x0b\x0c" + "".join(map(chr, [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F]))

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


# Markdown characters that mean something anywhere in a line: emphasis, code, links and images,
# raw HTML, tables, strikethrough, Streamlit's directives (:red[...], :material/icon:) and math ($),
# autolinked addresses (a scheme's ':', an e-mail's '@') and entities ('&').
_MD_INLINE = re.compile(r"([\\`*_{}\[\]()<>#|~:$@&])")
# ... and what means something only where a line starts: a list, a quote, a heading underline.
_MD_LEAD = re.compile(r"^(\s*)([-+=]|\d+[.)])")


WORD_JOINER = "\u2060"


def md(value) -> str:
    """Text safe inside st.markdown, st.title, st.warning, widget labels and friends: shown as typed.

    Backslash-escapes every Markdown punctuation character that could start markup, breaks the
    addresses GitHub's Markdown would link by itself, removes invisible characters and folds newlines,
    so that a value can neither start a block nor carry a link, an image, a colour or HTML.
    """
    text = strip_invisible(str(value))  # newlines folded to spaces: a value cannot start a block
    text = _MD_INLINE.sub(r"\\\1", text)
    # GitHub's autolinks are found in the text once escapes are resolved, so escaping cannot stop them:
    # an invisible word joiner after a scheme's colon, before www's dot and after an e-mail's @ does.
    text = text.replace("\\://", "\\:" + WORD_JOINER + "//").replace("\\@", "\\@" + WORD_JOINER)
    text = re.sub(r"(?i)\bwww\.", lambda m: m.group(0)[:-1] + WORD_JOINER + ".", text)
    return _MD_LEAD.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def html(value) -> str:
    """Text safe inside HTML the dashboard writes itself (cards, takeaways); Plotly's text goes through
    ``plotly_text``, which keeps the dashboard's own tags."""
    return _html.escape(strip_invisible(str(value)), quote=False)


# The markup the dashboard itself writes into Plotly text (titles, hover templates, legend titles), kept
# after escaping; anything else that looks like a tag, a link above all, is shown as typed.
PLOTLY_TAGS = (
    "<br>", "<b>", "</b>", "<i>", "</i>", "<sup>", "</sup>", "<extra>", "</extra>", "</span>",
    "<span style='font-size:14px;color:#4a4f55'>",
)  # fmt: skip
# Plotly keys that hold ids or shapes rather than text anyone reads: left exactly as they are.
_PLOTLY_IDS = frozenset({"locations", "ids", "geojson", "featureidkey", "uid", "selectedpoints", "meta"})
_PLOTLY_TAG = re.compile("|".join(re.escape(_html.escape(t, quote=False)) for t in PLOTLY_TAGS))
_UNESCAPE = {_html.escape(t, quote=False): t for t in PLOTLY_TAGS}


def plotly_text(value: str) -> str:
    """A string Plotly will render (it reads <a href>, <span style> and entities): escaped, but for
    the dashboard's own tags."""
    escaped = _html.escape(strip_invisible(value), quote=False)
    return _PLOTLY_TAG.sub(lambda m: _UNESCAPE[m.group(0)], escaped)


def figure(fig):
    """Escape, in place, every string of a Plotly figure that a person reads (titles, labels, category
    names, hover and legend text, custom data), so that a link or a style in a loaded name stays text;
    ids and shapes are left as they are. Returns the figure. Only the properties that change are set
    again, so a national map costs milliseconds, not a copy of its shapes; a figure is escaped once.
    """
    from plotly.basedatatypes import BasePlotlyType

    if getattr(fig, "_equity_escaped", False):
        return fig

    def escaped(value):
        """The escaped value, or None where nothing in it needed escaping."""
        if isinstance(value, str):
            new = plotly_text(value) if ("<" in value or "&" in value or not value.isprintable()) else value
            return None if new == value else new
        if isinstance(value, np.ndarray) and value.dtype == object:
            flat = value.reshape(-1)
            changed = [(i, escaped(v)) for i, v in enumerate(flat) if isinstance(v, str)]
            changed = [(i, v) for i, v in changed if v is not None]
            if not changed:
                return None
            out = value.copy()
            for i, v in changed:
                out.reshape(-1)[i] = v
            return out
        if isinstance(value, list | tuple) and any(isinstance(v, str | list | tuple) for v in value):
            parts = [escaped(v) for v in value]
            if all(p is None for p in parts):
                return None
            return type(value)(v if p is None else p for v, p in zip(value, parts, strict=True))
        return None

    def walk(obj):
        # The properties set on this object (plotly keeps them in _props; reading an unset compound
        # property would make an empty one, without end). The template is plotly's own styling.
        for name in list(obj._props or {}):
            if name in _PLOTLY_IDS or name == "template":
                continue
            value = obj[name]
            if value is None:
                continue
            if isinstance(value, BasePlotlyType):
                walk(value)
            elif isinstance(value, tuple) and value and isinstance(value[0], BasePlotlyType):
                for item in value:
                    walk(item)
            else:
                new = escaped(value)
                if new is not None:
                    obj[name] = new

    for trace in fig.data:
        walk(trace)
    walk(fig.layout)
    object.__setattr__(fig, "_equity_escaped", True)
    return fig
