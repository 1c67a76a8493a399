"""The community voice board and the lessons learned page in a real browser, at a desk's and a projector's
size: nothing off the right edge, nothing fetched, no errors."""

from __future__ import annotations

import pytest

from tests.test_browser import Visit, browser  # noqa: F401  (browser is a fixture)

pytestmark = pytest.mark.browser

# Each address, how many charts it draws, and the cards it must show whole.
VIEWS = [
    ("/community", 2, ".topic-card"),
    ("/community?present=1", 2, ".topic-card"),
    ("/lessons", 0, ".lesson"),
]


@pytest.mark.parametrize("size", [(1400, 900), (1280, 720)])
def test_the_board_and_the_lessons_fit_the_window(server, browser, size):  # noqa: F811
    for path, charts, card in VIEWS:
        v = Visit(browser, *size)
        try:
            v.open(server + path, charts=charts)
            page = v.page
            assert page.locator("[data-testid='stException']").count() == 0
            assert page.locator(card).count() >= 7, path
            overflow = page.evaluate(
                "document.querySelector('[data-testid=\"stMain\"]').scrollWidth"
                " - document.querySelector('[data-testid=\"stMain\"]').clientWidth"
            )
            assert overflow <= 2, path
            right = page.evaluate(
                f"Math.max(...[...document.querySelectorAll('{card}')]"
                ".map(e => e.getBoundingClientRect().right))"
            )
            assert right <= size[0], (path, right)
            assert v.console_errors() == [], v.console_errors()
            assert v.external() == [], v.external()
        finally:
            v.close()
