"""The URL query, the filter controls and the selection Store kept in step, in one callback.

A link reproduces the view: on load (and on back/forward) the URL sets the controls; any
control change writes the URL. The view links carry the current filters; clicking a region on
the map sets the region filter.
"""

from __future__ import annotations

from dash import Dash, Input, Output, State, ctx, no_update

from callbacks.common import editions, lang, selection_from, sze_metrics
from callbacks.pages import show_page
from dashboard.i18n import t
from dashboard.selection import REGIONS, TABS, Selection
from layouts import ids


def sync_selection(
    trigger: str | None,
    search: str | None,
    sze_editions: object,
    predecessor_editions: object,
    region: object,
    week: object,
    metric: object,
    colour: object,
    *,
    known: dict[str, list[int]],
    known_metrics: list[str],
    on_dashboard: bool = True,
) -> tuple:
    """Work out the selection from whatever changed; return URL search, control values and Store.

    Only the dashboard page reads and writes its state in the URL: another page (Over de cijfers)
    keeps its own address, so Back leads where the user came from, and the selection stays as it
    was for the way back.
    """
    if not on_dashboard:
        return (no_update,) * 8
    every = sorted(year for years in known.values() for year in years)
    current = Selection.from_query(search, known_editions=every, known_metrics=known_metrics)
    ticked = [*_as_years(sze_editions), *_as_years(predecessor_editions)]
    if trigger in (None, ids.URL):
        selection = current
    elif trigger == ids.RESET:
        selection = Selection.parse(tab=current.tab, known_editions=every, known_metrics=known_metrics)
    else:
        selection = Selection.parse(
            # the last ticked edition cannot be unticked: a view is never empty by accident
            editions=ticked or list(current.editions_or(every)),
            region=region or None,
            week=week or None,
            metric=metric,
            tab=current.tab,
            colour=colour,
            known_editions=every,
            known_metrics=known_metrics,
        )
    shown = selection.editions_or(every)
    new_search = selection.to_query()
    return (
        new_search if new_search != search else no_update,
        [y for y in known.get("sze", []) if y in shown],
        [y for y in known.get("ehealthweek", []) if y in shown],
        selection.region or "",
        str(selection.week) if selection.week else "",
        selection.metric,
        selection.colour,
        selection.to_store(),
    )


def _as_years(value: object) -> list[int]:
    """Checkbox values as years; anything else is dropped (Selection.parse validates again)."""
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, int) and not isinstance(v, bool)]


def view_links(selection_data: object) -> tuple:
    """Each view link (and the Dashboard link) keeps the current filters; the open view is marked."""
    selection = selection_from(selection_data)
    hrefs = ["/" + selection.with_tab(tab).to_query() for tab in TABS]
    active = [tab == selection.tab for tab in TABS]
    return ("/" + selection.to_query(), *hrefs, *active)


def describe_selection(data: object) -> str:
    """One sentence saying what the views show, read out by screen readers when it changes."""
    language = lang()
    selection = selection_from(data)
    parts = [
        t("summary_editions", language, edition=", ".join(str(y) for y in selection.editions))
        if selection.editions
        else t("summary_all_editions", language)
    ]
    if selection.region:
        parts.append(t("summary_region", language, region=selection.region.capitalize()))
    if selection.week:
        parts.append(t("summary_week", language, week=selection.week))
    return t("summary", language, parts="; ".join(parts))


def restate_selection(data: object) -> tuple:
    """Everything that only restates the selection: the links, then the summary sentence."""
    return (*view_links(data), describe_selection(data))


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


def _sync(search, sze_editions, predecessor_editions, region, week, metric, colour, _reset, pathname):
    known = {
        programme: [int(y) for y in group["year"]] for programme, group in editions().groupby("programme", sort=False)
    }
    return sync_selection(
        ctx.triggered_id,
        search,
        sze_editions,
        predecessor_editions,
        region,
        week,
        metric,
        colour,
        known=known,
        known_metrics=sze_metrics(),
        on_dashboard=not show_page(pathname)[0],
    )


def register(app: Dash) -> None:
    """Wire the URL/filter synchronisation, the view links, the summary and the map click."""
    app.callback(
        Output(ids.URL, "search"),
        Output(ids.EDITIONS, "value"),
        Output(ids.EDITIONS_PREDECESSOR, "value"),
        Output(ids.REGION, "value"),
        Output(ids.WEEK, "value"),
        Output(ids.METRIC, "value"),
        Output(ids.COLOUR, "value"),
        Output(ids.SELECTION, "data"),
        Input(ids.URL, "search"),
        Input(ids.EDITIONS, "value"),
        Input(ids.EDITIONS_PREDECESSOR, "value"),
        Input(ids.REGION, "value"),
        Input(ids.WEEK, "value"),
        Input(ids.METRIC, "value"),
        Input(ids.COLOUR, "value"),
        Input(ids.RESET, "n_clicks"),
        State(ids.URL, "pathname"),
    )(_sync)
    # links and summary restate the same selection: one round trip, not two
    app.callback(
        Output(ids.NAV_DASHBOARD, "href"),
        *[Output(ids.tab_link(tab), "href") for tab in TABS],
        *[Output(ids.tab_link(tab), "active") for tab in TABS],
        Output(ids.FILTER_SUMMARY, "children"),
        Input(ids.SELECTION, "data"),
    )(restate_selection)
    # in the browser: no round trip for a presenter folding the filters away
    app.clientside_callback(
        "function (clicks, open) { return clicks ? !open : open; }",
        Output(ids.FILTER_COLLAPSE, "is_open"),
        Input(ids.FILTER_TOGGLE, "n_clicks"),
        State(ids.FILTER_COLLAPSE, "is_open"),
        prevent_initial_call=True,
    )
    app.callback(
        Output(ids.REGION, "value", allow_duplicate=True),
        Input(ids.MAP_GRAPH, "clickData"),
        State(ids.REGION, "value"),
        prevent_initial_call=True,
    )(region_from_click)
