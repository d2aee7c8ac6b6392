"""``python -m benchmarks.paint [--clicks N] [--activities N]``: a filter click until its last paint (issue 21).

What a presenter sees is the last paint, not the last callback answer. For the views ``VIEWS`` this clicks the
region control (Noord, Oost, West, Zuid in turn) and times, in the page, from the browser's own click event to the
last change of the page (a ``MutationObserver`` on the whole document: charts redrawn, text replaced), once the page
has been quiet for ``QUIET_MS``. Beside each view, taking turns click by click, the same clicks on the baseline's
one-chart app (``benchmarks/baseline_app.py`` ``/radio/``: four radios, one callback, one bar chart).

Per view: click → last paint p50/p95, the last callback answer (p50), callback requests per click, and the floor:
the baseline's click → paint p50 plus ``Plotly.newPlot`` of the view's own charts, drawn again from their data and
layout into copies of the same size (what drawing those figures costs without Dash). The target: paint p95 at most
``TARGET`` × that floor.

Then a CPU profile of the renderer (Chrome DevTools Protocol ``Profiler``) over ``PROFILE_CLICKS`` clicks, its self
time summarised by script: Dash's renderer, React, plotly, the component libraries, the project's own JS
(``/assets/``), the rest. Written to ``benchmarks/PAINT.md`` (raw numbers to ``benchmarks/out/paint.json``); the
notes below the marker in PAINT.md are kept between runs.

Same instrument as ``../shared/tools/paint.py``, with the app's paths (the dashboard serves its views at /kaart, ...).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement

from benchmarks import browser, chromium, environment
from benchmarks.baseline_app import RADIO_PATH
from benchmarks.servers import fill, serve_baseline, serve_dashboard

HERE = Path(__file__).resolve().parent
PAINT_MD = HERE / "PAINT.md"
RAW_JSON = HERE / "out" / "paint.json"
NOTES = "<!-- notes: kept between runs -->"

VIEWS = ("kaart", "trends", "activiteiten")
LABELS = ("Noord", "Oost", "West", "Zuid")
TARGET = 2.0
QUIET_MS = 1000
PROFILE_CLICKS = 10

#: put in an open page: the time of the first click event (capture phase: before any handler) and of the last change
WATCH = """
window.__t = 0; window.__last = 0;
document.addEventListener('click', () => { if (!window.__t) window.__t = performance.now(); }, true);
new MutationObserver(() => { window.__last = performance.now(); })
  .observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
"""

#: a click's numbers once the page is quiet: click to last change, to the last callback answer, requests
RESULT = """
const t0 = window.__t, last = window.__last;
const ends = performance.getEntriesByType('resource')
  .filter(e => e.name.includes('_dash-update-component') && e.startTime >= t0).map(e => e.responseEnd);
return {paint: t0 && last > t0 ? last - t0 : null, answer: ends.length ? Math.max(...ends) - t0 : null,
        requests: ends.length};
"""

#: Plotly.newPlot of every chart on the page from its own data and layout, into a copy of the same size (median of 3)
NEWPLOT = """
const done = arguments[arguments.length - 1];
(async () => {
  const runs = [];
  for (let k = 0; k < 3; k++) {
    let total = 0;
    for (const gd of document.querySelectorAll('.js-plotly-plot')) {
      const r = gd.getBoundingClientRect();
      const div = document.createElement('div');
      div.style.cssText = `position:absolute;left:0;top:${window.scrollY + 3000}px;`
        + `width:${r.width}px;height:${r.height}px`;
      document.body.appendChild(div);
      const data = structuredClone(gd.data), layout = structuredClone(gd.layout);
      const t0 = performance.now();
      await Plotly.newPlot(div, data, layout, {displayModeBar: false});
      await new Promise(res => requestAnimationFrame(() => res()));
      total += performance.now() - t0;
      Plotly.purge(div); div.remove();
    }
    runs.push(total);
  }
  runs.sort((a, b) => a - b);
  done({newplot_ms: runs[1], graphs: document.querySelectorAll('.js-plotly-plot').length,
        dom_nodes: document.getElementsByTagName('*').length});
})().catch(e => done({error: String(e)}));
"""

#: the profile's scripts, by the first pattern their URL (or, for the engine's own entries, name) holds
CATEGORIES = (
    ("Dash renderer", ("dash-renderer", "dash_renderer")),
    ("React", ("react-dom", "react@", "/react.", "react.production", "react.development")),
    ("plotly", ("plotly",)),
    (
        "component libraries",
        ("dash_core_components", "dcc/", "dash_bootstrap_components", "dash_html_components", "dash_table"),
    ),
    ("project JS", ("/assets/",)),
    ("garbage collection", ("(garbage collector)",)),
    ("layout, style, paint", ("(program)",)),
)


def category(url: str, name: str) -> str | None:
    """The summary line a profile node's self time counts in; None for idle time."""
    if name == "(idle)":
        return None
    for label, patterns in CATEGORIES:
        if any(p in url or p == name for p in patterns):
            return label
    return "other"


