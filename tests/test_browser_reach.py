"""The Programs page's "Who are we reaching?" in a real browser: its maps drawn offline, the distance
slider's choice in the address, at a laptop's and a projector's size."""

from __future__ import annotations

import pytest

from tests.test_browser import Visit, browser  # noqa: F401  (browser is a fixture)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", [(1400, 900), (1280, 720)])
def test_reach_section_draws_offline(server, browser, size):  # noqa: F811
    v = Visit(browser, *size)
    try:
        v.open(server + "/programs?part=reach&program=health_ed&km=8&measure=poverty", charts=4)
        page = v.page
        assert page.locator("[data-testid='stException']").count() == 0
        body = page.inner_text("body")
        assert "Who are we reaching?" in body
        assert "misses the highest-need neighbourhoods" in body
        for key in ("reach_map", "reach_groups", "reach_sites"):
            chart = page.locator(f".st-key-chart_{key} .js-plotly-plot")
            chart.scroll_into_view_if_needed()
            assert chart.count() == 1, key
        page.wait_for_selector(".st-key-chart_reach_sites .maplibregl-canvas", timeout=30_000)
        assert "km=8" in page.url and "measure=poverty" in page.url and "part=reach" in page.url
        assert v.console_errors() == [], v.console_errors()
        assert v.external() == [], v.external()
        overflow = page.evaluate(
            "document.querySelector('[data-testid=\"stMain\"]').scrollWidth"
            " - document.querySelector('[data-testid=\"stMain\"]').clientWidth"
        )
        assert overflow <= 2
    finally:
        v.close()
