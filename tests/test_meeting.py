"""Meeting mode: stories of slides (equity/stories.py, equity/views/meeting.py, pages/meeting.py). The
checks of a story's files, the story built from the data, and each slide drawn by AppTest."""

import json
import re

import duckdb
import pandas as pd
import pytest

from equity import charts as charts_module
from equity import db, stories
from equity.demo import stories as demo_stories
from equity.ingest import IngestError, ingest
from equity.views import meeting as meeting_view
from tests.test_pages import charts, run_page, texts

PAGE = "pages/meeting.py"


# ---- a slide's view, chart and number, by their form --------------------------------------------------

VIEWS = [
    # (page, view, keys read, first problem matched or None)
    (
        "disparities",
        "ind=uninsured&group=race_ethnicity",
        {"ind": "uninsured", "group": "race_ethnicity"},
        None,
    ),
    ("disparities", "?ind=uninsured", {"ind": "uninsured"}, None),
    ("map", "", {}, None),
    ("map", None, {}, None),
    (
        "map",
        "mix=poverty,uninsured&mixw=Outcomes:2",
        {"mix": "poverty,uninsured", "mixw": "Outcomes:2"},
        None,
    ),
    ("disparities", "ref=Black%20or%20African%20American", {"ref": "Black or African American"}, None),
    ("programs", "program=chc&year=2024", {"program": "chc", "year": "2024"}, None),
    ("community", "topic=Wait times", {"topic": "Wait times"}, None),
    ("disparities", "topic=Wait", {}, r"the key “topic” is not one the disparities page reads"),
    ("map", "present=1", {}, r"the key “present” is not one"),
    ("map", "chart=map", {}, r"the key “chart” is not one"),
    ("map", "ind=a&ind=b", {"ind": "a"}, r"the key “ind” is given twice"),
    ("map", "ind=<script>alert(1)</script>", {}, r"holds characters no id or label has"),
    ("map", "ind=%22onmouseover%3D", {}, r"holds characters no id or label has"),
    ("map", "ind=uninsured%0A", {}, r"holds characters no id or label has"),
    ("map", "ind=unin\u200bsured", {}, r"holds characters no id or label has"),
    ("map", "ind=", {}, r"is empty"),
    ("map", "ind=" + "x" * 200, {}, r"too long"),
    ("map", "x" * 700, {}, r"at most 600"),
    ("map", "just words", {}, r"could not be read as URL keys"),
    ("map", "&".join(f"k{i}=v" for i in range(30)), {}, r"could not be read as URL keys"),
]


@pytest.mark.parametrize("page, text, keys, problem", VIEWS)
def test_a_slides_view_is_read_by_its_form(page, text, keys, problem):
    view, problems = stories.parse_view(text, page)
    assert view == keys
    if problem is None:
        assert problems == []
    else:
        assert problems and re.search(problem, problems[0]), problems


@pytest.mark.parametrize(
    "page, chart, ok",
    [
        ("disparities", "groups", True),
        ("disparities", "trend", True),
        ("map", "map", True),
        ("programs", "results_chc_a1c", True),
        ("programs", "reach", True),
        ("community", "topics", True),
        ("overview", "overview_gaps", True),
        ("programs", "results_", False),  # a family needs its id
        ("map", "groups", False),  # another page's chart
        ("disparities", "part_gaps", False),  # the page has it, but not for a slide
        ("partnerships", "record", False),
        ("map", None, False),
        ("map", "<b>map</b>", False),
    ],
)
def test_a_slide_names_a_chart_its_page_has(page, chart, ok):
    assert (stories.chart_problem(page, chart) is None) == ok


@pytest.mark.parametrize(
    "value, total, n, notice",
    [
        (None, 5, 1, False),
        ("", 5, 1, False),
        ("3", 5, 3, False),
        ("5", 5, 5, False),
        ("6", 5, 1, True),
        ("0", 5, 1, True),
        ("-1", 5, 1, True),
        ("2.5", 5, 1, True),
        ("<script>", 5, 1, True),
        ("9" * 40, 5, 1, True),
    ],
)
def test_a_slide_number_is_one_of_the_storys(value, total, n, notice):
    got, said = stories.slide_number(value, total)
    assert got == n
    assert (said is not None) == notice
    if said:  # quoted back as plain text (ui.notice_box escapes it)
        assert said.startswith("The link asked for slide") and len(said) < 200


