"""The app factory: ``create_app(settings) -> Dash``. Importing this module touches no database."""

from __future__ import annotations

import logging

from dash import Dash, set_props
from flask import Response
from sqlalchemy.exc import SQLAlchemyError

from callbacks import register_all
from dashboard.i18n import t
from dashboard.settings import PROJECT_ROOT, Settings
from data_access import queries
from data_access.engine import engine_for
from layouts import ids
from layouts.page import page, unavailable

log = logging.getLogger(__name__)

INDEX_STRING = """<!DOCTYPE html>
<html lang="{lang}">
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


def _layout(settings: Settings):
    """Build the page per request from what the database holds; a message if it cannot be read."""

    def serve_layout():
        try:
            engine = engine_for(settings.database_url)
            editions = queries.editions(engine)
            metrics = queries.metrics(engine)
        except SQLAlchemyError:
            log.exception("database unavailable while building the layout")
            return unavailable(settings.lang)
        choosable = metrics.loc[(metrics["programme"] == "sze") & (metrics["editions_with_value"] > 0), "metric"]
        return page(
            list(zip(editions["year"].astype(int), editions["programme"], strict=True)), list(choosable), settings.lang
        )

    return serve_layout


def _on_error(settings: Settings):
    def on_error(error: Exception) -> None:
        """Log the trace for the operators; show the user a plain message, never the trace."""
        log.error("callback failed", exc_info=error)
        key = "error_database" if isinstance(error, SQLAlchemyError) else "error_generic"
        set_props(ids.ERROR_ALERT, {"is_open": True, "children": t(key, settings.lang)})

    return on_error


def create_app(settings: Settings | None = None) -> Dash:
    """Create the dashboard for ``settings`` (default: from the environment)."""
    settings = settings or Settings.from_env()
    app = Dash(
        __name__,
        assets_folder=str(PROJECT_ROOT / "assets"),
        title=t("app_title", settings.lang),
        update_title=None,
        serve_locally=True,
        compress=True,  # plotly.js is 4.6 MB; gzip makes a cold load on a slow ministry network bearable
        suppress_callback_exceptions=True,  # view skeletons are added by a callback
        on_error=_on_error(settings),
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {"name": "description", "content": t("app_subtitle", settings.lang)},
        ],
    )
    app.index_string = INDEX_STRING.format(lang=settings.lang)
    server = app.server
    server.config["DATABASE_URL"] = settings.database_url
    server.config["SZE_LANG"] = settings.lang
    app.layout = _layout(settings)
    register_all(app)

    @server.route("/healthz")
    def healthz() -> Response:
        """200 when the database answers and holds the dataset, else 503."""
        try:
            ok = queries.ping(engine_for(settings.database_url))
        except SQLAlchemyError:
            ok = False
        return Response("ok\n" if ok else "database unavailable\n", status=200 if ok else 503, mimetype="text/plain")

    @server.errorhandler(500)
    def internal_error(_error) -> Response:
        """No stack traces to users."""
        return Response(t("error_generic", settings.lang), status=500, mimetype="text/plain; charset=utf-8")

    return app
