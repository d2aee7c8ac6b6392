"""Reach view: Zorg van Nu indicators with qualifier and period; the e-healthmonitor as context."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, html

from callbacks.common import db, lang, selection_from
from dashboard.figures import monitor_figure, reach_figure
from dashboard.i18n import cite, fmt_published, indicator_label, t
from data_access import queries
from layouts import ids
from layouts.components import figure_card, headers, source_note, table


def update_reach(selection_data: object) -> tuple:
    """Redraw the Zorg van Nu and e-healthmonitor charts with every indicator as text."""
    engine, language = db(), lang()
    selection = selection_from(selection_data)
    reach = queries.reach(engine)
    monitor = queries.monitor(engine)
    cards = [
        figure_card(
            indicator_label(r.indicator, language),
            fmt_published(r.published_text),
            f"{t('col_period', language)}: {r.period_label}",
            f"{t('source', language)}: {cite(r)}",
        )
        for r in reach.itertuples()
    ]
    periods = sorted(set(reach["period_label"]))
    notes = [t("reach_period_note", language, period=" / ".join(periods))]
    if selection.editions:
        overlapping = [
            y
            for y in selection.editions
            if any((r.period_start or r.period_end or 0) <= y <= (r.period_end or 0) for r in reach.itertuples())
        ]
        if not overlapping:
            notes.append(t("reach_filter_note", language, period=" / ".join(periods)))
    if selection.region or selection.week:
        notes.append(t("reach_national_note", language))
    reach_text = html.Div([html.H3(t("reach_cards_heading", language)), dbc.Row(cards)])
    monitor_rows = [
        (
            indicator_label(r.indicator, language),
            r.period_label,
            fmt_published(r.published_text),
            cite(r),
        )
        for r in monitor.itertuples()
    ]
    monitor_text = html.Div(
        [
            html.P(t("monitor_note", language), className="view-note"),
            table(
                headers(language, "indicator", "period", "value", "source"),
                monitor_rows,
            ),
        ]
    )
    return (
        reach_figure(reach, language),
        reach_text,
        source_note(reach, language),
        html.Ul([html.Li(n) for n in notes]),
        monitor_figure(monitor, language),
        monitor_text,
        source_note(monitor, language),
    )


def register(app: Dash) -> None:
    """Wire the reach view to the selection."""
    app.callback(
        Output(ids.REACH_GRAPH, "figure"),
        Output(ids.REACH_TEXT, "children"),
        Output(ids.REACH_SOURCES, "children"),
        Output(ids.REACH_NOTE, "children"),
        Output(ids.MONITOR_GRAPH, "figure"),
        Output(ids.MONITOR_TEXT, "children"),
        Output(ids.MONITOR_SOURCES, "children"),
        Input(ids.SELECTION, "data"),
    )(update_reach)
