"""What a visitor sees: waiting for charts and text, reading console errors and foreign requests."""

from __future__ import annotations

import time
from urllib.parse import urlparse

from selenium.webdriver.remote.webdriver import WebDriver

DRAWN = "return Array.from(document.querySelectorAll('.dash-graph')).filter(g => g.querySelector('.main-svg')).length"
BUSY = "return document.querySelectorAll('[data-dash-is-loading=\"true\"]').length"


def wait_until(check, timeout: float = 20, what: str = "condition"):
    """Poll ``check`` until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def wait_for_charts(driver: WebDriver, count: int = 1, timeout: float = 25) -> None:
    """Wait until ``count`` plotly charts are drawn and no callback is running."""
    wait_until(
        lambda: driver.execute_script(DRAWN) >= count and not driver.execute_script(BUSY),
        timeout,
        f"{count} drawn chart(s)",
    )


def page_text(driver: WebDriver) -> str:
    """The visible text of the page."""
    return driver.execute_script("return document.body.innerText")


def wait_for_text(driver: WebDriver, text: str, timeout: float = 20) -> None:
    """Wait until ``text`` is visible somewhere on the page."""
    wait_until(lambda: text in page_text(driver), timeout, repr(text))


def console_errors(driver: WebDriver) -> list[str]:
    """SEVERE browser console messages since the last call."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def foreign_requests(driver: WebDriver) -> list[str]:
    """Resources the page loaded from any host but its own."""
    host = urlparse(driver.current_url).netloc
    names = driver.execute_script("return performance.getEntriesByType('resource').map(r => r.name)")
    return [name for name in names if urlparse(name).netloc not in (host, "")]
