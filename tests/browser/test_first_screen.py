"""The first screen at 1280×720, a shared screen's size: key figures and the map's top without scrolling."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import make_driver
from tests.browser.pageutil import console_errors, wait_for_charts, wait_for_text, wait_until

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 1280, 720
#: the chart's own title stands in its first 40 px: 'top on screen' means that much of it shows
CHART_TOP_SHOWN = 40


@pytest.fixture
def screen():
    """A browser whose viewport (not window) is 1280×720, as a projector shows the page."""
    driver = make_driver(WIDTH, HEIGHT)
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False},
    )
    yield driver
    driver.quit()


def _box(driver, selector: str) -> dict:
    return driver.execute_script(
        "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
        "return {top: r.top, bottom: r.bottom, height: window.innerHeight, scrolled: window.scrollY};",
        selector,
    )


def _tile_boxes(driver) -> list[dict]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('.key-tile'))"
        ".map(e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, text: e.innerText}; });"
    )


def _settle(driver) -> None:
    wait_for_charts(driver)
    wait_until(lambda: len(_tile_boxes(driver)) == 5, what="five key-figure tiles")
    wait_for_text(driver, "Weekvolgorde")  # the map's side panel: the view is filled, heights are final


def test_brfirst001_the_landing_view_shows_the_key_figures_and_the_maps_top_without_scrolling(live_server, screen):
    screen.get(f"{live_server}/")
    _settle(screen)
    tiles = _tile_boxes(screen)
    height = screen.execute_script("return window.innerHeight")
    assert height == HEIGHT and screen.execute_script("return window.scrollY") == 0
    assert all(tile["top"] >= 0 and tile["bottom"] <= height for tile in tiles), tiles
    assert "bijna 33.000" in tiles[0]["text"] and "SZE 2021" in tiles[0]["text"] and "ICT&health" in tiles[0]["text"]
    assert "▲ meer dan in 2021 (86 procent)" in tiles[4]["text"]
    graph = _box(screen, "#map-graph")
    assert graph["top"] + CHART_TOP_SHOWN <= height, graph
    # only the filters acting on the map show: no predecessor editions, no figure while coloured by region
    assert not screen.find_element(By.ID, "filter-editions-predecessor-group").is_displayed()
    assert not screen.find_element(By.ID, "filter-metric-group").is_displayed()
    assert screen.find_element(By.ID, "filter-colour-group").is_displayed()
    assert console_errors(screen) == []


def test_brfirst002_a_link_with_filters_0_opens_folded_and_the_button_unfolds_it(live_server, screen):
    screen.get(f"{live_server}/kaart?filters=0")
    _settle(screen)
    toggle = screen.find_element(By.ID, "filter-toggle")
    wait_until(lambda: toggle.get_attribute("aria-expanded") == "false", what="aria-expanded=false")
    assert not screen.find_element(By.ID, "filter-region-group").is_displayed()
    summary = screen.find_element(By.ID, "filter-summary")
    assert summary.is_displayed() and summary.text == "Getoond: alle edities."
    folded = _box(screen, "#map-graph")
    assert folded["top"] + CHART_TOP_SHOWN <= folded["height"], folded
    # the fold travels with the view links, then the button unfolds it and the URL says so
    screen.find_element(By.ID, "view-tab-trends").click()
    wait_until(lambda: "/trends" in screen.current_url and "filters=0" in screen.current_url, what="trends, folded")
    wait_for_charts(screen)
    screen.find_element(By.ID, "filter-toggle").click()
    wait_until(lambda: "filters=0" not in screen.current_url, what="filters=0 to leave the URL")
    wait_until(
        lambda: screen.find_element(By.ID, "filter-toggle").get_attribute("aria-expanded") == "true",
        what="aria-expanded=true",
    )
    wait_until(lambda: screen.find_element(By.ID, "filter-region-group").is_displayed(), what="the region filter")
    assert screen.find_element(By.ID, "filter-editions-predecessor-group").is_displayed()  # trends reads it
    assert console_errors(screen) == []
