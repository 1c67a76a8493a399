"""The brief (equity.brief): a self-contained HTML file and a PDF of a view, from what the page showed.

- The HTML needs nothing else: its pictures are data: URIs, it has no script, no style or font from
  elsewhere, and no web address but the link back to the live view.
- Every text from a file is escaped in the HTML, and is text, never markup or an action, in the PDF.
- The PDF's text can be read back (pypdf) and holds the figures the page shows: the page's own takeaways.
- Every page offers the brief, and it builds on the demo and on real public files.
"""

import base64
import datetime as dt
import html
import io
import re
import urllib.parse
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from equity import brief, brief_figures, charts, downloads, text

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")
MADE = dt.datetime(2026, 12, 1, 15, 30, tzinfo=dt.UTC)
LINK = "https://dash.example.org/disparities?region=99&ind=uninsured&year=2024"

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="https://evil.example.com/x.png" onerror="alert(2)">',
    "<a href='https://evil.example.com'>click</a>",
    "$\\frac{1}{2}$ and $x$",  # matplotlib's math
    ") Tj /JavaScript (app.alert(3)) >> endobj",  # PDF syntax
    '=HYPERLINK("https://evil.example.com")',
    "Zoë \u202eevil\u202c & Ñandú",
]


def actions(obj, seen=None) -> set[str]:
    """Every dictionary key and /S action name in a PDF object and all it refers to."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen = set() if seen is None else seen
    if isinstance(obj, IndirectObject):
        if (obj.idnum, obj.generation) in seen:
            return set()
        seen.add((obj.idnum, obj.generation))
        obj = obj.get_object()
    found: set[str] = set()
    if isinstance(obj, DictionaryObject):
        found |= {str(k) for k in obj} | ({str(obj["/S"])} if "/S" in obj else set())
        for k, v in obj.items():
            if k != "/Parent":
                found |= actions(v, seen)
    elif isinstance(obj, ArrayObject):
        for v in obj:
            found |= actions(v, seen)
    return found


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _pictures(html_text: str) -> list[str]:
    """The file's data: pictures, decoded."""
    out = []
    for _mime, b64, body in re.findall(r"data:([\w/+.-]+)(;base64)?,([^\"'\s]+)", html_text):
        out.append(base64.b64decode(body).decode("utf-8", "replace") if b64 else urllib.parse.unquote(body))
    return out


NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}  # identifiers, never fetched


def web_addresses(html_text: str) -> set[str]:
    """Every http(s) address written anywhere in the file, inside its pictures too, unescaped, less the XML
    namespaces an SVG names."""
    found = set()
    for part in [html_text, *_pictures(html_text)]:
        found |= {html.unescape(a) for a in re.findall(r"https?://[^\s\"'<>)]+", part)}
    return found - NAMESPACES


def references(html_text: str) -> set[str]:
    """What the file would load or open: every href, src and CSS url(), in the page and its pictures."""
    found = set()
    for part in [html_text, *_pictures(html_text)]:
        found |= {html.unescape(a) for a in re.findall(r"(?:href|src)\s*=\s*[\"']([^\"']*)", part)}
        found |= set(re.findall(r"url\(([^)]*)\)", part))
    return {a for a in found if not a.startswith(("data:", "#"))}


