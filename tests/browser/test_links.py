"""Bad links (issue 8): a link's unknown values are named back, an unknown address answers 404 with a way on,
and a double-click on the map sets a region once."""

from __future__ import annotations

import base64
import json
import os
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from tests.browser.conftest import make_driver
from tests.browser.pageutil import console_errors, page_text, wait_for_charts, wait_for_text, wait_until
from tests.browser.test_accessibility import axe_violations

pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("SZE_SCREENSHOTS") or "build/screenshots")
PHONE_WIDTH = 576  # as tests/browser/test_screens.py: below it the browser is emulated as a phone

#: the note, when shown: its text and whether anything of it is cut (its own box or the page's width)
_NOTE = """
const note = document.getElementById('link-note');
if (!note || note.hidden || note.offsetHeight === 0) return null;
const text = document.getElementById('link-note-text');
const html = document.documentElement;
return {text: text.innerText, cut: text.scrollWidth > text.clientWidth + 1 || html.scrollWidth > html.clientWidth,
        background: getComputedStyle(note).backgroundColor};
"""


def _note(driver: WebDriver) -> dict | None:
    return driver.execute_script(_NOTE)


def _region(driver: WebDriver) -> str | None:
    """The region ticked in the filter bar ('' for 'Alle')."""
    ticked = driver.find_elements(By.CSS_SELECTOR, "#filter-region input:checked")
    return ticked[0].get_attribute("value") if ticked else None


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _errors_but_the_404(driver: WebDriver) -> list[str]:
    """Console errors, but the browser's own line about the 404 document that is the point of the test."""
    return [e for e in console_errors(driver) if "status of 404" not in e]


def test_brlnk001_a_link_with_unknown_values_opens_what_it_can_and_says_what_it_ignored(live_server, browser):
    browser.get(f"{live_server}/?editie=2025&regio=ZUID&tab=TRENDS")
    wait_for_charts(browser)
    wait_for_text(browser, "ruim vijftig")  # Zuid's own figure in Trends
    assert browser.find_element(By.CSS_SELECTOR, "#view-tabs .nav-link.active").text.strip() == "Trends"
    assert _region(browser) == "zuid"
    note = wait_until(lambda: _note(browser), what="the note")
    assert note["text"] == "Niet herkend in de link en genegeerd: editie 2025 (niet in de gegevens)."
    assert not note["cut"]
    wait_until(lambda: browser.current_url.endswith("/trends?regio=zuid"), what="the address cleaned")
    assert _note(browser) is not None  # cleaning the address is no reason to take the note away

    # the first change on the page takes it away; back to the link brings it back
    browser.find_element(By.XPATH, "//*[@id='filter-region']//label[normalize-space()='Noord']").click()
    wait_until(lambda: "regio=noord" in browser.current_url, what="regio=noord in the URL")
    wait_until(lambda: _note(browser) is None, what="the note gone")
    browser.back()
    wait_until(lambda: _region(browser) == "zuid", what="back to Zuid")
    assert _note(browser) is None  # the cleaned address holds nothing to note
    browser.back()
    wait_until(lambda: _note(browser), what="the note again for the link itself")
    assert console_errors(browser) == []


def test_brlnk002_an_english_page_notes_in_english_and_the_note_closes(live_server, browser):
    browser.get(f"{live_server}/?taal=en&tab=kaart&regio=atlantis&week=9")
    wait_for_charts(browser)
    note = wait_until(lambda: _note(browser), what="the note")
    assert note["text"] == "Not recognised in the link and ignored: region ‘atlantis’, week 9 (not in the data)."
    close = browser.find_element(By.ID, "link-note-close")
    assert close.get_attribute("aria-label") == "Close this note"
    close.click()
    wait_until(lambda: _note(browser) is None, what="the note closed")
    assert browser.switch_to.active_element.get_attribute("id") == "filter-toggle"  # the keyboard stays near
    assert console_errors(browser) == []


