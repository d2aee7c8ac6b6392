"""Bad links (issue 8): a link's unknown values are named back."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from tests.browser.pageutil import console_errors, wait_for_charts, wait_for_text, wait_until

pytestmark = pytest.mark.browser


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


def test_brlnk001_a_link_with_unknown_values_opens_what_it_can_and_says_what_it_ignored(live_server, browser):
    browser.get(f"{live_server}/?editie=2025&regio=ZUID&tab=TRENDS")
    wait_for_charts(browser)
    wait_for_text(browser, "ruim vijftig")  # Zuid's own figure in Trends
    assert browser.find_element(By.CSS_SELECTOR, "#view-tabs .nav-link.active").text.strip() == "Trends"
    assert _region(browser) == "zuid"
    note = wait_until(lambda: _note(browser), what="the note")
    assert note["text"] == "Niet herkend in de link en genegeerd: editie 2025 (niet in de gegevens)."
    assert not note["cut"]
    wait_until(lambda: browser.current_url.endswith("/?tab=trends&regio=zuid"), what="the address cleaned")
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
