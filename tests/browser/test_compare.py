"""Comparing weeks in headless Chromium: through a shared link and by clicking, on a demo database."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser.pageutil import (
    console_errors,
    foreign_requests,
    page_text,
    wait_for_charts,
    wait_for_text,
    wait_until,
)

pytestmark = pytest.mark.browser


def headers(browser) -> list[str]:
    """The comparison's column headings, left to right."""
    # read in one script: the table is redrawn while the test polls, and a found cell can go stale
    texts = browser.execute_script(
        "return Array.from(document.querySelectorAll('.compare-table thead th')).map(c => c.innerText)"
    )
    return [text.replace("\n", " ") for text in texts[1:]]


def test_brcmp001_a_link_opens_two_weeks_side_by_side_with_dates_and_difference(demo_server, browser):
    browser.get(f"{demo_server}/vergelijk?vergelijk=2023-w1,2023-w3")
    wait_for_charts(browser, 2)
    wait_until(lambda: len(headers(browser)) == 2, what="two columns")
    assert headers(browser) == ["SZE 2023 · week 1 (Oost)", "SZE 2023 · week 3 (Noord)"]
    text = page_text(browser)
    assert "week 1: 6–10 februari 2023" in text and "week 3: 20–24 februari 2023" in text
    assert ("▲" in text or "▼" in text) and "Voorbeelddata" in text
    legend = browser.execute_script(
        "return Array.from(document.querySelectorAll('#compare-mix_graph .legendtext')).map(e => e.textContent)"
    )
    assert legend == ["SZE 2023 · week 1 (Oost)", "SZE 2023 · week 3 (Noord)"]
    assert foreign_requests(browser) == [] and console_errors(browser) == []


def pick(browser, words: str, option: str) -> None:
    """Open the comparison picker, search, and choose the option with exactly that label."""
    # once the filter fold has stopped moving: a click while it unfolds lands on the bar above it
    wait_until(lambda: not browser.find_elements(By.CSS_SELECTOR, ".collapsing"), what="the fold to stand still")
    browser.find_element(By.ID, "filter-compare").click()
    search = wait_until(lambda: browser.find_element(By.CSS_SELECTOR, "input.dash-dropdown-search"), what="search")
    assert search.get_attribute("placeholder") == "Zoeken"  # the dropdown speaks Dutch too
    search.send_keys(words)
    wanted = wait_until(
        lambda: next(
            (o for o in browser.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option") if o.text == option), None
        ),
        what=f"the option {option}",
    )
    wanted.click()
    search.send_keys(Keys.ESCAPE)


def test_brcmp002_a_user_picks_two_weeks_then_adds_a_region_from_the_table_and_goes_back(demo_server, browser):
    browser.get(f"{demo_server}/kaart")
    wait_for_charts(browser)
    assert not browser.find_element(By.ID, "filter-compare-group").is_displayed()  # only where it acts
    browser.find_element(By.ID, "view-tab-vergelijk").click()
    wait_until(lambda: "/vergelijk" in browser.current_url, what="the comparison")
    browser.find_element(By.ID, "filter-toggle").click()  # the picker opens on demand, with Meer filters
    wait_until(lambda: browser.find_element(By.ID, "filter-compare-group").is_displayed(), what="the picker")
    pick(browser, "week 2", "SZE 2023 · week 2 (West)")
    pick(browser, "week 4", "SZE 2023 · week 4 (Zuid)")
    wait_until(lambda: "vergelijk=2023-w2,2023-w4" in browser.current_url, what="the choice in the URL")
    wait_until(lambda: headers(browser) == ["SZE 2023 · week 2 (West)", "SZE 2023 · week 4 (Zuid)"], what="columns")
    wait_for_text(browser, "week 4: 27 februari – 3 maart 2023")

    add = browser.find_element(By.CSS_SELECTOR, "a.compare-add[title='Zuid 2021 toevoegen aan de vergelijking']")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", add)
    add.click()
    wait_until(lambda: "vergelijk=2023-w2,2023-w4,2021-zuid" in browser.current_url, what="the cell added")
    wait_until(lambda: len(headers(browser)) == 3, what="a third column")
    wait_for_text(browser, "ruim vijftig")  # what was published for Zuid 2021, in its own column
    browser.back()
    wait_until(lambda: len(headers(browser)) == 2, what="back to two columns")
    assert console_errors(browser) == []
