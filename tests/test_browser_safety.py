"""A hostile user in a real browser: every download of every page, hostile names in the data, hostile
values in the link. No count under the threshold, no live formula, no markup rendered, nothing fetched."""

from __future__ import annotations

import contextlib
import re
import urllib.parse

import pandas as pd
import pytest

from equity import db, downloads, safety
from equity.views import partnerships as partnerships_view
from equity.views import programs as programs_view
from tests.test_browser import PAGES, Visit, browser, serve  # noqa: F401  (browser is a fixture)

pytestmark = pytest.mark.browser

TRAP = "127.0.0.1:9"  # nothing listens there; any request to it came from rendered markup
HOSTILE = [
    f"![t](http://{TRAP}/md.png)",
    f"[Verify your login](http://{TRAP}/login)",
    ":red[**SYSTEM ERROR**]",
    f"<img src=http://{TRAP}/html.png>",
    f"<a href='http://{TRAP}/a'>click</a>",
    '=HYPERLINK("http://x","c")',
    "-2+3+cmd|' /C calc'!A0",
    "abc\u202edcb",
]
# Text columns of every table the pages show, each given a hostile value (plus its key, to stay unique).
HOSTILE_COLUMNS = {
    "sources": {"name": "source_id", "publisher": "source_id", "url": "source_id", "license": "source_id"},
    "areas": {"name": "area_id"},
    "indicators": {"label": "indicator_id", "description": "indicator_id"},
    "partners": {"name": "partner_id"},
    "programs": {"name": "program_id", "description": "program_id"},
    "program_sites": {"name": "site_id"},
    "program_metrics": {"label": "metric_id"},
    "partner_roles": {"role": "partner_id"},
    "commitments": {"description": "commitment_id", "owner": "commitment_id"},
    "commitment_changes": {"reason": "commitment_id"},
    "program_changes": {"description": "program_id"},
    "contributions": {"description": "contribution_id"},
    "community_input": {"topic": "input_id", "summary": "input_id"},
    "actions": {"description": "action_id"},
    "lessons": {
        "title": "lesson_id", "what_was_tried": "lesson_id", "what_happened": "lesson_id",
        "do_differently": "lesson_id", "tags": "lesson_id", "recorded_by_role": "lesson_id",
    },
    "meeting_bodies": {"name": "body_id"},
    "meetings": {"decided": "meeting_id"},
    "trainings": {"topic": "training_id"},
    "milestones": {"title": "milestone_id", "description": "milestone_id"},
    "survey_items": {"section": "section", "item_text": "item_id"},
    "survey_rounds": {"label": "round_id"},
    "stories": {"title": "story_id"},
    "story_slides": {"title": "story_id", "takeaway": "story_id", "notes": "story_id"},
    "engagement_stages": {"how": "program_id"},
}  # fmt: skip


def hostile_copy(source, path):
    """A real database file like ``source`` whose every shown text holds markup, formulas or bidi tricks."""

    def fill(con):
        con.execute("ATTACH '{}' AS src (READ_ONLY)".format(str(source).replace("'", "''")))
        for table in db.TABLE_ORDER:
            columns = HOSTILE_COLUMNS.get(table, {})
            pick = "$h[(hash({key}) % len($h))::BIGINT + 1] || ' ' || {key} AS {col}"
            swaps = ", ".join(pick.format(key=key, col=col) for col, key in columns.items())
            select = f"SELECT * REPLACE ({swaps})" if swaps else "SELECT *"
            if table == "meta":
                select = "SELECT key, CASE WHEN key = 'region_name' THEN $h[3] || ' ' || $h[1] ELSE value END"
            con.execute(
                f"INSERT INTO {table} {select} FROM src.{table}",
                {"h": HOSTILE} if swaps or table == "meta" else {},
            )
        con.execute("DETACH src")

    db.build_atomically(path, fill)
    return path


KINDS = ("demo", "min_count_20", "hostile")


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """The dashboard served on each kind of database, started when a test first asks for it:
    ``servers(kind)`` gives (address, threshold, database path)."""
    from equity.demo import build_demo

    running: dict[str, tuple] = {}
    with contextlib.ExitStack() as stack:

        def get(kind: str) -> tuple:
            if kind not in running:
                folder = tmp_path_factory.mktemp(kind)
                path = folder / "equity.duckdb"
                min_count = 20 if kind == "min_count_20" else 11
                build_demo(path, seed=11, n_tracts=60, min_count=min_count)
                if kind == "hostile":
                    path = hostile_copy(path, folder / "hostile.duckdb")
                running[kind] = (stack.enter_context(serve(path)), min_count, path)
            return running[kind]

        yield get