def test_the_slide_height_leaves_room_for_a_longer_sentence():
    from equity.views import meeting

    one, three = meeting.slide_height("a" * 80), meeting.slide_height("a" * 240)
    assert one == stories.SLIDE_HEIGHT
    assert three == stories.SLIDE_HEIGHT - 2 * stories.LINE_HEIGHT
    assert meeting.slide_height("a" * 5000) == stories.MIN_HEIGHT


# ---- a story's files, loaded with ingest org ----------------------------------------------------------


def story_files(folder, change=lambda df: df, change_stories=lambda df: df):
    """The demo's story as stories.csv and story_slides.csv, ``change`` made to the slides."""
    tables = demo_stories.story_tables()
    folder.mkdir(exist_ok=True)
    (folder / "stories.csv").write_text(change_stories(tables["stories"]).to_csv(index=False))
    (folder / "story_slides.csv").write_text(change(tables["story_slides"]).to_csv(index=False))
    return [folder / "stories.csv", folder / "story_slides.csv"]


def first(column, value):
    def change(df):
        df = df.astype({column: object})
        df.loc[0, column] = value
        return df

    return change


HOSTILE = {
    "an unknown page": (
        first("page", "admin"),
        r"story_slides\.csv, row 2, column 'page': not one of the allowed values \(found 'admin'\)",
    ),
    "an unknown chart": (
        first("chart", "secret_chart"),
        r"story_slides\.csv, row 2, column 'chart': the disparities page has no chart “secret_chart” a slide "
        r"can show",
    ),
    "another page's chart": (
        first("chart", "topics"),
        r"story_slides\.csv, row 2, column 'chart': the disparities page has no chart “topics”",
    ),
    "a results chart without its measure": (
        lambda df: df.assign(chart=df["chart"].replace({"results_chc_a1c": "results_"})),
        r"story_slides\.csv, row 5, column 'chart': the programs page has no chart “results_”",
    ),
    "a view with markup": (
        first("view", "ind=<script>alert(1)</script>"),
        r"story_slides\.csv, row 2, column 'view': the value of “ind” .* holds characters no id or label has",
    ),
    "a view with a key the page does not read": (
        first("view", "ind=uninsured&admin=1"),
        r"story_slides\.csv, row 2, column 'view': the key “admin” is not one the disparities page reads",
    ),
    "a view that is not URL keys": (
        first("view", "DROP TABLE stories"),
        r"story_slides\.csv, row 2, column 'view': the view could not be read as URL keys",
    ),
    "a view with an invisible character": (
        first("view", "ind=unin\u202esured"),
        r"story_slides\.csv, row 2, column 'view': the value of “ind”",
    ),
    "two slides in one place": (
        lambda df: df.assign(position=[1, 1, 3, 4, 5]),
        r"story_slides\.csv, row \d+: rows 2 and 3 have the same story_id and position",
    ),
    "a slide before the first": (
        first("position", 0),
        r"story_slides\.csv, row 2, column 'position': out of range \(found '0'\); expected 1 or more",
    ),
    "a formula in the notes": (
        first("notes", '=HYPERLINK("http://evil.example","click")'),
        r"story_slides\.csv, row 2, column 'notes': a cell holds a spreadsheet formula",
    ),
    "markup in the notes": (
        first("notes", "Say this <img src=x onerror=alert(1)>"),
        r"story_slides\.csv, row 2, column 'notes': the notes holds markup \(HTML tags or entities\) "
        r"\(found 'Say this <img src=x onerror=alert\(1\)>'\); expected plain text",
    ),
    "markup in the sentence": (
        first("takeaway", "Read <a href='javascript:alert(1)'>this</a>"),
        r"story_slides\.csv, row 2, column 'takeaway': the takeaway holds markup",
    ),
    "a slide of a story not given": (
        first("story_id", "nowhere"),
        r"story_slides\.csv, row 2, column 'story_id': unknown stor",
    ),
    "a slide without its title": (
        first("title", ""),
        r"story_slides\.csv, row 2, column 'title'",
    ),
}


