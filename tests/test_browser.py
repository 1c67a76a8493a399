"""End to end in headless Chromium against a real server: pages draw, links carry the view, nothing leaves."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.browser

if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")

PAGES = ["/", "/map", "/disparities", "/programs", "/partnerships", "/community", "/methods"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(path: Path):
    """A real Streamlit server of the dashboard on ``path``, on a free local port; yields its address."""
    port = free_port()
    env = {**os.environ, "EQUITY_DB": str(path)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "dashboard.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(base + "/_stcore/health", timeout=1):
                    break
            except OSError:
                time.sleep(0.5)
        else:
            proc.kill()
            pytest.fail("the Streamlit server did not start: " + proc.stderr.read().decode()[-2000:])
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Visit:
    """One page load with everything it asked the network for and every console error."""

    def __init__(self, browser, width=1400, height=900):
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.not_found: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("response", lambda r: self.not_found.append(r.url) if r.status == 404 else None)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, url: str, charts: int = 1):
        self.page.goto(url)
        self.settle(charts)
        return self

    def settle(self, charts: int = 1, timeout: float = 90):
        page = self.page
        page.wait_for_selector("[data-testid='stApp']", timeout=timeout * 1000)
        end, quiet = time.time() + timeout, None
        while time.time() < end:
            # The app's own script state, as well as the status widget: on a loaded machine the widget
            # can be hidden for a moment mid-run, and a page read then is half drawn.
            state = page.locator("[data-testid='stApp']").get_attribute("data-test-script-state")
            busy = (
                state in ("initial", "running", "rerunRequested")
                or page.locator(
                    "[data-testid='stStatusWidget'], [data-testid='stSpinner'], [data-testid='stSkeleton']"
                ).count()
            )
            drawn = page.locator(".js-plotly-plot").count()
            if busy or drawn < charts:
                quiet = None
            elif quiet is None:
                quiet = time.time()
            elif time.time() - quiet > 1.0:
                return
            time.sleep(0.1)
        raise AssertionError(f"page did not settle with {charts} charts: {page.url}")

    def console_errors(self) -> list[str]:
        """Console errors, less the 404s of Streamlit probing <page>/_stcore/ for its base path."""
        probes_only = all(re.search(r"/_stcore/(health|host-config)$", u) for u in self.not_found)
        return [e for e in self.errors if not (probes_only and "status of 404" in e)]

    def external(self):
        hosts = {urllib.parse.urlsplit(u).hostname for u in self.requests if u.startswith(("http", "ws"))}
        return sorted(h for h in hosts if h not in ("127.0.0.1", "localhost"))

    def close(self):
        self.context.close()


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("size", [(1400, 900), (1280, 720)])
def test_page_draws_offline_without_errors(server, browser, path, size):
    v = Visit(browser, *size)
    try:
        v.open(server + path, charts=0 if path == "/methods" else 1)
        page = v.page
        assert page.locator("[data-testid='stException']").count() == 0
        assert "Fictional demo data" in page.inner_text("body")
        if path != "/methods":
            assert page.locator(".js-plotly-plot").count() >= 1
        if path == "/map":
            page.wait_for_selector(".js-plotly-plot .maplibregl-canvas", timeout=30_000)
            legend = page.locator(".js-plotly-plot .legend").first.text_content()
            assert "Too few to show" in legend or "No data" in legend or "–" in legend
        assert v.console_errors() == [], v.console_errors()
        assert v.external() == [], v.external()
        # Nothing runs off the right edge of the window.
        overflow = page.evaluate(
            "document.querySelector('[data-testid=\"stMain\"]').scrollWidth"
            " - document.querySelector('[data-testid=\"stMain\"]').clientWidth"
        )
        assert overflow <= 2
    finally:
        v.close()


def test_share_link_reopens_the_same_view_on_another_page(server, browser):
    v = Visit(browser)
    try:
        v.open(server + "/disparities?ind=diabetes&group=income&year=2021&region=99003")
        body = v.page.inner_text("body")
        assert "Adults with diagnosed diabetes by household income" in body
        assert "Birch County" in body and "2021" in body
        # The sidebar link to the map carries the same filters.
        v.page.get_by_role("link", name="Map", exact=True).click()
        v.page.wait_for_url("**/map?**")
        v.settle()
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(v.page.url).query)
        assert query["ind"] == ["diabetes"] and query["year"] == ["2021"] and query["region"] == ["99003"]
        assert "Adults with diagnosed diabetes by neighbourhood, 2021" in v.page.inner_text("body")
        # The address bar is a complete share link: opening it fresh shows the same view.
        shared = v.page.url
        w = Visit(browser, 1280, 720).open(shared)
        assert "Adults with diagnosed diabetes by neighbourhood, 2021" in w.page.inner_text("body")
        w.close()
        assert v.external() == []
    finally:
        v.close()


def test_changing_a_filter_updates_the_url(server, browser):
    v = Visit(browser)
    try:
        v.open(server + "/disparities")
        box = v.page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text="Year")
        box.click()
        # Type to narrow the list first: it draws only the options in view, and 2020 may be below.
        box.get_by_role("combobox").fill("2020")
        v.page.get_by_role("option", name="2020", exact=True).click()
        v.page.wait_for_url("**year=2020**", timeout=30_000)
        v.settle()
        assert "year=2020" in v.page.url
    finally:
        v.close()


@pytest.mark.parametrize(
    ("path", "label", "option", "written"),
    [
        ("/community", "Topic", "Wait times", "topic=Wait+times"),
        ("/disparities", "Compare each group with", "White", "ref=White"),
        ("/programs", "Program", "Promotores de Salud", "program=chw"),
    ],
)
def test_a_pages_own_choice_writes_the_address_and_the_address_brings_it_back(
    server, browser, path, label, option, written
):
    v = Visit(browser)
    try:
        v.open(server + path)
        # The box whose label is exactly this (another box's label or value may contain the word).
        box = v.page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").filter(
            has=v.page.get_by_text(label, exact=True)
        )
        box.click()
        # Type to narrow the list first: it draws only the options in view, and the one wanted may be below.
        box.get_by_role("combobox").fill(option)
        v.page.get_by_role("option", name=option, exact=True).click()
        v.page.wait_for_url(f"**{written}**", timeout=30_000)
        v.settle()
        shared = v.page.url
        assert box.get_by_role("combobox").input_value() == option
        w = Visit(browser, 1280, 720).open(shared)  # the link, opened afresh, shows the same choice
        again = w.page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").filter(
            has=w.page.get_by_text(label, exact=True)
        )
        assert again.get_by_role("combobox").input_value() == option
        assert w.page.locator("[data-testid='stAlert']").filter(has_text="The link asked").count() == 0
        w.close()
    finally:
        v.close()


def test_the_need_index_controls_write_the_address(server, browser):
    v = Visit(browser)
    try:
        v.open(server + "/map")
        v.page.locator("[data-testid='stButtonGroup']").get_by_text("Combined need index").click()
        v.page.wait_for_url("**mix=default**", timeout=30_000)
        v.settle()
        assert "Combined need index by neighbourhood" in v.page.inner_text("body")
        v.page.get_by_text("What goes into the index").click()
        weight = v.page.get_by_role("spinbutton", name="Weight of outcomes")
        weight.fill("2")
        weight.press("Enter")
        v.page.wait_for_url("**mixw=Outcomes%3A2**", timeout=30_000)
        v.settle()
        assert "Weights: access to care 1, outcomes 2, social conditions 1." in v.page.inner_text("body")
        v.page.locator("[data-testid='stButtonGroup']").get_by_text("One indicator").click()
        v.page.wait_for_url(lambda url: "mix=" not in url, timeout=30_000)
        v.settle()
        assert "Adults without health insurance by neighbourhood" in v.page.inner_text("body")
    finally:
        v.close()


def test_a_bad_link_shows_a_notice_not_an_error(server, browser):
    v = Visit(browser)
    try:
        v.open(server + "/map?ind=nonsense&year=1066")
        body = v.page.inner_text("body")
        assert "which this database does not have" in body
        assert v.page.locator("[data-testid='stException']").count() == 0
    finally:
        v.close()


def test_map_drill_down_leads_to_the_areas_gaps_and_back(server, browser):
    v = Visit(browser)
    try:
        v.open(server + "/map?area=99001000100&ind=uninsured")
        body = v.page.inner_text("body")
        lines = body.splitlines()
        name = next(line for line in lines if line.startswith("Tract ") and "Alder County" in line)
        v.page.get_by_role("link", name=f"Gaps between groups in {name}").click()
        v.page.wait_for_url("**/disparities?**")
        v.settle()
        assert "area=99001000100" in v.page.url
        body = v.page.inner_text("body")
        assert f"{name}, in Riverbend (fictional)." in body
        assert "the places around it" in body
        v.page.get_by_role("button", name="Back to all of Riverbend (fictional)").click()
        v.page.wait_for_url(lambda url: "area=" not in url, timeout=30_000)
        v.settle()
        assert "Compared with other places" in v.page.inner_text("body")
        assert v.console_errors() == [] and v.external() == []
    finally:
        v.close()


@pytest.mark.parametrize("size", [(1400, 900), (1280, 720)])
def test_a_charts_own_link_reopens_that_chart_in_the_same_view(server, browser, size, tmp_path):
    """Under a chart, its link (shown as code to copy) opens the page scrolled to that chart, with the
    same filters; its Excel download cites that link."""
    import openpyxl

    v = Visit(browser, *size)
    try:
        v.open(server + "/disparities?ind=diabetes&group=income&year=2021", charts=3)
        trend = v.page.locator(".st-key-chart_trend")
        trend.get_by_role("button", name="Link to this chart").click()
        link = v.page.locator("[data-testid='stPopoverBody'] code").inner_text().replace("\n", "")
        assert link.startswith(server + "/disparities?") and link.endswith("&chart=trend")
        assert "ind=diabetes" in link and "group=income" in link and "year=2021" in link
        v.page.keyboard.press("Escape")
        groups = v.page.locator(".st-key-chart_groups")
        with v.page.expect_download(timeout=60_000) as download:
            groups.get_by_role("button", name="Excel").click()
        path = tmp_path / download.value.suggested_filename
        download.value.save_as(path)
        about = dict(openpyxl.load_workbook(path)["About"].iter_rows(min_row=2, values_only=True))
        assert about["Link to this view"] == link.replace("chart=trend", "chart=groups")
        assert "Adults with diagnosed diabetes" in about["Chart"] and "2021" in about["View"]

        w = Visit(browser, *size).open(link, charts=3)
        try:
            w.page.wait_for_timeout(2000)  # the page scrolls as its charts draw
            top = w.page.locator(".st-key-chart_trend").evaluate("e => e.getBoundingClientRect().top")
            assert 0 <= top < size[1] / 3, top  # the chart is at the top of the window, below the header
            assert "Adults with diagnosed diabetes by household income" in w.page.inner_text("body")
            assert w.console_errors() == [] and w.external() == []
        finally:
            w.close()
    finally:
        v.close()


def test_methods_page_downloads_the_workbook_template(server, browser, tmp_path):
    """The Excel template arrives whole, under its name: a sheet per organisation table, the demo's rows."""
    import openpyxl

    from equity.ingest.org import TABLES

    v = Visit(browser)
    try:
        v.open(server + "/methods", charts=0)
        button = v.page.get_by_role("button", name=re.compile(r"organisation_tables\.xlsx"))
        with v.page.expect_download(timeout=60_000) as download:
            button.click()
        assert download.value.suggested_filename == "organisation_tables.xlsx"
        path = tmp_path / "organisation_tables.xlsx"
        download.value.save_as(path)
        book = openpyxl.load_workbook(path, read_only=True)
        assert book.sheetnames == list(TABLES)
        assert next(book["programs"].iter_rows(min_row=1, max_row=1, values_only=True))[0] == "program_id"
        assert book["programs"].max_row > 1
        book.close()
        assert v.console_errors() == [], v.console_errors()
    finally:
        v.close()


