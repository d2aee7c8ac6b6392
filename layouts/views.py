"""Skeletons of the four views; their figures and texts are filled by the view callbacks."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import get_asset_url, html

from dashboard.i18n import t
from layouts import ids
from layouts.components import graph_panel


def map_view(lang: str = "nl") -> html.Div:
    """Map of regional activity with the week order, regional figures and initiatives as text."""
    # plotly fetches a world topojson for geo maps; serve it ourselves so the map works offline
    config = {"topojsonURL": get_asset_url("topojson/")}
    return html.Div(
        [
            html.P(t("map_region_hint", lang), className="hint"),
            dbc.Row(
                [
                    dbc.Col(
                        graph_panel(ids.MAP_GRAPH, None, ids.MAP_SOURCES, ids.MAP_NOTE, lang, config=config),
                        lg=7,
                    ),
                    dbc.Col(html.Div(id=ids.MAP_SIDE, className="as-text"), lg=5),
                ]
            ),
            html.P(t("map_credit", lang), className="credit"),
            # the initiatives table needs the full width for its sources
            html.Div(id=ids.MAP_TEXT, className="as-text"),
        ]
    )


def trends_view(lang: str = "nl") -> html.Div:
    """Each figure per edition, the e-healthweek predecessor apart."""
    return html.Div([graph_panel(ids.TREND_GRAPH, ids.TREND_TEXT, ids.TREND_SOURCES, ids.TREND_NOTE, lang)])


def evaluation_view(lang: str = "nl") -> html.Div:
    """Scores and share returning, with what exactly was rated."""
    return html.Div([graph_panel(ids.EVAL_GRAPH, ids.EVAL_TEXT, ids.EVAL_SOURCES, ids.EVAL_NOTE, lang)])


def reach_view(lang: str = "nl") -> html.Div:
    """Zorg van Nu reach, and the e-healthmonitor as context."""
    return html.Div(
        [
            graph_panel(ids.REACH_GRAPH, ids.REACH_TEXT, ids.REACH_SOURCES, ids.REACH_NOTE, lang),
            graph_panel(ids.MONITOR_GRAPH, ids.MONITOR_TEXT, ids.MONITOR_SOURCES, None, lang),
        ]
    )


VIEWS = {"kaart": map_view, "trends": trends_view, "evaluatie": evaluation_view, "bereik": reach_view}