@pytest.fixture
def demo_copy(demo_db, tmp_path):
    path = tmp_path / "equity.duckdb"
    path.write_bytes(demo_db.read_bytes())
    return path


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_story_file_is_refused_and_changes_nothing(demo_copy, tmp_path, case):
    change, message = HOSTILE[case]
    before = demo_copy.read_bytes()
    with pytest.raises(IngestError, match=message) as err:
        ingest(demo_copy, "org", story_files(tmp_path / "files", change))
    assert "Nothing was changed" in str(err.value)
    assert demo_copy.read_bytes() == before


def test_a_story_title_with_markup_is_refused(demo_copy, tmp_path):
    files = story_files(tmp_path / "files", change_stories=first("title", "<h1>Big</h1>"))
    with pytest.raises(IngestError, match=r"stories\.csv, row 2, column 'title': the title holds markup"):
        ingest(demo_copy, "org", files)


def test_the_demos_story_loads_as_the_organisations_own(demo_copy, tmp_path):
    def reordered(df):  # a story of its own: three slides, the last two swapped
        return df.iloc[[0, 2, 1]].assign(
            story_id="ours", position=[1, 2, 3], takeaway=["Said our way.", "", ""]
        )

    files = story_files(
        tmp_path / "files", reordered, lambda df: df.assign(story_id="ours", title="Our story")
    )
    ingest(demo_copy, "org", files)
    con = db.connect_read_only(demo_copy)
    try:
        with db.cursor(con) as cur:
            rows = cur.execute(
                "SELECT position, chart, takeaway FROM story_slides ORDER BY position"
            ).fetchall()
            titles = cur.execute("SELECT story_id, title FROM stories").fetchall()
    finally:
        con.close()
    assert titles == [("ours", "Our story")]
    assert rows == [(1, "groups", "Said our way."), (2, "trend", None), (3, "map", None)]


# ---- the slides, drawn ---------------------------------------------------------------------------------


def slide_sentence(at) -> str:
    body = texts(at)
    found = re.search(r'<div class="slide-takeaway">([^<]*)', body)
    return found.group(1) if found else ""


def test_each_slide_of_the_demos_story_has_a_chart_and_a_sentence_and_no_controls(on_demo):
    for n in range(1, len(demo_stories.SLIDES) + 1):
        at = run_page(PAGE, {"slide": str(n)})
        assert not at.exception, at.exception
        assert not at.warning, [w.value for w in at.warning]
        assert len(charts(at)) == 1, n
        assert len(slide_sentence(at)) > 30, (n, texts(at)[:500])
        assert demo_stories.SLIDES[n - 1][3] in texts(at)
        assert f"{n} of {len(demo_stories.SLIDES)}" in texts(at)
        assert not at.get("download_button")
        assert not at.get("selectbox") and not at.get("radio")  # no filters on a slide
        assert "Fictional demo data" in texts(at)


def test_the_story_built_from_the_demo_tells_gap_map_program_and_voice(on_demo):
    wanted = [stories.GAP_TITLE, stories.MAP_TITLE, stories.PROGRAM_TITLE, stories.VOICE_TITLE]
    for n, title in enumerate(wanted, start=1):
        at = run_page(PAGE, {"story": "default", "slide": str(n)})
        assert not at.exception, at.exception
        assert title in texts(at)
        assert len(charts(at)) == 1
        assert len(slide_sentence(at)) > 30
        assert not at.get("download_button")
    assert "Is anyone better off?" in slide_sentence(run_page(PAGE, {"story": "default", "slide": "3"}))


def test_the_notes_window_shows_this_slides_notes_and_the_next_title(on_demo):
    at = run_page(PAGE, {"slide": "2", "notes": "1"})
    assert not at.exception
    body = texts(at)
    notes = demo_stories.SLIDES[1][5]
    assert notes.split(".")[0] in body
    assert f"Next: {demo_stories.SLIDES[2][3]}" in body
    assert not charts(at)
    last = texts(run_page(PAGE, {"slide": "5", "notes": "1"}))
    assert stories.LAST_SLIDE in last