def summarise_profile(profile: dict[str, Any], clicks: int) -> dict[str, float]:
    """Self time per category, in ms per click, from a CDP ``Profiler.stop`` profile (samples × time deltas)."""
    nodes = {n["id"]: n["callFrame"] for n in profile["nodes"]}
    totals: dict[str, float] = defaultdict(float)
    for node, delta in zip(profile.get("samples", []), profile.get("timeDeltas", []), strict=False):
        frame = nodes.get(node, {})
        label = category(frame.get("url", ""), frame.get("functionName", ""))
        if label is not None:
            totals[label] += delta / 1000
    return {label: round(ms / clicks, 1) for label, ms in sorted(totals.items(), key=lambda kv: -kv[1])}


def pct(values: Sequence[float], p: float) -> float:
    """The ``p`` quantile by the nearest rank below (as ``../shared/tools/paint.py``)."""
    ordered = sorted(values)
    return round(ordered[int(p * (len(ordered) - 1))], 1)


class ClickPage:
    """One open page in its own browser whose filter labels are clicked in turn."""

    def __init__(self, url: str, labels: Sequence[str] = LABELS) -> None:
        self.driver: webdriver.Chrome = chromium.start(1600, 1000, extra=chromium.UNTHROTTLED)
        self.driver.set_script_timeout(60)
        self.driver.get(url)
        self.wait_quiet(start=time.monotonic(), least=3.0)
        self.targets = self._targets(labels)
        self.turn = 0
        self.driver.execute_script(WATCH)

    def _targets(self, labels: Sequence[str]) -> list[WebElement]:
        found = {
            e.text.strip(): e
            for e in self.driver.find_elements(By.CSS_SELECTOR, "label, button, [role=radio], [role=tab]")
            if e.is_displayed() and e.text.strip() in labels
        }
        missing = [label for label in labels if label not in found]
        if missing:
            raise RuntimeError(f"{self.driver.current_url}: no visible control labelled {', '.join(missing)}")
        return [found[label] for label in labels]

    def wait_quiet(self, start: float, least: float = 1.0, limit: float = 15.0) -> None:
        """Until nothing changed in the page for ``QUIET_MS`` (and at least ``least`` s have passed)."""
        while True:
            time.sleep(0.1)
            quiet = self.driver.execute_script(
                "return window.__last === undefined ? 1e9 : performance.now() - Math.max(window.__last, window.__t)"
            )
            waited = time.monotonic() - start
            if (quiet > QUIET_MS and waited > least) or waited > limit:
                return

    def click(self) -> dict[str, Any]:
        """Click the next label; its paint, answer and requests once the page is quiet again."""
        self.driver.execute_script("window.__t = 0; window.__last = 0;")
        self.targets[self.turn % len(self.targets)].click()
        self.turn += 1
        self.wait_quiet(time.monotonic())
        return dict(self.driver.execute_script(RESULT))

    def newplot(self) -> dict[str, Any]:
        """What drawing the page's charts again with ``Plotly.newPlot`` costs."""
        return dict(self.driver.execute_async_script(NEWPLOT))

    def profile(self, clicks: int) -> dict[str, float]:
        """A CPU profile of ``clicks`` clicks, summarised by script (ms per click)."""
        self.driver.execute_cdp_cmd("Profiler.enable", {})
        self.driver.execute_cdp_cmd("Profiler.setSamplingInterval", {"interval": 200})
        self.driver.execute_cdp_cmd("Profiler.start", {})
        for _ in range(clicks):
            self.click()
        profile = self.driver.execute_cdp_cmd("Profiler.stop", {})["profile"]
        self.driver.execute_cdp_cmd("Profiler.disable", {})
        return summarise_profile(profile, clicks)

    def close(self) -> None:
        self.driver.quit()