def hostile_view(link: str = LINK, label: str = HOSTILE[0]) -> brief.View:
    groups = pd.DataFrame(
        {
            "group_label": [label, "White", HOSTILE[3], "Too small"],
            "value": [21.8, 6.3, 12.0, None],
            "ci_low": [21.5, 6.2, 11.0, None],
            "ci_high": [22.1, 6.4, 13.0, None],
            "flag": [None, None, "unreliable", "suppressed"],
        }
    )
    fig = charts.group_bars(
        groups,
        label="Uninsured",
        unit="percent",
        higher_is_worse=True,
        ref_value=6.3,
        ref_label="Best group",
        title=f"Uninsured by {label}",
        subtitle="Source: " + label,
    )
    trend = charts.group_trend(
        pd.DataFrame(
            {
                "group_label": [label] * 3,
                "year": [2022, 2023, 2024],
                "value": [20.0, 21.0, 21.8],
                "ci_low": [19, 20, 21],
                "ci_high": [21, 22, 22.5],
                "flag": [None, "unreliable", None],
            }
        ),
        unit="percent",
        title="Over time",
        subtitle="",
    )
    cite = downloads.Citation(
        permalink=link,
        min_count=11,
        sources=((f"Survey {label}", "2019–2024"),),
        methods=(text.method_words("Uninsured", "percent", "crude"),),
        definitions=(f"Uninsured: {label}",),
        intervals=True,
        is_demo=True,
    )
    blocks = [
        brief.Block("takeaway", sentence=f"In 2024 {label} were 3.5 times as likely (21.8%).", source=label),
        brief.Block("chart", key="groups", figure=fig, title=f"Uninsured by {label}", subtitle=label),
        brief.Block("cards", cards=((label, "5 of 37", HOSTILE[1]),)),
        brief.Block("table", table=pd.DataFrame({"Group": HOSTILE, "Value": ["1"] * len(HOSTILE)})),
        brief.Block("takeaway", sentence="It grew.", source=""),
        brief.Block("chart", key="trend", figure=trend, title="Over time", subtitle=""),
    ]
    return brief.View(
        page="Disparities",
        place=f"Riverbend {label}",
        population=959808,
        words=f"Riverbend · {label}",
        permalink=link,
        blocks=blocks,
        citations=[cite],
        min_count=11,
        is_demo=True,
        heading=f"Uninsured by {label}",
    )


# ---- the HTML ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("label", HOSTILE)
def test_the_html_escapes_every_text_and_fetches_nothing(label):
    page = brief.build_html([hostile_view(label=label)], MADE).decode("utf-8")
    assert "<script" not in page.lower() and "onerror=" not in page.lower().replace("onerror=&quot;", "")
    assert '<img src="https://' not in page and "<a href='https" not in page
    assert not re.search(r"<(link|iframe|object|embed|base|meta http-equiv=\"refresh)", page, re.I)
    assert "@import" not in page and "url(" not in page  # no style, font or picture from elsewhere
    assert references(page) == {LINK}, references(page)  # the permalink alone
    # Other addresses are only those the hostile labels name, written as text.
    assert all(a.startswith("https://evil.example.com") for a in web_addresses(page) - {LINK})
    assert page.count(f'href="{html.escape(LINK)}"') == 1
    # The label reads as typed (escaped), in headings, takeaway, cards, table and method alike.
    escaped = brief._e(label)
    assert page.count(escaped) >= 6
    assert "Fictional demo data." in page


def test_the_html_pictures_are_inline_svg_with_their_text_drawn_as_shapes():
    page = brief.build_html([hostile_view()], MADE).decode("utf-8")
    pictures = re.findall(r'<img src="data:image/svg\+xml;base64,([^"]+)"', page)
    assert len(pictures) == 3  # two charts and the QR code
    for data in pictures[1:]:
        svg = base64.b64decode(data).decode("utf-8")
        assert "<text" not in svg and "<script" not in svg and "<!DOCTYPE" not in svg
    assert 'alt="Uninsured by &lt;script&gt;alert(1)&lt;/script&gt;. In 2024' in page


@pytest.mark.parametrize(
    "link, linked",
    [
        (LINK, True),
        ("/disparities?region=99", False),  # no web address known: shown as text, not a link
        ("javascript:alert(1)", False),
        ('https://a.example.org/x?q="><script>', True),  # escaped: the quote ends nothing
    ],
)
def test_only_a_web_address_is_a_link(link, linked):
    page = brief.build_html([hostile_view(link=link)], MADE).decode("utf-8")
    assert ("<a href=" in page) == linked
    assert "javascript:alert(1)</code>" in page or link != "javascript:alert(1)"
    assert "<script>" not in page