def chart_spec(at) -> dict:
    return json.loads(charts(at)[0].proto.spec)


@pytest.mark.parametrize("n", range(1, len(demo_stories.SLIDES) + 1))
def test_the_bright_rooms_theme_draws_every_word_black_and_outlines_the_chart(on_demo, n):
    at = run_page(PAGE, {"slide": str(n), "contrast": "1"})
    assert not at.exception, at.exception
    assert not at.warning, [w.value for w in at.warning]
    assert ".slide-title { font-weight: 900; }" in texts(at)  # the theme's own type
    spec = chart_spec(at)
    assert spec["layout"]["font"]["color"] == charts_module.CONTRAST_INK
    plain = chart_spec(run_page(PAGE, {"slide": str(n)}))
    # The same chart, the same colours: only ink, lines and outlines change.
    assert [t["type"] for t in spec["data"]] == [t["type"] for t in plain["data"]]
    for bright, usual in zip(spec["data"], plain["data"], strict=True):
        assert bright.get("marker", {}).get("color") == usual.get("marker", {}).get("color")
        if bright["type"] in ("bar", "choroplethmap"):
            assert bright["marker"]["line"]["color"] == charts_module.CONTRAST_INK
    # The toggle says what it will do, and the slide's address keeps the theme.
    labels = [b.label for b in at.button]
    assert "Standard contrast" in labels and "High contrast" not in labels
    assert at.query_params.get("contrast") in ("1", ["1"])


def test_the_contrast_button_switches_the_theme_and_keeps_the_slide(on_demo):
    at = run_page(PAGE, {"slide": "2"})
    assert "High contrast" in [b.label for b in at.button]
    at.button(key="slide_contrast").click().run()
    assert not at.exception, at.exception
    assert at.query_params.get("contrast") in ("1", ["1"])
    assert at.query_params.get("slide") in ("2", ["2"])
    assert ".slide-title { font-weight: 900; }" in texts(at)
    at.button(key="slide_contrast").click().run()
    assert not at.query_params.get("contrast")
    assert ".slide-title { font-weight: 900; }" not in texts(at)


@pytest.mark.parametrize(
    "params, notice",
    [
        ({"story": "<script>alert(1)</script>"}, "The link asked for the story"),
        ({"story": "nowhere"}, "The link asked for the story “nowhere”"),
        ({"slide": "99"}, "The link asked for slide “99”"),
        ({"slide": "'; DROP TABLE stories; --"}, "The link asked for slide"),
        ({"slide": "-1"}, "The link asked for slide"),
        ({"story": "default", "slide": "0"}, "The link asked for slide “0”"),
        ({"notes": "yes please"}, "notes setting"),
        ({"contrast": "<b>max</b>"}, "contrast setting"),
    ],
)
def test_hostile_story_and_slide_values_give_a_notice(on_demo, params, notice):
    at = run_page(PAGE, params)
    assert not at.exception, at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert notice in re.sub(r"\\(.)", r"\1", warnings).replace("\u2060", ""), warnings
    assert "<script>" not in warnings
    assert len(charts(at)) == 1  # the first slide instead


@pytest.fixture(scope="module")
def without_programs_or_voice(demo_db, tmp_path_factory):
    """The demo with no programs, no community input, no commitments and no stored story."""
    path = tmp_path_factory.mktemp("bare") / "equity.duckdb"
    path.write_bytes(demo_db.read_bytes())
    con = duckdb.connect(str(path))
    for table in reversed(db.TABLE_ORDER):  # children before the tables they refer to
        if table in db.ORG_TABLES and table != "partners":
            con.execute(f"DELETE FROM {table}")  # noqa: S608 (names from the schema only)
    con.close()
    return path


