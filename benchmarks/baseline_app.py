"""The baseline every measurement is a ratio to: the least a Dash app can be, with the dashboard's dash and plotly.

Two Dash apps on one Flask server, both with ``compress=True`` and plotly.js served by Dash itself, as the
dashboard does:

- ``/``: one ``dcc.Graph`` bar chart in the layout and nothing else (first load);
- ``/radio/``: the one-chart app a click is measured against (``benchmarks/paint.py``): four region radios
  and one bar chart, redrawn by one callback on each click;
- ``/chain/``: a no-op callback chain as deep as the dashboard's (URL search -> selection Store -> Graph, as the
  dashboard's URL -> ``selection`` -> view update) that redraws its bar chart on every change of the URL
  (interaction, single callbacks).

Serve it the way the dashboard is served: ``gunicorn benchmarks.baseline_app:server``.
"""

from __future__ import annotations

import zlib
from typing import Any

import plotly.graph_objects as go
from dash import Dash, Input, Output, dcc, html
from flask import Flask

#: component ids, mirroring the dashboard's: the URL, the selection Store and one chart
URL, SELECTION, GRAPH = "url", "selection", "graph"
#: the no-op chain's page
CHAIN_PATH = "/chain/"
#: the one-chart click page, and the regions its radios offer (the labels the dashboard's region control shows)
RADIO_PATH = "/radio/"
REGIONS = ("Alle", "Noord", "Oost", "West", "Zuid")
#: what a ready server answers, for the benchmark's wait (the dashboard's is /healthz)
READY_PATH = "/"


def bar_chart(search: str) -> go.Figure:
    """Three bars whose heights follow the URL query, so each change redraws the chart (and nothing else)."""
    seed = zlib.crc32(search.encode())
    heights = [1 + (seed >> shift) % 9 for shift in (0, 8, 16)]
    return go.Figure(go.Bar(x=["a", "b", "c"], y=heights), layout={"title": {"text": search or "baseline"}})


def select(search: str | None) -> dict[str, Any]:
    """The no-op first link: the URL query into the selection Store, untouched."""
    return {"search": search or ""}


def draw(selection: dict[str, Any] | None) -> go.Figure:
    """The no-op second link: the selection into the chart."""
    return bar_chart((selection or {}).get("search", ""))


def create_minimal(server: Flask) -> Dash:
    """The least a Dash app can be: one bar chart, no callback."""
    app = _app_at("/", "baseline")
    app.layout = html.Div([dcc.Graph(id=GRAPH, figure=bar_chart(""))])
    app.init_app(server)
    return app


def _app_at(path: str, title: str) -> Dash:
    """A Dash app at ``path``, served as the dashboard serves itself (compressed, plotly.js from the app)."""
    return Dash(
        __name__,
        server=False,
        url_base_pathname=path,
        compress=True,
        serve_locally=True,
        title=title,
        update_title="",
    )


def create_chain(server: Flask) -> Dash:
    """The no-op chain: URL search -> selection Store -> the bar chart, each link a server callback."""
    app = _app_at(CHAIN_PATH, "baseline chain")
    # refresh="callback-nav", as the dashboard's: a query set on it (the benchmarks' change) is followed in the page
    location = dcc.Location(id=URL, refresh="callback-nav")
    app.layout = html.Div([location, dcc.Store(id=SELECTION), dcc.Graph(id=GRAPH, figure=bar_chart(""))])
    app.callback(Output(SELECTION, "data"), Input(URL, "search"))(select)
    app.callback(Output(GRAPH, "figure"), Input(SELECTION, "data"), prevent_initial_call=True)(draw)
    app.init_app(server)
    return app


def create_radio(server: Flask) -> Dash:
    """One chart and the region radios: a click, one round trip, one redraw: the floor of a filter change."""
    app = _app_at(RADIO_PATH, "baseline radio")
    radios = dcc.RadioItems(id="region", options=list(REGIONS), value=REGIONS[0], inline=True)
    app.layout = html.Div([radios, dcc.Graph(id=GRAPH, figure=bar_chart(REGIONS[0]))])
    app.callback(Output(GRAPH, "figure"), Input("region", "value"), prevent_initial_call=True)(bar_chart)
    app.init_app(server)
    return app


server = Flask(__name__)
minimal = create_minimal(server)
chain = create_chain(server)
radio = create_radio(server)
