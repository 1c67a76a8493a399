"""The brief end to end in headless Chromium: the sidebar's buttons download both files from a real server,
built when clicked, and the HTML opens on its own with nothing fetched."""

from __future__ import annotations

import io
import re

import pytest

from tests.test_browser import Visit, browser, serve  # noqa: F401  (browser is a fixture)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(demo_db):
    with serve(demo_db) as base:
        yield base


@pytest.mark.parametrize("size", [(1400, 900), (1280, 720)])
def test_the_brief_downloads_from_the_sidebar_and_opens_offline(server, browser, size, tmp_path):  # noqa: F811
    from pypdf import PdfReader

    v = Visit(browser, *size)
    try:
        v.open(server + "/disparities", charts=3)
        drawn = v.page.locator(".js-plotly-plot").count()
        sidebar = v.page.locator("[data-testid='stSidebar']")
        files = {}
        for name in ("Brief (PDF)", "Brief (HTML)"):
            button = sidebar.get_by_role("button", name=re.compile(re.escape(name)))
            button.scroll_into_view_if_needed()
            assert button.is_visible()
            with v.page.expect_download(timeout=120_000) as download:
                button.click()
            assert re.fullmatch(
                r"brief_disparities_\d{4}-\d\d-\d\d\.(pdf|html)", download.value.suggested_filename
            )
            path = tmp_path / download.value.suggested_filename
            download.value.save_as(path)
            files[path.suffix] = path
        words = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(files[".pdf"].read_bytes())).pages)
        shown = v.page.locator(".takeaway").first.inner_text()
        for number in re.findall(r"\d[\d,]*(?:\.\d+)?%?", shown.split("Source:")[0]):
            assert number in words
        assert v.console_errors() == [] and v.external() == []
        # The HTML on its own, from disk: it asks for nothing.
        brief = Visit(browser, *size)
        try:
            brief.page.goto(files[".html"].as_uri())
            brief.page.wait_for_load_state("load")
            assert brief.page.locator("figure img").count() == drawn
            assert all(u.startswith(("file:", "data:")) for u in brief.requests), brief.requests
            assert brief.page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
        finally:
            brief.close()
    finally:
        v.close()
