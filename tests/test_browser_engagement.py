"""The partnerships page's engagement sections in headless Chromium: drawn at a laptop's and a
projector's size, nothing off the right edge, the gap in words, the link's choice kept."""

from __future__ import annotations

import pytest

from tests.test_browser import Visit, browser  # noqa: F401  (browser is a fixture)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", [(1400, 900), (1280, 720)])
def test_the_engagement_sections_draw_whole_at_both_sizes(server, browser, size):  # noqa: F811
    v = Visit(browser, *size)
    try:
        v.open(server + "/partnerships?part=engagement&who=partners&myear=2024", charts=4)
        page = v.page
        assert page.locator("[data-testid='stException']").count() == 0
        body = page.inner_text("body")
        assert "No community meeting in Elm County since January 2025; the agreed cadence is monthly." in body
        titles = page.evaluate(
            "Array.from(document.querySelectorAll('.js-plotly-plot')).map(d => d.layout.title.text)"
        )
        assert {"Partners who took part in each stage of each program", "Successes in 2024"} <= set(titles)
        assert v.console_errors() == [], v.console_errors()
        assert v.external() == [], v.external()
        overflow = page.evaluate(
            "document.querySelector('[data-testid=\"stMain\"]').scrollWidth"
            " - document.querySelector('[data-testid=\"stMain\"]').clientWidth"
        )
        assert overflow <= 2
    finally:
        v.close()
