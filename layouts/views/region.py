"""Region view: one region's own page: its week and dates per edition, figures, registrations, initiatives."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, get_asset_url, html

from core.formatting import fmt_count, fmt_period
from core.i18n import t
from layouts import ids
from layouts.components import aria, graph_panel, published_list, table

NAME = "region"


def skeleton(lang: str = "nl") -> html.Div:
    """The region's heading, its map beside its editions, its initiatives."""
    config = {"topojsonURL": get_asset_url("topojson/")}
    return html.Div(
        [
            # the region's map first, its name, provinces and the other regions beside it; its editions as a table
            # under the map, where the columns have their width
            dbc.Row(
                [
                    dbc.Col(graph_panel(NAME, text=False, lang=lang, config=config), lg=8, xl=9),
                    dbc.Col(html.Div(id=ids.part(NAME, "intro")), lg=4, xl=3),
                ]
            ),
            html.Div(id=ids.part(NAME, "text"), className="as-text"),
            html.Div(id=ids.part(NAME, "initiatives"), className="as-text"),
        ]
    )


def intro(name: str | None, provinces: str, links: dict[str, str], regions: pd.DataFrame, lang: str = "nl") -> html.Div:
    """The region's name and provinces, and links to the other regions' views."""
    others = [
        dbc.Button(
            r.name, href=links[r.region], color="primary", outline=r.name != name, size="sm", className="me-2 mb-2"
        )
        for r in regions.itertuples()
    ]
    if name is None:
        return html.Div([html.P(t("region_choose", lang), className="lead"), html.Div(others)])
    return html.Div(
        [
            html.H2(t("region_heading", lang, region=name), className="h3"),
            html.P(t("region_provinces", lang, provinces=provinces)),
            html.Nav(others, **aria(label=t("region_others", lang))),
        ]
    )


def editions_table(
    years: Sequence[int],
    weeks: pd.DataFrame,
    registered: pd.DataFrame,
    published: pd.DataFrame,
    compare_link: str | None,
    lang: str = "nl",
) -> html.Div:
    """Per edition: the region's week and dates, its registered activities and what was published for it."""
    counts = {int(r.edition): r for r in registered.itertuples()}
    rows = []
    for year in years:
        week = weeks[weeks["edition"] == year]
        when = (
            f"{t('summary_week', lang, week=int(week['week'].iloc[0]))}: "
            f"{fmt_period(week['start_date'].iloc[0], week['end_date'].iloc[0], lang=lang)}"
            if len(week)
            else t("compare_week_unknown", lang)
        )
        count = counts.get(year)
        figures = published[published["edition"] == year]
        said = published_list(figures, lang)
        rows.append(
            (
                year,
                when,
                fmt_count(count.activities, lang=lang) if count is not None else "",
                fmt_count(count.participants, lang=lang) if count is not None else "",
                said or t("not_published", lang),
            )
        )
    parts: list[Any] = [
        html.H3(t("region_editions_heading", lang)),
        table(
            [
                t("detail_table_edition", lang),
                t("region_col_week", lang),
                t("detail_table_registered", lang),
                t("detail_table_participants", lang),
                t("region_col_published", lang),
            ],
            rows,
        )
        if rows
        else html.P(t("weeks_none_chosen", lang)),
        html.P(t("detail_sum_note", lang), className="hint"),
    ]
    if compare_link:
        parts.append(dcc.Link(t("region_compare", lang), href=compare_link, className="btn btn-outline-primary btn-sm"))
    return html.Div(parts)