@contextmanager
def opened(url: str, labels: Sequence[str] = LABELS) -> Iterator[ClickPage]:
    page = ClickPage(url, labels)
    try:
        yield page
    finally:
        page.close()


def measure_view(dashboard: str, baseline: str, view: str, clicks: int) -> dict[str, Any]:
    """One view beside the baseline, click for click; then its floor and its profile (and the baseline's)."""
    with opened(f"{dashboard}/{view}") as page, opened(f"{baseline}{RADIO_PATH}") as base:
        # one click each first: the first change of a page pays for things later ones do not (JIT, caches)
        page.click()
        base.click()
        mine, theirs = [], []
        for _ in range(clicks):
            theirs.append(base.click())
            mine.append(page.click())
        drawn = page.newplot()
        profile = page.profile(PROFILE_CLICKS)
        base_profile = base.profile(PROFILE_CLICKS)
    paints = [c["paint"] for c in mine if c["paint"] is not None]
    base_paints = [c["paint"] for c in theirs if c["paint"] is not None]
    answers = [c["answer"] for c in mine if c["answer"] is not None]
    floor = pct(base_paints, 0.5) + drawn["newplot_ms"]
    return {
        "view": view,
        "clicks": len(paints),
        "paint_p50": pct(paints, 0.5),
        "paint_p95": pct(paints, 0.95),
        "answer_p50": pct(answers, 0.5) if answers else None,
        "requests_per_click": statistics.median(c["requests"] for c in mine),
        "baseline_paint_p50": pct(base_paints, 0.5),
        "baseline_requests_per_click": statistics.median(c["requests"] for c in theirs),
        "newplot_ms": round(drawn["newplot_ms"], 1),
        "graphs": drawn["graphs"],
        "dom_nodes": drawn["dom_nodes"],
        "floor_ms": round(floor, 1),
        "ratio": round(pct(paints, 0.95) / floor, 2),
        "profile": profile,
        "baseline_profile": base_profile,
    }


