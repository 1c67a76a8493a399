"""Each chart's data as a viewer downloads it: a CSV, and an Excel workbook whose first sheet is its citation
(equity/downloads.py). Hostile cells go through both writers; the workbook is read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from equity import downloads, safety, state, text

WHEN = dt.datetime(2026, 3, 4, 5, 6, tzinfo=dt.UTC)
LINK = "http://dash.example.org/disparities?region=99&ind=uninsured&year=2024&chart=groups"
LOADED_LABEL = '=HYPERLINK("http://x","Adults without insurance")'  # a label from a loaded file

# Each hostile cell, as a text cell, by what it is.
HOSTILE_TEXT = {
    "equals": "=1+1",
    "plus": "+cmd|' /C calc'!A0",
    "minus": "-2+3+cmd|' /C calc'!A0",
    "at": "@SUM(A1:A9)",
    "tab": "\t=1+1",
    "carriage return": "\r=1+1",
    "spaces first": "  =1+1",
    "control character first": "\x01=1+1",  # XML cannot hold it: removed, and what it hid is neutralised
    "label from a loaded file": LOADED_LABEL,
}
PLAIN_TEXT = {
    "a number as text": "-5",
    "the Census Bureau's no estimate": "-",
    "a date as text": "2024-01-05",
    "a name": "Providence",
}
LONG = "x" * 40_000  # longer than an Excel cell holds


def frame() -> pd.DataFrame:
    n = len(HOSTILE_TEXT) + len(PLAIN_TEXT) + 1
    cells = [*HOSTILE_TEXT.values(), *PLAIN_TEXT.values(), LONG]
    return pd.DataFrame(
        {
            "label": cells,
            "value": [-1.5, -3.5, 0.0, 2.5, -0.25, 1e-5, -1e6, 7.5, 8.0, 9.0, 10.0, -11.0, 12.0, 13.0][:n],
            "change": pd.array([-3, -2, -1, 0, 1, 2, 4, 5, 6, 8, 9, 10, 11, 12][:n], dtype="Int64"),
            "period": pd.to_datetime(["2024-01-05"] * n),
            "collected_on": [dt.date(2023, 12, 31)] * n,
            # Counts of people: 3, 7 and 15 are under a threshold of 20; 3 and 7 under 11.
            "people": [3, 7, 15, 0, 120, 21, 20, 500, 42, 64, 99, 1000, 22, 23][:n],
            "=total": [1] * n,  # a column named like a formula
        }
    )


def citation(min_count: int = 11, **changes) -> downloads.Citation:
    indicators = pd.DataFrame(
        {
            "indicator_id": ["uninsured", "uninsured_aa"],
            "label": [LOADED_LABEL, "Adults without health insurance (age-adjusted)"],
            "description": ["Percent of adults with no health insurance.", "The same, age-adjusted."],
            "unit": ["percent", "percent"],
            "measure_type": ["crude", "age_adjusted"],
            "source_name": ["@Riverbend Survey", "@Riverbend Survey"],
            "publisher": ["Riverbend Health", "Riverbend Health"],
            "vintage": ["2019–2024", "2019–2024"],
        }
    )
    c = downloads.cite(
        indicators, permalink=LINK, min_count=min_count, chart="-Gap by group", view="Riverbend · 2024"
    )
    return downloads.Citation(**{**c.__dict__, **changes})


def workbook(df: pd.DataFrame, min_count: int = 11, **changes) -> openpyxl.Workbook:
    data = downloads.excel(df, min_count, citation(min_count, **changes), when=WHEN)
    return openpyxl.load_workbook(io.BytesIO(data))


def about(book) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for field, line in book[text.ABOUT_SHEET].iter_rows(min_row=2, values_only=True):
        out.setdefault(field, []).append(line)
    return out


def data_rows(book) -> list[list]:
    return [list(r) for r in book[text.DATA_SHEET].iter_rows(values_only=True)]


def every_cell(book):
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from row


# ---- both writers, cell by cell ----------------------------------------------------------------------


@pytest.mark.parametrize("name", HOSTILE_TEXT)
def test_a_formula_cell_is_neutralised_in_the_csv_and_the_workbook(name):
    df = frame()
    i = list(HOSTILE_TEXT).index(name)
    csv = pd.read_csv(io.BytesIO(downloads.csv(df, 11)), dtype=str, keep_default_na=False)
    assert csv["label"][i].startswith("'") and not safety.is_formula(csv["label"][i])
    cell = workbook(df)[text.DATA_SHEET].cell(i + 2, 1)
    assert cell.data_type == "s"  # text, never a formula
    assert cell.value.startswith("'") and not safety.is_formula(cell.value)
    assert "\x01" not in cell.value


@pytest.mark.parametrize("name", PLAIN_TEXT)
def test_text_that_only_looks_like_a_number_or_a_date_stays_text_as_it_is(name):
    df = frame()
    i = len(HOSTILE_TEXT) + list(PLAIN_TEXT).index(name)
    csv = pd.read_csv(io.BytesIO(downloads.csv(df, 11)), dtype=str, keep_default_na=False)
    assert csv["label"][i] == PLAIN_TEXT[name]
    cell = workbook(df)[text.DATA_SHEET].cell(i + 2, 1)
    assert (cell.data_type, cell.value) == ("s", PLAIN_TEXT[name])


def test_numbers_stay_numbers_and_dates_dates():
    df = frame()
    rows = data_rows(workbook(df))
    header, body = rows[0], rows[1:]
    value, change = header.index("value"), header.index("change")
    assert [r[value] for r in body] == df["value"].tolist()  # -1.5 is the number -1.5, not text
    assert [r[change] for r in body] == df["change"].tolist()
    sheet = workbook(df)[text.DATA_SHEET]
    for r in range(2, sheet.max_row + 1):
        for c in (value + 1, change + 1):
            assert sheet.cell(r, c).data_type == "n"
        assert sheet.cell(r, header.index("period") + 1).is_date
        assert sheet.cell(r, header.index("collected_on") + 1).is_date
    assert body[0][header.index("period")] == dt.datetime(2024, 1, 5)
    csv = pd.read_csv(io.BytesIO(downloads.csv(df, 11)))
    assert csv["value"].tolist() == df["value"].tolist() and csv["period"][0] == "2024-01-05"


def test_a_long_text_is_cut_to_what_a_cell_holds_and_kept_whole_in_the_csv():
    df = frame()
    cell = workbook(df)[text.DATA_SHEET].cell(len(df) + 1, 1)
    assert len(cell.value) <= downloads.EXCEL_CELL and cell.value.startswith("xxx") and cell.value[-1] == "…"
    csv = pd.read_csv(io.BytesIO(downloads.csv(df, 11)), dtype=str)
    assert csv["label"].iloc[-1] == LONG


def test_a_carriage_return_inside_a_cell_cannot_start_a_row_of_the_csv():
    import csv

    df = pd.DataFrame({"name": ["Kent\r=1+1", "Bristol\n@SUM(1)"], "value": [1, 2]})
    rows = list(csv.reader(io.StringIO(downloads.csv(df, 11).decode("utf-8"), newline="")))
    assert rows == [["name", "value"], ["Kent\r=1+1", "1"], ["Bristol\n@SUM(1)", "2"]]


def test_a_column_named_like_a_formula_is_neutralised_in_both():
    df = frame()
    assert "'=total" in pd.read_csv(io.BytesIO(downloads.csv(df, 11))).columns
    assert "'=total" in data_rows(workbook(df))[0]


@pytest.mark.parametrize("min_count", [11, 20])
def test_no_withheld_count_appears_in_either_download(min_count):
    df = frame()
    withheld = [n for n in df["people"] if 1 <= n < min_count]
    assert withheld  # the table has some to withhold
    csv = pd.read_csv(io.BytesIO(downloads.csv(df, min_count)))
    assert not csv["people"].isin(withheld).any()
    book = workbook(df, min_count)
    header = data_rows(book)[0]
    people = [r[header.index("people")] for r in data_rows(book)[1:]]
    assert not set(people) & set(withheld)
    assert people.count(None) == len(withheld)  # blank, not zero
    assert 0 in people  # a zero is a zero
    # Nor anywhere else in the workbook: no cell holds a withheld count as a number, or as text.
    assert not {c.value for c in every_cell(book) if c.data_type == "n"} & set(withheld)
    assert not {c.value for c in every_cell(book) if c.data_type == "s"} & {str(n) for n in withheld}


def test_no_cell_of_the_workbook_is_a_formula_or_starts_like_one():
    book = workbook(frame())
    for cell in every_cell(book):
        assert cell.data_type != "f", cell.coordinate
        if isinstance(cell.value, str):
            assert not safety.is_formula(cell.value), (cell.parent.title, cell.coordinate, cell.value)


# ---- the citation sheet ------------------------------------------------------------------------------


def test_the_first_sheet_says_source_vintage_method_rule_link_and_date():
    book = workbook(frame(), is_demo=True)
    assert book.sheetnames == [text.ABOUT_SHEET, text.DATA_SHEET]
    lines = about(book)
    f = text.ABOUT_FIELDS
    # Text from data is neutralised here too: the source's name, the chart's title, the loaded label.
    assert lines[f["source"]] == ["'@Riverbend Survey, Riverbend Health"]
    assert lines[f["vintage"]] == ["2019–2024"]
    assert lines[f["chart"]] == ["'-Gap by group"]
    assert lines[f["view"]] == ["Riverbend · 2024"]
    assert lines[f["method"]] == [
        "'" + LOADED_LABEL + ": percent, crude rate.",
        "Adults without health insurance (age-adjusted): percent, age-adjusted rate (direct method, "
        "2000 U.S. standard population).",
    ]
    assert "95% confidence interval" in lines[f["intervals"]][0]
    assert "Korn–Graubard" in lines[f["intervals"]][0]
    rule = lines[f["small_counts"]][0]
    assert "Counts of 1 to 10 people are withheld" in rule and "counts under 11" in rule
    assert lines[f["link"]] == [LINK]
    assert lines[f["downloaded"]] == ["2026-03-04 05:06 UTC"]
    assert "fictional" in lines[f["demo"]][0]
    assert book[text.ABOUT_SHEET]["A1"].value == text.ABOUT_HEADING


def test_the_rule_names_the_databases_own_threshold():
    rule = about(workbook(frame(), 20))[text.ABOUT_FIELDS["small_counts"]][0]
    assert "1 to 19" in rule and "counts under 20" in rule


def test_a_real_database_has_no_demo_line_and_the_organisations_records_are_cited():
    c = downloads.cite(
        pd.DataFrame(columns=["label", "description", "unit", "measure_type", "source_name", "publisher"]),
        permalink="/partnerships?chart=roles",
        min_count=11,
        records=text.AGREEMENTS,
        as_of="2025-06-30",
    )
    book = openpyxl.load_workbook(io.BytesIO(downloads.excel(pd.DataFrame({"role": ["lead"]}), 11, c, WHEN)))
    lines = about(book)
    f = text.ABOUT_FIELDS
    assert lines[f["source"]] == [text.AGREEMENTS]
    assert lines[f["vintage"]] == ["As recorded up to June 30, 2025"]
    assert lines[f["method"]] == [text.RECORDS_METHOD]
    assert f["demo"] not in lines and f["intervals"] not in lines
    assert lines[f["link"]] == ["/partnerships?chart=roles"]


def test_several_sources_each_with_its_vintage():
    indicators = pd.DataFrame(
        {
            "label": ["A", "B", "C"],
            "description": ["a", "b", "c"],
            "unit": ["percent", "per_100k", "years"],
            "measure_type": ["crude"] * 3,
            "source_name": [
                "CDC PLACES, 2023 data",
                "County Health Rankings & Roadmaps, 2024 release",
                "CDC PLACES, 2023 data",
            ],
            "publisher": ["CDC", "University of Wisconsin", "CDC"],
            "vintage": ["2023", "2024", "2023"],
        }
    )
    c = downloads.cite(indicators, permalink="/", min_count=11)
    assert c.sources == (
        ("CDC PLACES, 2023 data", "2023"),  # the publisher is in the name already
        ("County Health Rankings & Roadmaps, 2024 release, University of Wisconsin", "2024"),
    )
    rows = dict(downloads.about_rows(c, WHEN))
    assert [line for field, line in downloads.about_rows(c, WHEN) if field == "Vintage"] == [
        "CDC PLACES, 2023 data: 2023",
        "County Health Rankings & Roadmaps, 2024 release, University of Wisconsin: 2024",
    ]
    assert "C: years." in [line for field, line in downloads.about_rows(c, WHEN) if field == "Method"]
    assert rows["Link to this view"] == "/"


def test_a_table_longer_than_a_sheet_is_cut_and_says_so(monkeypatch):
    monkeypatch.setattr(downloads, "EXCEL_ROWS", 5)
    df = pd.DataFrame({"n": range(12, 24)})
    book = workbook(df)
    assert [r[0] for r in data_rows(book)] == ["n", 12, 13, 14, 15, 16]
    assert about(book)[text.ABOUT_FIELDS["rows"]] == [text.rows_cut(5, 12)]


def test_a_charts_title_loses_the_dashboards_own_markup_only():
    import plotly.graph_objects as go

    fig = go.Figure(
        layout={"title": {"text": "Gaps<br><span style='font-size:14px;color:#4a4f55'>a <a>b</a>"}}
    )
    assert downloads.plain_title(fig) == "Gaps a <a>b</a>"
    assert downloads.plain_title(go.Figure()) == ""


# ---- each chart's own link ---------------------------------------------------------------------------


def test_every_chart_key_a_page_takes_is_one_it_can_draw():
    assert state.chart_keys("disparities") >= {"groups", "trend", "places"}
    keys = {"results_clinic_visits", "reach", "impact_event", "impact_its"}
    keys |= {"reach_map", "reach_groups", "reach_sites"}  # who are we reaching (equity.views.reach)
    assert state.chart_keys("programs", ["clinic_visits"]) >= keys
    assert state.chart_keys("methods") == set()
    for page in state.PAGE_CHARTS:
        assert "chart" in state.PAGE_KEYS[page], page  # a page with charts reads the chart key


@pytest.mark.parametrize(
    "value, taken",
    [
        ("groups", True),
        ("trend", True),
        ("Groups", False),
        ("map", False),  # another page's chart
        ("<img src=x>", False),
        ("groups\u202e", False),
        ("x" * 500, False),
        ("", True),  # no chart: the top of the page, no notice
    ],
)
def test_a_chart_link_takes_only_the_pages_charts(value, taken):
    choices = state.Choices(regions={"99": "Riverbend"}, indicators={"uninsured": "Uninsured"}, years=(2024,),
                            groups={"race_ethnicity": "Race"})  # fmt: skip
    parsed, notices = state.parse({"chart": value}, choices, state.page_keys("disparities"))
    kept = parsed.extra.get("chart")
    notice = (
        notices[0] if notices else state.check("disparities", "chart", kept, state.chart_keys("disparities"))
    )
    assert (notice is None) == taken
    if not taken:  # quoted back inert and short (and escaped where it is shown, ui.notice_box)
        assert "\u202e" not in notice and len(notice) < 200


@pytest.mark.parametrize(
    "url, page, address",
    [
        ("http://localhost:8501/disparities", "disparities", "http://localhost:8501/disparities"),
        ("https://dash.example.org/equity/map?x=1#y", "map", "https://dash.example.org/equity/map"),
        ("https://dash.example.org/", "overview", "https://dash.example.org/"),
        (None, "disparities", "/disparities"),  # no browser (AppTest): the page's path
        (None, "overview", "/"),
        ("javascript:alert(1)", "map", "/map"),
        ("file:///etc/passwd", "map", "/map"),
        ("http://local\u202ehost:8501/map", "map", "http://localhost:8501/map"),
    ],
)
def test_a_links_address_is_the_browsers_own_or_the_pages_path(url, page, address):
    assert state.page_address(url, page) == address


def test_a_permalink_writes_every_key_encoded():
    link = state.permalink("/disparities", {"region": "99", "ref": "Two or more races", "chart": "groups"})
    assert link == "/disparities?region=99&ref=Two+or+more+races&chart=groups"
    assert state.permalink("/", {}) == "/"