# ---- a national county database of real public files: the nation is the region -------------------------

# Words that are the files' own, not the dashboard's: none may reach a label, a heading or a legend.
RAW_WORDS = re.compile(
    r"places_|svi_|Data_Value|LocationName|LocationID|MeasureId|DataValueTypeID|TotalPopulation|"
    r"E_TOTPOP|EP_[A-Z]|RPL_|STATEFP|GEOID|NAMELSAD|area_id|indicator_id|group_label|ci_low|ci_high|"
    r"higher_is_worse|cb_2022|PLACES__|SVI2020|\.csv|\.json|\bnan\b|\bNaN\b|\bNone\b|\bundefined\b|\bnull\b"
)


@pytest.fixture(scope="module")
def nation_server(nation_db):
    with serve(nation_db) as base:
        yield base


def plotly_data(v: Visit, index: int = 0) -> list[dict]:
    """The traces Plotly drew in the page's ``index``-th chart, as the browser holds them."""
    chart = v.page.locator(".js-plotly-plot").nth(index)
    return chart.evaluate(
        "gd => gd.data.map(t => ({type: t.type, name: t.name || '', locations: Array.from(t.locations || []),"
        " y: Array.from(t.y || []), colorscale: t.colorscale || [], hovertemplate: t.hovertemplate || ''}))"
    )


