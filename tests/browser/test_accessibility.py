"""WCAG 2.1 AA in the real app: axe-core on every view and the about page, keyboard reach, the filter fold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from callbacks import VIEWS
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


@pytest.mark.parametrize("slug", [view.slug for view in VIEWS])
def test_bra11y001_axe_finds_no_serious_violation_on_any_view(live_server, browser, slug):
    browser.get(f"{live_server}/?tab={slug}")
    wait_for_charts(browser, _charts(slug))
    found = axe_violations(browser)
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_bra11y002_axe_finds_no_serious_violation_on_the_about_page(live_server, browser):
    browser.get(f"{live_server}/over-de-cijfers")
    wait_until(lambda: browser.find_elements(By.CSS_SELECTOR, "#about-content table"), what="the about page")
    found = axe_violations(browser)
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
