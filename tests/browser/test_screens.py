"""Every view at a presenter's, a laptop's and a phone's size: screenshots to look at, and what can be checked.

For each view of the registry at 1920×1080, 1366×768, 1280×720, 390×844 and 800×900 this writes
``<view>-<width>x<height>.png`` (the window) and ``<view>-<width>x<height>-page.png`` (the whole page) to
``$SZE_SCREENSHOTS`` (default ``build/screenshots/``), then checks what a reader would notice: the page
scrolling sideways, a console error or an error instead of the charts, a chart's text (title, source line,
legend, annotation, tick, label) cut at the chart's sides, top or bottom, or lying on another (where each
view's first chart stands on the first screen: ``test_first_screen.py``). The screenshots are for looking at:
what no check catches shows there.
"""

from __future__ import annotations

import base64
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from callbacks import VIEWS
from tests.browser.conftest import make_driver
from tests.browser.pageutil import console_errors, wait_until
from tests.browser.test_exports import allow_downloads, downloaded

pytestmark = pytest.mark.browser

#: a presenter's full HD screen, the two common laptop and projector sizes, a phone, and a tablet's (or a
#: narrow window's) width, where the views' columns have stacked but the page is not yet a phone's
SIZES = ((1920, 1080), (1366, 768), (1280, 720), (390, 844), (800, 900))
PHONE_WIDTH = 576  # Bootstrap's small breakpoint: below it the browser is emulated as a phone (touch, viewport meta)
SHOTS = Path(os.environ.get("SZE_SCREENSHOTS") or "build/screenshots")
#: a text may poke this far past the chart's side, or into another text, before a reader would notice (px)
TOLERANCE = 2
#: the chart's own title stands in its first 40 px: 'top on screen' means that much of it shows
CHART_TOP_SHOWN = 40

#: every chart's texts with their boxes, by the chart they belong to. A text counts when it is drawn and
#: visible; hover labels (they follow the pointer) and tspans (their text holds them) do not.
_TEXT_BOXES = """
const visible = el => {
  for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
    const s = getComputedStyle(e);
    if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return false;
  }
  return true;
};
const kind = el => {
  const g = el.closest('g[class]');
  if (el.closest('.infolayer .g-gtitle')) return el.classList.contains('gtitle-subtitle') ? 'subtitle' : 'title';
  if (el.closest('.legend')) return 'legend';
  if (el.closest('.annotation')) return 'annotation';
  if (el.closest('.g-xtitle, .g-ytitle, .g-x2title, .g-y2title')) return 'axis-title';
  if (el.closest('.xtick, .ytick, [class*="tick"]')) return 'tick';
  if (el.closest('.textpoint, .bartext, .point')) return 'label';
  return g ? g.getAttribute('class').split(' ')[0] : 'other';
};
return Array.from(document.querySelectorAll('.js-plotly-plot')).filter(visible).map(plot => {
  const svg = plot.querySelector('.main-svg').getBoundingClientRect();
  const texts = Array.from(plot.querySelectorAll('svg text'))
    .filter(el => !el.closest('.hoverlayer') && visible(el) && el.textContent.trim())
    .map(el => {
      const r = el.getBoundingClientRect();
      return {kind: kind(el), text: el.textContent.trim().slice(0, 60),
              left: r.left, right: r.right, top: r.top, bottom: r.bottom};
    })
    .filter(t => t.right - t.left > 0 && t.bottom - t.top > 0);
  return {id: plot.parentElement.id || plot.id, left: svg.left, right: svg.right, top: svg.top, bottom: svg.bottom,
          texts: texts};
});
"""

#: every chart of the view drawn from its update (which puts the source on each figure, the empty
#: placeholders have none) and no callback running
_DRAWN = """
const plots = Array.from(document.querySelectorAll('#view .dash-graph .js-plotly-plot'));
const graphs = document.querySelectorAll('#view .dash-graph').length;
return graphs > 0 && plots.length === graphs
  && plots.every(p => p.querySelector('.main-svg') && p.layout && p.layout.meta && 'source' in p.layout.meta)
  && !document.querySelector('[data-dash-is-loading="true"]');
"""