def test_a_brief_of_several_views_holds_each_in_order():
    one, two = hostile_view(), hostile_view(link=LINK + "&group=income", label="Income")
    page = brief.build_html([one, two], MADE).decode("utf-8")
    assert page.count('<section class="view">') == 2
    assert page.index("Uninsured by &lt;script&gt;") < page.index("Uninsured by Income")
    assert "<title>A brief of 2 views</title>" in page
    assert len(PdfReader(io.BytesIO(brief.build_pdf([one, two], MADE))).pages) >= 2


# ---- the PDF -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("label", HOSTILE)
def test_the_pdf_holds_the_text_as_text(label):
    data = brief.build_pdf([hostile_view(label=label)], MADE)
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert not (
        actions(reader.trailer) & {"/JavaScript", "/JS", "/Launch", "/SubmitForm", "/ImportData", "/AA"}
    )
    assert not isinstance(root.get("/OpenAction"), dict)  # opening shows the first page, and runs nothing
    assert reader.metadata.title == brief.clean(f"Uninsured by {label}")  # a string, escaped as PDF says
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A", {})
            assert action.get("/S") == "/URI" and action.get("/URI") == LINK  # the permalink, nothing else
    words = pdf_text(data)
    shown = re.sub(r"\s+", " ", brief.clean(label))
    assert "3.5 times as likely (21.8%)" in words
    assert shown[:20] in words  # the label, as typed (invisible characters taken out)
    for line in (
        "Fictional demo data.",
        "Source and method",
        text.small_count_rule(11)[:60],
        "December 1, 2026",
    ):
        assert line in words
    assert "Live view: " + LINK[:40] in words


def test_the_method_says_crude_or_adjusted_intervals_and_withheld_once_each():
    lines = brief.method_lines(hostile_view())
    fields = [f for f, _ in lines]
    assert fields.count("Small counts") == 1 and fields.count("Intervals") == 1
    assert ("Method", "Uninsured: percent, crude rate.") in lines
    assert ("Source", "Survey <script>alert(1)</script> (vintage 2019–2024)") in lines


def test_figure_text_is_plain():
    assert brief_figures.plain("a<br><b>b</b> &amp; $x$") == "a\nb & \\$x\\$"
    assert brief_figures.plain("&lt;script&gt;") == "<script>"  # an escaped figure's label, as typed
    assert brief_figures.plain("x\u202ey") == "xy"


# ---- every page, on the demo and on real public files ---------------------------------------------------

PAGES = ["overview", "disparities", "map", "programs", "partnerships", "community", "methods"]


