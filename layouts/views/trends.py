"""Trends view: the chart, and every edition's value (or why there is none) as a card."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from dash import html

from core.change import Change
from core.formatting import cite, fmt_period, fmt_published
from core.i18n import metric_label, t
from layouts.components import card_row, figure_card, graph_panel
from layouts.key_figures import change_line

NAME = "trends"


def skeleton(lang: str = "nl") -> html.Div:
    """Each figure per edition, the e-healthweek predecessor apart."""
    return html.Div([graph_panel(NAME, lang=lang)])


def week_dates(order: pd.DataFrame, region: str | None, week: int | None, lang: str = "nl") -> tuple[str, str | None]:
    """The dates of the chosen region's or week's week in one edition, and their source (None if unpublished).

    ``order`` is that edition's week order (no rows when it was not published). A region or week
    filter narrows the card to one week: the edition's whole period there would read as the week's.
    """
    if not len(order):
        return t("week_dates_unpublished", lang), None
    matches = order
    if region:
        matches = matches[matches["region"] == region]
    if week:
        matches = matches[matches["week"] == week]
    if not len(matches):
        own = order[order["region"] == region] if region else order.iloc[:0]
        if len(own):  # the region had another week: say which, so the empty card is not a mystery
            first = own.iloc[0]
            return t("week_dates_other_week", lang, region=first.region_name, had=int(first.week), week=week), cite(
                first
            )
        return t("week_dates_none", lang), cite(order.iloc[0])
    first = matches.iloc[0]
    period = fmt_period(first.start_date, first.end_date, lang=lang) or t("dates_unknown", lang)
    return t("week_dates", lang, week=int(first.week), region=first.region_name, period=period), cite(first)


def edition_card(
    edition: Any,
    label: str,
    row: Any,
    lang: str = "nl",
    scope: str = "",
    dates: tuple[str, str | None] | None = None,
    change: Change | None = None,
) -> html.Div:
    """A card for one edition: its published value with source, or why there is none.

    ``edition`` is the edition's row, ``label`` what the card counts, ``row`` the figure's (None when
    nothing was published); ``scope`` names a region or week filter, so 'niet gepubliceerd' is not
    read as national; ``dates`` (from ``week_dates``) replaces the edition's period when the card is
    of one region or week; ``change`` against the edition before (arrow and words), where one can be stated.
    """
    published = row is not None and isinstance(row.published_text, str)
    detail = fmt_period(edition.start_date, edition.end_date, lang=lang) if dates is None else dates[0]
    if published and isinstance(row.note, str):
        detail = f"{detail}. {row.note}" if detail else row.note
    if published:
        value, source = fmt_published(row.published_text), cite(row)
    else:
        value = t("not_published" if edition.has_totals else "no_totals", lang)
        source = cite(edition)  # where the dates and the silence come from
    if dates is not None and dates[1] and dates[1] != source:
        source = f"{source}; {t('week_dates_source', lang, source=dates[1])}"
    return figure_card(
        f"{edition['name']} · {label}{scope}",
        value,
        detail,
        f"{t('source', lang)}: {source}",
        muted=not published,
        change=change_line(change, lang) if published else None,
    )


def edition_cards(
    metric: str, cards: Sequence[html.Div], lang: str = "nl", partners: Sequence[html.Div] = ()
) -> html.Div:
    """The cards under a heading that names the figure; the e-healthweek's partner counts apart, under their own."""
    parts = [html.H3(t("trend_cards_heading", lang, metric=metric_label(metric, lang))), card_row(cards)]
    if partners:
        parts += [html.H3(t("partners_heading", lang)), card_row(partners)]
    return html.Div(parts)