def chart_words(traces: list[dict]) -> str:
    """What a chart's traces can put in front of a reader: names in the legend, hover text less its slots."""
    return "\n".join(t["name"] + " " + re.sub(r"%\{[^}]*\}", "", str(t["hovertemplate"])) for t in traces)


def region_shown(v: Visit) -> str:
    box = v.page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text="Region")
    return box.get_by_role("combobox").input_value()


def painted(v: Visit, colors: list[str], timeout: float = 30) -> dict[str, int]:
    """Pixels of each need colour on the map's canvas as the screen shows it (over white, at the traces'
    opacity 0.95): the map is drawn, not blank or grey. Polls while maplibre paints."""
    import io

    import numpy as np
    from PIL import Image

    canvas = v.page.locator(".js-plotly-plot .maplibregl-canvas").first
    wanted = {c: np.array([int(c[i : i + 2], 16) for i in (1, 3, 5)]) * 0.95 + 255 * 0.05 for c in colors}
    end, counts = time.time() + timeout, {}
    while time.time() < end:
        pixels = np.asarray(Image.open(io.BytesIO(canvas.screenshot())).convert("RGB")).astype(float)
        counts = {c: int((np.abs(pixels - rgb).max(axis=2) < 12).sum()) for c, rgb in wanted.items()}
        if all(counts.values()):
            break
        time.sleep(0.5)
    return counts


