"""The app factory: ``create_app(settings, views) -> Dash``. Importing this module touches no database."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from importlib.resources import as_file, files

import pandas as pd
from dash import Dash, State, set_props
from dash.exceptions import DependencyException
from flask import Flask, Response, g, has_request_context, redirect, request
from flask_compress import Compress
from sqlalchemy.exc import SQLAlchemyError

from callbacks import answers, register_all
from callbacks.common import RUNTIME_KEY, Runtime, close_db, lang, page_query, read_reference, request_language, views
from core.i18n import t
from core.reference import Reference
from core.selection import HEALTH_PATH, query_filters_open
from core.views import View
from dashboard import guard, jobs, not_found, security
from dashboard.settings import Settings
from data_access import queries
from data_access.engine import engine_for, snapshot
from ingest import bundled
from layouts import ids
from layouts.page import page, unavailable, validation_layout

log = logging.getLogger(__name__)

#: the partial plotly.js (only the trace types the figures draw; scripts/build-plotly.sh), package data of ``dashboard``
PLOTLY_BUNDLE = "vendor/plotly-sze.min.js"

#: seconds a browser keeps a file whose URL changes with its content: a year, as Dash gives its component suites
FINGERPRINTED_MAX_AGE = 365 * 24 * 3600

#: stands for the request's language in the page's <html lang>, filled in per request by SzeDash.interpolate_index
LANG_MARK = "__sze_lang__"
INDEX_STRING = f"""<!DOCTYPE html>
<html lang="{LANG_MARK}">
    <head>
        {{%metas%}}
        <title>{{%title%}}</title>
        {{%favicon%}}
        {{%css%}}
    </head>
    <body>
        {{%app_entry%}}
        <footer>
            {{%config%}}
            {{%scripts%}}
            {{%renderer%}}
        </footer>
    </body>
