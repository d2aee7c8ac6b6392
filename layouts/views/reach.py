"""Reach view: Zorg van Nu as chart and cards; the e-healthmonitor as context chart and table."""

from __future__ import annotations

import pandas as pd
from dash import html

from core.formatting import cite, fmt_published
from core.i18n import indicator_label, t
from layouts.components import card_row, figure_card, graph_panel, headers, table

NAME = "reach"
MONITOR = "monitor-"  # prefix of the context chart's parts


def skeleton(lang: str = "nl") -> html.Div:
    """Zorg van Nu reach, and the e-healthmonitor as context."""
    return html.Div([graph_panel(NAME, lang=lang), graph_panel(NAME, MONITOR, note=False, lang=lang)])


def reach_cards(reach: pd.DataFrame, lang: str = "nl") -> html.Div:
    """Every Zorg van Nu indicator as a card: published words, period, source."""
    cards = [
        figure_card(
            indicator_label(r.indicator, lang),
            fmt_published(r.published_text),
            f"{t('col_period', lang)}: {r.period_label}",
            f"{t('source', lang)}: {cite(r)}",
        )
        for r in reach.itertuples()
    ]
    return html.Div([html.H3(t("reach_cards_heading", lang)), card_row(cards)])


def monitor_table(monitor: pd.DataFrame, lang: str = "nl") -> html.Div:
    """The e-healthmonitor values as a table, with the warning that they are not one measure."""
    rows = [
        (indicator_label(r.indicator, lang), r.period_label, fmt_published(r.published_text), cite(r))
        for r in monitor.itertuples()
    ]
    return html.Div(
        [
            html.P(t("monitor_note", lang), className="view-note"),
            table(headers(lang, "indicator", "period", "value", "source"), rows),
        ]
    )