def click_every_download(v: Visit, tmp_path) -> list[tuple[str, bytes]]:
    files = []
    # The page's own downloads: the sidebar's briefs are HTML and PDF, each built when clicked (seconds), and
    # tests/test_brief.py and test_browser_brief.py hold them to the same rules.
    buttons = v.page.locator("[data-testid='stMain'] [data-testid='stDownloadButton'] button")
    last, stable_since = -1, None  # the page may still be drawing its last sections: wait for them
    for _ in range(300):
        count = buttons.count()
        if count != last:
            last, stable_since = count, None
        elif count and stable_since is None:
            stable_since = 0
        elif count:
            stable_since += 1
            if stable_since >= 15:
                break
        v.page.wait_for_timeout(100)
    for i in range(buttons.count()):
        label = buttons.nth(i).inner_text()
        for attempt in range(
            3
        ):  # a click now and then lands as the browser redraws: click again, as people do
            try:
                with v.page.expect_download(timeout=30_000) as download:
                    buttons.nth(i).click()
                break
            except Exception as exc:
                if attempt == 2:
                    raise AssertionError(f"no download from “{label}” on {v.page.url}") from exc
        path = tmp_path / f"{len(files)}_{download.value.suggested_filename}"
        download.value.save_as(path)
        files.append((download.value.suggested_filename, path.read_bytes()))
    return files


# Every page, and each part of the pages that show one part at a time (the first is the page as it opens).
DOWNLOAD_PAGES = PAGES + [
    f"/{page}?part={p}"
    for page, parts in (("partnerships", partnerships_view.PARTS), ("programs", programs_view.PARTS))
    for p in list(parts)[1:]
]


@pytest.mark.parametrize("kind", KINDS)
def test_every_download_of_every_page_withholds_and_neutralises(kind, servers, browser, tmp_path):  # noqa: F811
    base, min_count, _ = servers(kind)
    seen = []
    for page in DOWNLOAD_PAGES:
        v = Visit(browser)
        try:
            v.open(base + page, charts=0)
            files = click_every_download(v, tmp_path)
            assert v.external() == [], (page, v.external())
        finally:
            v.close()
        for name, data in files:
            if not name.endswith(
                (".csv", ".xlsx")
            ):  # briefs and case studies: tests/test_brief.py, test_lessons.py
                continue
            for sheet, df in downloads.read_any(data, name).items():
                where = f"{kind} {page} {name} {sheet}"
                for column in set(downloads.COUNT_COLUMNS) & set(df.columns):
                    counts = pd.to_numeric(df[column], errors="coerce")
                    assert not counts.between(1, min_count - 1).any(), (where, column)
                text = df.select_dtypes(include="object")
                live = text.apply(lambda c: c.map(safety.is_formula)).to_numpy() if len(text.columns) else []
                assert not pd.DataFrame(live).to_numpy().any(), where
                assert not any(safety.is_formula(str(c)) for c in df.columns), where
            seen.append(name)
    # Each page's data can be had: the overview's gaps, the map's, the programs', the methods' templates.
    wanted = ("organisation_tables.xlsx", "program_reach_", "community_voice.csv")
    assert all(any(n.startswith(w) for n in seen) for w in wanted), " ".join(seen)
    assert len(seen) >= 20, seen


HOSTILE_LINK = {
    "ref": HOSTILE[0],
    "area": HOSTILE[1],
    "program": HOSTILE[2],
    "ind": HOSTILE[3],
    "region": HOSTILE[4],
    "year": "2024\u202e",
    "group": HOSTILE[0],
    "mix": "poverty," + HOSTILE[1],
    "mixw": HOSTILE[2] + ":2",
    "lang": HOSTILE[3],
    "present": HOSTILE[0],
    "chart": HOSTILE[4],
    "partner": HOSTILE[1],
    "by": HOSTILE[2],
    "commitment": HOSTILE[3],
    "story": HOSTILE[0],
    "slide": HOSTILE[1],
    "notes": HOSTILE[2],
    "q": HOSTILE[3],
    "tag": HOSTILE[4],
    "round": HOSTILE[0],
    "heard": HOSTILE[1],
    "body": HOSTILE[2],
    "who": HOSTILE[3],
    "myear": HOSTILE[4],
    "measure": HOSTILE[0],
    "km": HOSTILE[1],
    "fp": HOSTILE[2],
    "contrast": HOSTILE[3],
}
# Every page, the lessons and the meeting's slides too, which the shared list leaves to their own tests.
ALL_PAGES = [*PAGES, "/lessons", "/meeting"]


