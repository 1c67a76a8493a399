"""Did it work? in a real browser: the section draws offline at a meeting's and a laptop's size, its
choice of indicator writes the address, and the chart's own link opens at it."""

from __future__ import annotations

import pytest

from tests.test_browser import Visit, browser  # noqa: F401  (browser is a fixture)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", [(1400, 900), (1280, 720)])
def test_did_it_work_draws_and_its_choice_writes_the_address(server, browser, size):  # noqa: F811
    v = Visit(browser, *size)
    try:
        v.open(server + "/programs?program=mobile_clinic&chart=impact_its", charts=2)
        page = v.page
        body = page.inner_text("body")
        assert "Did it work?" in body and "turned the curve" in body
        assert page.locator("[data-testid='stException']").count() == 0
        assert v.console_errors() == [], v.console_errors()
        assert v.external() == [], v.external()
        chart = page.locator(".st-key-chart_impact_its")
        box = chart.bounding_box()
        assert box is not None and 0 <= box["y"] < size[1]  # the link opened at its chart
        label = "Indicator the program aims to move"
        select = page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").filter(has_text=label)
        select.click()
        option = "Adults without a routine checkup in the past year"
        select.get_by_role("combobox").fill(option)
        page.get_by_role("option", name=option, exact=True).click()
        page.wait_for_url("**aim=no_checkup**", timeout=60_000)
        v.settle(charts=2)
        assert "Where Rural Health on Wheels works, adults without a routine checkup" in page.inner_text(
            "body"
        )
        overflow = page.evaluate(
            "document.querySelector('[data-testid=\"stMain\"]').scrollWidth"
            " - document.querySelector('[data-testid=\"stMain\"]').clientWidth"
        )
        assert overflow <= 2
    finally:
        v.close()
