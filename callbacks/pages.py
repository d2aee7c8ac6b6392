"""Which page shows (dashboard, about page, briefing, not found), the open view, the about page, the demo banner."""

from __future__ import annotations

import json
from typing import Any

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, html, no_update
from flask import Response

from callbacks.common import db, lang, reference, runtime
from core.formatting import fmt_count
from core.i18n import t
from core.selection import BOUNDARIES_PATH, HEALTH_PATH, Page, page_for
from data_access import queries
from ingest import bundled
from layouts import ids
from layouts.about import about_page


def show_page(pathname: str | None) -> tuple[bool, bool, bool, bool]:
    """hidden flags for (dashboard, about, briefing, not found) for the requested path."""
    page = page_for(pathname)
    return page is not Page.DASHBOARD, page is not Page.ABOUT, page is not Page.REPORT, page is not Page.NOT_FOUND


def render_view(selection: object, pathname: str | None, rendered: object) -> tuple[Any, Any]:
    """Put the open view's skeleton on the page when it changed; nothing while another page shows."""
    if page_for(pathname) is not Page.DASHBOARD:
        return no_update, no_update
    # only the view matters here: checked against the registry, no database needed
    views = runtime().views
    asked = selection.get("tab") if isinstance(selection, dict) else None
    view = next((view for view in views if view.slug == asked), views[0])
    if view.slug == rendered:
        return no_update, no_update
    # the outline goes h1 (the dashboard) > h2 (this view) > h3 (its sections); the tab already shows the name
    heading = html.H2(t("view_heading", lang(), view=t(view.label, lang())), className="visually-hidden")
    return html.Div([heading, view.skeleton(lang())]), view.slug


def demo_banner(_pathname: str | None, _search: str | None = None) -> Any:
    """Announce synthetic demo rows, if the database holds any."""
    count = queries.synthetic_row_count(db())
    if not count:
        return None
    language = lang()
    return dbc.Alert(
        t("demo_banner", language, n=fmt_count(count, lang=language)), color="warning", className="mt-3 demo-banner"
    )


def about_content(pathname: str | None, _search: str | None = None) -> Any:
    """The 'Over de cijfers' page, built only when it is the page asked for."""
    if page_for(pathname) is not Page.ABOUT:
        return no_update
    engine, ref = db(), reference()
    return about_page(
        queries.sources(engine),
        queries.discrepancies(engine),
        ref.editions,
        ref.metrics,
        queries.dataset_loaded_at(engine),
        lang(),
    )


def boundaries() -> Response:
    """The province boundaries for every map; cached, as they change only with a new release."""
    response = Response(bundled.drawn_boundaries(), mimetype="application/geo+json")
    response.cache_control.public = True
    response.cache_control.max_age = 86400
    return response


_RETRY_SCRIPT = """function (ticks) {{
    fetch({health}, {{cache: "no-store"}}).then(function (answer) {{
        if (answer.ok) {{ window.location.reload(); }}
    }}).catch(function () {{}});
    return false;
}}"""


def register(app: Dash) -> None:
    """Wire page switching, the view skeletons, the about page, the demo banner and the boundaries' URL."""
    app.callback(
        Output(ids.DASHBOARD_PAGE, "hidden"),
        Output(ids.ABOUT_PAGE, "hidden"),
        Output(ids.REPORT_PAGE, "hidden"),
        Output(ids.NOT_FOUND_PAGE, "hidden"),
        Input(ids.URL, "pathname"),
    )(show_page)
    app.callback(
        Output(ids.VIEW, "children"),
        Output(ids.RENDERED_TAB, "data"),
        Input(ids.SELECTION, "data"),
        Input(ids.URL, "pathname"),
        State(ids.RENDERED_TAB, "data"),
    )(render_view)
    # the URL's query comes along (unused here) as it carries the page's language (common.request_language)
    app.callback(Output(ids.DEMO_BANNER, "children"), Input(ids.URL, "pathname"), State(ids.URL, "search"))(demo_banner)
    app.callback(Output(ids.ABOUT_CONTENT, "children"), Input(ids.URL, "pathname"), State(ids.URL, "search"))(
        about_content
    )
    # the page shown while the database is down asks the health check and reloads once it answers
    app.clientside_callback(
        _RETRY_SCRIPT.format(health=json.dumps(app.get_relative_path(HEALTH_PATH))),
        Output(ids.RETRY, "disabled"),
        Input(ids.RETRY, "n_intervals"),
        prevent_initial_call=True,
    )
    # under the app's own prefix (DASH_URL_BASE_PATHNAME), where get_relative_path points the maps
    app.server.add_url_rule(
        app.config.routes_pathname_prefix + BOUNDARIES_PATH.lstrip("/"), "sze_boundaries", boundaries
    )
