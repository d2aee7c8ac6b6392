"""The printable briefing (/rapport) in headless Chromium: on screen, in print media and printed to a PDF on A4."""

from __future__ import annotations

import base64
import re

import pytest
from selenium.webdriver.common.by import By

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

#: the charts of a briefing on the published figures: map, trends, evaluation, reach and its context
CHARTS = 5
#: a page object of a PDF ('/Type /Page'), not the page tree ('/Type /Pages')
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
A4 = {"paperWidth": 8.27, "paperHeight": 11.69, "printBackground": True}


@pytest.fixture
def desktop():
    """A browser at a laptop's 1280×720."""
    driver = make_driver(1280, 720)
    yield driver
    driver.quit()


def open_briefing(driver, base: str, query: str = "?editie=2021", charts: int = CHARTS) -> None:
    """Open the briefing and wait until every chart is drawn and the closing list of sources stands."""
    driver.get(f"{base}/rapport{query}")
    wait_for_charts(driver, charts, timeout=40)
    wait_for_text(driver, "Alle bronnen in deze briefing")


def printed_pages(driver) -> int:
    """Print the page as Chrome does to a PDF on A4 and count its pages."""
    pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", A4)["data"])
    assert pdf.startswith(b"%PDF")
    return len(PDF_PAGE.findall(pdf))


def displayed(driver, selector: str) -> bool:
    """Whether any element matching ``selector`` is displayed."""
    return any(element.is_displayed() for element in driver.find_elements(By.CSS_SELECTOR, selector))


def test_brrpt001_the_briefing_draws_every_chart_with_its_sources_and_prints_on_a4(live_server, desktop):
    open_briefing(desktop, live_server)
    text = page_text(desktop)
    assert "Edities\n2021" in text and "Gemaakt op " in text
    assert "bijna 33.000" in text and "Bron: ICT&health, 9 maart 2021" in text
    assert "ICT&health, ‘Bijna 33.000 bezoekers activiteiten Slimme Zorg Estafette’, 9 maart 2021" in text
    sources = desktop.find_elements(By.CSS_SELECTOR, ".report-chart .source-note")
    assert len(sources) == CHARTS and all(s.text.startswith(("Bron:", "Bronnen:")) for s in sources)
    assert "nan" not in text.split()
    assert console_errors(desktop) == []
    assert foreign_requests(desktop) == []
    assert 2 <= printed_pages(desktop) <= 8


def test_brrpt002_in_print_media_only_the_briefing_shows(live_server, desktop):
    open_briefing(desktop, live_server)
    assert displayed(desktop, "#report-print") and displayed(desktop, ".app-nav")
    desktop.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    for chrome in ("#report-print", "#report-back", ".app-nav", ".filters", "#view-tabs", ".skip-link"):
        assert not displayed(desktop, chrome), chrome
    assert displayed(desktop, ".report-chart .dash-graph") and displayed(desktop, ".report-sources")
    # the dashboard printed: its charts and sources, not its filters, tabs or tools
    desktop.get(f"{live_server}/trends?editie=2021")
    wait_for_charts(desktop)
    for chrome in (".filters", "#view-tabs", ".app-nav", "#report-link", ".chart-export"):
        assert not displayed(desktop, chrome), chrome
    assert displayed(desktop, "#trends-graph") and displayed(desktop, ".source-note")


def test_brrpt003_the_dashboard_links_to_the_briefing_of_its_selection_and_back(live_server, desktop):
    desktop.get(f"{live_server}/trends?editie=2021,2022&regio=zuid")
    wait_for_charts(desktop)
    link = desktop.find_element(By.ID, "report-link")
    wait_until(
        lambda: link.get_attribute("href").endswith("/rapport?tab=trends&editie=2021,2022&regio=zuid"),
        what="the briefing link to follow the selection",
    )
    link.click()
    wait_until(lambda: "/rapport?" in desktop.current_url, what="the briefing's address")
    wait_for_text(desktop, "Alle bronnen in deze briefing", timeout=40)
    assert "Regio\nZuid" in page_text(desktop)
    wait_until(lambda: desktop.title.startswith("Briefing Slimme Zorg Estafette"), what="the briefing's title")
    # the print button opens the browser's print dialog (stubbed: headless Chromium has none)
    desktop.execute_script("window.print = () => { window.szePrinted = (window.szePrinted || 0) + 1; };")
    desktop.find_element(By.ID, "report-print").click()
    wait_until(lambda: desktop.execute_script("return window.szePrinted") == 1, what="window.print()")
    desktop.find_element(By.ID, "report-back").click()
    wait_until(lambda: desktop.current_url.endswith("/trends?editie=2021,2022&regio=zuid"), what="the way back")
    wait_for_charts(desktop)
    assert desktop.find_element(By.CSS_SELECTOR, "#view-tabs .nav-link.active").text.strip() == "Trends"
    assert desktop.find_element(By.CSS_SELECTOR, "#filter-region input[value='zuid']").is_selected()
    assert console_errors(desktop) == []


def test_brrpt004_synthetic_demo_data_are_announced_on_paper_too(demo_server, desktop):
    # with a registration, its view joins the briefing: its map, breakdown and ratings
    open_briefing(desktop, demo_server, "", charts=CHARTS + 3)
    assert "Voorbeelddata" in page_text(desktop)
    desktop.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert displayed(desktop, ".demo-banner")
    assert console_errors(desktop) == []
