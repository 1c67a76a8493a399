"""Lessons learned: the table's checks on load (hostile files), search and filters, the case studies in
HTML and Markdown (golden output on a small fixture; hostile text stays text), and the page."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import duckdb
import pandas as pd
import pytest
from markdown_it import MarkdownIt

from equity import db, schema
from equity import lessons as rules
from equity.ingest import IngestError, ingest
from equity.views import lessons as view
from tests.helpers import table, write
from tests.test_pages import run_page, shown, texts

HEADER = "lesson_id,program_id,date,title,what_was_tried,what_happened,do_differently,tags,recorded_by_role\n"
GOOD = "les01,chw,2024-03-01,Market table,Tried a table,It worked,Bring forms,outreach; language access,CHW\n"


@pytest.fixture
def coalition_db(demo_db, tmp_path):
    """A copy of the demo that is a coalition's own database (a load into the demo would replace it),
    without its indicator values, which a load checks again and which are not this test's business."""
    path = tmp_path / "equity.duckdb"
    shutil.copy(demo_db, path)
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = 'false' WHERE key = 'is_demo'")
    for name in ("withheld", "national_values", "indicator_values"):
        con.execute(f"DELETE FROM {name}")
    con.close()
    return path


def test_the_lessons_table_is_an_organisation_table_with_its_template_label():
    spec = schema.ORG_TABLES["lessons"]
    assert spec.key == ("lesson_id",)
    assert spec.names == HEADER.strip().split(",")
    required = {c.name for c in spec.columns if c.required}
    assert required == {"lesson_id", "date", "title", "what_was_tried", "what_happened", "do_differently",
                        "recorded_by_role"}  # fmt: skip
    assert next(c for c in spec.columns if c.name == "program_id").ref == ("programs", "program_id")
    assert spec.label == "Lessons learned"
    assert ("lessons", "what_was_tried") in db.REQUIRED_COLUMNS


MARKUP = "<script>alert(1)</script> [click](https://evil.example) ![x](https://evil.example/i.png) **b**"


def test_lessons_load_and_markup_in_their_text_is_kept_as_typed(coalition_db, tmp_path):
    body = HEADER + GOOD + f'les02,,2024-04-02,"{MARKUP}","# heading","| a | b |",":red[x]",,Coordinator\n'
    ingest(coalition_db, "org", [write(tmp_path, "lessons.csv", body)])
    got = table(coalition_db, "SELECT * FROM lessons ORDER BY lesson_id")
    assert got["title"].tolist() == ["Market table", MARKUP]
    assert got.loc[1, "what_was_tried"] == "# heading" and pd.isna(got.loc[1, "program_id"])
    assert got.loc[0, "date"] == pd.Timestamp("2024-03-01")