def test_brlnk003_an_unknown_address_answers_404_with_a_page_that_leads_on(live_server, browser):
    assert _status(f"{live_server}/bestaat-niet") == 404
    assert _status(f"{live_server}/over-de-cijfers/x") == 404
    assert _status(f"{live_server}/over-de-cijfers/") == 200 and _status(f"{live_server}/rapport") == 200
    browser.get(f"{live_server}/bestaat-niet")
    wait_for_text(browser, "Pagina niet gevonden")
    text = page_text(browser)
    assert "Op dit adres staat geen pagina van dit dashboard." in text and "Getoond:" not in text
    wait_until(lambda: browser.title.startswith("Pagina niet gevonden"), what="the page's title")
    about = browser.find_element(By.ID, "not-found-about")
    assert about.text == "Over de cijfers: bronnen en definities" and about.get_attribute("href").endswith(
        "/over-de-cijfers"
    )
    browser.find_element(By.ID, "not-found-dashboard").click()
    wait_for_charts(browser)
    wait_for_text(browser, "Weekvolgorde")
    assert browser.current_url == f"{live_server}/" and "Pagina niet gevonden" not in page_text(browser)
    assert _errors_but_the_404(browser) == []


def test_brlnk004_the_404_page_speaks_the_links_language(live_server, browser):
    browser.get(f"{live_server}/foo?taal=en")
    wait_for_text(browser, "Page not found")
    wait_until(
        lambda: (
            browser.find_element(By.ID, "not-found-about").get_attribute("href").endswith("/over-de-cijfers?taal=en")
        ),
        what="the about link in English",
    )
    assert browser.find_element(By.ID, "not-found-dashboard").text == "To the dashboard"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert _errors_but_the_404(browser) == []


_DRENTHE = (
    "return Array.from(document.querySelectorAll('#map-graph path.choroplethlocation'))"
    ".find(p => p.__data__ && p.__data__.loc === 'Drenthe')"
)


def _double_click_sets_noord_once(browser: WebDriver, double_click) -> None:
    """Double-click Drenthe with ``double_click(element)``: region Noord ends chosen, with one history entry."""
    drenthe = wait_until(lambda: browser.execute_script(_DRENTHE), what="the Drenthe shape")
    browser.execute_script(
        "if (window.szeDoubleClicks === undefined) document.addEventListener('dblclick', () => szeDoubleClicks++);"
        "window.szeDoubleClicks = 0;"
    )
    before = browser.execute_script("return window.history.length")
    double_click(drenthe)
    wait_until(lambda: "regio=noord" in browser.current_url, what="regio=noord in the URL")
    wait_until(lambda: "Roosendaal" not in page_text(browser), what="initiatives outside Noord to disappear")
    time.sleep(2)  # a second click, had it counted, would have cleared the region by now
    assert browser.execute_script("return window.szeDoubleClicks") == 1  # the browser took it as a double-click
    assert "regio=noord" in browser.current_url and _region(browser) == "noord"
    assert browser.execute_script("return window.history.length") - before <= 1


def test_brlnk005_double_clicking_a_province_sets_its_region_once(live_server, browser):
    browser.get(f"{live_server}/kaart?editie=2024")
    wait_for_charts(browser)
    wait_for_text(browser, "Roosendaal")
    # as a hand does it: two presses 150 ms apart (Selenium's own double_click is so fast that plotly reports
    # the same click twice, which Dash passes on once; a hand's second press lands on the redrawn map)
    _double_click_sets_noord_once(
        browser, lambda shape: ActionChains(browser).move_to_element(shape).click().pause(0.15).click().perform()
    )
    # a deliberate second click, later, still clears the region as before
    ActionChains(browser).move_to_element(browser.execute_script(_DRENTHE)).click().perform()
    wait_until(lambda: "regio=" not in browser.current_url, what="the region cleared")
    wait_until(lambda: _region(browser) == "", what="'Alle' ticked")
    wait_for_text(browser, "Roosendaal")
    _double_click_sets_noord_once(browser, lambda shape: ActionChains(browser).double_click(shape).perform())
    assert console_errors(browser) == []


