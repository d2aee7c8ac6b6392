"""Map view: provinces by SZE region or by a regional figure, weeks, initiatives; a click filters."""

from __future__ import annotations

from typing import Any, TypedDict

import pandas as pd
import plotly.graph_objects as go
from dash import ClientsideFunction, Dash, Input, Output, State, get_relative_path, html, no_update

from callbacks.common import chosen_editions, db, headline, lang, map_table, reference, scope_words, selection_from
from core.figures import map_figure
from core.i18n import metric_label, t
from core.selection import BOUNDARIES_PATH, Selection
from core.views import LINKS, View
from data_access import queries
from layouts import ids
from layouts.components import initiatives_table, notes, panel_outputs, source_note
from layouts.key_figures import key_figure_tiles
from layouts.views import map as layout

NAME = layout.NAME
#: the view with the registration in detail (callbacks/detail.py), linked from beside the map
DETAIL_TAB = "activiteiten"
#: the views that explain a key figure: a figure's editions in Trends, an evaluation in Evaluatie
TRENDS_TAB = "trends"
EVALUATION_TAB = "evaluatie"


class MapParts(TypedDict):
    """What the map view shows, by part."""

    tiles: Any
    graph: go.Figure
    side: Any
    text: Any
    sources: Any
    note: Any


def _highlight(
    weeks: pd.DataFrame, regions: tuple[str, ...], region: str | None, week: int | None
) -> frozenset[str] | None:
    """Regions to emphasise: the chosen region and the regions that had the chosen week.

    None when neither is chosen; an empty set when the two exclude each other.
    """
    if not (region or week):
        return None
    candidates = set(weeks.loc[weeks["week"] == week, "region"]) if week else set(regions)
    return frozenset(candidates & {region} if region else candidates)


def _regional_values(years: list[int], metric: str) -> tuple[pd.DataFrame, int | None]:
    """The latest chosen edition with ``metric`` published per region, and its values (else all unpublished)."""
    engine = db()
    for year in reversed(years):
        frame = queries.regional_figures(engine, year, metric)
        if frame["value"].notna().any():
            return frame, year
    return queries.regional_figures(engine, years[-1] if years else -1, metric), None


def _registration(
    chosen: Selection, years: list[int], regions: pd.DataFrame, language: str
) -> tuple[html.Div | None, list[pd.DataFrame]]:
    """The registered activities per region beside the map, and their sources; nothing without a registration.

    Sums of detail rows in a table of their own: the published figures are never added to them.
    """
    engine = db()
    if not len(queries.activity_counts(engine, ["edition"], years or [-1])):
        return None, []
    by_region = queries.activity_counts(engine, ["region"], years, chosen.region, chosen.week)
    names = dict(zip(regions["region"], regions["name"], strict=True))
    by_region = by_region.assign(region_name=by_region["region"].map(names))
    detail = chosen.with_tab(DETAIL_TAB)
    link = detail.to_path() if detail.tab == DETAIL_TAB else None  # an app without the view gets no dead link
    return layout.registered_activities(by_region, link, language), [queries.activity_sources(engine, years)]


def _key_figures(chosen: Selection, language: str) -> html.Section:
    """The headline figures of the chosen SZE editions, each linked to the view that explains it."""
    found = headline(chosen)
    tiles = found.tiles
    links: dict[str, str | None] = {}
    labels: dict[str, str] = {}
    for tile in tiles:
        tab = TRENDS_TAB if tile.kind == "figure" else EVALUATION_TAB
        target = chosen.with_tab(tab)
        if tile.kind == "figure":
            target = target.with_metric(tile.name)
        # an app without that view, or a figure Trends cannot show, gets no dead link
        shown = target.tab == tab and (tile.kind != "figure" or target.metric == tile.name)
        links[tile.name] = target.to_path() if shown else None
        labels[tile.name] = t(f"key_link_{tab}", language)
    return key_figure_tiles(
        tiles,
        links,
        labels,
        found.without,
        language,
        national_note=chosen.is_local(),
        link_view=NAME,
    )