_PAGE = """
const html = document.documentElement;
return {scroll: html.scrollWidth, client: html.clientWidth, height: window.innerHeight, width: window.innerWidth};
"""


_ALERT = "const a = document.querySelector('.alert-danger'); return !!a && a.offsetHeight > 0;"


def _overlap(a: dict, b: dict) -> float:
    """How far two boxes lie on each other: the smaller of the overlap's width and height (px)."""
    width = min(a["right"], b["right"]) - max(a["left"], b["left"])
    height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return min(width, height)


def text_problems(charts: list[dict], viewport_width: float) -> list[str]:
    """Chart texts cut at the chart's (or the window's) side, top or bottom, and texts lying on each other."""
    problems = []
    for chart in charts:
        left, right = max(chart["left"], 0), min(chart["right"], viewport_width)
        texts = chart["texts"]
        for text in texts:
            if text["left"] < left - TOLERANCE or text["right"] > right + TOLERANCE:
                problems.append(
                    f"{chart['id']}: {text['kind']} {text['text']!r} cut at the side "
                    f"({text['left']:.0f}–{text['right']:.0f} px, chart {left:.0f}–{right:.0f})"
                )
            if text["top"] < chart["top"] - TOLERANCE or text["bottom"] > chart["bottom"] + TOLERANCE:
                problems.append(f"{chart['id']}: {text['kind']} {text['text']!r} cut at the top or bottom")
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                if _overlap(a, b) > TOLERANCE:
                    problems.append(f"{chart['id']}: {a['kind']} {a['text']!r} lies on {b['kind']} {b['text']!r}")
    return problems


def _settled_boxes(driver: WebDriver) -> list[dict]:
    """The charts' text boxes once two readings a moment apart agree: plotly may lay a chart out again
    after drawing it (margins that grow for their labels), and a box read in between is no finding."""
    boxes = driver.execute_script(_TEXT_BOXES)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        time.sleep(0.25)
        again = driver.execute_script(_TEXT_BOXES)
        if again == boxes:
            break
        boxes = again
    return boxes


def _cases() -> list[tuple[tuple[int, int], str]]:
    """Every view of the registry at every size, grouped by size so one browser serves each size."""
    return [(size, view.slug) for size in SIZES for view in VIEWS]


@pytest.fixture(scope="module")
def screens() -> Iterator[dict[tuple[int, int], WebDriver]]:
    """One browser per size, started when first asked for and quit when the next size starts."""
    drivers: dict[tuple[int, int], WebDriver] = {}
    yield drivers
    for driver in drivers.values():
        driver.quit()


def _screen(drivers: dict[tuple[int, int], WebDriver], size: tuple[int, int]) -> WebDriver:
    """The browser whose viewport (not window) is ``size``; a phone's with touch and the page's viewport meta."""
    if size not in drivers:
        for old in list(drivers):
            drivers.pop(old).quit()
        width, height = size
        driver = make_driver(max(width, 800), height)
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < PHONE_WIDTH},
        )
        drivers[size] = driver
    return drivers[size]


