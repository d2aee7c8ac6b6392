"""Trends view: the chosen figure per edition, the e-healthweek predecessor in its own panel."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Dash, Input, Output, html

from callbacks.common import chosen_editions, db, lang, selection_from
from dashboard.figures import trend_figure
from dashboard.i18n import fmt_period, fmt_published, metric_label, t
from data_access import queries
from layouts import ids
from layouts.components import figure_card, source_note


def update_trends(selection_data: object) -> tuple:
    """Redraw the trend chart, its figures as cards, sources and notes for the selection."""
    engine, language = db(), lang()
    selection = selection_from(selection_data, engine)
    editions = queries.editions(engine)
    sze_years = chosen_editions(selection, editions, "sze")
    ehw_years = chosen_editions(selection, editions, "ehealthweek")
    sze = queries.metric_by_edition(engine, selection.metric, region=selection.region, week=selection.week)
    sze = sze[sze["edition"].isin(sze_years)]
    predecessor_metric = queries.PREDECESSOR_METRIC.get(selection.metric)
    notes = []
    if selection.region:
        notes.append(t("trend_region_note", language, region=selection.region.capitalize()))
    if selection.week:
        notes.append(t("trend_week_note", language, week=selection.week))
    predecessor = None
    if predecessor_metric and not (selection.region or selection.week) and ehw_years:
        predecessor = queries.metric_by_edition(engine, predecessor_metric)
        predecessor = predecessor[predecessor["edition"].isin(ehw_years)]
    elif ehw_years and not predecessor_metric:
        notes.append(t("no_comparable_predecessor", language))
    definitions = queries.metrics(engine).set_index("metric")["definition"]
    notes.append(f"{t('definition', language)}: {definitions.get(selection.metric, '')}")

    figure = trend_figure(
        sze, predecessor, metric=selection.metric, predecessor_metric=predecessor_metric, lang=language
    )
    info = editions.set_index("year")
    cards = []
    for frame, metric in ((sze, selection.metric), (predecessor, predecessor_metric)):
        if frame is None:
            continue
        for row in frame.itertuples():
            edition = info.loc[row.edition]
            published = isinstance(row.published_text, str)
            detail = fmt_period(edition.start_date, edition.end_date)
            if published and isinstance(row.note, str):
                detail = f"{detail}. {row.note}" if detail else row.note
            cards.append(
                figure_card(
                    f"{edition['name']} · {metric_label(metric, language)}",
                    fmt_published(row.published_text)
                    if published
                    else (t("not_published", language) if edition.has_totals else t("no_totals", language)),
                    detail,
                    f"{t('source', language)}: {row.source_publisher}, {row.source_date}" if published else None,
                    muted=not published,
                )
            )
    text = html.Div(
        [html.H3(t("trend_cards_heading", language, metric=metric_label(selection.metric, language))), dbc.Row(cards)]
    )
    shown = pd.concat([f for f in (sze, predecessor) if f is not None], ignore_index=True)
    return figure, text, source_note(shown, language), html.Ul([html.Li(n) for n in notes])


def register(app: Dash) -> None:
    """Wire the trends view to the selection."""
    app.callback(
        Output(ids.TREND_GRAPH, "figure"),
        Output(ids.TREND_TEXT, "children"),
        Output(ids.TREND_SOURCES, "children"),
        Output(ids.TREND_NOTE, "children"),
        Input(ids.SELECTION, "data"),
    )(update_trends)