def assert_nothing_rendered(v: Visit, where: str):
    page = v.page
    assert not [u for u in v.requests if TRAP in u], where
    assert v.external() == [], where
    rendered = page.locator(f"img[src*='{TRAP}'], a[href*='{TRAP}'], svg a")
    found = "els => els.map(e => [e.outerHTML, e.parentElement.closest('[data-testid]')?.innerText])"
    assert rendered.count() == 0, (where, rendered.evaluate_all(found))
    # The directive's bold and colour would make an element of its own holding just these words.
    alone = page.evaluate(
        "() => [...document.querySelectorAll('strong, span, b')]"
        ".filter(e => e.textContent.trim() === 'SYSTEM ERROR').length"
    )
    assert alone == 0, where
    assert page.locator("[data-testid='stMarkdownContainer'] img").count() == 0, where
    assert "\u202e" not in page.inner_text("body"), where


@pytest.mark.parametrize("page", ALL_PAGES)
def test_hostile_link_and_hostile_data_render_as_plain_text(servers, browser, page):  # noqa: F811
    base, _, _ = servers("hostile")
    v = Visit(browser)
    try:
        v.open(base + page + "?" + urllib.parse.urlencode(HOSTILE_LINK), charts=0)
        assert_nothing_rendered(v, page)
        body = v.page.inner_text("body").replace(safety.WORD_JOINER, "")
        assert "does not have" in body or "could not be read" in body or "not understood" in body
        # The hostile names are on screen, as typed: the region's own name is on every page.
        assert ":red[**SYSTEM ERROR**]" in body, page
        v.open(base + page, charts=0)  # and the same page at its default view, with its charts' hovers
        assert_nothing_rendered(v, page + " (default view)")
        for chart in v.page.locator(".js-plotly-plot").all()[:2]:
            chart.hover()
            assert_nothing_rendered(v, page + " (hover)")
        assert v.console_errors() == [], v.console_errors()
    finally:
        v.close()


@pytest.mark.parametrize(
    "path, key, bad, good",
    [
        ("/disparities", "ref", "Nobody", "best"),
        ("/disparities", "area", "99999999999", None),
        ("/map", "area", "99999999999", None),
        ("/programs", "program", "no_such_program", None),
        ("/partnerships", "commitment", "no_such_commitment", None),
        ("/", "ind", "no_such_indicator", "uninsured"),
    ],
)
def test_a_value_the_page_fell_back_on_is_rewritten_in_the_address(servers, browser, path, key, bad, good):  # noqa: F811
    base, _, _ = servers("demo")
    v = Visit(browser)
    try:
        v.open(f"{base}{path}?{key}={bad}", charts=0)
        deadline = 30
        while deadline and bad in v.page.url:
            v.page.wait_for_timeout(500)
            deadline -= 1
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(v.page.url).query)
        assert query.get(key) == ([good] if good else None), v.page.url
        assert re.search("does not have|not a group here|not in |not on this map", v.page.inner_text("body"))
    finally:
        v.close()


def test_hostile_names_in_an_areas_profile_and_each_program_stay_text(servers, browser):  # noqa: F811
    base, _, path = servers("hostile")
    con = db.connect_read_only(path)
    try:
        with db.cursor(con) as cur:
            tract = cur.execute(
                "SELECT area_id FROM areas WHERE level = 'tract' ORDER BY 1 LIMIT 1"
            ).fetchone()[0]
            programs = [r[0] for r in cur.execute("SELECT program_id FROM programs ORDER BY 1").fetchall()]
    finally:
        con.close()
    views = [f"/map?area={tract}", f"/disparities?area={tract}"] + [
        f"/programs?program={p}&part={part}" for p in programs for part in programs_view.PARTS
    ]
    for view in views:
        v = Visit(browser)
        try:
            v.open(base + view, charts=0 if "part=impact" in view else 1)  # its aims may be none
            assert_nothing_rendered(v, view)
            assert "does not have" not in v.page.inner_text("body"), view  # the real ids were found
        finally:
            v.close()
