"""Headless Chromium measurements: a first load (bytes, requests, time until every chart is drawn) and the time
from a filter change until every chart has updated.

Debian's /usr/bin/chromium and /usr/bin/chromedriver, as the browser tests use; nothing is downloaded. Times are
taken in the page (``performance.now()``), not by polling from Python: a script put in every document before the
app's own (CDP ``Page.addScriptToEvaluateOnNewDocument``) counts the renderer's callback requests (a wrapped
``fetch``: started, pending, when the last one whose outputs hold a ``figure`` was read in full) and notes, with a
``MutationObserver``, when anything inside a chart (``.dash-graph``) last changed. The page is settled when no
callback is pending, nothing is loading (``data-dash-is-loading``), every chart has its ``.main-svg`` and neither
charts nor requests moved for ``QUIET_MS``; the time is that of the last chart change or figure answer.
Bytes and requests come from Chromium's network log (``goog:loggingPrefs`` performance: ``encodedDataLength``
of every finished request, headers included).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from selenium import webdriver

from benchmarks import chromium
from layouts import ids

#: how long charts and requests must stay still before the page counts as settled
QUIET_MS = 250
#: how long a change may take before it counts as lost (ms)
TIMEOUT_MS = 60_000

INSTRUMENT = r"""
(() => {
  const b = window.__bench = {started: 0, pending: 0, lastFetch: 0, lastFigure: 0, lastGraph: 0, record: true,
                              requests: []};
  const original = window.fetch.bind(window);
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : (input && input.url) || '';
    if (!url.includes('_dash-update-component')) { return original(input, init); }
    const body = init && typeof init.body === 'string' ? init.body : '';
    let figure = false;
    try { figure = JSON.parse(body).output.includes('.figure'); } catch (e) { figure = false; }
    if (b.record) { b.requests.push(body); }
    b.started += 1; b.pending += 1; b.lastFetch = performance.now();
    const finish = () => {
      const now = performance.now();
      b.pending -= 1; b.lastFetch = now;
      if (figure) { b.lastFigure = now; }
    };
    return original(input, init).then(
      (answer) => { answer.clone().arrayBuffer().then(finish, finish); return answer; },
      (error) => { finish(); throw error; });
  };
  const inGraph = (node) => {
    const element = node && (node.nodeType === 1 ? node : node.parentElement);
    return !!(element && element.closest && element.closest('.dash-graph'));
  };
  new MutationObserver((records) => {
    for (const record of records) {
      if (inGraph(record.target) || Array.from(record.addedNodes).some(
            (n) => n.nodeType === 1 && (n.matches('.dash-graph') || n.querySelector('.dash-graph')))) {
        b.lastGraph = performance.now();
        return;
      }
    }
  }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
})();
"""

# resolves once the page is settled (see the module's docstring); arguments: since (ms), quiet (ms), timeout (ms)
SETTLE = r"""
const [since, quiet, timeout, done] = arguments;
const b = window.__bench;
const begun = performance.now();
function check() {
  const now = performance.now();
  const graphs = Array.from(document.querySelectorAll('.dash-graph'));
  const drawn = graphs.filter((g) => g.querySelector('.main-svg')).length;
  const loading = document.querySelector('[data-dash-is-loading="true"]');
  const last = Math.max(b.lastGraph, b.lastFetch, since);
  const settled = b.pending === 0 && !loading && graphs.length > 0 && drawn === graphs.length && now - last >= quiet;
  if (settled || now - begun > timeout) {
    const end = Math.max(b.lastGraph > since ? b.lastGraph : 0, b.lastFigure > since ? b.lastFigure : 0);
    done({settled: settled, end: end || null, graphs: graphs.length, drawn: drawn, callbacks: b.started,
          search: window.location.search});
  } else {
    setTimeout(check, 10);
  }
}
check();
"""

# a filter change as a link makes it: the new query set on the page's dcc.Location (Dash's documented
# dash_clientside.set_props), which pushes it to the address; arguments: the Location's id, search, quiet, timeout
CHANGE = r"""
const [location, search, quiet, timeout, done] = arguments;
const b = window.__bench;
const before = b.started;
const t0 = performance.now();
window.dash_clientside.set_props(location, {search: search});
function started() {
  if (b.started > before) { settle(); return; }
  if (performance.now() - t0 > 3000) {
    done({ms: null, callbacks: 0, settled: false, search: window.location.search, requests: b.requests.splice(0)});
    return;
  }
  setTimeout(started, 5);
}
function settle() {
  const now = performance.now();
  const loading = document.querySelector('[data-dash-is-loading="true"]');
  const last = Math.max(b.lastGraph, b.lastFetch);
  if ((b.pending === 0 && !loading && now - last >= quiet) || now - t0 > timeout) {
    const end = Math.max(b.lastGraph > t0 ? b.lastGraph : 0, b.lastFigure > t0 ? b.lastFigure : 0, b.lastFetch);
    done({ms: end - t0, answered: b.lastFigure > t0 ? b.lastFigure - t0 : null, callbacks: b.started - before,
          settled: now - t0 <= timeout, search: window.location.search, requests: b.requests.splice(0)});
  } else {
    setTimeout(settle, 5);
  }
}
started();
"""


def make_driver(width: int = 1600, height: int = 1200) -> webdriver.Chrome:
    """A fresh headless Chromium with an empty profile, the instrument in every page and the network log on."""
    if not chromium.installed():
        raise RuntimeError(chromium.MISSING)
    driver = chromium.start(width, height, logs=("performance", "browser"), extra=chromium.UNTHROTTLED)
    driver.set_script_timeout(TIMEOUT_MS / 1000 + 30)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": INSTRUMENT})
    return driver


def chromium_version() -> str:
    """The browser's version as it reports it."""
    import subprocess

    try:
        return subprocess.run(
            [str(chromium.CHROMIUM), "--version"], capture_output=True, text=True, timeout=30
        ).stdout.strip()
    except OSError:
        return "not installed"


