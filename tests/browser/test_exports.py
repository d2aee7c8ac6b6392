"""Per-chart exports in headless Chromium: the data file a click gives, the image's source line, the toolbar."""

from __future__ import annotations

import base64

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from tests.browser.pageutil import console_errors, foreign_requests, wait_for_charts, wait_until

pytestmark = pytest.mark.browser

#: dark pixels of a PNG (given as base64) inside a band of rows, counted on a canvas in the page
DARK_IN_BAND = """
const [data, top, bottom, done] = arguments;
const img = new Image();
img.onload = () => {
  const canvas = document.createElement('canvas');
  canvas.width = img.width; canvas.height = img.height;
  const c = canvas.getContext('2d');
  c.drawImage(img, 0, 0);
  const pixels = c.getImageData(0, top, img.width, bottom - top).data;
  let dark = 0;
  for (let i = 0; i < pixels.length; i += 4) { if (pixels[i] + pixels[i + 1] + pixels[i + 2] < 450) dark++; }
  done([img.width, img.height, dark]);
};
img.src = 'data:image/png;base64,' + data;
"""


#: the same chart as a PNG without its source line: what the band holds when the line is missing
def allow_downloads(browser, folder) -> None:
    """Let the headless browser save files into ``folder``."""
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})


def choose(browser, chart: str, entry: str) -> None:
    """Open a chart's download menu and click one of its entries."""
    panel = browser.find_element(By.CSS_SELECTOR, f"[data-sze-chart='{chart}']")
    toggle = panel.find_element(By.CSS_SELECTOR, ".chart-export-toggle")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", toggle)
    toggle.click()
    item = wait_until(
        lambda: next((e for e in panel.find_elements(By.CSS_SELECTOR, ".dropdown-item") if e.text == entry), None),
        what=f"the menu entry {entry!r}",
    )
    item.click()


def downloaded(folder, name: str) -> bytes:
    """The file once the browser has finished writing it."""
    target = folder / name
    wait_until(lambda: target.exists() and target.stat().st_size > 0, what=name)
    wait_until(lambda: not list(folder.glob("*.crdownload")), what=f"{name} to be complete")
    return target.read_bytes()


def test_brexp001_a_charts_csv_holds_the_rows_it_draws_for_the_selection(live_server, browser, tmp_path):
    allow_downloads(browser, tmp_path)
    browser.get(f"{live_server}/trends?editie=2021,2022")
    wait_for_charts(browser)
    choose(browser, "trends/main", "Gegevens van deze grafiek (CSV)")
    raw = downloaded(tmp_path, "sze-trends-activiteiten-2021-2022.csv")
    assert raw.startswith("\ufeff".encode())  # Dutch Excel reads it as UTF-8
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].split(";")[:9] == [
        "editie", "regio", "week", "cijfer", "waarde", "zoals_gepubliceerd", "kwalificatie", "eenheid", "periode"
    ]  # fmt: skip
    assert [line.split(";")[0] for line in lines[1:]] == ["2021", "2022"]
    assert "210 digitale activiteiten" in lines[1] and "1–26 februari 2021" in lines[1]

    choose(browser, "trends/main", "Hele set van deze weergave (Excel)")
    assert downloaded(tmp_path, "sze-trends-activiteiten-hele-set.xlsx").startswith(b"PK")  # a workbook
    assert console_errors(browser) == []


def test_brexp002_an_empty_selection_says_why_in_the_file_and_on_the_page(live_server, browser, tmp_path):
    allow_downloads(browser, tmp_path)
    browser.get(f"{live_server}/evaluatie?editie=2018")
    wait_for_charts(browser)
    choose(browser, "evaluation/main", "Gegevens van deze grafiek (CSV)")
    lines = downloaded(tmp_path, "sze-evaluatie-2018.csv").decode("utf-8-sig").splitlines()
    assert lines[0] == "Geen gegevens: voor deze selectie (editie 2018) is niets gepubliceerd of geregistreerd."
    note = browser.find_element(By.CSS_SELECTOR, "[data-sze-chart='evaluation/main'] .chart-export-note")
    wait_until(lambda: note.text == lines[0], what="the message beside the menu")
    assert note.is_displayed()


def test_brexp003_the_png_and_svg_carry_the_source_line_and_date(live_server, browser, tmp_path):
    """The page shows the source line once, under the chart (issue 20); the images from the menu draw it in."""
    allow_downloads(browser, tmp_path)
    browser.get(f"{live_server}/trends?editie=2022")
    wait_for_charts(browser)
    shown = browser.execute_script(
        "const gd = document.querySelector('#trends-graph .js-plotly-plot');"
        "const line = gd.querySelector('.gtitle-subtitle');"
        "return {line: line ? line.textContent : '', height: gd._fullLayout.height,"
        " under: document.getElementById('trends-sources').innerText};"
    )
    assert shown["line"] == "" and "Ministerie van VWS" in shown["under"]
    choose(browser, "trends/main", "Afbeelding met bron (PNG)")
    png = downloaded(tmp_path, "sze-trends-activiteiten-2022.png")
    assert png.startswith(b"\x89PNG")
    width, height, _ = browser.execute_async_script(DARK_IN_BAND, base64.b64encode(png).decode(), 0, 1)
    assert width > 1000 and height > shown["height"] * 2  # at scale 2, and taller by the source line's room

    choose(browser, "trends/main", "Afbeelding met bron (SVG)")
    svg = downloaded(tmp_path, "sze-trends-activiteiten-2022.svg").replace(b"&nbsp;", b" ")
    assert b"Bron: Ministerie van VWS" in svg and b"SZE-dashboard," in svg and b"Activiteiten" in svg
    assert console_errors(browser) == []


def test_brexp004_the_toolbar_speaks_dutch_and_offers_no_cloud(live_server, browser):
    browser.get(f"{live_server}/trends")
    wait_for_charts(browser)
    graph = browser.find_element(By.ID, "trends-graph")
    ActionChains(browser).move_to_element(graph).perform()
    titles = wait_until(
        lambda: browser.execute_script(
            "return Array.from(document.querySelectorAll('#trends-graph .modebar-btn'))"
            ".map(b => b.getAttribute('data-title'))"
        ),
        what="the toolbar",
    )
    assert "Inzoomen" in titles
    # no camera: an image is the Downloaden menu's under the chart, which draws the source line in
    assert not [t for t in titles if any(w in t for w in ("Share", "Chart Studio", "Download", "PNG", "Lasso"))]
    assert not browser.find_elements(By.CSS_SELECTOR, "#trends-graph .modebar-btn--logo")
    assert foreign_requests(browser) == []
    assert console_errors(browser) == []
