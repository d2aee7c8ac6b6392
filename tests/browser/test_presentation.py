"""Presentation mode as a presenter drives it: a link or the button in, clicker keys through the views, Esc out."""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser.pageutil import console_errors, wait_for_charts, wait_until

pytestmark = pytest.mark.browser


def _still_in_view(browser, element) -> bool:
    """Whether ``element`` is inside the window and has not moved for a tenth of a second."""
    top = element.rect["y"] - browser.execute_script("return window.scrollY")
    time.sleep(0.1)
    again = element.rect["y"] - browser.execute_script("return window.scrollY")
    return top == again and 0 <= top < browser.execute_script("return window.innerHeight")


def _scrolled_still(browser) -> bool:
    """Whether the page has scrolled away from the top and stood still for a tenth of a second."""
    before = browser.execute_script("return window.scrollY")
    time.sleep(0.1)
    return before > 0 and browser.execute_script("return window.scrollY") == before


def press(browser, key: str) -> None:
    ActionChains(browser).send_keys(key).perform()


def test_brpres001_keyboard_alone_steps_through_the_views_and_leaves(live_server, browser):
    browser.get(f"{live_server}/kaart?presentatie=1")
    wait_for_charts(browser)
    wait_until(lambda: "presenting" in browser.find_element(By.ID, "shell").get_attribute("class"), what="the mode")
    assert not browser.find_element(By.ID, "filter-editions").is_displayed()  # the controls are tucked away
    assert browser.find_element(By.ID, "present-toggle").text == "Presentatie stoppen (Esc)"
    press(browser, Keys.PAGE_DOWN)  # what a presenter's clicker sends
    wait_until(lambda: "/regio" in browser.current_url and "presentatie=1" in browser.current_url, what="next view")
    press(browser, Keys.ARROW_RIGHT)
    wait_until(lambda: "/vergelijk" in browser.current_url, what="the view after that")
    press(browser, Keys.PAGE_UP)
    press(browser, Keys.ARROW_LEFT)
    wait_until(lambda: "/kaart" in browser.current_url, what="back at the first view")
    press(browser, Keys.ARROW_LEFT)  # wraps around: the last view
    wait_until(lambda: "/bereik" in browser.current_url, what="the last view")
    wait_for_charts(browser)
    press(browser, Keys.ESCAPE)
    wait_until(lambda: "presentatie" not in browser.current_url, what="presentation mode left")
    wait_until(lambda: browser.find_element(By.ID, "filter-toggle").is_displayed(), what="the filter controls back")
    assert console_errors(browser) == []


def test_brpres002_the_button_enters_the_mode_and_keys_do_nothing_outside_it(live_server, browser):
    browser.get(f"{live_server}/trends")
    wait_for_charts(browser)
    press(browser, Keys.PAGE_DOWN)
    assert "/trends" in browser.current_url  # outside presentation mode the keys scroll, as always
    wait_until(lambda: _scrolled_still(browser), what="the page scrolled down")  # smoothly: it takes a moment
    # back up to the button, as the user scrolled away; Bootstrap scrolls smoothly, and a click during the
    # animation lands on whatever is passing under the pointer: wait until the button stands still in view
    button = browser.find_element(By.ID, "present-toggle")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button)
    wait_until(lambda: _still_in_view(browser, button), what="the button in view")
    button.click()
    wait_until(lambda: "/trends?presentatie=1" in browser.current_url, what="the mode in the URL")
    link = browser.find_element(By.ID, "view-tab-evaluatie")
    wait_until(lambda: "presentatie=1" in link.get_attribute("href"), what="the view links in the mode")
    press(browser, Keys.PAGE_DOWN)
    wait_until(lambda: "/evaluatie?presentatie=1" in browser.current_url, what="the next view")


def test_brpres003_a_fast_clicker_right_after_entering_stays_in_the_mode(live_server, browser):
    browser.get(f"{live_server}/kaart?regio=zuid")
    wait_for_charts(browser)
    browser.find_element(By.ID, "present-toggle").click()
    wait_until(lambda: "presentatie=1" in browser.current_url, what="the mode in the URL")
    # at once, before the view links can have been given their new addresses by the server
    press(browser, Keys.PAGE_DOWN)
    press(browser, Keys.PAGE_DOWN)
    wait_until(lambda: "/vergelijk" in browser.current_url, what="two views on")
    assert "presentatie=1" in browser.current_url and "regio=zuid" in browser.current_url
    wait_until(lambda: "presenting" in browser.find_element(By.ID, "shell").get_attribute("class"), what="the mode")
    press(browser, Keys.ARROW_LEFT)
    wait_until(lambda: "/regio" in browser.current_url, what="one back")
    browser.back()
    wait_until(lambda: "/vergelijk" in browser.current_url, what="Back returns a view")
    assert console_errors(browser) == []
