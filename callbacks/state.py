"""The URL query, the filter controls and the selection Store kept in step, in one callback.

A link reproduces the view: on load (and on back/forward) the URL sets the controls; any
control change writes the URL. Clicking a region on the map sets the region filter.
"""

from __future__ import annotations

from dash import Dash, Input, Output, State, ctx, no_update

from callbacks.common import db, sze_metrics
from dashboard.i18n import t
from dashboard.selection import REGIONS, Selection
from data_access import queries
from layouts import ids

CONTROLS = (ids.EDITIONS, ids.REGION, ids.WEEK, ids.METRIC, ids.COLOUR, ids.TABS)


def sync_selection(
    trigger: str | None,
    search: str | None,
    editions: object,
    region: object,
    week: object,
    metric: object,
    colour: object,
    tab: object,
    *,
    known_editions: list[int],
    known_metrics: list[str],
) -> tuple:
    """Work out the selection from whatever changed; return URL search, control values and Store."""
    if trigger in (None, ids.URL):
        selection = Selection.from_query(search, known_editions=known_editions, known_metrics=known_metrics)
    elif trigger == ids.RESET:
        selection = Selection.parse(tab=tab, known_editions=known_editions, known_metrics=known_metrics)
    else:
        selection = Selection.parse(
            editions=editions,
            region=region or None,
            week=week or None,
            metric=metric,
            tab=tab,
            colour=colour,
            known_editions=known_editions,
            known_metrics=known_metrics,
        )
    new_search = selection.to_query()
    return (
        new_search if new_search != search else no_update,
        list(selection.editions_or(known_editions)),
        selection.region or "",
        str(selection.week) if selection.week else "",
        selection.metric,
        selection.colour,
        selection.tab,
        selection.to_store(),
    )


def region_from_click(click: object, current: object) -> str:
    """The region a map click points at; clicking the selected region again clears the filter."""
    try:
        region = click["points"][0]["customdata"]  # type: ignore[index]
    except (TypeError, KeyError, IndexError):
        return no_update
    if isinstance(region, list):
        region = region[0] if region else None
    if region not in REGIONS:
        return no_update
    return "" if region == current else region


def describe_selection(data: object) -> str:
    """One sentence saying what the views show, read out by screen readers when it changes."""
    selection = Selection.from_store(data if isinstance(data, dict) else None)
    parts = [
        t("summary_editions", edition=", ".join(str(y) for y in selection.editions))
        if selection.editions
        else t("summary_all_editions")
    ]
    if selection.region:
        parts.append(t("summary_region", region=selection.region.capitalize()))
    if selection.week:
        parts.append(t("summary_week", week=selection.week))
    return t("summary", parts="; ".join(parts))


def _sync(search, editions, region, week, metric, colour, tab, _reset):
    engine = db()
    known = [int(y) for y in queries.editions(engine)["year"]]
    return sync_selection(
        ctx.triggered_id,
        search,
        editions,
        region,
        week,
        metric,
        colour,
        tab,
        known_editions=known,
        known_metrics=sze_metrics(engine),
    )


def register(app: Dash) -> None:
    """Wire the URL/filter synchronisation and the map click."""
    app.callback(
        Output(ids.URL, "search"),
        Output(ids.EDITIONS, "value"),
        Output(ids.REGION, "value"),
        Output(ids.WEEK, "value"),
        Output(ids.METRIC, "value"),
        Output(ids.COLOUR, "value"),
        Output(ids.TABS, "active_tab"),
        Output(ids.SELECTION, "data"),
        Input(ids.URL, "search"),
        Input(ids.EDITIONS, "value"),
        Input(ids.REGION, "value"),
        Input(ids.WEEK, "value"),
        Input(ids.METRIC, "value"),
        Input(ids.COLOUR, "value"),
        Input(ids.TABS, "active_tab"),
        Input(ids.RESET, "n_clicks"),
    )(_sync)
    app.callback(Output(ids.FILTER_SUMMARY, "children"), Input(ids.SELECTION, "data"))(describe_selection)
    app.callback(
        Output(ids.REGION, "value", allow_duplicate=True),
        Input(ids.MAP_GRAPH, "clickData"),
        State(ids.REGION, "value"),
        prevent_initial_call=True,
    )(region_from_click)