</html>"""


class SzeDash(Dash):
    """Dash with the page's ``<html lang>`` in the language the request asked for (``taal=``).

    Screen readers pick their voice by the language, so an English page must not say it is Dutch.
    ``interpolate_index`` is the override Dash documents for this (a ``hooks.index`` would act on every Dash app
    of the process, the benchmarks' plain baseline among them).
    """

    def interpolate_index(
        self,
        metas: str = "",
        title: str = "",
        css: str = "",
        config: str = "",
        scripts: str = "",
        app_entry: str = "",
        favicon: str = "",
        renderer: str = "",
    ) -> str:
        """The index page with its language filled in."""
        page = super().interpolate_index(
            metas=metas,
            title=title,
            css=css,
            config=config,
            scripts=scripts,
            app_entry=app_entry,
            favicon=favicon,
            renderer=renderer,
        )
        return str(page).replace(LANG_MARK, lang(), 1)


def _layout(settings: Settings) -> Callable[[], object]:
    """Build the page per request, in its language, from what the database holds; a message if it cannot be read."""

    def serve_layout() -> object:
        # Dash also builds it once at start-up, outside any request: then in the app's own language
        language = lang() if has_request_context() else settings.lang
        # a folded link ('filters=0') opens folded, rather than unfolded and then closing in view
        filters_open = query_filters_open(page_query()) if has_request_context() else True
        try:
            with snapshot(engine_for(settings.database_url)) as conn:  # one state of the data, as callbacks read
                reference = read_reference(conn)
        except SQLAlchemyError:
            log.exception("database unavailable while building the layout")
            return unavailable(language)
        return page(reference, views(), language, filters_open=filters_open)

    return serve_layout


def _on_error(settings: Settings) -> Callable[[Exception], None]:
    def on_error(error: Exception) -> None:
        """Log the trace for the operators; show the user a plain message, never the trace."""
        log.error("callback failed", exc_info=error)
        key = "error_database" if isinstance(error, SQLAlchemyError) else "error_generic"
        set_props(ids.ERROR_ALERT, {"is_open": True, "children": t(key, lang())})

    return on_error


def _empty_reference() -> Reference:
    """Reference data without rows: enough to name every component for ``validation_layout``."""
    frame = pd.DataFrame(columns=["year", "programme", "metric", "editions_with_value", "region", "name"])
    return Reference(editions=frame, metrics=frame, regions=frame)


def _cache_fingerprinted_assets(app: Dash) -> None:
    """A year in the browser's cache for the assets the page names by their file time (``?m=``).

    Dash fingerprints the URLs it writes into the page: component suites by version and file time
    (``plotly-sze.v0_1_0m1732….min.js``; Dash itself serves them with a year's ``max-age``), assets with
    ``?m=<file time>``. Flask serves assets with ``no-cache``, so every load asked again for each of them; as a
    changed file gets a new URL, the one with ``m`` may be kept. An asset asked without it (the world topojson
    plotly fetches, a link typed by hand) keeps ``no-cache`` and its ETag.
    """
    prefix = app.config.routes_pathname_prefix + app.config.assets_url_path.strip("/") + "/"

    @app.server.after_request
    def _cache(response: Response) -> Response:
        if response.status_code == 200 and request.path.startswith(prefix) and "m" in request.args:
            response.cache_control.no_cache = None
            response.cache_control.max_age = FINGERPRINTED_MAX_AGE
        return response


def _load_partial_plotly(app: Dash) -> None:
    """Put the partial plotly.js in the page, where Dash would have dcc.Graph fetch its full one (4.6 MB).

    dcc.Graph fetches Dash's full bundle only when the page has no ``window.Plotly``. Appended to the app's own
    scripts (before the assets, which Dash adds at the first request), the partial bundle is a plain script of the
    ``dashboard`` package that runs before the renderer starts (so every graph finds ``window.Plotly``) and before
    the assets (so ``assets/vendor/plotly-locale-nl.js`` registers ``nl`` at once). Dash serves it as a component
    suite: fingerprinted with the package's version and the file's time, and cached by browsers for a year.
    """
    app.scripts.append_script({"relative_package_path": PLOTLY_BUNDLE, "namespace": "dashboard"})


def _full_plotly_not_served(app: Dash) -> None:
    """404 for plotly's full bundle, which Dash offers every app for dcc.Graph to fetch and this page never asks.

    Dash registers it whatever the app loads (its own ``_setup_plotlyjs``, not meant to be overridden); refusing
    it here keeps a stale page or a crawler from pulling 4.6 MB, and a page that did ask would fail loudly.
    """
    prefix = app.config.routes_pathname_prefix + "_dash-component-suites/plotly/"

    @app.server.before_request
    def _refuse_full_plotly() -> Response | None:
        if request.path.startswith(prefix):
            return Response("not found\n", status=404, mimetype="text/plain")
        return None


def _unknown_scripts_not_found(app: Dash) -> None:
    """A component-suite path Dash did not register: 404, where Dash answers 500."""

    @app.server.errorhandler(DependencyException)
    def _unknown_script(_error: Exception) -> Response:
        return Response("not found\n", status=404, mimetype="text/plain")


def _compressed_types() -> list[str]:
    """flask-compress's own list of types to compress, and the province boundaries' GeoJSON.

    The boundaries are 88 KB of JSON, a fifth of that compressed, on every cold load of a map. The
    extension reads the list once, when Dash sets it up, and keeps its defaults where nobody can
    extend them: read here from a throwaway app.
    """
    probe = Flask("compress-defaults")
    Compress(probe)
    return [*probe.config["COMPRESS_MIMETYPES"], "application/geo+json"]


def create_app(settings: Settings | None = None, extra_views: Sequence[View] = ()) -> Dash:
    """Create the dashboard for ``settings`` (default: from the environment): its views (``callbacks.VIEWS``
    and ``extra_views``) are Dash pages, each at its own path."""
    settings = settings or Settings.from_env()
    with as_file(files("dashboard") / "assets") as assets:  # package data, wherever it is installed
        assets_folder = str(assets)
    server = Flask(__name__)
    server.config["COMPRESS_MIMETYPES"] = _compressed_types()
    app = SzeDash(
        __name__,
        server=server,  # type: ignore[arg-type]  # a Flask app, as Dash documents; its annotation omits it
        assets_folder=assets_folder,
        title=t("app_title", settings.lang),
        update_title="",
        serve_locally=True,
        use_pages=True,
        pages_folder="",  # the pages are registered by callbacks.pages.register_pages, not found in a folder
        # the router asks with the page's address, which carries its language (common.request_language)
        # and with the page it last built (callbacks.pages.built_already)
        routing_callback_inputs={"address": State(ids.URL, "search"), "rendered": State(ids.RENDERED_PAGE, "data")},
        # the pages' components are checked against our own validation_layout (tests/unit/test_registry.py);
        # Dash would otherwise build one by calling every page's layout at the first request, database and all
        suppress_callback_exceptions=True,
        compress=True,  # plotly.js, even partial, is 1.4 MB: gzip makes a cold load on a slow ministry network bearable
        on_error=_on_error(settings),
        background_callback_manager=jobs.manager(settings),  # /beheer's checks of large files (dashboard.jobs)
        # each page's description comes from its registry entry (callbacks.pages)
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.index_string = INDEX_STRING
    _load_partial_plotly(app)
    _cache_fingerprinted_assets(app)
    _unknown_scripts_not_found(app)
    security.install(app, settings)  # headers on every response; login and same-origin POSTs before anything else
    answers.cache.init_app(server, config=answers.config(settings.redis_url, settings.answers_dir))
    runtime = Runtime(
        settings.database_url,
        settings.lang,
        settings.admin_database_url,
        review=settings.review,
        answers_ahead=settings.answers_ahead,
    )
    server.extensions[RUNTIME_KEY] = runtime
    # first of the request hooks: the language hook below reads a callback's body too
    guard.install(
        app,
        t("error_bad_request", settings.lang),
        editor=security.is_editor,  # found by security's hook, which runs before this one
        editor_prefix=ids.BEHEER_PREFIX,
        file_id=ids.BEHEER_FILE,
    )
    _full_plotly_not_served(app)  # after the login check, which comes before anything else

    @server.before_request
    def _language() -> None:
        """Every request in its page's language: the page's own ``taal=``, or the one a callback sends."""
        g.sze_lang = request_language(runtime)

    server.teardown_appcontext(close_db)

    register_all(app, tuple(extra_views))  # the pages first: the layout's tab bar reads them
    app.layout = _layout(settings)
    # only the open page is in the tree: every callback's components are named here instead
    app.validation_layout = validation_layout(  # type: ignore[assignment]
        _empty_reference(), views(), settings.lang, bundled.region_codes()
    )
    not_found.register(app)  # an unknown path answers 404, with the page that says so
    # a browser asks /favicon.ico of any document without an icon link (a CSV, an image): Dash's own icon
    server.add_url_rule(
        "/favicon.ico", "sze_favicon", lambda: redirect(app.get_relative_path("/_favicon.ico"), code=301)
    )

    def healthz() -> Response:
        """200 when the database answers and holds the dataset, else 503."""
        try:
            ok = queries.ping(engine_for(settings.database_url))
        except SQLAlchemyError:
            ok = False
        return Response("ok\n" if ok else "database unavailable\n", status=200 if ok else 503, mimetype="text/plain")

    # at the root for load balancers, and under the app's prefix for its own pages (they ask it relative to themselves)
    for path in dict.fromkeys((HEALTH_PATH, app.config.routes_pathname_prefix + HEALTH_PATH.lstrip("/"))):
        server.add_url_rule(path, f"sze_health{path.count('/')}", healthz)

    @server.errorhandler(500)
    def internal_error(_error: Exception) -> Response:
        """No stack traces to users."""
        return Response(t("error_generic", lang()), status=500, mimetype="text/plain; charset=utf-8")

    return app
