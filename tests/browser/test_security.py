"""The dashboard under its Content-Security-Policy in headless Chromium: every view, the about page and the
briefing draw, and the controls work, with no script evaluated from a string and nothing refused."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from callbacks import VIEWS
from core.i18n import t
from tests.browser.conftest import make_driver, running
from tests.browser.pageutil import (
    console_errors,
    foreign_requests,
    page_text,
    wait_for_charts,
    wait_for_text,
    wait_until,
)
from tests.browser.test_exports import allow_downloads, choose, downloaded

pytestmark = pytest.mark.browser

#: runs before any script of every page the browser opens: collects what the CSP refuses
WATCH_CSP = """
window.szeRefused = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.szeRefused.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber);
});
"""


def watch_csp(browser) -> None:
    """Record every CSP refusal of the pages the browser opens from now on."""
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH_CSP})


def refused(browser) -> list[str]:
    """What the CSP refused on this page so far."""
    return browser.execute_script("return window.szeRefused || []")


def _charts(slug: str) -> int:
    view = next(v for v in VIEWS if v.slug == slug)
    return sum(prop == "figure" for prop in view.outputs.values())


def assert_clean(browser) -> None:
    """Nothing refused by the CSP, no console error (an EvalError or a refused script would be one)."""
    assert refused(browser) == []
    errors = console_errors(browser)
    assert errors == [], errors
    assert foreign_requests(browser) == []


@pytest.mark.parametrize("slug", [view.slug for view in VIEWS])
def test_brcsp001_every_view_draws_under_the_csp(live_server, browser, slug):
    watch_csp(browser)
    browser.get(f"{live_server}/{slug}")
    wait_for_charts(browser, _charts(slug))
    assert browser.execute_script("return document.querySelectorAll('.js-plotly-plot .main-svg').length") >= (
        1 if _charts(slug) else 0
    )
    assert_clean(browser)


@pytest.mark.parametrize("path", ["/over-de-cijfers", "/rapport?editie=2021", "/kaart?taal=en"])
def test_brcsp002_the_about_page_and_the_briefing_draw_under_the_csp(live_server, browser, path):
    """The English page too: its layout request reads the language from the referrer (Referrer-Policy)."""
    watch_csp(browser)
    browser.get(f"{live_server}{path}")
    if path.startswith("/over"):
        wait_until(lambda: browser.find_elements(By.CSS_SELECTOR, "#about-page table"), what="the about page")
    elif path.startswith("/rapport"):
        wait_for_charts(browser, 5, timeout=40)
        wait_for_text(browser, "Alle bronnen in deze briefing")
    else:
        wait_for_charts(browser)
        wait_for_text(browser, "About the figures")
    assert_clean(browser)


def test_brcsp003_the_controls_work_under_the_csp(live_server, browser, tmp_path):
    allow_downloads(browser, tmp_path)
    watch_csp(browser)
    browser.get(f"{live_server}/trends?editie=2022")
    wait_for_charts(browser)
    # a filter (a server callback) and the link it makes
    browser.find_element(By.XPATH, "//*[@id='filter-region']//label[normalize-space()='Zuid']").click()
    wait_until(lambda: "regio=zuid" in browser.current_url, what="regio=zuid in the URL")
    wait_for_charts(browser)
    # a download menu entry (dcc.Download) and the chart's image (plotly draws it in the browser)
    choose(browser, "trends/main", "Gegevens van deze grafiek (CSV)")
    assert downloaded(tmp_path, "sze-trends-activiteiten-2022-zuid.csv").startswith("\ufeff".encode())
    choose(browser, "trends/main", "Afbeelding met bron (PNG)")
    assert downloaded(tmp_path, "sze-trends-activiteiten-2022-zuid.png").startswith(b"\x89PNG")
    # the toolbar's zoom (the image is the menu's: the toolbar has no camera, which would drop the source line)
    graph = browser.find_element(By.ID, "trends-graph")
    ActionChains(browser).move_to_element(graph).perform()
    zoom = wait_until(
        lambda: browser.find_element(By.CSS_SELECTOR, "#trends-graph .modebar-btn[data-title='Inzoomen']"),
        what="the zoom button",
    )
    ActionChains(browser).move_to_element(zoom).click().perform()
    # the copy link (a clientside callback with an inline script) and presentation mode (another)
    browser.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")
    browser.find_element(By.ID, "copy-link").click()
    wait_until(lambda: browser.find_element(By.ID, "copy-link-status").text, what="the copy said")
    # the status line that says the link was copied may lie over the button: a click on the button itself
    browser.execute_script("arguments[0].click()", browser.find_element(By.ID, "present-toggle"))
    wait_until(lambda: "presenting" in browser.find_element(By.ID, "shell").get_attribute("class"), what="the mode")
    # the map and its boundaries, fetched from the app itself
    browser.get(f"{live_server}/kaart")
    wait_for_charts(browser)
    wait_until(lambda: browser.find_elements(By.CSS_SELECTOR, "#map-graph path.choroplethlocation"), what="the map")
    # the briefing's print button (the dialog stubbed: headless Chromium has none)
    browser.get(f"{live_server}/rapport?editie=2021")
    wait_for_text(browser, "Alle bronnen in deze briefing", timeout=40)
    browser.execute_script("window.print = () => { window.szePrinted = true; };")
    browser.find_element(By.ID, "report-print").click()
    wait_until(lambda: browser.execute_script("return window.szePrinted"), what="window.print()")
    assert "Regio" in page_text(browser) or "Edities" in page_text(browser)
    assert_clean(browser)


def test_brcsp004_the_toolbar_has_no_share_or_cloud_link(live_server, browser):
    watch_csp(browser)
    browser.get(f"{live_server}/trends")
    wait_for_charts(browser)
    graph = browser.find_element(By.ID, "trends-graph")
    ActionChains(browser).move_to_element(graph).perform()
    context = wait_until(
        lambda: browser.execute_script(
            "const gd = document.querySelector('#trends-graph .js-plotly-plot');"
            "return gd && gd._context && {showLink: gd._context.showLink, cloud: gd._context.showSendToCloud,"
            " studio: gd._context.showEditInChartStudio, server: gd._context.plotlyServerURL,"
            " buttons: Array.from(gd.querySelectorAll('.modebar-btn'))"
            "   .map(b => ['data-val', 'data-attr', 'data-title'].map(a => b.getAttribute(a)).join(' '))};"
        ),
        what="the chart's config",
    )
    # plotly.js 4 knows no showLink or showEditInChartStudio any more: it has no such link to show
    assert context["showLink"] in (False, None) and context["studio"] in (False, None)
    assert context["cloud"] is False
    assert context["server"] == ""  # no Chart Studio address to send to (connect-src 'self' would refuse it too)
    buttons = " ".join(context["buttons"]).lower()
    assert "zoom" in buttons and "cloud" not in buttons and "studio" not in buttons and "link" not in buttons
    links = browser.execute_script("return Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
    assert not [href for href in links if "plot.ly" in href or "chart-studio" in href or "plotly.com" in href]
    assert_clean(browser)


def test_brcsp005_the_server_sends_the_headers_with_the_page(live_server):
    """Under gunicorn (sze-dashboard serve) as under the test client: the same create_app."""
    for path in ("/", "/rapport", "/_dash-layout", "/assets/app.css"):
        with urllib.request.urlopen(f"{live_server}{path}") as response:
            headers = response.headers
        policy = headers["Content-Security-Policy"]
        if path.startswith(("/_dash", "/assets")):  # not a page: opened by itself it may run and load nothing
            assert policy == "default-src 'none'; frame-ancestors 'none'", path
        else:
            assert "connect-src 'self'" in policy and "'unsafe-eval'" not in policy, path
        assert "frame-ancestors 'none'" in policy and headers["X-Frame-Options"] == "DENY", path
        assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "same-origin", path


@pytest.fixture(scope="module")
def guarded_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard behind basic auth for alice, with a hash made by ``sze-dashboard hash-password``."""
    folder = tmp_path_factory.mktemp("guarded")
    cli = str(Path(sys.executable).parent / "sze-dashboard")
    made = subprocess.run([cli, "hash-password", "--user", "alice"], input="geheim\n", text=True, capture_output=True)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'sze.db'}", "SZE_BASIC_AUTH_USERS": made.stdout.strip()}
    with running([cli, "serve", "--workers", "1"], env, folder) as base:  # /healthz answers without a login
        yield base


def test_brauth001_behind_basic_auth_the_whole_page_works_once_signed_in(guarded_server):
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{guarded_server}/trends")
    assert refused.value.code == 401 and refused.value.headers["WWW-Authenticate"].startswith("Basic realm=")
    assert refused.value.read().decode() == t("auth_required", "nl") + "\n"
    browser = make_driver()
    try:
        # signed in as after the browser's prompt: the credentials cached for the site, not kept in the page's URL
        browser.get(guarded_server.replace("http://", "http://alice:geheim@") + "/assets/app.css")
        # a stylesheet names no icon, so Chromium asks for /favicon.ico (404, an error on that document's console,
        # logged whenever it comes back): let it come before the page under test opens, and drop it
        with contextlib.suppress(AssertionError):  # this Chromium did not ask, or did not log it
            wait_until(lambda: any("/favicon.ico" in m for m in console_errors(browser)), 5, "the favicon's 404")
        watch_csp(browser)
        browser.get(f"{guarded_server}/trends")
        wait_for_charts(browser)  # the layout, the callbacks, plotly and the assets all came through
        wait_for_text(browser, "Bronnen:")
        assert_clean(browser)
    finally:
        browser.quit()