@pytest.mark.parametrize("size", [(1400, 900), (1280, 720)])
def test_national_county_data_map_shows_every_states_counties(nation_server, browser, size):
    """PLACES and the SVI for the counties of three states: the map opens on the United States, draws
    every county in its need colour, and its sentence withholds nothing."""
    from equity.maps import FLAG_COLORS, NEED_COLORS
    from tests.conftest import NATION_COUNTIES

    v = Visit(browser, *size)
    try:
        v.open(nation_server + "/map")
        page = v.page
        assert page.locator("[data-testid='stException']").count() == 0
        assert v.console_errors() == [], v.console_errors()
        assert v.external() == [], v.external()
        body = page.inner_text("body")
        assert "Fictional demo data" not in body
        assert region_shown(v) == "United States"
        assert page.get_by_role("heading", level=1).inner_text() == (
            "No health insurance, adults 18-64 by county, 2022"
        )
        sentence = page.locator(".takeaway").first.inner_text()
        assert sentence.startswith(
            "In 2022, no health insurance, adults 18-64 ranged from 8.0% in Maricopa County, Arizona to "
            "20.1% "
            "in Travis County, Texas: 2.5 times as high in the area of greatest need."
        ), sentence
        assert "too few" not in sentence.lower() and "no figure" not in sentence  # nothing was withheld
        assert "United States · crude rate · darker = greater need" in body  # the map's subtitle

        # A choropleth of the counties of all three states, each in a need class: none grey, none left out.
        page.wait_for_selector(".js-plotly-plot .maplibregl-canvas", timeout=30_000)
        traces = plotly_data(v)
        areas = [t for t in traces if t["type"] == "choroplethmap"]
        assert areas and len(areas) == len(traces), [t["type"] for t in traces]  # no sites loaded
        drawn = {loc for t in areas for loc in t["locations"]}
        assert drawn == {geoid for geoid, *_ in NATION_COUNTIES}
        assert {geoid[:2] for geoid in drawn} == {"04", "06", "48"}
        colours = {t["colorscale"][0][1] for t in areas}
        assert colours == set(NEED_COLORS), colours
        assert not colours & set(FLAG_COLORS.values())
        legend = page.locator(".js-plotly-plot .legend").first.text_content()
        assert "Too few to show" not in legend and "No data" not in legend
        assert "8.0% – 10.4%" in legend and "17.7% – 20.1%" in legend
        counts = painted(v, NEED_COLORS)
        assert all(n >= 20 for n in counts.values()), counts  # every class is on the screen, in colour

        assert not RAW_WORDS.search(body), RAW_WORDS.search(body)
        assert not RAW_WORDS.search(chart_words(traces)), chart_words(traces)
        overflow = page.evaluate(
            "document.querySelector('[data-testid=\"stMain\"]').scrollWidth"
            " - document.querySelector('[data-testid=\"stMain\"]').clientWidth"
        )
        assert overflow <= 2
    finally:
        v.close()


