"""English and a shared link, as a reader uses them: the toggle keeps the view, a copied link opens it elsewhere."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import make_driver
from tests.browser.pageutil import console_errors, foreign_requests, page_text, wait_for_charts, wait_until

pytestmark = pytest.mark.browser


def test_brlng001_the_toggle_opens_the_same_view_in_english_and_back(live_server, browser):
    browser.get(f"{live_server}/trends?cijfer=bezoekers&editie=2021,2022")
    wait_for_charts(browser)
    assert browser.execute_script("return document.documentElement.lang") == "nl"
    toggle = browser.find_element(By.ID, "lang-toggle")
    assert toggle.text == "English" and toggle.get_attribute("lang") == "en"
    wait_until(lambda: "taal=en" in toggle.get_attribute("href"), what="the toggle holding the view")
    toggle.click()
    wait_until(lambda: browser.execute_script("return document.documentElement.lang") == "en", what="English")
    wait_for_charts(browser)
    url = browser.current_url
    assert "/trends" in url and "cijfer=bezoekers" in url and "editie=2021,2022" in url and "taal=en" in url
    text = page_text(browser)
    assert "Visitors to activities" in text and "More filters" in text and "About the figures" in text
    assert "bijna 33.000" in text  # the source's words stay as published (and the page says they are Dutch)
    assert "in Dutch" in text and "Filters wissen" not in text
    assert browser.title.startswith("Trends · ")
    # a view link keeps the language
    browser.find_element(By.ID, "view-tab-evaluatie").click()
    wait_until(lambda: "/evaluatie" in browser.current_url and "taal=en" in browser.current_url, what="evaluation")
    wait_for_charts(browser)
    assert "Evaluation" in browser.title
    browser.find_element(By.ID, "lang-toggle").click()
    wait_until(lambda: browser.execute_script("return document.documentElement.lang") == "nl", what="Dutch again")
    wait_for_charts(browser)
    assert "taal" not in browser.current_url and "/evaluatie" in browser.current_url
    assert "Meer filters" in page_text(browser)
    assert console_errors(browser) == [] and foreign_requests(browser) == []


def test_brshr001_a_copied_link_opens_the_same_view_in_a_fresh_browser(live_server, browser):
    browser.execute_cdp_cmd(
        "Browser.grantPermissions",
        {"origin": live_server, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]},
    )
    browser.get(f"{live_server}/vergelijk?vergelijk=2023-w1,2021-zuid&filters=0&taal=en")
    wait_for_charts(browser)
    browser.find_element(By.ID, "copy-link").click()
    wait_until(lambda: browser.find_element(By.ID, "copy-link-status").text == "Link copied", what="the copy said")
    copied = browser.execute_async_script(
        "const done = arguments[arguments.length - 1]; navigator.clipboard.readText().then(done, () => done(null));"
    )
    assert copied == browser.current_url

    def shown(driver) -> tuple[list[str], str, bool]:
        wait_for_charts(driver)
        # the table stands under the charts and may come a moment after them
        wait_until(lambda: driver.find_elements(By.CSS_SELECTOR, ".compare-table thead th"), what="the table")
        headers = driver.execute_script(
            "return Array.from(document.querySelectorAll('.compare-table thead th')).map(th => th.innerText);"
        )
        folded = not driver.find_element(By.ID, "filter-editions").is_displayed()
        return headers, driver.execute_script("return document.documentElement.lang"), folded

    here = shown(browser)
    fresh = make_driver(1280, 720)  # a new profile: nothing but the address is shared
    try:
        fresh.get(copied)
        wait_until(lambda: fresh.find_elements(By.CSS_SELECTOR, ".compare-table"), what="the comparison")
        there = shown(fresh)
    finally:
        fresh.quit()
    assert there == here and here[1] == "en" and here[2]
    assert any("week 1" in h for h in here[0]) and any("Zuid" in h for h in here[0])
