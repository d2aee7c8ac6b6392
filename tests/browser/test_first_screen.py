"""Each view opens on its chart (issue 20): at a shared screen's 1280×720 and a phone's 390×844 the view's first
chart starts on the first screen and fills at least 40 % (a phone: 30 %) of it, nothing scrolls sideways, and axe
finds nothing serious; the map's key figures stand beside it; the filter panel and the charts' explanations fold
open on demand, and a link says so."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import make_driver
from tests.browser.pageutil import console_errors, wait_for_charts, wait_for_text, wait_until
from tests.browser.test_accessibility import axe_violations

pytestmark = pytest.mark.browser

#: (width, height of the page below the browser's bars, the share of it the first chart must fill)
SCREENS = {"shared": (1280, 577, 0.40), "phone": (390, 701, 0.30)}
#: each view as the issue names it, the region view of Zuid
VIEWS = ("kaart", "activiteiten", "trends", "evaluatie", "bereik", "vergelijk", "regio?regio=zuid")

#: where the first visible chart starts and how much of the window the charts cover (../shared/tools/firstscreen.py)
_FIRST_SCREEN = """
const h = window.innerHeight, w = window.innerWidth;
const g = Array.from(document.querySelectorAll('#view .js-plotly-plot')).filter(e => e.offsetParent !== null);
let area = 0;
for (const e of g) {
  const b = e.getBoundingClientRect();
  const high = Math.max(0, Math.min(b.bottom, h) - Math.max(b.top, 0));
  area += high * Math.max(0, Math.min(b.right, w) - Math.max(b.left, 0));
}
return {charts: g.length, top: g.length ? g[0].getBoundingClientRect().top : null, share: area / (w * h),
        sideways: document.documentElement.scrollWidth > w + 1, scrolled: window.scrollY};
"""


def _screen(width: int, height: int):
    driver = make_driver(width, height)
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 768},
    )
    return driver


@pytest.fixture(scope="module", params=list(SCREENS))
def screen(request):
    """One browser per screen size for every view (a fresh profile: nothing cached from another size)."""
    width, height, _ = SCREENS[request.param]
    driver = _screen(width, height)
    yield request.param, driver
    driver.quit()


@pytest.mark.parametrize("view", VIEWS)
def test_brfirst001_each_view_opens_on_its_chart(demo_server, screen, view):
    name, driver = screen
    width, height, share = SCREENS[name]
    driver.get(f"{demo_server}/{view}")
    wait_for_charts(driver)
    found = driver.execute_script(_FIRST_SCREEN)
    assert found["scrolled"] == 0 and found["charts"], found
    assert 0 <= found["top"] < height * 0.6, f"{view} at {width}: the chart starts at {found['top']} px"
    assert found["share"] >= share, f"{view} at {width}: charts fill {found['share']:.0%} of the first screen"
    assert not found["sideways"], f"{view} at {width} scrolls sideways"
    violations = axe_violations(driver)
    assert not violations, [(v["id"], v["nodes"][:2]) for v in violations]
    assert [e for e in console_errors(driver) if "favicon" not in e] == []


def test_brfirst002_the_map_stands_beside_its_key_figures_on_a_shared_screen(demo_server):
    driver = _screen(1280, 720)
    try:
        driver.get(f"{demo_server}/")
        wait_for_charts(driver)
        wait_until(lambda: len(driver.find_elements(By.CSS_SELECTOR, ".key-tile")) == 5, what="five key figures")
        graph = driver.find_element(By.ID, "map-graph").rect
        tiles = [tile.rect for tile in driver.find_elements(By.CSS_SELECTOR, ".key-tile")]
        assert all(tile["x"] >= graph["x"] + graph["width"] - 1 for tile in tiles)  # beside the map, not above it
        first = driver.find_elements(By.CSS_SELECTOR, ".key-tile")[0].text
        assert "bijna 33.000" in first and "SZE 2021" in first and "ICT&health" in first
        assert tiles[1]["y"] + tiles[1]["height"] <= 720  # the first two on the first screen with the map
        # region and week one click away, the rest folded: a click on Zuid redraws the view
        assert driver.find_element(By.ID, "filter-region-group").is_displayed()
        assert not driver.find_element(By.ID, "filter-editions-group").is_displayed()
        driver.find_element(By.XPATH, "//*[@id='filter-region']//label[normalize-space()='Zuid']").click()
        wait_until(lambda: "regio=zuid" in driver.current_url, what="the region in the link")
    finally:
        driver.quit()


def test_brfirst003_the_filters_button_unfolds_the_panel_and_the_link_says_so(demo_server):
    driver = _screen(1280, 720)
    try:
        driver.get(f"{demo_server}/trends")
        wait_for_charts(driver)
        toggle = driver.find_element(By.ID, "filter-toggle")
        assert toggle.get_attribute("aria-expanded") == "false"
        toggle.click()
        wait_until(lambda: "filters=1" in driver.current_url, what="filters=1 in the link")
        wait_until(lambda: driver.find_element(By.ID, "filter-editions-group").is_displayed(), what="the editions")
        assert toggle.get_attribute("aria-expanded") == "true"
        driver.find_element(By.ID, "view-tab-kaart").click()  # the fold travels with the view links
        wait_until(lambda: "/kaart" in driver.current_url and "filters=1" in driver.current_url, what="kaart, open")
        driver.find_element(By.ID, "filter-toggle").click()
        wait_until(lambda: "filters=1" not in driver.current_url, what="folded again")
    finally:
        driver.quit()


def test_brfirst004_explanations_fold_under_their_chart_and_open_with_the_link(demo_server):
    driver = _screen(1280, 720)
    try:
        driver.get(f"{demo_server}/trends")
        wait_for_charts(driver)
        details = driver.find_element(By.CSS_SELECTOR, "#view details.explanation")
        graph = driver.find_element(By.ID, "trends-graph").rect
        assert details.rect["y"] > graph["y"] and details.get_attribute("open") is None  # after the chart, folded
        sources = driver.find_element(By.ID, "trends-sources")
        assert sources.rect["y"] >= graph["y"] + graph["height"] - 1  # the source line under its chart
        size = driver.execute_script("return parseFloat(getComputedStyle(arguments[0]).fontSize)", sources)
        assert size >= 12, f"the source line is {size} px"
        driver.get(f"{demo_server}/trends?toelichting=1")
        wait_for_charts(driver)
        wait_until(
            lambda: driver.find_element(By.CSS_SELECTOR, "#view details.explanation").get_attribute("open") is not None,
            what="the explanation open",
        )
        wait_for_text(driver, "Definitie")
    finally:
        driver.quit()
