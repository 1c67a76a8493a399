"""Meeting mode in a real browser: every slide of the demo's story fits a projector's 1280x720, the keys a
presentation clicker sends move between slides, and the notes window follows the slides."""

from __future__ import annotations

import time
import urllib.parse

import pytest

from equity.demo import stories as demo_stories
from tests.test_browser import Visit, browser  # noqa: F401  (browser is a fixture)

pytestmark = pytest.mark.browser
TOTAL = len(demo_stories.SLIDES)


def slide_of(v: Visit) -> int:
    # The address as the page has it now: playwright's page.url follows the page's history only when a
    # call into playwright lets its events in, and a loop that only sleeps would read it stale for ever.
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(v.page.evaluate("location.href")).query)
    return int(query.get("slide", ["1"])[0])


def wait_for_slide(v: Visit, n: int, timeout: float = 90) -> None:
    end = time.time() + timeout
    while time.time() < end:
        if slide_of(v) == n and f"{n} of {TOTAL}" in v.page.inner_text("body"):
            v.settle(charts=0 if "notes=1" in v.page.url else 1)
            if f"{n} of {TOTAL}" in v.page.inner_text("body"):
                return
        time.sleep(0.2)
    raise AssertionError(f"slide {n} did not come: {v.page.url}")


def body_text(page) -> str:
    try:  # the notes window reloads as it follows, and has no body for a moment
        return page.inner_text("body", timeout=2000)
    except Exception:  # noqa: BLE001
        return ""


def assert_fits(v: Visit, width: int, height: int, n: int) -> None:
    """The slide's title, sentence, chart and controls lie inside the window, and nothing scrolls."""
    page = v.page
    for selector in (".slide-title", ".slide-takeaway", ".js-plotly-plot", ".st-key-slide_nav"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None, (n, selector)
        assert box["y"] >= 0 and box["y"] + box["height"] <= height + 1, (n, selector, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (n, selector, box)
    assert page.locator(".slide-takeaway").first.inner_text().strip(), n
    scroll = page.evaluate(
        "(() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
        " return Math.max(m.scrollHeight - m.clientHeight,"
        " document.documentElement.scrollHeight - innerHeight); })()"
    )
    assert scroll <= 2, (n, scroll)
    # No controls of the pages: no sidebar, no downloads, no chart links.
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    assert page.locator("[data-testid='stDownloadButton']").count() == 0
    assert page.locator("[class*='st-key-link_']").count() == 0


def test_slides_fit_the_projector_and_the_clicker_keys_move_between_them(server, browser):  # noqa: F811
    v = Visit(browser, 1280, 720)
    try:
        v.open(server + "/meeting")
        assert v.console_errors() == [], v.console_errors()
        assert_fits(v, 1280, 720, 1)
        # Forward with the arrow and with Page Down (what clickers send), each slide checked.
        for n, key in enumerate(["ArrowRight", "PageDown", "ArrowRight", "PageDown"], start=2):
            v.page.keyboard.press(key)
            wait_for_slide(v, n)
            assert_fits(v, 1280, 720, n)
        # And back, with the arrow and with Page Up; the on-screen button moves too.
        v.page.keyboard.press("ArrowLeft")
        wait_for_slide(v, TOTAL - 1)
        v.page.keyboard.press("PageUp")
        wait_for_slide(v, TOTAL - 2)
        v.page.locator(".st-key-slide_next button").click()
        wait_for_slide(v, TOTAL - 1)
        # The presenter's second window: this slide's notes and the next slide's title.
        notes = v.context.new_page()
        notes.goto(server + f"/meeting?slide={TOTAL - 1}&notes=1&story={demo_stories.STORY_ID}")
        notes.wait_for_selector(".notes-body", timeout=90_000)
        assert demo_stories.SLIDES[TOTAL - 2][5][:40] in body_text(notes)
        assert f"Next: {demo_stories.SLIDES[TOTAL - 1][3]}" in body_text(notes)
        assert v.external() == [], v.external()
    finally:
        v.close()


def test_a_slide_fits_a_desk_screen_too(server, browser):  # noqa: F811
    v = Visit(browser, 1400, 900)
    try:
        v.open(server + "/meeting?slide=2")  # the map
        v.page.wait_for_selector(".js-plotly-plot .maplibregl-canvas", timeout=30_000)
        assert_fits(v, 1400, 900, 2)
        assert v.console_errors() == [], v.console_errors()
    finally:
        v.close()


# The WCAG contrast of a button's label on its own background, worked out in the page.
CONTRAST = """(sel) => {
  const lum = (c) => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map((v) => {
    v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const opaque = (c) => { const v = c.match(/[\\d.]+/g); return v && (v.length < 4 || Number(v[3]) > 0); };
  const button = document.querySelector(sel);
  const label = [...button.querySelectorAll("p, span, div")].find((e) => e.textContent.trim()) || button;
  let behind = button;  // a see-through background shows what is behind it
  while (behind && !opaque(getComputedStyle(behind).backgroundColor)) behind = behind.parentElement;
  const ground = behind ? getComputedStyle(behind).backgroundColor : "rgb(255, 255, 255)";
  const [a, b] = [lum(getComputedStyle(label).color), lum(ground)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


@pytest.mark.parametrize("theme", ["", "&contrast=1"])
def test_the_greyed_previous_and_next_are_still_read(server, browser, theme):  # noqa: F811
    """axe leaves disabled buttons out of its contrast check; a room still reads them."""
    v = Visit(browser, 1280, 720)
    try:
        for n, key in ((1, "slide_prev"), (TOTAL, "slide_next")):
            v.open(server + f"/meeting?slide={n}{theme}", charts=0)
            sel = f".st-key-{key} button"
            assert v.page.locator(sel).is_disabled()
            ratio = v.page.evaluate(CONTRAST, sel)
            assert ratio >= 4.5, (n, key, ratio)
    finally:
        v.close()