def _shoot(driver: WebDriver, name: str) -> None:
    """The window as ``name.png`` and the whole page as ``name-page.png``."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / f"{name}.png"))
    page = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    (SHOTS / f"{name}-page.png").write_bytes(base64.b64decode(page["data"]))


@pytest.mark.parametrize(("size", "tab"), _cases(), ids=[f"{tab}-{w}x{h}" for (w, h), tab in _cases()])
def test_brscr001_every_view_fits_the_screen_without_cut_or_overlapping_chart_texts(demo_server, screens, size, tab):
    driver = _screen(screens, size)
    console_errors(driver)  # the previous view's, read and dropped
    driver.get(f"{demo_server}/{tab}")
    wait_until(lambda: driver.execute_script(_DRAWN), 30, f"the charts of {tab}")
    # plotly lays out again once fonts and the container's width settle: measure the final layout
    driver.execute_script("return document.fonts.ready")
    boxes = _settled_boxes(driver)
    _shoot(driver, f"{tab}-{size[0]}x{size[1]}")
    page = driver.execute_script(_PAGE)
    assert page["width"] == size[0] and page["height"] == size[1], page
    assert page["scroll"] <= page["client"], f"the page scrolls sideways: {page}"
    assert not driver.execute_script(_ALERT), "the view shows an error instead of its charts"
    assert text_problems(boxes, page["width"]) == []
    assert console_errors(driver) == []


_ORIENTATION = (
    "const gd = document.querySelector('#trends-graph .js-plotly-plot'); return gd && gd.data && gd.data[0].orientation"
)
_UPDATES = (
    "return performance.getEntriesByType('resource').filter(r => r.name.includes('_dash-update-component')).length"
)


def _resize(driver: WebDriver, width: int, height: int) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < PHONE_WIDTH},
    )


def test_brscr003_a_window_that_narrows_to_a_phones_width_redraws_its_charts_once_for_a_phone(demo_server):
    """Turning a tablet or dragging a window narrower redraws the charts for the new width, and only across the line."""
    driver = make_driver(1280, 720)
    try:
        _resize(driver, 1280, 720)
        driver.get(f"{demo_server}/trends")
        wait_until(lambda: driver.execute_script(_DRAWN), 30, "the trend chart")
        assert driver.execute_script(_ORIENTATION) == "v"  # side by side, upright bars
        before = driver.execute_script(_UPDATES)
        _resize(driver, 1100, 720)  # narrower, still wide: nothing to redraw
        time.sleep(1)
        assert driver.execute_script(_UPDATES) == before
        _resize(driver, 390, 844)
        wait_until(lambda: driver.execute_script(_ORIENTATION) == "h", 20, "the chart drawn for a phone")
        wait_until(lambda: driver.execute_script(_DRAWN), 20, "the redrawn chart")
        page = driver.execute_script(_PAGE)
        assert page["scroll"] <= page["client"] and text_problems(_settled_boxes(driver), page["width"]) == []
        _resize(driver, 1280, 720)
        wait_until(lambda: driver.execute_script(_ORIENTATION) == "v", 20, "the chart drawn wide again")
        assert console_errors(driver) == []
    finally:
        driver.quit()


def _choose(driver: WebDriver, chart: str, entry: str) -> None:
    """A chart's download menu entry, clicked as a tap does (an emulated phone's coordinates mislead a mouse click)."""
    panel = driver.find_element(By.CSS_SELECTOR, f"[data-sze-chart='{chart}']")
    driver.execute_script("arguments[0].click()", panel.find_element(By.CSS_SELECTOR, ".chart-export-toggle"))
    item = wait_until(
        lambda: next((e for e in panel.find_elements(By.CSS_SELECTOR, ".dropdown-item") if e.text == entry), None),
        what=f"the menu entry {entry!r}",
    )
    driver.execute_script("arguments[0].click()", item)


def test_brscr004_on_a_phone_the_chart_draws_no_source_line_but_its_image_carries_it(demo_server, tmp_path):
    """A phone's chart leaves its source to the note under it; the image it exports still names it."""
    driver = make_driver(800, 844)
    try:
        _resize(driver, 390, 844)
        allow_downloads(driver, tmp_path)
        driver.get(f"{demo_server}/trends?editie=2022")
        wait_until(lambda: driver.execute_script(_DRAWN), 30, "the trend chart")
        drawn = driver.execute_script(
            "const gd = document.querySelector('#trends-graph .js-plotly-plot');"
            "const line = gd.querySelector('.gtitle-subtitle');"
            "return {line: line ? line.textContent : '', toolbar: gd.querySelector('.modebar-container').offsetHeight};"
        )
        assert drawn == {"line": "", "toolbar": 0}  # no source line on the chart, and no camera that would drop it
        _choose(driver, "trends/main", "Afbeelding met bron (SVG)")
        svg = downloaded(tmp_path, "sze-trends-activiteiten-2022.svg").replace(b"&nbsp;", b" ")
        assert b"Bron: Ministerie van VWS" in svg and b"SZE-dashboard," in svg
        assert console_errors(driver) == []
    finally:
        driver.quit()
