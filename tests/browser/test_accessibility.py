"""WCAG 2.1 AA in the real app: axe-core on every view and the about page, keyboard reach, the filter fold."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

from callbacks import VIEWS
from core.i18n import t
from tests.browser.pageutil import wait_for_charts, wait_until

pytestmark = pytest.mark.browser

#: installed from the npm registry by scripts/test.sh (tests/browser/axe/package.json), served from disk
AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
   .then(r => done(r.violations.map(v => ({
       id: v.id, impact: v.impact, help: v.help,
       nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary)}))))
   .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));
"""


def _charts(slug: str) -> int:
    """How many charts the view draws: one per part shown as a figure."""
    view = next(v for v in VIEWS if v.slug == slug)
    return sum(prop == "figure" for prop in view.outputs.values())


def axe_violations(driver: WebDriver) -> list[dict]:
    """The serious and critical WCAG 2.1 A/AA violations axe-core finds on the page as it is now."""
    if not AXE.exists():
        pytest.fail(f"axe-core is missing ({AXE}): scripts/test.sh installs it with npm")
    driver.execute_script(AXE.read_text())
    driver.set_script_timeout(60)
    found = driver.execute_async_script(RUN_AXE)
    return [v for v in found if v["impact"] in ("serious", "critical")]


#: the page as each reader gets it: in Dutch, in English, and on a presenter's screen
MODES = {"nl": "", "en": "?taal=en", "presenting": "?presentatie=1"}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("slug", [view.slug for view in VIEWS])
def test_bra11y001_axe_finds_no_serious_violation_on_any_view(live_server, browser, slug, mode):
    browser.get(f"{live_server}/{slug}{MODES[mode]}")
    wait_for_charts(browser, _charts(slug))
    if mode == "presenting":
        wait_until(lambda: "presenting" in browser.find_element(By.ID, "shell").get_attribute("class"), what="mode")
    assert browser.execute_script("return document.documentElement.lang") == ("en" if mode == "en" else "nl")
    found = axe_violations(browser)
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


@pytest.mark.parametrize("query", ["", "?taal=en"])
def test_bra11y002_axe_finds_no_serious_violation_on_the_about_page(live_server, browser, query):
    browser.get(f"{live_server}/over-de-cijfers{query}")
    wait_until(lambda: browser.find_elements(By.CSS_SELECTOR, "#about-page table"), what="the about page")
    found = axe_violations(browser)
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_bra11y003_tab_from_the_top_reaches_the_skip_link_first_and_it_moves_focus_to_main(live_server, browser):
    browser.get(f"{live_server}/trends")
    wait_for_charts(browser)
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    focused = browser.switch_to.active_element
    assert focused.get_attribute("class") == "skip-link"
    assert focused.is_displayed() and focused.location["x"] >= 0
    focused.send_keys(Keys.ENTER)
    assert browser.current_url.endswith("#main")
    assert browser.execute_script("return document.activeElement.id") == "main"


def test_bra11y004_the_filter_fold_says_whether_the_filters_are_shown(live_server, browser):
    browser.get(f"{live_server}/trends")
    wait_for_charts(browser)
    toggle = browser.find_element(By.ID, "filter-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"  # folded: each view opens on its chart
    assert toggle.get_attribute("aria-controls") == "filter-collapse"
    toggle.click()
    wait_until(lambda: toggle.get_attribute("aria-expanded") == "true", what="aria-expanded=true")
    toggle.send_keys(Keys.ENTER)
    wait_until(lambda: toggle.get_attribute("aria-expanded") == "false", what="aria-expanded=false again")


@pytest.mark.parametrize("slug", ["trends", "bereik"])
def test_bra11y005_each_view_has_a_title_of_its_own(live_server, browser, slug):
    view = next(v for v in VIEWS if v.slug == slug)
    browser.get(f"{live_server}/{slug}")
    wait_for_charts(browser, _charts(slug))
    wait_until(lambda: browser.title == t("page_title", view=t(view.label)), what=f"the title to name {slug}")


def test_bra11y007_the_about_page_has_its_own_title_and_names_what_each_source_backs(live_server, browser):
    browser.get(f"{live_server}/over-de-cijfers")
    wait_until(lambda: browser.find_elements(By.CSS_SELECTOR, "#about-page table"), what="the about page")
    wait_until(lambda: browser.title == t("page_title", view=t("nav_about")), what="the about page's title")
    headers = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#about-page th")]
    assert "Gegevens uit deze bron" in headers and "Aantal rijen" not in headers


def test_bra11y008_headings_go_one_level_down_at_a_time(live_server, browser):
    for slug in [view.slug for view in VIEWS]:
        browser.get(f"{live_server}/{slug}")
        wait_for_charts(browser, _charts(slug))
        levels = browser.execute_script(
            "return Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6')).map(h => Number(h.tagName[1]))"
        )
        assert levels[0] == 1, slug
        jumps = [(a, b) for a, b in pairwise(levels) if b > a + 1]
        assert not jumps, (slug, levels)


def test_bra11y006_every_chart_has_a_sentence_a_screen_reader_reads(live_server, browser):
    browser.get(f"{live_server}/trends")
    wait_for_charts(browser)
    graph = browser.find_element(By.CSS_SELECTOR, ".graph-panel")
    target = graph.get_attribute("aria-describedby")
    alt = wait_until(lambda: browser.find_element(By.ID, target).get_attribute("textContent"), what="the sentence")
    assert "210" in alt and "niet gepubliceerd" in alt and "nan" not in alt


@pytest.mark.parametrize("slug", ["activiteiten", "vergelijk"])
def test_bra11y009_axe_finds_no_serious_violation_with_a_registration_drawn(demo_server, browser, slug):
    browser.get(f"{demo_server}/{slug}")
    wait_for_charts(browser, _charts(slug))
    for fold in browser.find_elements(By.CSS_SELECTOR, ".chart-table summary"):
        fold.send_keys(Keys.ENTER)  # opened from the keyboard, and the values' tables are checked open too
    assert all(d.get_attribute("open") is not None for d in browser.find_elements(By.CSS_SELECTOR, ".chart-table"))
    found = axe_violations(browser)
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
