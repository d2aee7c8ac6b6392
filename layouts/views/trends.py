"""Trends view: the chart, and every edition's value (or why there is none) as a card."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from core.formatting import cite, fmt_period, fmt_published
from core.i18n import metric_label, t
from layouts.components import figure_card, graph_panel

NAME = "trends"


def skeleton(lang: str = "nl") -> html.Div:
    """Each figure per edition, the e-healthweek predecessor apart."""
    return html.Div([graph_panel(NAME, lang=lang)])


def edition_card(edition: Any, label: str, row: Any, lang: str = "nl", scope: str = "") -> dbc.Col:
    """A card for one edition: its published value with source, or why there is none.

    ``edition`` is the edition's row, ``label`` what the card counts, ``row`` the figure's (None when
    nothing was published); ``scope`` names a region or week filter, so 'niet gepubliceerd' is not
    read as national.
    """
    published = row is not None and isinstance(row.published_text, str)
    detail = fmt_period(edition.start_date, edition.end_date)
    if published and isinstance(row.note, str):
        detail = f"{detail}. {row.note}" if detail else row.note
    if published:
        value, source = fmt_published(row.published_text), cite(row)
    else:
        value = t("not_published" if edition.has_totals else "no_totals", lang)
        source = cite(edition)  # where the dates and the silence come from
    return figure_card(
        f"{edition['name']} · {label}{scope}",
        value,
        detail,
        f"{t('source', lang)}: {source}",
        muted=not published,
    )


def edition_cards(
    metric: str, cards: Sequence[dbc.Col], lang: str = "nl", partners: Sequence[dbc.Col] = ()
) -> html.Div:
    """The cards under a heading that names the figure; the e-healthweek's partner counts apart, under their own."""
    parts = [html.H3(t("trend_cards_heading", lang, metric=metric_label(metric, lang))), dbc.Row(list(cards))]
    if partners:
        parts += [html.H3(t("partners_heading", lang)), dbc.Row(list(partners))]
    return html.Div(parts)
