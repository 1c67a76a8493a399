"""Where would more help most, in a real browser: the Map page's footprint and the Disparities page's
excess cases, at a laptop's and a projector's size, offline, with nothing off the window's edge."""

from __future__ import annotations

import pytest

from tests.test_browser import Visit, browser  # noqa: F401  (browser is a fixture)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", [(1400, 900), (1280, 720)])
def test_footprint_and_excess_cases_draw_offline(server, browser, size):  # noqa: F811
    v = Visit(browser, *size)
    try:
        v.open(server + "/map?fp=poverty:20;uninsured:15")
        page = v.page
        page.wait_for_selector(".js-plotly-plot .maplibregl-canvas", timeout=30_000)
        legend = page.locator(".js-plotly-plot .legend").first.text_content()
        assert "Meets every threshold" in legend and "Misses a threshold" in legend
        body = page.inner_text("body")
        assert "meet both thresholds" in body and "Inside the footprint" in body
        assert page.locator("[data-testid='stException']").count() == 0
        v.open(server + "/disparities?chart=excess", charts=2)
        assert "If every group had the rate of" in page.inner_text("body")
        assert page.locator(".st-key-chart_excess .js-plotly-plot").count() == 1
        assert v.console_errors() == [], v.console_errors()
        assert v.external() == [], v.external()
        overflow = page.evaluate(
            "document.querySelector('[data-testid=\"stMain\"]').scrollWidth"
            " - document.querySelector('[data-testid=\"stMain\"]').clientWidth"
        )
        assert overflow <= 2
    finally:
        v.close()
