"""Debian's headless Chromium as the browser tests and the benchmarks start it: one place for its paths and flags.

Nothing is downloaded: /usr/bin/chromium and /usr/bin/chromedriver from the chromium and chromium-driver packages.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
MISSING = "Debian's chromium and chromium-driver are needed (apt-get install chromium chromium-driver)"

#: a fresh, quiet browser: no sandbox (containers), no GPU, nothing fetched in the background
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)

#: for a page measured next to another: never throttled as a background one
UNTHROTTLED = (
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
)


def installed() -> bool:
    """Whether both the browser and its driver are there."""
    return CHROMIUM.exists() and CHROMEDRIVER.exists()


def start(width: int, height: int, logs: Sequence[str] = ("browser",), extra: Sequence[str] = ()) -> webdriver.Chrome:
    """A headless Chromium with an empty profile, a window of ``width`` × ``height`` and the ``logs`` kept."""
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, *extra, f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", dict.fromkeys(logs, "ALL"))
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