def test_the_built_story_leaves_out_what_the_data_cannot_show(without_programs_or_voice, monkeypatch):
    monkeypatch.setenv("EQUITY_DB", str(without_programs_or_voice))
    at = run_page(PAGE)
    assert not at.exception, at.exception
    assert not at.warning
    assert "1 of 2" in texts(at)  # the widest gap and the map
    assert stories.GAP_TITLE in texts(at) and len(charts(at)) == 1
    notes = run_page(PAGE, {"slide": "2", "notes": "1"})
    said = " ".join(t.value for t in notes.text)
    assert stories.NO_PROGRAM in said and stories.NO_VOICE in said
    assert stories.LAST_SLIDE in texts(notes)


def test_a_stored_slide_of_a_program_no_longer_there_says_so(
    without_programs_or_voice, tmp_path, monkeypatch
):
    path = tmp_path / "equity.duckdb"
    path.write_bytes(without_programs_or_voice.read_bytes())
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO stories VALUES ('old', 'An old story')")
    con.execute(
        "INSERT INTO story_slides VALUES ('old', 1, 'programs', 'program=chc', 'results_chc_a1c', "
        "'Diabetes', NULL, 'Notes <b>bold</b>')"
    )
    con.close()
    monkeypatch.setenv("EQUITY_DB", str(path))
    at = run_page(PAGE)
    assert not at.exception, at.exception
    assert "Diabetes" in texts(at)
    assert not charts(at)
    assert "No programs" in texts(at) or "program" in slide_sentence(at).lower()
    notes = texts(run_page(PAGE, {"notes": "1"}))
    assert "Notes &lt;b&gt;bold&lt;/b&gt;" in notes  # shown as text, never as markup


def test_the_sidebar_starts_the_meeting(on_demo):
    at = run_page("pages/overview.py")
    links = [getattr(p, "label", "") for p in at.get("page_link")]
    assert any("Meeting slides" in str(label) for label in links), links


def test_story_tables_are_in_the_demo(demo_db):
    con = db.connect_read_only(demo_db)
    try:
        with db.cursor(con) as cur:
            slides = cur.execute("SELECT * FROM story_slides ORDER BY position").df()
    finally:
        con.close()
    assert len(slides) == len(demo_stories.SLIDES)
    for r in slides.itertuples():
        assert stories.slide_problems(r) == []
    assert pd.Series(slides["position"]).is_unique


def test_the_arrows_and_a_clickers_page_keys_each_press_a_slide_button(on_demo):
    """The page listens for the arrows and a clicker's Page Up and Page Down and presses the button on
    screen (the browser test presses the keys themselves); each button moves one slide."""
    at = run_page(PAGE, {"slide": "2"})
    scripts = [h.proto.body for h in at.get("html")]
    assert meeting_view.KEYS in scripts
    assert meeting_view.SLIDE_KEYS == dict(
        ArrowRight="slide_next", PageDown="slide_next", ArrowLeft="slide_prev", PageUp="slide_prev"
    )
    assert {b.key for b in at.button} >= set(meeting_view.SLIDE_KEYS.values())
    for key, to in (("slide_next", "3"), ("slide_prev", "2"), ("slide_prev", "1")):
        at.button(key=key).click().run()
        at.run()  # the move writes the address, then the page is drawn from it
        assert not at.exception, at.exception
        assert at.query_params.get("slide") in (to, [to]), (key, at.query_params.get("slide"))
    assert at.button(key="slide_prev").disabled  # on the first slide, Left and Page Up do nothing


@pytest.mark.parametrize(
    ("value", "on", "noticed"),
    [(None, False, False), ("", False, False), ("0", False, False), ("1", True, False),
     ("yes", False, True), ("<b>1</b>", False, True), (" 1", False, True)],
)  # fmt: skip
def test_an_on_off_key_is_on_only_for_1_and_quotes_anything_else(value, on, noticed):
    got, notice = stories.switch(value, stories.CONTRAST_NOTICE)
    assert got is on and (notice is not None) is noticed
    if noticed:
        # Quoted as given; ui.notice_box escapes it where shown (the hostile-value test above reads that).
        assert "contrast setting" in notice and f"“{value.strip()}”" in notice