HOSTILE = {  # what the file says -> what the error says
    "an unknown program": (
        HEADER + GOOD.replace(",chw,", ",moon_base,"),
        r"lessons\.csv, row 2, column 'program_id': unknown program \(found 'moon_base'\)",
    ),
    "a date that is not one": (
        HEADER + GOOD.replace("2024-03-01", "2024-13-01"),
        r"lessons\.csv, row 2, column 'date': not a date \(found '2024-13-01'\)",
    ),
    "a date written another way": (
        HEADER + GOOD.replace("2024-03-01", "03/01/2024"),
        r"lessons\.csv, row 2, column 'date': not a date",
    ),
    "a formula in a title": (
        HEADER
        + GOOD.replace("Market table", '=HYPERLINK(""https://evil.example"",""x"")').replace(
            '=HYPERLINK(""https://evil.example"",""x"")', '"=HYPERLINK(""https://evil.example"",""x"")"'
        ),
        r"lessons\.csv, row 2, column 'title': a cell holds a spreadsheet formula",
    ),
    "a formula after spaces in the lesson": (
        HEADER + GOOD.replace("It worked", "  @SUM(A1:A9)"),
        r"lessons\.csv, row 2, column 'what_happened': a cell holds a spreadsheet formula",
    ),
    "no role of who recorded it": (
        HEADER + GOOD.replace(",CHW\n", ",\n"),
        r"lessons\.csv, row 2, column 'recorded_by_role': a required value is missing",
    ),
    "nothing learned": (
        HEADER + GOOD.replace("Bring forms", ""),
        r"lessons\.csv, row 2, column 'do_differently': a required value is missing",
    ),
    "one lesson twice": (
        HEADER + GOOD + GOOD,
        r"lessons\.csv, row 3, column 'lesson_id': rows 2 and 3 have the same lesson_id \(found 'les01'\)",
    ),
    "a column of names": (
        HEADER.replace("\n", ",recorded_by\n") + GOOD.replace("\n", ",Maria Lopez\n"),
        r"lessons\.csv: unknown column\(s\) recorded_by for the table lessons",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_lesson_files_get_a_clear_error_and_change_nothing(coalition_db, tmp_path, case):
    body, message = HOSTILE[case]
    before = coalition_db.read_bytes()
    with pytest.raises(IngestError, match=message) as err:
        ingest(coalition_db, "org", [write(tmp_path, "lessons.csv", body)])
    assert "Nothing was changed" in str(err.value)
    assert coalition_db.read_bytes() == before


def test_a_program_that_kept_lessons_refer_to_cannot_be_dropped(coalition_db, tmp_path):
    programs = table(coalition_db, "SELECT * FROM programs")
    programs = programs.assign(start_date=programs["start_date"].dt.strftime("%Y-%m-%d"))
    pilot = programs.iloc[[0]].assign(program_id="pilot", name="A pilot")
    with_pilot = tmp_path / "with" / "programs.csv"
    with_pilot.parent.mkdir()
    pd.concat([programs, pilot]).to_csv(with_pilot, index=False)
    lessons = write(tmp_path, "lessons.csv", HEADER + GOOD.replace(",chw,", ",pilot,"))
    ingest(coalition_db, "org", [with_pilot, lessons])
    assert table(coalition_db, "SELECT program_id FROM lessons")["program_id"].tolist() == ["pilot"]
    without = tmp_path / "programs.csv"
    programs.to_csv(without, index=False)
    with pytest.raises(IngestError, match=r"the database's lessons \(kept.*still refer to the program_id"):
        ingest(coalition_db, "org", [without])


# ---- search and filters -------------------------------------------------------------------------------

FIXTURE = pd.DataFrame(
    [
        ("l1", "mobile", "Rural Health on Wheels", dt.date(2023, 6, 12), "Stops chosen by residents",
         "Residents chose stops", "Visits doubled", "Ask each season", "community engagement; transportation",
         "Mobile clinic coordinator"),
        ("l2", "mobile", "Rural Health on Wheels", dt.date(2024, 1, 29), "Winter cancellations",
         "Kept the summer schedule", "Snow cancelled three stops", "Send text alerts", "communication; trust",
         "Mobile clinic coordinator"),
        ("l3", None, None, dt.date(2024, 11, 8), "No interpreter",
         "A session in English", "Spanish speakers left [early]", "Interpreters at every session",
         "community engagement; language access", "Coalition coordinator"),
    ],
    columns=["lesson_id", "program_id", "program", "date", "title", "what_was_tried", "what_happened",
             "do_differently", "tags", "recorded_by_role"],
)  # fmt: skip


@pytest.mark.parametrize(
    ("query", "program", "tag", "expected"),
    [
        (None, None, None, ["l3", "l2", "l1"]),  # newest first
        ("", None, None, ["l3", "l2", "l1"]),
        ("snow", None, None, ["l2"]),
        ("SNOW", None, None, ["l2"]),  # case ignored
        ("stops residents", None, None, ["l1"]),  # every word, anywhere
        ("residents snow", None, None, []),
        ("[early]", None, None, ["l3"]),  # text, not a pattern
        (".*", None, None, []),
        ("coordinator", None, None, ["l3", "l2", "l1"]),  # the recorder's role is searched
        ("wheels", None, None, ["l2", "l1"]),  # and the program's name
        (None, "mobile", None, ["l2", "l1"]),
        (None, None, "community engagement", ["l3", "l1"]),
        (None, None, "community", []),  # a tag is matched whole
        ("alerts", "mobile", "trust", ["l2"]),
        ("alerts", "mobile", "transportation", []),
    ],
)
def test_search_and_filters(query, program, tag, expected):
    got = rules.filtered(FIXTURE, query=query, program=program, tag=tag)
    assert got["lesson_id"].tolist() == expected


def test_tags_are_split_at_semicolons_and_listed_most_used_first():
    assert rules.tags_of(" a; b;;a ;") == ["a", "b"]
    assert rules.tags_of(None) == [] and rules.tags_of(float("nan")) == []
    assert rules.all_tags(FIXTURE) == ["community engagement", "communication", "language access",
                                       "transportation", "trust"]  # fmt: skip


# ---- case studies -------------------------------------------------------------------------------------

GOLDEN_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Case study: lessons from Rural Health on Wheels</title>
<style>{style}</style>
</head>
<body>
<h1>Case study: lessons from Rural Health on Wheels</h1>
<p class="meta">2 lessons recorded by Riverbend&#x27;s health equity coalition, Jun 2023 to Jan 2024: what \
was tried, what happened, and what the coalition would do differently.</p>
<h2>Winter cancellations</h2>
<p class="meta">Recorded 29 Jan 2024 by: Mobile clinic coordinator · Rural Health on Wheels</p>
<h3>What we tried</h3>
<p>Kept the summer schedule</p>
<h3>What happened</h3>
<p>Snow cancelled three stops</p>
<h3>What we would do differently</h3>
<p>Send text alerts</p>
<p class="tags">Tags: communication · trust</p>
<h2>Stops chosen by residents</h2>
<p class="meta">Recorded 12 Jun 2023 by: Mobile clinic coordinator · Rural Health on Wheels</p>
<h3>What we tried</h3>
<p>Residents chose stops</p>
<h3>What happened</h3>
<p>Visits doubled</p>
<h3>What we would do differently</h3>
<p>Ask each season</p>
<p class="tags">Tags: community engagement · transportation</p>
<footer>From the coalition&#x27;s lessons learned records, exported by the Equity Dashboard on 30 Jun 2025.\
</footer>
</body>
</html>
"""

GOLDEN_MD = """# Case study\\: lessons from Rural Health on Wheels

2 lessons recorded by Riverbend's health equity coalition, Jun 2023 to Jan 2024\\: what was tried, what \
happened, and what the coalition would do differently.

## Winter cancellations

*Recorded 29 Jan 2024 by\\: Mobile clinic coordinator · Rural Health on Wheels*

### What we tried

Kept the summer schedule

### What happened

Snow cancelled three stops

### What we would do differently

Send text alerts

Tags: communication · trust

## Stops chosen by residents

*Recorded 12 Jun 2023 by\\: Mobile clinic coordinator · Rural Health on Wheels*

### What we tried

Residents chose stops

### What happened

Visits doubled

### What we would do differently

Ask each season

Tags: community engagement · transportation

---

From the coalition's lessons learned records, exported by the Equity Dashboard on 30 Jun 2025.
"""

WORDS = dict(region="Riverbend", made_on="2025-06-30", is_demo=False)


def mobile():
    return rules.filtered(FIXTURE, program="mobile")


def test_a_programs_lessons_as_a_case_study_in_html():
    got = rules.case_study_html(mobile(), program="Rural Health on Wheels", **WORDS)
    # The lead's span runs from the first date to the last.
    assert got == GOLDEN_HTML.format(style=rules.HTML_STYLE)


def test_a_programs_lessons_as_a_case_study_in_markdown():
    assert rules.case_study_markdown(mobile(), program="Rural Health on Wheels", **WORDS) == GOLDEN_MD


def test_one_lesson_is_a_case_study_of_its_own_and_a_demo_one_says_it_is_fictional():
    one = FIXTURE[FIXTURE["lesson_id"] == "l3"]
    got = rules.case_study_markdown(one, program=None, **{**WORDS, "is_demo": True})
    assert got.startswith("# Case study\\: No interpreter\n\n1 lesson recorded by Riverbend's")
    assert "The coalition as a whole" in got and "Fictional demo data" in got
    assert rules.file_name(one, None) == "case_study_l3"
    assert rules.file_name(mobile(), "mobile") == "case_study_mobile"
    assert rules.file_name(mobile(), "../../etc") == "case_study_etc"


HOSTILE_TEXT = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click me](https://evil.example/steal)",
    "![pixel](https://evil.example/p.png)",
    "<https://evil.example>",
    "visit www.evil.example or https://evil.example today",
    "write to mayor@evil.example",
    "# not a heading\n\n- not a list",
    "1. not a list\n> not a quote",
    "**bold** _em_ `code` ~~strike~~ | a | b |",
    "&lt;b&gt; entity &amp; &#60;script&#62;",
    "a\u202eevil\u200b",
]


@pytest.mark.parametrize("hostile", HOSTILE_TEXT)
def test_hostile_text_stays_text_in_both_case_studies(hostile):
    lesson = FIXTURE.iloc[[2]].assign(
        title=hostile, what_was_tried=hostile, what_happened=hostile, do_differently=hostile,
        tags=hostile, recorded_by_role=hostile, program=hostile,
    )  # fmt: skip
    page = rules.case_study_html(lesson, program=hostile, **WORDS)
    assert "<script" not in page and "<img" not in page and "<a " not in page and "href" not in page
    clean = rules.case_study_html(FIXTURE.iloc[[2]], program=None, **WORDS)
    assert re.findall(r"<(\w+)", page) == re.findall(r"<(\w+)", clean)  # no tag but the page's own
    assert "\u202e" not in page and "\u200b" not in page
    rendered = MarkdownIt("gfm-like").render(rules.case_study_markdown(lesson, program=hostile, **WORDS))
    for live in ("<script", "<img", "<a ", "<ul", "<ol", "<blockquote", "<strong", "<em", "<code", "<table"):
        assert live not in rendered.replace("<em>Recorded", "").replace("</em>", ""), rendered
    assert "<s>" not in rendered and "<del>" not in rendered
    assert rendered.count("<h1>") == 1  # the document's own title only


def test_the_html_case_study_loads_nothing_from_outside():
    page = rules.case_study_html(FIXTURE, program=None, **WORDS)
    assert not re.search(r"(src|href)\s*=|url\(|@import|<link|<script", page)
    assert "default-src 'none'" in page


def test_the_view_gives_each_lesson_its_card_and_case_study():
    v = view.view(FIXTURE.assign(title=MARKUP.split(" ")[0] + " t"), query=None, program=None, tag=None,
                  region="Riverbend", made_on="2025-06-30", is_demo=True)  # fmt: skip
    assert [c[0] for c in v.cards] == ["l3", "l2", "l1"]
    assert all("<script" not in card for _, card, _ in v.cards)
    assert "&lt;script&gt;" in v.cards[0][1]
    assert v.programs == {None: "All programs", "mobile": "Rural Health on Wheels"}
    assert v.export.name == "case_study_lessons" and v.summary == "Showing 3 of 3 lessons."
    assert rules.shown_words(0, 3, "zz", None, None).startswith("No lesson of the 3 recorded matches")


# ---- the page -----------------------------------------------------------------------------------------


def cards(at) -> list[str]:
    return [m.value for m in at.markdown if 'class="lesson"' in m.value]


def test_the_page_on_the_demo_lists_every_lesson_with_its_downloads(on_demo):
    at = run_page("pages/lessons.py")
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Lessons learned"]
    assert len(cards(at)) == 10
    assert "Showing 10 of 10 lessons." in texts(at)
    mine = [b for b in at.get("download_button") if b.key not in ("brief_html", "brief_pdf")]  # the sidebar's
    assert len(mine) == 2 + 2 * 10, [b.key for b in mine]
    assert not at.warning


@pytest.mark.parametrize(
    ("params", "n"),
    [
        ({"program": "mobile_clinic"}, 2),
        ({"tag": "language access"}, 3),
        ({"q": "interpreter"}, 1),
        ({"q": "snow", "program": "mobile_clinic"}, 1),
        ({"q": "snow", "program": "chw"}, 0),
    ],
)
def test_the_search_and_filters_come_from_the_url(on_demo, params, n):
    at = run_page("pages/lessons.py", params)
    assert not at.exception, at.exception
    assert not at.warning
    assert len(cards(at)) == n
    if "q" in params:
        assert at.text_input(key="url_q").value == params["q"]
    if "program" in params:
        assert at.selectbox(key="url_program").value == params["program"]
    if n == 0:
        assert "No lesson of the 10 recorded matches" in texts(at)


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"program": "moon_base"}, "the lessons of the program “moon_base”, which has none here"),
        ({"tag": "<b>x</b>"}, "lessons tagged “<b>x</b>”, which no lesson is"),
        ({"q": "a\x00b"}, "The link's “q” value could not be read and was ignored."),
        ({"q": "x" * 500}, "The link's “q” value could not be read and was ignored."),
    ],
)
def test_hostile_url_values_fall_back_with_a_notice(on_demo, params, notice):
    at = run_page("pages/lessons.py", params)
    assert not at.exception, at.exception
    assert any(notice in shown(w.value) for w in at.warning), [w.value for w in at.warning]
    assert len(cards(at)) == 10


@pytest.mark.parametrize("q", ["[x](https://evil.example)", "<img src=x onerror=alert(1)>", ":red[x] **b**"])
def test_markup_in_the_search_is_shown_as_text(on_demo, q):
    at = run_page("pages/lessons.py", {"q": q})
    assert not at.exception, at.exception
    assert at.text_input(key="url_q").value == q  # the box holds it as typed
    for m in at.main.markdown:  # the page's (the sidebar's own bold headings are the dashboard's)
        if 'class="' in m.value:  # the page's own HTML (cards, escaped by view.card; tested above)
            continue
        live = re.sub(r"\\.", "", m.value)  # what is left once every backslash-escaped character is text
        assert "](" not in live and "<img" not in live and ":red[" not in live and "**" not in live, m.value


@pytest.fixture
def without_lessons(demo_db, tmp_path, monkeypatch):
    path = tmp_path / "equity.duckdb"
    shutil.copy(demo_db, path)
    con = duckdb.connect(str(path))
    con.execute("DELETE FROM lessons")
    con.close()
    monkeypatch.setenv("EQUITY_DB", str(path))
    return path


def test_a_database_without_lessons_says_what_to_load(without_lessons):
    at = run_page("pages/lessons.py")
    assert not at.exception, at.exception
    said = shown(at.info[0].value)
    assert "There are no lessons recorded yet" in said and "lessons.csv" in said
    assert "python -m equity ingest org lessons.csv" in said


def test_the_programs_page_links_a_program_to_its_lessons(on_demo):
    at = run_page("pages/programs.py", {"program": "mobile_clinic"})
    assert not at.exception, at.exception
    links = [p for p in at.get("page_link") if "Lessons learned from this program" in str(p.proto.label)]
    assert len(links) == 1 and shown(links[0].proto.label) == "Lessons learned from this program (2)"
    assert "program=mobile_clinic" in str(links[0].proto)


def test_the_programs_page_has_no_link_where_a_program_has_no_lessons(without_lessons):
    at = run_page("pages/programs.py", {"program": "mobile_clinic"})
    assert not at.exception, at.exception
    assert not [p for p in at.get("page_link") if "Lessons learned from" in str(p.proto.label)]


def test_a_database_from_before_lessons_is_refused_with_the_way_to_upgrade_it_and_upgrades(demo_db, tmp_path):
    from equity.ingest.build import upgrade

    older = db.SCHEMA.read_text()
    for name in ("input_participants", "lessons"):
        older = re.sub(rf"CREATE TABLE {name} \(.*?\n\);\n", "", older, flags=re.S)
    older = re.sub(r"CREATE VIEW published_input_participants AS.*?FROM hidden;\n", "", older, flags=re.S)
    assert "lessons" not in older.split("--")[0] and "CREATE TABLE lessons" not in older
    path = tmp_path / "older.duckdb"
    con = duckdb.connect(str(path))
    con.execute(older)
    con.execute(f"ATTACH '{demo_db}' AS demo (READ_ONLY)")
    for name in ("meta", "sources", "areas", "indicators", "partners", "programs"):
        con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM demo.{name}")
    con.close()
    with pytest.raises(
        db.DatabaseError, match=r"input_participants\.participants, lessons\.what_was_tried.*upgrade"
    ):
        db.connect_read_only(path)
    report = upgrade(path)
    assert report.counts["lessons"] == 0 and report.counts["programs"] == 6
    assert table(path, "SELECT count(*) AS n FROM lessons")["n"].iloc[0] == 0
