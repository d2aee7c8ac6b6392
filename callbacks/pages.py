"""The pages (each view, the root, 'Over de cijfers', the briefing, not found) in Dash's page registry,
whether the dashboard's filters show, the demo banner and the boundaries' URL."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, html, no_update
from flask import Response

from callbacks.beheer import beheer_layout
from callbacks.common import RENDERED_SCRIPT, built_already, db, lang, page_root, reference, runtime
from core.formatting import fmt_count
from core.i18n import t
from core.selection import (
    ABOUT_PATH,
    BEHEER_PATH,
    BOUNDARIES_PATH,
    DASHBOARD_PATH,
    HEALTH_PATH,
    PARAM_LANG,
    REPORT_PATH,
    Page,
    page_for,
    view_path,
)
from core.views import View
from data_access import queries
from ingest import bundled
from layouts import ids
from layouts.about import about_page
from layouts.page import not_found_page, report_page, view_body


def show_page(pathname: str | None) -> bool:
    """Whether the dashboard's filters and tabs hide: on every page that is not a view."""
    return page_for(pathname, runtime().tabs) is not Page.DASHBOARD


def view_layout(view: View) -> Callable[..., Any]:
    """The page of ``view``: its skeleton, which its update fills from the selection."""

    def layout(rendered: object = None, **_query: object) -> Any:
        if built_already(view.name, rendered):
            return no_update
        language = lang()
        # the outline goes h1 (the dashboard) > h2 (this view) > h3 (its sections); the tab already shows the name
        heading = html.H2(t("view_heading", language, view=t(view.label, language)), className="visually-hidden")
        return page_root(view.name, [heading, *view_body(view, language)], id=ids.VIEW, className="view")

    return layout


def about_layout(rendered: object = None, **_query: object) -> Any:
    """The 'Over de cijfers' page from what the database holds."""
    if built_already("about", rendered):
        return no_update
    engine, ref = db(), reference()
    content = about_page(
        queries.sources(engine),
        queries.discrepancies(engine),
        ref.editions,
        ref.metrics,
        queries.dataset_loaded_at(engine),
        lang(),
        differing=queries.differing_figures(engine),
    )
    return page_root("about", content, id=ids.ABOUT_PAGE)


def report_layout(rendered: object = None, **_query: object) -> Any:
    """The briefing's page, which its callback fills from the address (callbacks/report.py)."""
    return no_update if built_already("report", rendered) else page_root("report", report_page(lang()))


def not_found_layout(rendered: object = None, **_query: object) -> Any:
    """For an address that is no page of the app (answered with 404 by ``dashboard.not_found``)."""
    if built_already("not_found", rendered):
        return no_update
    language = lang()
    return page_root(
        "not_found", not_found_page(language, "" if language == runtime().lang else f"?{PARAM_LANG}={language}")
    )


def _title(key: str) -> Callable[[], str]:
    """A page's browser title in the request's language: browser tabs, history and a screen reader tell them apart."""

    def title() -> str:
        language = lang()
        return t("page_title", language, view=t(key, language))

    return title


#: the module names the pages are registered under (Dash finds the not-found page by its name's last part)
ROOT_PAGE, ABOUT_PAGE, REPORT_PAGE, NOT_FOUND_PAGE = "sze.root", "sze.about", "sze.report", "sze.not_found_404"
BEHEER_PAGE = "sze.beheer"


def view_page_name(view: View) -> str:
    """The module name a view's page is registered under in ``dash.page_registry``."""
    return f"sze.view.{view.name}"


def register_pages(app: Dash, views: Sequence[View]) -> None:
    """Every page of the app in ``dash.page_registry``: the views (``view=`` in their entry), the root, which
    shows the first view, 'Over de cijfers', the briefing, /beheer and the not-found page."""
    for page in [name for name in dash.page_registry if name.startswith("sze.")]:
        del dash.page_registry[page]  # an app created before in this process (tests) registered its own
    for view in views:
        dash.register_page(
            view_page_name(view),
            path=view_path(view.slug),
            name=view.label,
            order=view.order,
            title=_title(view.label),
            description=_description(view),
            layout=view_layout(view),
            view=view,
        )
    if views:
        first = min(views, key=lambda view: view.order)
        dash.register_page(
            ROOT_PAGE,
            path=DASHBOARD_PATH,
            title=_title(first.label),
            description=_description(first),
            layout=view_layout(first),
        )
    dash.register_page(ABOUT_PAGE, path=ABOUT_PATH, title=_title("nav_about"), layout=about_layout)
    dash.register_page(REPORT_PAGE, path=REPORT_PATH, title=_title("report_title"), layout=report_layout)
    # for editors only (dashboard.security answers anyone else 403, and the layout shows them how to get in)
    dash.register_page(BEHEER_PAGE, path=BEHEER_PATH, title=_title("beheer.title"), layout=beheer_layout)
    dash.register_page(NOT_FOUND_PAGE, path="/404", title=_title("not_found"), layout=not_found_layout)


def _description(view: View) -> Callable[[], str]:
    """A view's meta description in the request's language."""
    return lambda: t(view.description or "app_subtitle", lang())


def demo_banner(_pathname: str | None, _search: str | None = None) -> Any:
    """Announce synthetic demo rows, if the database holds any."""
    count = queries.synthetic_row_count(db())
    if not count:
        return None
    language = lang()
    # one line: the whole sentence on a wide screen, its short form on a phone (CSS shows the one that fits)
    return dbc.Alert(
        [
            html.Span(t("demo_banner", language, n=fmt_count(count, lang=language)), className="demo-long"),
            html.Span(t("demo_banner_short", language), className="demo-short"),
        ],
        color="warning",
        className="demo-banner",
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
    app.callback(Output(ids.DASHBOARD_PAGE, "hidden"), Input(ids.URL, "pathname"))(show_page)
    # the Div the router fills: the first of dash.page_container's (after its Location)
    content = next(c.to_plotly_json()["props"]["id"] for c in dash.page_container.children if isinstance(c, html.Div))
    app.clientside_callback(RENDERED_SCRIPT, Output(ids.RENDERED_PAGE, "data"), Input(content, "children"))
    # the URL's query comes along (unused here) as it carries the page's language (common.request_language)
    app.callback(Output(ids.DEMO_BANNER, "children"), Input(ids.URL, "pathname"), State(ids.URL, "search"))(demo_banner)
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
