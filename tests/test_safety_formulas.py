"""The one rule for formula cells (equity/safety.py): what ingest refuses and downloads neutralise."""

import pandas as pd
import pytest

from equity import safety

FORMULAS = [
    '=HYPERLINK("http://x","c")',
    "-2+3+cmd|' /C calc'!A0",  # a sign then a digit is no number when more follows
    "@SUM(1)",
    "+cmd",
    "\tcalc",  # tab and carriage return start a formula themselves (OWASP)
    "\r=1+1",
    "  =1+1",  # spaces and line breaks are looked through
    "\n=1+1",
    "\x01=1+1",  # and control characters, which a tool in between may drop (an .xlsx cannot hold them)
    "\x00\x1f@SUM(1)",
    "- 5",
    "-1e5x",
]
VALUES = [
    "-999",
    "-999.0",
    "-1,234",
    "+41.8239",  # TIGER/Line INTPTLAT
    "-071.4128",
    "1e-05",
    "-.5",
    "12%",
    "-",  # the Census Bureau's "no estimate"
    "---",  # CDC WONDER's rule above its footer
    "+",
    "(X)",
    "**",
    "N",
    "250,000+",
    "Providence",
    "",
    " -5 ",
    "\t-5",  # a number however it starts
]


@pytest.mark.parametrize("cell", FORMULAS)
def test_formula_cells(cell):
    assert safety.is_formula(cell)
    assert safety.formula_like(pd.Series([cell], dtype=str)).tolist() == [True]
    assert safety.neutralise_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", VALUES)
def test_values_that_start_like_formulas(cell):
    assert not safety.is_formula(cell)
    assert safety.formula_like(pd.Series([cell], dtype=str)).tolist() == [False]
    assert safety.neutralise_cell(cell) == cell


def test_whole_columns_agree_with_one_cell_at_a_time_and_keep_their_index():
    cells = FORMULAS + VALUES + [None]
    column = pd.Series(cells, dtype=object, index=[7] * len(cells))  # repeated labels, as after a concat
    flagged = safety.formula_like(column)
    assert flagged.index.equals(column.index)
    assert flagged.tolist() == [safety.is_formula(c) for c in cells]
    assert flagged.tolist() == [True] * len(FORMULAS) + [False] * (len(VALUES) + 1)


def test_a_download_gets_an_apostrophe_before_every_formula():
    df = pd.DataFrame({"name": ["=cmd", "-", "Kent"], "value": [-1.5, 2.0, 3.0], "=x": ["a", "b", "c"]})
    out = safety.neutralise(df)
    assert out["name"].tolist() == ["'=cmd", "-", "Kent"]
    assert out["value"].tolist() == [-1.5, 2.0, 3.0]
    assert list(out.columns) == ["name", "value", "'=x"]
