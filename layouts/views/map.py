"""Map view: the map beside its week order and regional figures, the initiatives as a table below."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, get_asset_url, html

from core.formatting import cite, fmt_count, fmt_period, fmt_published
from core.i18n import metric_label, t
from layouts import ids
from layouts.components import graph_panel, headers, table

NAME = "map"


def skeleton(lang: str = "nl") -> html.Div:
    """Map of regional activity with the week order, regional figures and initiatives as text."""
    # plotly fetches a world topojson for geo maps; serve it ourselves so the map works offline
    config = {"topojsonURL": get_asset_url("topojson/")}
    return html.Div(
        [
            # the map's clicks that count: a double-click's second is dropped in the browser (callbacks/map.py)
            dcc.Store(id=ids.part(NAME, "click")),
            # the map and the headline figures together on the first screen: the map first (on a phone, above
            # them), the tiles beside it in one column
            dbc.Row(
                [
                    dbc.Col(graph_panel(NAME, text=False, lang=lang, config=config), lg=8, xl=9),
                    dbc.Col(html.Div(id=ids.part(NAME, "tiles"), className="key-aside"), lg=4, xl=3),
                ]
            ),
            html.P([t("map_region_hint", lang), " ", t("map_credit", lang)], className="hint credit"),
            html.Div(id=ids.part(NAME, "side"), className="as-text map-side"),
            # the initiatives table needs the full width for its sources
            html.Div(id=ids.part(NAME, "text"), className="as-text"),
        ]
    )


def side_panel(
    weeks: pd.DataFrame,
    regional: pd.DataFrame,
    any_edition: bool,
    lang: str = "nl",
    *,
    region: str | None = None,
    week: int | None = None,
    scope: str = "",
    registration: html.Div | None = None,
) -> html.Div:
    """The week order and the figures published per region, as tables with their sources.

    ``region`` and ``week`` narrow the week order to the rows they choose; ``scope`` names them in
    words for when nothing is left. ``registration`` (see ``registered_activities``) comes last,
    apart from the published figures.
    """
    listed = weeks
    if region:
        listed = listed[listed["region"] == region]
    if week:
        listed = listed[listed["week"] == week]
    week_rows = [
        (int(r.edition), int(r.week), r.region_name, fmt_period(r.start_date, r.end_date, lang=lang), cite(r))
        for r in listed.itertuples()
    ]
    figure_rows = [
        (int(r.edition), r.region_name, metric_label(r.metric, lang), fmt_published(r.published_text), cite(r))
        for r in regional.itertuples()
    ]
    if week_rows:
        week_part: Any = table(headers(lang, "edition", "week", "region", "period", "source"), week_rows)
    elif len(weeks):  # an order was published, the filters left nothing of it: not the same as no order
        week_part = html.P(t("weeks_none_filtered", lang, scope=scope))
    else:
        week_part = html.P(t("weeks_none_published" if any_edition else "weeks_none_chosen", lang))
    return html.Div(
        [
            html.H3(t("weeks_heading", lang)),
            week_part,
            html.H3(t("regional_figures_heading", lang)),
            table(headers(lang, "edition", "region", "metric", "value", "source"), figure_rows)
            if figure_rows
            else html.P(t("regional_figures_none", lang)),
            *([registration] if registration is not None else []),
        ]
    )


def registered_activities(by_region: pd.DataFrame, link: str | None, lang: str = "nl") -> html.Div:
    """The registration's activities and participants per region, marked as such, with a link to the detail.

    ``by_region``: region_name, activities, participants, synthetic (one row per region; none when the
    filters leave nothing). Its own table, never a column of the published figures: the two are not summed.
    """
    rows = [
        (r.region_name, fmt_count(r.activities, lang=lang), fmt_count(r.participants, lang=lang))
        for r in by_region.itertuples()
    ]
    parts: list[Any] = [html.H3(t("map_detail_heading", lang)), html.P(t("map_detail_note", lang), className="hint")]
    if len(by_region) and bool(by_region["synthetic"].any()):
        parts.append(html.P(t("map_detail_synthetic", lang), className="hint"))
    parts.append(
        table(
            [t("col_region", lang), t("detail_table_registered", lang), t("detail_table_participants", lang)],
            rows,
        )
        if rows
        else html.P(t("map_detail_none", lang))
    )
    if link:
        parts.append(html.P(dcc.Link(t("map_detail_link", lang), href=link)))
    return html.Div(parts, className="map-registration")