def _drawn(chosen: Selection) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The week order and the initiatives the map draws for the selection."""
    engine = db()
    years = chosen_editions(chosen, "sze")
    weeks = queries.weeks(engine, years)
    initiatives = queries.initiatives(engine, editions=years or [-1], region=chosen.region)
    if chosen.week:
        # a week means a region only in editions whose week order is published
        that_week = weeks.loc[weeks["week"] == chosen.week, ["edition", "region"]]
        initiatives = initiatives.merge(that_week, on=["edition", "region"])
    return weeks, initiatives


def map_rows(chosen: Selection) -> pd.DataFrame:
    """The rows the map draws: weeks, initiatives and, when coloured by a figure, its value per region."""
    weeks, initiatives = _drawn(chosen)
    values = None
    if chosen.colour == "cijfer":
        values, edition = _regional_values(chosen_editions(chosen, "sze"), chosen.metric)
        values = values.assign(edition=edition, what=metric_label(chosen.metric, lang()))
    return map_table(weeks, initiatives, values)


def update_map(selection: object, narrow: bool = False) -> MapParts:
    """Redraw the map, its note, its sources and its figures as text for the selection."""
    engine, language = db(), lang()
    chosen = selection_from(selection)
    years = chosen_editions(chosen, "sze")
    weeks, initiatives = _drawn(chosen)
    regions = reference().regions
    messages = [t("weeks_unknown", language, edition=year) for year in years if year not in set(weeks["edition"])]
    highlight = _highlight(weeks, tuple(regions["region"]), chosen.region, chosen.week)
    regional = queries.figures(engine, editions=years or [-1], region=chosen.region, week=chosen.week)
    regional = regional[regional["region"].notna()]
    if chosen.week:
        unordered = [y for y in years if y not in set(weeks["edition"])]
        if unordered:
            messages.append(t("map_week_unordered", language, editions=", ".join(map(str, unordered))))
        if not highlight:
            messages.append(t("map_week_none", language, week=chosen.week))

    regional_values, value_edition = None, None
    if chosen.colour == "cijfer":
        regional_values, value_edition = _regional_values(years, chosen.metric)
        if value_edition is None:
            messages.append(t("map_no_regional", language, metric=metric_label(chosen.metric, language)))

    registration, registration_sources = _registration(chosen, years, regions, language)

    figure = map_figure(
        queries.provinces(engine),
        regions,
        weeks,
        initiatives,
        geojson_url=get_relative_path(BOUNDARIES_PATH),
        highlight=highlight,
        regional_values=regional_values,
        metric=chosen.metric,
        value_edition=value_edition,
        lang=language,
        narrow=narrow,
    )
    sources = source_note(
        pd.concat([weeks, initiatives, regional, *registration_sources], ignore_index=True),
        language,
        extra=[t("map_boundaries_source", language)],
    )
    return {
        "tiles": _key_figures(chosen, language),
        "graph": figure,
        "side": layout.side_panel(
            weeks,
            regional,
            bool(years),
            language,
            region=chosen.region,
            week=chosen.week,
            scope=t("words_and", language).join(scope_words(chosen)),
            registration=registration,
        ),
        "text": initiatives_table(initiatives, language),
        "sources": sources,
        "note": notes(messages),
    }


def region_from_click(click: object, current: object) -> object:
    """The region a map click points at; clicking the selected region again clears the filter.

    ``click`` is the map's clickData once the browser's guard (assets/clicks.js) let it through: the
    second click of a double-click never arrives, so a double-click sets the region as one click does.
    """
    try:
        region = click["points"][0]["customdata"]  # type: ignore[index]
    except (TypeError, KeyError, IndexError):
        return no_update
    if isinstance(region, list):
        region = region[0] if region else None
    if not isinstance(region, str) or region not in set(reference().regions["region"]):
        return no_update
    return "" if region == current else region


def _acting_controls(selection: Selection) -> frozenset[str]:
    """The figure colours the map only with kleur=cijfer: otherwise its control would do nothing here."""
    every = frozenset({"sze_editions", "region", "week", "metric", "colour"})
    return every if selection.colour == "cijfer" else every - {"metric"}


def wire(app: Dash) -> None:
    """The map's own wiring: a click on a province sets the region filter (a double-click too, once)."""
    # in the browser, which alone knows a double-click's second press from a new click
    app.clientside_callback(
        ClientsideFunction(namespace="sze", function_name="mapClick"),
        Output(ids.part(NAME, "click"), "data"),
        Input(ids.part(NAME, "graph"), "clickData"),
        prevent_initial_call=True,
    )
    app.callback(
        Output(ids.REGION, "value", allow_duplicate=True),
        Input(ids.part(NAME, "click"), "data"),
        State(ids.REGION, "value"),
        prevent_initial_call=True,
    )(region_from_click)


VIEW = View(
    name=NAME,
    slug="kaart",
    label="tab_kaart",
    order=0,
    in_report=True,
    skeleton=layout.skeleton,
    update=update_map,
    # the key figures' links carry the selection: set on their own, a region click leaves the tiles as they are
    outputs={"tiles": "children", LINKS: "href"} | panel_outputs(text=False) | {"side": "children", "text": "children"},
    figures=(map_figure,),
    wire=wire,
    # the predecessor had no regions or weeks to map
    controls=frozenset({"sze_editions", "region", "week", "metric", "colour"}),
    controls_for=_acting_controls,
    tables={"main": map_rows},
    in_column=frozenset({"main"}),
)
