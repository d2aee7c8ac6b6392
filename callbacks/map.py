"""Map view: provinces by SZE region or by a regional figure, weeks, initiatives; click filters."""

from __future__ import annotations

import pandas as pd
from dash import Dash, Input, Output, get_asset_url, html

from callbacks.common import chosen_editions, db, lang, selection_from
from dashboard.figures import map_figure
from dashboard.i18n import cite, fmt_period, fmt_published, metric_label, t
from dashboard.selection import REGIONS
from data_access import queries
from layouts import ids
from layouts.components import headers, source_note, table

GEOJSON_ASSET = "geo/nl-provinces.geojson"


def _highlight(weeks: pd.DataFrame, region: str | None, week: int | None) -> frozenset[str] | None:
    """Regions to emphasise: the chosen region and the regions that had the chosen week.

    None when neither is chosen; an empty set when the two exclude each other.
    """
    if not (region or week):
        return None
    regions = set(weeks.loc[weeks["week"] == week, "region"]) if week else set(REGIONS)
    return frozenset(regions & {region} if region else regions)


def update_map(selection_data: object, geojson_url: str | None = None) -> tuple:
    """Redraw the map, its note, its sources and its figures as text for the selection."""
    engine, language = db(), lang()
    selection = selection_from(selection_data)
    years = chosen_editions(selection, "sze")
    weeks = queries.weeks(engine, years)
    notes = [t("weeks_unknown", language, edition=year) for year in years if year not in set(weeks["edition"])]
    highlight = _highlight(weeks, selection.region, selection.week)
    initiatives = queries.initiatives(engine, editions=years or [-1], region=selection.region)
    regional = queries.figures(engine, editions=years or [-1], region=selection.region, week=selection.week)
    regional = regional[regional["region"].notna()]
    if selection.week:
        # a week means a region only in editions whose week order is published
        that_week = weeks.loc[weeks["week"] == selection.week, ["edition", "region"]]
        initiatives = initiatives.merge(that_week, on=["edition", "region"])
        unordered = [y for y in years if y not in set(weeks["edition"])]
        if unordered:
            notes.append(t("map_week_unordered", language, editions=", ".join(map(str, unordered))))
        if not highlight:
            notes.append(t("map_week_none", language, week=selection.week))

    regional_values, value_edition = None, None
    if selection.colour == "cijfer":
        for year in reversed(years):
            frame = queries.regional_figures(engine, year, selection.metric)
            if frame["value"].notna().any():
                regional_values, value_edition = frame, year
                break
        if regional_values is None:
            regional_values = queries.regional_figures(engine, years[-1] if years else -1, selection.metric)
            notes.append(t("map_no_regional", language, metric=metric_label(selection.metric, language)))

    figure = map_figure(
        queries.provinces(engine),
        queries.regions(engine),
        weeks,
        initiatives,
        geojson_url=geojson_url or get_asset_url(GEOJSON_ASSET),
        highlight=highlight,
        regional_values=regional_values,
        metric=selection.metric,
        value_edition=value_edition,
        lang=language,
    )

    week_rows = [
        (
            int(r.edition),
            int(r.week),
            r.region.capitalize(),
            fmt_period(r.start_date, r.end_date),
            cite(r),
        )
        for r in weeks.itertuples()
    ]
    figure_rows = [
        (
            int(r.edition),
            r.region.capitalize(),
            metric_label(r.metric, language),
            fmt_published(r.published_text),
            cite(r),
        )
        for r in regional.itertuples()
    ]
    where = {
        "plaats": lambda r: t("initiative_where_place", language, place=r.place, province=r.province),
        "provincie": lambda r: t("initiative_where_province", language, province=r.province),
        "geen": lambda r: t("initiative_where_none", language),
    }
    initiative_rows = [
        (
            r.name,
            r.organisation or "",
            where[r.precision](r),
            int(r.edition),
            r.kind,
            r.size_text or "",
            cite(r),
        )
        for r in initiatives.itertuples()
    ]
    side = html.Div(
        [
            html.H3(t("weeks_heading", language)),
            table(
                headers(language, "edition", "week", "region", "period", "source"),
                week_rows,
            )
            if week_rows
            else html.P(t("weeks_none_published" if years else "weeks_none_chosen", language)),
            html.H3(t("regional_figures_heading", language)),
            table(
                headers(language, "edition", "region", "metric", "value", "source"),
                figure_rows,
            )
            if figure_rows
            else html.P(t("regional_figures_none", language)),
        ]
    )
    text = html.Div(
        [
            html.H3(t("initiatives_heading", language)),
            table(
                headers(language, "name", "organisation", "where", "edition", "kind", "size", "source"),
                initiative_rows,
            )
            if initiative_rows
            else html.P(t("initiatives_none", language)),
        ]
    )
    sources = source_note(
        pd.concat([weeks, initiatives, regional], ignore_index=True),
        language,
        extra=[t("map_boundaries_source", language)],
    )
    note = html.Ul([html.Li(n) for n in notes]) if notes else None
    return figure, side, text, sources, note


def register(app: Dash) -> None:
    """Wire the map view to the selection."""
    app.callback(
        Output(ids.MAP_GRAPH, "figure"),
        Output(ids.MAP_SIDE, "children"),
        Output(ids.MAP_TEXT, "children"),
        Output(ids.MAP_SOURCES, "children"),
        Output(ids.MAP_NOTE, "children"),
        Input(ids.SELECTION, "data"),
    )(update_map)
