"""Accessibility in headless Chromium: axe-core (bundled by axe-playwright-python, no network) finds no
serious or critical violation on any page, in English and Spanish, in the ordinary and the presentation
view and on the meeting's slides, and a keyboard alone reaches every control of a page."""

from __future__ import annotations

import pytest

from equity.demo import stories as demo_stories
from equity.views import partnerships as partnerships_view
from equity.views import programs as programs_view
from tests.test_browser import PAGES, Visit, browser  # noqa: F401  (browser is a fixture)

pytestmark = pytest.mark.browser
axe_sync = pytest.importorskip(
    "axe_playwright_python.sync_playwright", reason="pip install axe-playwright-python"
)

# What the check must never find. "moderate" and "minor" findings (a heading level skipped) are reported in
# the failure message of a serious one, but do not fail the page on their own.
BLOCKING = ("serious", "critical")


def violations(page) -> list[dict]:
    return axe_sync.Axe().run(page).response["violations"]


def described(found: list[dict]) -> str:
    return "\n".join(
        f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}" for v in found
    )


VIEWS = {
    "page": "",
    "presentation": "?present=1",
    "spanish": "?lang=es",
    "spanish-presentation": "?lang=es&present=1",
}


def open_and_check(server, browser, address: str, charts: int = 0):  # noqa: F811
    """Open ``address`` at a projector's size and assert axe finds nothing serious or critical; the visit
    is returned open, for more checks, and the caller closes it."""
    v = Visit(browser, 1280, 720)
    try:
        v.open(server + address, charts=charts)
        found = violations(v.page)
        assert not [x for x in found if x["impact"] in BLOCKING], described(found)
    except BaseException:
        v.close()
        raise
    return v


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("path", [*PAGES, "/lessons", "/meeting"])
def test_no_serious_or_critical_accessibility_violation(server, browser, path, view):  # noqa: F811
    """Every page, the meeting's slides too, in English and Spanish, as a desk and a meeting see it."""
    v = open_and_check(server, browser, path + VIEWS[view])
    try:
        # The page names its language, so that a screen reader reads Spanish in a Spanish voice.
        assert v.page.evaluate("document.documentElement.lang") == ("es" if "spanish" in view else "en")
    finally:
        v.close()


PARTS = [
    f"/{page}?part={p}"
    for page, parts in (("partnerships", partnerships_view.PARTS), ("programs", programs_view.PARTS))
    for p in list(parts)[1:]
]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("address", PARTS)
def test_each_part_of_a_page_of_parts_passes_too(server, browser, address, lang):  # noqa: F811
    """The partnerships and programs pages show one part at a time; the test above reads their first."""
    open_and_check(server, browser, f"{address}&lang={lang}", charts=1).close()


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("slide", ["contrast=1&slide=2", f"slide={len(demo_stories.SLIDES)}"])
def test_the_bright_rooms_slides_and_the_last_slide_pass_too(server, browser, lang, slide):  # noqa: F811
    """The bright room's theme; and the last slide, whose greyed Next must still be read."""
    open_and_check(server, browser, f"/meeting?{slide}&lang={lang}").close()


def test_the_keyboard_alone_reaches_every_control_of_a_page(server, browser):  # noqa: F811
    v = Visit(browser, 1400, 900)
    try:
        v.open(server + "/disparities")
        page = v.page
        controls = page.locator(
            "[data-testid='stMain'] button:visible, [data-testid='stMain'] input:visible, "
            "[data-testid='stMain'] a[href]:visible, [data-testid='stSidebar'] input:visible"
        )
        wanted = controls.count()
        assert wanted > 5
        page.evaluate("() => document.activeElement && document.activeElement.blur()")  # start at the top
        reached = set()
        for _ in range(wanted * 4 + 40):
            page.keyboard.press("Tab")
            marker = page.evaluate(
                "() => { const e = document.activeElement; if (!e || e === document.body) return null;"
                " e.dataset.reached = '1'; return e.outerHTML.slice(0, 80); }"
            )
            if marker:
                reached.add(marker)
        missed = page.evaluate(
            """(sel) => [...document.querySelectorAll(sel)]
                 .filter(e => e.offsetParent !== null && !e.disabled && e.tabIndex >= 0 && !e.dataset.reached)
                 .map(e => e.outerHTML.slice(0, 120))""",
            "[data-testid='stMain'] button, [data-testid='stMain'] input, [data-testid='stMain'] a[href], "
            "[data-testid='stSidebar'] input",
        )
        assert not missed, f"controls Tab never reached: {missed}"
    finally:
        v.close()