@pytest.mark.parametrize("size", [(1400, 900), (1280, 720)])
def test_national_county_data_disparities_compares_counties(nation_server, browser, size):
    """No values by group: the Disparities page says so and compares the nation's counties instead, with
    a chart of every county and the SVI's most and least vulnerable fifths."""
    from tests.conftest import NATION_COUNTIES

    v = Visit(browser, *size)
    try:
        v.open(nation_server + "/disparities")
        page = v.page
        assert page.locator("[data-testid='stException']").count() == 0
        assert v.console_errors() == [], v.console_errors()
        assert v.external() == [], v.external()
        body = page.inner_text("body")
        assert region_shown(v) == "United States"
        assert page.get_by_role("heading", level=1).inner_text() == "No health insurance, adults 18-64"
        assert (
            "“No health insurance, adults 18-64” has no values by group, and no indicator in this database "
            "has them yet." in body
        )
        assert page.get_by_role("heading", name="Counties compared", exact=True).is_visible()
        sentence = page.locator(".takeaway").first.inner_text()
        assert sentence.startswith(
            "In 2022, no health insurance, adults 18-64 ranged from 8.0% in Maricopa County, Arizona to "
            "20.1% "
            "in Travis County, Texas"
        ), sentence
        assert "too few" not in body.lower() and "Fewer than two" not in body

        # The chart ranks every county of the three states, by name.
        assert page.locator(".js-plotly-plot").count() == 1
        traces = plotly_data(v)
        ranked = {name for t in traces for name in t["y"]}
        states = {"04": "Arizona", "06": "California", "48": "Texas"}  # named with their state, nationally
        assert ranked == {f"{name} County, {states[fips[:2]]}" for fips, name, *_ in NATION_COUNTIES}
        chart = page.locator(".js-plotly-plot").first.inner_text()
        assert ": all 12" in chart and "Percent" in chart
        assert "In the most socially vulnerable fifth of counties (3 counties, by the SVI)" in body
        assert "Vulnerability: CDC/ATSDR Social Vulnerability Index (overall percentile rank), 2020" in body

        assert not RAW_WORDS.search(body), RAW_WORDS.search(body)
        assert not RAW_WORDS.search(chart_words(traces)), chart_words(traces)
        overflow = page.evaluate(
            "document.querySelector('[data-testid=\"stMain\"]').scrollWidth"
            " - document.querySelector('[data-testid=\"stMain\"]').clientWidth"
        )
        assert overflow <= 2
    finally:
        v.close()


def test_national_county_chart_title_names_the_united_states_with_its_article(nation_server, browser):
    v = Visit(browser)
    try:
        v.open(nation_server + "/disparities")
        assert "Counties of the United States: all 12" in v.page.locator(".js-plotly-plot").first.inner_text()
    finally:
        v.close()
