"""The partial plotly.js in headless Chromium: every page draws with it, the full one is never fetched, the Dutch
locale and the image export still work, and nothing it does breaks the Content-Security-Policy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from callbacks import VIEWS
from tests.browser.pageutil import BUSY, DRAWN, console_errors, foreign_requests, page_text, wait_until
from tests.browser.test_exports import allow_downloads, choose, downloaded

pytestmark = pytest.mark.browser

TRACES = json.loads((Path(__file__).resolve().parents[2] / "scripts/plotly-build/traces.json").read_text())
GRAPHS = "return document.querySelectorAll('.dash-graph').length"
PLOTLY_REQUESTS = (
    "return performance.getEntriesByType('resource').map(r => r.name).filter(n => /plotly/.test(n))"
    ".map(n => new URL(n).pathname)"
)

#: a chart of dates and decimals drawn with config locale 'nl': the tick labels in Dutch if nl is registered
DUTCH_TICKS = """
const done = arguments[0];
const div = document.createElement('div');
div.style.width = '600px'; div.style.height = '300px';
document.body.appendChild(div);
Plotly.newPlot(div, [{x: ['2021-03-01', '2021-04-01', '2021-05-01'], y: [0.5, 1, 1.5]}], {}, {locale: 'nl'})
  .then(() => {
    const ticks = Array.from(div.querySelectorAll('.xtick text, .ytick text')).map(t => t.textContent);
    Plotly.purge(div); div.remove();
    done(ticks);
  });
"""


def _every_chart_drawn(browser, at_least: int) -> None:
    wait_until(
        lambda: (
            browser.execute_script(GRAPHS) >= at_least
            and browser.execute_script(DRAWN) == browser.execute_script(GRAPHS)
            and not browser.execute_script(BUSY)
        ),
        timeout=40,
        what=f"{at_least} or more charts, every one drawn",
    )


def test_brbnd001_every_page_draws_with_the_partial_plotly_and_never_fetches_the_full_one(
    live_server, browser, tmp_path
):
    pages = [(f"/{view.slug}", sum(part.endswith("graph") for part in view.outputs)) for view in VIEWS]
    pages += [("/over-de-cijfers", 0), ("/rapport?editie=2021", 5)]
    fetched: set[str] = set()
    for path, charts in pages:
        browser.get(live_server + path)
        if charts:
            _every_chart_drawn(browser, charts)
        else:
            wait_until(
                lambda: "Waar bronnen verschillen" in page_text(browser) and not browser.execute_script(BUSY), what=path
            )
        requests = browser.execute_script(PLOTLY_REQUESTS)
        assert any("/_dash-component-suites/dashboard/vendor/plotly-sze." in name for name in requests), path
        fetched.update(requests)
        assert foreign_requests(browser) == [], path
        assert console_errors(browser) == [], path  # a CSP refusal (eval, an inline script) would be one
    assert not [name for name in fetched if "plotly.min.js" in name or "package_data" in name], fetched

    # the page's plotly.js is the pinned one with exactly the recipe's traces, and the nl locale is registered
    version, traces = browser.execute_script(
        "return [Plotly.version, Object.keys(Plotly.PlotSchema.get().traces).sort()]"
    )
    assert version == TRACES["plotly.js"] and traces == TRACES["traces"]
    ticks = browser.execute_async_script(DUTCH_TICKS)
    assert any("mrt" in tick or "mei" in tick for tick in ticks) and "0,5" in ticks, ticks
    assert not [tick for tick in ticks if "Mar" in tick or "May" in tick or "0.5" in tick], ticks

    # the Downloaden menu's image: plotly draws it in the browser
    allow_downloads(browser, tmp_path)
    browser.get(f"{live_server}/trends?editie=2022")
    _every_chart_drawn(browser, 1)
    choose(browser, "trends/main", "Afbeelding met bron (PNG)")
    assert downloaded(tmp_path, "sze-trends-activiteiten-2022.png").startswith(b"\x89PNG")
    assert console_errors(browser) == []