def run(page: str, params=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def page_takeaways(at) -> list[str]:
    """The takeaway sentences as the page shows them (its HTML, unescaped)."""
    out = []
    for m in at.markdown:
        if 'class="takeaway"' in m.value:
            sentence = re.sub(r'<span class="cite">.*?</span>', "", m.value)
            out.append(html.unescape(re.sub(r"<[^>]+>", "", sentence)).strip())
    return out


def numbers(sentence: str) -> list[str]:
    return re.findall(r"\d[\d,]*(?:\.\d+)?%?", sentence)


def brief_of(at, page: str) -> tuple[brief.View, bytes, bytes]:
    from equity import ui

    fr = at.session_state["_frame"]
    view = ui.brief_view(fr, "http://localhost:8501/" + ("" if page == "overview" else page), page.title())
    return view, brief.build_html([view], MADE), brief.build_pdf([view], MADE)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_offers_its_brief_and_it_holds_the_pages_figures(page, on_demo):
    at = run(page)
    labels = [b.proto.label for b in at.get("download_button")]
    assert text.BRIEF_HTML in labels and text.BRIEF_PDF in labels
    assert any(b.label == text.BRIEF_ADD for b in at.button)
    view, page_html, page_pdf = brief_of(at, page)
    words = pdf_text(page_pdf)
    assert view.title in words or view.title[:40] in words
    for sentence in page_takeaways(at):
        for n in numbers(sentence):
            assert n in words, (n, sentence)  # each figure the page's takeaways give, in the PDF
    drawn = len(at.get("plotly_chart"))
    assert sum(b.kind == "chart" for b in view.blocks) == drawn
    assert page_html.decode().count("<figure>") == drawn
    assert web_addresses(page_html.decode()) == {view.permalink}
    assert "Fictional demo data." in words


def test_a_view_added_to_the_brief_comes_first(on_demo):
    at = run("disparities")
    next(b for b in at.button if b.label == text.BRIEF_ADD).click().run()
    assert any(text.brief_chosen(1) in c.value for c in at.caption)
    at.switch_page("pages/overview.py").run()
    from equity import ui

    fr = at.session_state["_frame"]
    views = ui.brief_views(fr, "/", "Overview", at.session_state["_brief_views"])
    assert [v.page for v in views] == ["Disparities", "Overview"]
    assert "A brief of 2 views" in brief.build_html(views, MADE).decode()


def test_the_presentation_view_offers_no_brief(on_demo):
    at = run("overview", {"present": "1"})
    assert text.BRIEF_PDF not in [b.proto.label for b in at.get("download_button")]


def test_hostile_link_values_reach_the_brief_as_text(on_demo):
    at = run("disparities", {"ref": "<script>alert(1)</script>", "area": "javascript:alert(1)"})
    view, page_html, page_pdf = brief_of(at, "disparities")
    assert "<script>" not in page_html.decode()
    assert "javascript:" not in view.permalink  # the page fell back, and the brief's link says what it shows


SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
REAL_FILES = {
    "wonder": ("wonder", SHARED / "wonder" / "CDC_Wonder_Cervical_Cancer-Race_State.csv"),
    "acs": ("acs", SHARED / "acs" / "ACSST5Y2021.S1903-Data.csv"),
}


@pytest.fixture(scope="module")
def real_dbs(tmp_path_factory):
    """Databases of the real public files in ../shared/data, each loaded as a user would load it; built
    once for the module, on the first test that asks."""
    from equity.ingest import ingest

    built: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in built:
            kind, file = REAL_FILES[name]
            if not file.is_file():
                pytest.skip(f"the real file is not at {file}")
            built[name] = tmp_path_factory.mktemp(name) / "equity.duckdb"
            ingest(built[name], kind, [file])
        return built[name]

    return get


@pytest.mark.shared_data
@pytest.mark.parametrize(
    "db, page",
    [("wonder", "overview"), ("wonder", "disparities"), ("acs", "disparities"), ("nation", "map")],
)
def test_the_brief_builds_on_real_public_files(db, page, monkeypatch, real_dbs, request):
    # "nation": real-format county files of three states (tests/conftest.py's nation_db).
    path = request.getfixturevalue("nation_db") if db == "nation" else real_dbs(db)
    monkeypatch.setenv("EQUITY_DB", str(path))
    at = run(page)
    view, page_html, page_pdf = brief_of(at, page)
    words = pdf_text(page_pdf)
    for sentence in page_takeaways(at):
        for n in numbers(sentence):
            assert n in words, (n, sentence)
    assert "Fictional demo data." not in words
    assert web_addresses(page_html.decode()) == {view.permalink}
    assert sum(b.kind == "chart" for b in view.blocks) == len(at.get("plotly_chart"))


def test_a_figure_that_has_been_through_json_draws_the_same():
    """Plotly keeps a numeric array as a typed array (dtype and base64 bdata) once a figure has been
    through JSON, as a cached one has: the brief reads it as the numbers it is."""
    import numpy as np
    import plotly.graph_objects as go
    import plotly.io as pio

    fig = go.Figure(
        go.Scatter(x=np.array([1.0, 2.0]), y=np.array([3.0, 4.0]), error_y=dict(array=np.array([0.1, 0.2])))
    )
    again = pio.from_json(fig.to_json())
    assert isinstance(again.data[0].error_y.array, dict)  # the typed-array form, as the page may hand it
    assert brief_figures._values(again.data[0].error_y.array) == [0.1, 0.2]
    assert brief_figures._values(again.data[0].y) == [3.0, 4.0]
    assert brief_figures.svg(again).startswith(b"<?xml")