def render(results: list[dict[str, Any]], meta: dict[str, Any], notes: str) -> str:
    """PAINT.md: the targets, the clicks, the profiles, how it was measured, then the kept notes."""
    lines = [
        "# A filter click until its last paint (issue 21)",
        "",
        f"- **Date**: {meta['date']}; command `python -m benchmarks.paint`; {meta['activities']} demo activities on"
        f" SQLite, gunicorn with 2 workers (dashboard and baseline); {meta['clicks']} clicks per view, taking turns"
        " with the baseline",
        f"- **Machine**: {meta['machine']}",
        f"- **Versions**: {meta['versions']}",
        "",
        "## Click → last paint against the floor",
        "",
        "| view | click → last paint p50 | p95 | last answer p50 | requests per click | charts | newPlot of its"
        " charts | baseline click → paint p50 | floor | p95 ÷ floor | target ≤2.0× |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        verdict = "met" if r["ratio"] <= TARGET else "missed"
        lines.append(
            f"| `{r['view']}` | {r['paint_p50']:.0f} ms | {r['paint_p95']:.0f} ms | {r['answer_p50']:.0f} ms |"
            f" {r['requests_per_click']:g} | {r['graphs']} | {r['newplot_ms']:.0f} ms |"
            f" {r['baseline_paint_p50']:.0f} ms | {r['floor_ms']:.0f} ms | {r['ratio']:.2f}× | {verdict} |"
        )
    labels: list[str] = []
    for r in results:
        for profile in (r["profile"], r["baseline_profile"]):
            labels += [label for label in profile if label not in labels]
    lines += [
        "",
        f"## Where the renderer's time goes ({PROFILE_CLICKS} clicks, CPU self time per click)",
        "",
        "| page | " + " | ".join(labels) + " | total |",
        "| --- | " + " | ".join("---:" for _ in labels) + " | ---: |",
    ]
    for r in results:
        for name, profile in (
            (f"`{r['view']}`", r["profile"]),
            (f"baseline beside `{r['view']}`", r["baseline_profile"]),
        ):
            cells = " | ".join(f"{profile.get(label, 0):.1f} ms" for label in labels)
            lines.append(f"| {name} | {cells} | {sum(profile.values()):.1f} ms |")
    lines += [
        "",
        "## How it was measured",
        "",
        "- **Click → last paint**: from the browser's own click event (capture phase) to the last change anywhere in",
        "  the page (`MutationObserver`), once nothing changed for 1 s; the controls are the region buttons Noord,",
        "  Oost, West and Zuid, clicked in turn; the first click of each page is not counted.",
        "- **Last answer**: the end of the last `_dash-update-component` response after the click (Resource Timing).",
        "- **Floor**: the baseline's click → paint p50 (`benchmarks/baseline_app.py` `/radio/`: one round trip and",
        "  one bar chart, under gunicorn like the dashboard) plus `Plotly.newPlot` of the view's own charts from their",
        "  data and layout (median of 3). The ratio is the view's p95 over that floor.",
        "- **Profile**: Chrome DevTools Protocol `Profiler` (sampling every 0.2 ms) over "
        f"{PROFILE_CLICKS} more clicks; each",
        "  sample's self time counted by the script its function comes from: `dash-renderer`, React (`react-dom`),",
        "  plotly, the component libraries (dcc, dbc, html), the project's `/assets/`; *layout, style, paint* is",
        "  the engine's `(program)`; idle time is left out.",
        "",
        NOTES,
        notes.strip(),
        "",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clicks", type=int, default=24, help="timed clicks per view (default 24)")
    parser.add_argument("--activities", type=int, default=2000, help="demo activities (default 2000)")
    parser.add_argument("--views", nargs="*", default=list(VIEWS), help="views to measure")
    args = parser.parse_args(argv)
    if not chromium.installed():
        print(chromium.MISSING, file=sys.stderr)
        return 2
    machine_before = environment.machine()
    results = []
    with tempfile.TemporaryDirectory(prefix="sze-paint-") as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'paint.db'}"
        fill(url, args.activities, seed=7)
        with serve_dashboard(url, 2, folder) as dashboard, serve_baseline(2, folder) as baseline:
            for view in args.views:
                results.append(measure_view(dashboard.base, baseline.base, view, args.clicks))
                r = results[-1]
                print(f"{view}: p95 {r['paint_p95']} ms, floor {r['floor_ms']} ms, {r['ratio']}×", flush=True)
    meta = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "activities": args.activities,
        "clicks": args.clicks,
        "machine": ", ".join(f"{k} {v}" for k, v in machine_before.items())
        + f"; load average after {environment.load_average()}",
        "versions": ", ".join(
            f"{k} {v}" for k, v in environment.versions(None, browser.chromium_version()).items() if v != "not measured"
        ),
    }
    RAW_JSON.parent.mkdir(exist_ok=True)
    RAW_JSON.write_text(json.dumps({"meta": meta, "views": results}, indent=2))
    old = PAINT_MD.read_text() if PAINT_MD.exists() else ""
    notes = old.split(NOTES, 1)[1] if NOTES in old else ""
    PAINT_MD.write_text(render(results, meta, notes))
    return 0 if all(r["ratio"] <= TARGET for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