def _shoot(driver: WebDriver, name: str) -> None:
    """The window as ``name.png`` and the whole page as ``name-page.png`` (to be looked at)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / f"{name}.png"))
    page = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    (SHOTS / f"{name}-page.png").write_bytes(base64.b64decode(page["data"]))


@pytest.mark.parametrize("size", [(1280, 720), (390, 844)], ids=["1280x720", "390x844"])
def test_brlnk006_the_note_and_the_404_page_fit_a_shared_screen_and_a_phone(live_server, size):
    width, height = size
    driver = make_driver(max(width, 800), height)
    try:
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < PHONE_WIDTH},
        )
        long = "zuid-limburg-en-de-rest-van-het-land-" * 8
        driver.get(f"{live_server}/trends?editie=2025,1999&regio={long}&week=9&cijfer=abc&kleur=paars")
        wait_for_charts(driver)
        note = wait_until(lambda: _note(driver), what="the note")
        assert "regio ‘zuid-limburg-en-de-rest-van-het-land-zu…’" in note["text"]  # cut short, not at length
        assert note["text"].endswith("cijfer ‘abc’ en nog 1 andere.")  # five named, the rest counted
        assert not note["cut"], note
        # quiet, not an alarm: no red or orange, which on a projector reads as a failure
        red, green, blue = (int(c) for c in note["background"][note["background"].index("(") + 1 : -1].split(",")[:3])
        assert blue >= red and blue >= green, note["background"]
        _shoot(driver, f"link-note-{width}x{height}")
        driver.get(f"{live_server}/bestaat-niet")
        wait_for_text(driver, "Over de cijfers: bronnen en definities")
        page = driver.execute_script(
            "const h = document.documentElement; return {scroll: h.scrollWidth, client: h.clientWidth};"
        )
        assert page["scroll"] <= page["client"], page
        _shoot(driver, f"not-found-{width}x{height}")
        assert _errors_but_the_404(driver) == []
    finally:
        driver.quit()


def test_brlnk007_axe_finds_no_serious_violation_in_the_note_or_on_the_404_page(live_server, browser):
    browser.get(f"{live_server}/kaart?regio=atlantis")
    wait_for_charts(browser)
    wait_until(lambda: _note(browser), what="the note")
    found = axe_violations(browser)
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
    browser.get(f"{live_server}/bestaat-niet?taal=en")
    wait_for_text(browser, "Page not found")
    found = axe_violations(browser)
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def _fast_clicks_end_on_the_last(live_server: str, browser: WebDriver, orders: tuple[tuple[str, ...], ...]) -> None:
    """Click the region buttons of each order as fast as the browser takes them, then check the page ends on the
    last one of it in the address, the filter, the summary, the chart and a key figure's link."""
    browser.get(f"{live_server}/kaart")
    wait_for_charts(browser)
    labels = {
        label.text.strip(): label
        for label in browser.find_elements(By.CSS_SELECTOR, "#filter-region label")
        if label.is_displayed()
    }

    def shown() -> tuple[str, str | None, str, str, list[str]]:
        title = browser.execute_script("return document.querySelector('#view .gtitle').textContent")
        links = browser.execute_script("return Array.from(document.querySelectorAll('.key-link'), a => a.href)")
        summary = browser.find_element(By.ID, "filter-summary").text
        return browser.current_url, _region(browser), summary, title, links

    for order in orders:
        for name in order:
            labels[name].click()
        last = order[-1]

        def settled(last: str = last) -> bool:
            url, region, summary, title, links = shown()
            return (
                f"regio={last.lower()}" in url
                and region == last.lower()
                and f"regio {last}" in summary
                and f"regio {last}" in title
                and bool(links)
                and all(f"regio={last.lower()}" in link for link in links)
            )

        try:
            wait_until(settled, what=f"the page on {last}")
        except AssertionError as missed:
            raise AssertionError(f"not on {last}: {shown()}; console: {console_errors(browser)}") from missed
        time.sleep(1.5)  # an overtaken answer arrives by now, and must change nothing
        assert settled(), shown()
    assert console_errors(browser) == []


def test_brlnk008_clicks_faster_than_the_answers_end_on_the_last_one_everywhere(live_server, browser):
    # a presenter clicking through the regions faster than the server answers (two workers: answers may cross):
    # the page ends on the last click, never on an answer a later click overtook (callbacks.state.publish); one
    # click first, answered, as a presenter starts
    _fast_clicks_end_on_the_last(
        live_server, browser, (("West",), ("Noord", "Oost", "West", "Zuid"), ("Zuid", "West", "Oost", "Noord"))
    )


@pytest.mark.xfail(
    reason="known weakness (issue 21): under a heavy CPU load, four clicks within the first second after the page "
    "loaded can end with the address on the last region and the chart on an earlier one; cause not found yet",
    strict=False,
)
def test_brlnk009_clicks_faster_than_the_answers_right_after_load_end_on_the_last_one(live_server, browser):
    _fast_clicks_end_on_the_last(live_server, browser, (("Noord", "Oost", "West", "Zuid"),))
