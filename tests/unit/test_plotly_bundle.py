"""The partial plotly.js: the page loads it (never the full one), it holds every trace type the figures draw,
and what the page names is cached for long."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from callbacks import VIEWS
from dashboard.app import FINGERPRINTED_MAX_AGE, PLOTLY_BUNDLE
from layouts import ids
from tests.callback_requests import view_update

RECIPE = Path(__file__).resolve().parents[2] / "scripts" / "plotly-build"
BUNDLE_TEXT = (files("dashboard") / PLOTLY_BUNDLE).read_text(encoding="utf-8")
HEADER = BUNDLE_TEXT[: BUNDLE_TEXT.index("*/")]
#: the traces the built bundle registers, as its header names them (scripts/build-plotly.sh writes it from
#: the recipe's traces.json): package data, so known where the recipe is not (mutmut's copy of the tree)
BUNDLED = re.search(r"partial bundle of the SZE dashboard: traces ([a-z0-9, ]+) \(", HEADER).group(1).split(", ")


def _scripts(client, path: str = "/") -> list[str]:
    return re.findall(r'<script[^>]*\ssrc="([^"]+)"', client.get(path).get_data(as_text=True))


@pytest.mark.parametrize("path", ["/", "/trends?taal=en", "/rapport", "/over-de-cijfers"])
def test_every_page_loads_the_partial_plotly_and_not_the_full_one(client, path):
    scripts = _scripts(client, path)
    bundle = [src for src in scripts if "/_dash-component-suites/dashboard/vendor/plotly-sze." in src]
    assert len(bundle) == 1, scripts
    assert not [src for src in scripts if "plotly.min.js" in src or "package_data" in src]
    # in the page itself, before the nl locale (which then registers at once) and before the renderer starts
    # the graphs: dcc.Graph fetches Dash's full bundle only where no window.Plotly exists
    position = scripts.index(bundle[0])
    assert position < next(i for i, src in enumerate(scripts) if "plotly-locale-nl.js" in src)
    assert position < next(i for i, src in enumerate(scripts) if "dash_renderer" in src)


def test_the_partial_bundle_is_served_for_a_year_and_the_full_one_not_at_all(client):
    (src,) = [src for src in _scripts(client) if "plotly-sze." in src]
    response = client.get(src)
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    assert response.get_data(as_text=True) == BUNDLE_TEXT
    assert response.cache_control.max_age == 365 * 24 * 3600  # Dash's own, for a fingerprinted component suite
    full = client.get("/_dash-component-suites/plotly/package_data/plotly.min.js")
    assert full.status_code == 404 and b"Traceback" not in full.data


def test_fingerprinted_assets_are_cached_for_a_year_others_revalidated(client):
    page = client.get("/").get_data(as_text=True)
    named = re.findall(r'(?:src|href)="(/assets/[^"]+\?m=[^"]+)"', page)
    assert any(url.startswith("/assets/vendor/plotly-locale-nl.js?m=") for url in named)
    assert any(url.startswith("/assets/app.css?m=") for url in named)
    for url in named:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.cache_control.max_age == FINGERPRINTED_MAX_AGE and not response.cache_control.no_cache, url
    # asked without the fingerprint (plotly fetches the world topojson so) the browser asks again each time
    plain = client.get("/assets/topojson/world_110m.json")
    assert plain.status_code == 200 and plain.cache_control.no_cache and not plain.cache_control.max_age


def test_the_built_file_is_the_pinned_plotly_js_without_eval():
    from plotly.offline import get_plotlyjs_version

    assert HEADER.startswith(f"/*! plotly.js {get_plotlyjs_version()}, partial bundle")
    assert sorted(set(BUNDLED)) == BUNDLED and "scatter" in BUNDLED
    assert "eval(" not in BUNDLE_TEXT and "new Function" not in BUNDLE_TEXT  # the CSP allows neither


@pytest.mark.skipif(not RECIPE.is_dir(), reason="the build recipe is not beside the tests (mutmut's copy of the tree)")
def test_the_recipe_the_entry_and_the_built_file_name_the_same_traces():
    from plotly.offline import get_plotlyjs_version

    recipe = json.loads((RECIPE / "traces.json").read_text())
    assert recipe["traces"] == BUNDLED, "traces.json changed: run scripts/build-plotly.sh"
    entry = (RECIPE / "entry.js").read_text()
    assert sorted(re.findall(r"require\('plotly\.js/lib/(\w+)'\)", entry)) == sorted(["core", *BUNDLED])
    package = json.loads((RECIPE / "package.json").read_text())
    assert package["dependencies"]["plotly.js"] == recipe["plotly.js"] == get_plotlyjs_version()


def _trace_types(value: Any) -> Iterator[str]:
    """The trace types of every figure in a JSON answer (a figure: a dict with a list of ``data`` and a ``layout``)."""
    if isinstance(value, dict):
        if isinstance(value.get("data"), list) and isinstance(value.get("layout"), dict):
            yield from (trace.get("type", "scatter") for trace in value["data"] if isinstance(trace, dict))
        for item in value.values():
            yield from _trace_types(item)
    elif isinstance(value, list):
        for item in value:
            yield from _trace_types(item)


#: selections that draw every kind of chart a view has: the default, a region, a week, the map by figure, a
#: comparison, the predecessor alone
SELECTIONS = (
    {},
    {"region": "zuid"},
    {"editions": [2022], "week": 2},
    {"colour": "cijfer", "metric": "bezoekers"},
    {"compare": ["2023-w1", "2023-zuid", "2021"]},
    {"editions": [2017, 2018, 2019, 2020]},
)


def _drawn_trace_types(client) -> set[str]:
    drawn: set[str] = set()
    for view in VIEWS:
        for selection in SELECTIONS:
            for screen in ("wide", "narrow"):
                response = client.post(
                    "/_dash-update-component",
                    json=view_update(view.name, view.outputs, {"tab": view.slug, **selection}, screen),
                )
                assert response.status_code == 200, (view.slug, selection, screen)
                drawn |= set(_trace_types(response.get_json()))
    report = client.post(
        "/_dash-update-component",
        json={
            "output": f"..{ids.REPORT_CONTENT}.children...{ids.REPORT_BACK}.href..",
            "outputs": [
                {"id": ids.REPORT_CONTENT, "property": "children"},
                {"id": ids.REPORT_BACK, "property": "href"},
            ],
            "inputs": [
                {"id": ids.URL, "property": "pathname", "value": "/rapport"},
                {"id": ids.URL, "property": "search", "value": ""},
            ],
            "changedPropIds": [f"{ids.URL}.pathname"],
            "state": [],
        },
    )
    assert report.status_code == 200
    drawn |= set(_trace_types(report.get_json()))
    drawn |= set(_trace_types(client.get("/_dash-layout").get_json()))
    return drawn


def test_every_trace_type_the_figures_draw_is_in_the_partial_bundle(client):
    """A figure builder drawing a trace type the bundle lacks would leave an empty chart in the browser: add the
    trace to scripts/plotly-build/traces.json and entry.js, and run scripts/build-plotly.sh."""
    drawn = _drawn_trace_types(client)
    assert {"bar", "scatter"} <= drawn  # the walk finds figures at all
    missing = drawn - set(BUNDLED)
    assert not missing, f"drawn but not in the partial plotly.js: {sorted(missing)}; see scripts/build-plotly.sh"
    # and nothing is bundled that nothing draws (a trace no longer used: take it out and rebuild)
    assert set(BUNDLED) == drawn
