"""The dashboard in headless Chromium, as a ministry official or presenter would use it."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser.conftest import make_driver
from tests.browser.pageutil import (
    console_errors,
    foreign_requests,
    page_text,
    wait_for_charts,
    wait_for_text,
    wait_until,
)

pytestmark = pytest.mark.browser

VIEWS = {
    "kaart": (1, ["Weekvolgorde", "22–26 februari 2021", "Tour de BeterDichtbij (Sneek)", "Natural Earth", "Bronnen:"]),
    "trends": (1, ["210", "300", "Geen totalen gepubliceerd", "meer dan 270", "Voorloper", "Bronnen:"]),
    "evaluatie": (1, ["gemiddeld een 7,5", "een 8,0", "86 procent", "90 procent", "De SZE 2022 als geheel"]),
    "bereik": (2, ["meer dan 300.000", "miljoenen", "inmiddels 4300", "Periode: 2020-2021", "Bron:"]),
}


@pytest.mark.parametrize("tab", list(VIEWS))
def test_brview001_each_view_draws_its_figures_with_sources_and_nothing_from_other_hosts(live_server, browser, tab):
    charts, texts = VIEWS[tab]
    browser.get(f"{live_server}/{tab}")
    wait_for_charts(browser, charts)
    for text in texts:
        wait_for_text(browser, text)
    assert browser.find_element(By.CSS_SELECTOR, "#view-tabs .nav-link.active").text.strip()
    assert foreign_requests(browser) == []
    assert console_errors(browser) == []


def test_brmap001_clicking_a_province_filters_the_dashboard_by_its_region(live_server, browser):
    browser.get(f"{live_server}/kaart?editie=2024")
    wait_for_charts(browser)
    wait_for_text(browser, "Roosendaal")
    drenthe = wait_until(
        lambda: browser.execute_script(
            "return Array.from(document.querySelectorAll('#map-graph path.choroplethlocation'))"
            ".find(p => p.__data__ && p.__data__.loc === 'Drenthe')"
        ),
        what="the Drenthe shape",
    )
    ActionChains(browser).move_to_element(drenthe).click().perform()
    wait_until(lambda: "regio=noord" in browser.current_url, what="regio=noord in the URL")
    wait_until(lambda: "Roosendaal" not in page_text(browser), what="initiatives outside Noord to disappear")
    text = page_text(browser)
    assert "Tour de BeterDichtbij (Sneek)" in text and "Tour de BeterDichtbij (Assen)" in text
    assert browser.find_element(By.CSS_SELECTOR, "#filter-region input[value='noord']").is_selected()
    assert console_errors(browser) == []


def test_brfilter001_a_filter_changes_the_view_and_the_link_reproduces_it(live_server, browser):
    browser.get(f"{live_server}/trends")
    wait_for_charts(browser)
    wait_for_text(browser, "300")
    browser.find_element(By.XPATH, "//*[@id='filter-region']//label[normalize-space()='Zuid']").click()
    wait_for_text(browser, "ruim vijftig")
    wait_until(lambda: "regio=zuid" in browser.current_url, what="regio=zuid in the URL")
    # the chart's title says what it shows; its explanation, folded under it, says why the rest is gone
    wait_until(
        lambda: (
            "regio Zuid" in browser.execute_script("return document.querySelector('#trends-graph .gtitle').textContent")
        ),
        what="the title naming the region",
    )
    browser.find_element(By.CSS_SELECTOR, "#view details.explanation summary").click()
    wait_for_text(browser, "Alleen cijfers die voor regio Zuid zijn gepubliceerd.")
    link = browser.current_url

    fresh = make_driver()
    try:
        fresh.get(link)
        wait_for_charts(fresh)
        wait_for_text(fresh, "ruim vijftig")
        assert fresh.find_element(By.CSS_SELECTOR, "#filter-region input[value='zuid']").is_selected()
        assert fresh.find_element(By.CSS_SELECTOR, "#view-tabs .nav-link.active").text.strip() == "Trends"
        assert console_errors(fresh) == []
    finally:
        fresh.quit()


def test_brtab001_switching_view_updates_the_url_and_draws_the_chart(live_server, browser):
    browser.get(f"{live_server}/")
    wait_for_charts(browser)
    browser.find_element(By.XPATH, "//*[@id='view-tabs']//a[normalize-space()='Evaluatie']").click()
    wait_for_text(browser, "De SZE 2022 als geheel")
    wait_until(lambda: "/evaluatie" in browser.current_url, what="/evaluatie in the URL")
    wait_for_charts(browser)
    assert console_errors(browser) == []


def test_brabout001_the_about_page_names_sources_and_their_disagreements(live_server, browser):
    browser.get(f"{live_server}/over-de-cijfers")
    wait_for_text(browser, "Waar bronnen verschillen")
    text = page_text(browser)
    assert "39 deelsessies" in text and "tien deelsessies per regionale bijeenkomst" in text
    assert "Slimme Zorg Estafette 2024" in text
    assert "Kaart" not in [
        e.text for e in browser.find_elements(By.CSS_SELECTOR, "#view-tabs .nav-link") if e.is_displayed()
    ]
    assert console_errors(browser) == []


def test_brkbd001_the_views_are_reachable_with_the_keyboard(live_server, browser):
    browser.get(f"{live_server}/kaart?regio=west")
    wait_for_charts(browser)
    link = browser.find_element(By.ID, "view-tab-bereik")
    assert link.get_attribute("tabindex") != "-1" and "regio=west" in link.get_attribute("href")
    browser.execute_script("arguments[0].focus()", link)
    link.send_keys(Keys.ENTER)
    wait_for_text(browser, "meer dan 300.000")
    wait_until(lambda: "/bereik" in browser.current_url and "regio=west" in browser.current_url, what="the URL")
    assert console_errors(browser) == []


def test_brfilter002_a_presenter_can_fold_the_filters_away(live_server, browser):
    browser.get(f"{live_server}/trends?regio=zuid&filters=1")
    wait_for_charts(browser)
    editions = browser.find_element(By.ID, "filter-editions-group")
    assert editions.is_displayed()
    browser.find_element(By.ID, "filter-toggle").click()
    wait_until(lambda: not editions.is_displayed(), what="the filter panel to fold away")
    assert "regio Zuid" in browser.find_element(By.ID, "filter-summary").text  # still says what is shown
    # and the region stays one click away in the bar, as presenters switch it live
    assert browser.find_element(By.XPATH, "//*[@id='filter-region']//label[normalize-space()='Zuid']").is_displayed()


def test_brdl001_the_filter_bar_download_holds_the_views_data_with_their_sources(live_server, browser, tmp_path):
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    browser.get(f"{live_server}/trends?editie=2022")
    wait_for_charts(browser)
    browser.find_element(By.ID, "download-button").click()
    target = tmp_path / "sze-trends-activiteiten-2022.csv"  # named after the view and the selection
    wait_until(lambda: target.exists() and target.stat().st_size > 0, what="the CSV file")
    raw = target.read_bytes()
    assert raw.startswith("\ufeff".encode())  # so a Dutch Excel shows ë and ’ as they are
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("editie;regio;week;cijfer;waarde;zoals_gepubliceerd;kwalificatie;eenheid")
    assert ";300;exact;aantal;" in text and "voorjaar 2022" in text
    assert "210 digitale activiteiten" not in text  # 2021 is not in the selection


def test_brnav001_back_from_the_about_page_returns_to_the_filtered_view(live_server, browser):
    browser.get(f"{live_server}/evaluatie?editie=2022&regio=oost")
    wait_for_text(browser, "De SZE 2022 als geheel")
    browser.find_element(By.ID, "nav-about").click()
    wait_for_text(browser, "Waar bronnen verschillen")
    assert browser.current_url.endswith("/over-de-cijfers")
    dashboard_link = browser.find_element(By.ID, "nav-dashboard").get_attribute("href")
    assert dashboard_link.endswith("/evaluatie?editie=2022&regio=oost")
    browser.back()
    wait_until(lambda: browser.current_url.endswith("/evaluatie?editie=2022&regio=oost"), what="the way back")
    wait_for_text(browser, "De SZE 2022 als geheel")
    assert console_errors(browser) == []
