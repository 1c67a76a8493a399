"""End to end in headless Chromium: the partnerships page's section on the health of the partnership, opened
by a chart's link with a round, draws both its charts offline, in the view the link names."""

from __future__ import annotations

import pytest

from tests.test_browser import Visit, browser  # noqa: F401  (browser is a fixture)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", [(1400, 900), (1280, 720)])
def test_the_partnerships_health_opens_at_its_network_in_the_round_asked(server, browser, size):  # noqa: F811
    v = Visit(browser, *size)
    try:
        # The chart's link opens the part of the page that holds it.
        v.open(server + "/partnerships?round=2024_spring&chart=health_network", charts=2)
        page = v.page
        assert page.locator("[data-testid='stException']").count() == 0
        body = page.inner_text("body")
        assert "In Spring 2024, partners rated" in body and "Who works with whom, Spring 2024" in body
        assert "Too few responses to show" not in body  # every section was answered by enough in 2024
        for key in ("health_sections", "health_network"):
            chart = page.locator(f".st-key-chart_{key}")
            assert chart.locator(".js-plotly-plot").count() == 1
            assert chart.get_by_role("button", name="Excel").count() == 1
        page.wait_for_timeout(2000)  # the page scrolls to the chart as the charts above it draw
        top = page.locator(".st-key-chart_health_network").evaluate("e => e.getBoundingClientRect().top")
        assert 0 <= top < size[1] / 3, top
        overflow = page.evaluate(
            "document.querySelector('[data-testid=\"stMain\"]').scrollWidth"
            " - document.querySelector('[data-testid=\"stMain\"]').clientWidth"
        )
        assert overflow <= 2
        assert v.console_errors() == [] and v.external() == []
    finally:
        v.close()
