"""Each chart's text alternative: its data as a table a screen reader reads, with headings in words and
nothing a viewer may not download."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from equity import downloads, text
from tests.helpers import page_views
from tests.test_pages import PAGES, charts, run_page


@pytest.mark.parametrize(
    "value, words",
    [
        (None, ""),
        (math.nan, ""),
        (pd.NA, ""),
        (pd.NaT, ""),
        (2024, "2024"),  # a year, never "2,024"
        (np.int64(7), "7"),
        (12.0, "12"),
        (21.2449, "21.24"),
        (0.5, "0.5"),
        (True, "yes"),
        (np.bool_(False), "no"),
        (pd.Timestamp("2024-03-01"), "2024-03-01"),
        ("[x](http://e.com)", "[x](http://e.com)"),  # text stays text; the table escapes it
    ],
)
def test_a_cell_reads_as_a_person_writes_it(value, words):
    assert text.cell_words(value) == words


@pytest.mark.parametrize(
    "column, heading",
    [
        ("ci_low", "95% interval, low"),
        ("group_label", "Group"),
        ("few_people", "Few people"),
        ("role", "Role"),
    ],
)
def test_a_column_reads_in_words(column, heading):
    assert text.column_words(column) == heading


def test_codes_are_left_out_unless_there_is_nothing_else():
    assert text.table_columns(["area_id", "name", "group_dim", "group_label", "value"]) == [
        "name",
        "group_label",
        "value",
    ]
    assert text.table_columns(["area_id"]) == ["area_id"]


def tables(at):
    return [e for e in at.get("expander") if str(e.label) == text.CHART_TABLE]


@pytest.mark.parametrize("page", [p for p in PAGES if not p.endswith("methods.py")])
def test_every_chart_has_its_table_under_it(page, on_demo):
    found = []
    for params in page_views(page):  # a page of parts is all its parts
        at = run_page(page, params)
        assert not at.exception
        fr = at.session_state["_frame"]
        assert fr.drawn, params
        untabled = [key for key in fr.drawn if key not in fr.tabled]
        assert not untabled, f"charts with no table under them: {untabled}"
        assert len(tables(at)) == len(charts(at))  # one each, none twice
        found += tables(at)
    counts = {text.column_words(c) for c in ("numerator", "denominator", "people")}
    for e in found:
        (shown,) = e.get("table")
        for heading in counts & set(shown.value.columns):  # no count under the threshold, in any table
            values = pd.to_numeric(shown.value[heading].astype(str).str.replace(",", ""), errors="coerce")
            assert not values.between(1, fr.min_count - 1).any(), (heading, list(values))
        headings = list(shown.value.columns)
        assert not [h for h in headings if "_" in str(h)], headings  # words, not column names
        assert len(shown.value) <= text.TABLE_ROWS


def test_a_count_too_small_to_show_reads_so_never_blank_or_zero():
    df = pd.DataFrame(
        {
            "area_id": ["a", "b", "c", "d", "e"],
            "name": ["A", "B", "C", "D", "E"],
            "people": [None, 0, 40, 3, None],  # a: withheld by the query; d: small, no flag; e: none
            "few_people": [True, False, False, False, False],
            "value": [1.5, None, 2.25, 3.0, None],
            "flag": [None, "no_data", None, None, "suppressed"],
        }
    )
    got = downloads.readable(df, 11)
    assert list(got.columns) == ["Name", "People", "Value", "Note"]
    assert list(got["People"]) == ["Too few to show", "0", "40", "Too few to show", ""]
    assert list(got["Value"]) == ["Too few to show", "", "2.25", "3", ""]
    assert list(got["Note"]) == ["", "No data", "", "", "Too few to show"]
    assert len(downloads.readable(df, 11, rows=2)) == 2


def test_the_presentation_view_has_no_tables_under_its_charts(on_demo):
    assert not tables(run_page("pages/disparities.py", {"present": "1"}))