def network_totals(log: list[dict[str, Any]]) -> tuple[int, int]:
    """Bytes received (``encodedDataLength``: compressed bodies and headers) and requests made, from Chromium's
    performance log; data: URLs are no requests."""
    sent: set[str] = set()
    received = 0
    for entry in log:
        message = json.loads(entry["message"])["message"]
        method, params = message.get("method"), message.get("params", {})
        if method == "Network.requestWillBeSent" and not params.get("request", {}).get("url", "").startswith("data:"):
            sent.add(params["requestId"])
        elif method in ("Network.loadingFinished", "Network.loadingFailed") and params.get("requestId") in sent:
            received += int(params.get("encodedDataLength", 0) or 0)
    return received, len(sent)


@dataclass
class FirstLoad:
    """What one cold load of a page cost."""

    ms: float | None  # navigation start to the last chart drawn (None: not settled in time)
    bytes: int
    requests: int
    graphs: int
    callbacks: int
    callback_bodies: list[str] = field(default_factory=list)


def first_load(url: str, timeout_ms: int = TIMEOUT_MS) -> FirstLoad:
    """Load ``url`` in a fresh browser (empty cache) and wait until every chart is drawn and the page is still."""
    driver = make_driver()
    try:
        driver.get_log("performance")  # empty it: only this page's requests count
        driver.get(url)
        state = driver.execute_async_script(SETTLE, 0, QUIET_MS, timeout_ms)
        received, requests = network_totals(driver.get_log("performance"))
        bodies = driver.execute_script("return window.__bench.requests")
        return FirstLoad(
            ms=state["end"] if state["settled"] else None,
            bytes=received,
            requests=requests,
            graphs=state["graphs"],
            callbacks=state["callbacks"],
            callback_bodies=list(bodies),
        )
    finally:
        driver.quit()


class Page:
    """One open page in its own browser, on which filter changes are timed."""

    def __init__(self, url: str) -> None:
        self.driver = make_driver()
        self.driver.get(url)
        state = self.driver.execute_async_script(SETTLE, 0, QUIET_MS, TIMEOUT_MS)
        if not state["settled"]:
            self.close()
            raise RuntimeError(f"{url} did not settle: {state}")
        self.driver.execute_script("window.__bench.requests = []")  # a change's requests only from now on

    def change(self, search: str) -> dict[str, Any]:
        """Put ``search`` in the URL as Dash's own links do: ``ms`` until every chart has updated (None when no
        callback followed), ``answered``: ms until the last answer with a figure had arrived in full (the rest is
        the browser drawing), ``callbacks`` made, ``requests`` (their bodies) and ``search``, the query the app
        left in the URL (it writes back its canonical form)."""
        return dict(self.driver.execute_async_script(CHANGE, ids.URL, search, QUIET_MS, TIMEOUT_MS))

    def close(self) -> None:
        """Close the browser."""
        self.driver.quit()
