"""Trends view: the chosen figure per edition, the e-healthweek predecessor in its own panel."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Dash, Input, Output, html

from callbacks.common import chosen_editions, db, editions, lang, metrics, selection_from
from dashboard.figures import trend_figure
from dashboard.i18n import cite, fmt_period, fmt_published, metric_label, t
from data_access import queries
from layouts import ids
from layouts.components import figure_card, source_note


def _edition_card(edition, metric: str, row, language: str, scope: str = ""):
    """A card for one edition: its published value with source, or why there is none.

    ``scope`` names a region or week filter, so 'niet gepubliceerd' is not read as national.
    """
    published = row is not None and isinstance(row.published_text, str)
    detail = fmt_period(edition.start_date, edition.end_date)
    if published and isinstance(row.note, str):
        detail = f"{detail}. {row.note}" if detail else row.note
    if published:
        value, source = fmt_published(row.published_text), cite(row)
    else:
        value = t("not_published" if edition.has_totals else "no_totals", language)
        source = cite(edition)  # where the dates and the silence come from
    return figure_card(
        f"{edition['name']} · {metric_label(metric, language)}{scope}",
        value,
        detail,
        f"{t('source', language)}: {source}",
        muted=not published,
    )


def update_trends(selection_data: object) -> tuple:
    """Redraw the trend chart, its figures as cards, sources and notes for the selection."""
    engine, language = db(), lang()
    selection = selection_from(selection_data)
    sze_years = chosen_editions(selection, "sze")
    ehw_years = chosen_editions(selection, "ehealthweek")
    sze = queries.metric_by_edition(engine, selection.metric, region=selection.region, week=selection.week)
    sze = sze[sze["edition"].isin(sze_years)]
    notes = []
    if selection.region:
        notes.append(t("trend_region_note", language, region=selection.region.capitalize()))
    if selection.week:
        notes.append(t("trend_week_note", language, week=selection.week))
    predecessor: list[tuple[str, pd.DataFrame]] = []
    predecessor_metrics = queries.PREDECESSOR_METRICS.get(selection.metric, ())
    if ehw_years and (selection.region or selection.week):
        notes.append(t("predecessor_national_note", language))
    elif ehw_years and not predecessor_metrics:
        notes.append(t("no_comparable_predecessor", language))
    elif ehw_years:
        for metric in predecessor_metrics:
            frame = queries.metric_by_edition(engine, metric)
            predecessor.append((metric, frame[frame["edition"].isin(ehw_years)]))
    definitions = metrics().set_index("metric")["definition"]
    for metric in ([selection.metric] if sze_years else []) + [m for m, _ in predecessor]:
        notes.append(
            f"{t('definition', language)} {metric_label(metric, language).lower()}: {definitions.get(metric, '')}"
        )

    figure = trend_figure(sze, predecessor, metric=selection.metric, lang=language)
    info = editions().set_index("year")
    scope = ""
    if selection.region:
        scope += f" · {t('summary_region', language, region=selection.region.capitalize())}"
    if selection.week:
        scope += f" · {t('summary_week', language, week=selection.week)}"
    cards = [_edition_card(info.loc[row.edition], selection.metric, row, language, scope) for row in sze.itertuples()]
    for year in ehw_years if predecessor else []:
        rows = [
            (m, r)
            for m, f in predecessor
            for r in f[f["edition"] == year].itertuples()
            if isinstance(r.published_text, str)
        ]
        metric, row = rows[0] if rows else (predecessor[0][0], None)
        cards.append(_edition_card(info.loc[year], metric, row, language))
    text = html.Div(
        [html.H3(t("trend_cards_heading", language, metric=metric_label(selection.metric, language))), dbc.Row(cards)]
    )
    shown = pd.concat([sze, *(f for _, f in predecessor)], ignore_index=True)
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
