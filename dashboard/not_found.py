"""An address that is no page of the app answers 404, still with the page that says so and offers the ways on."""

from __future__ import annotations

from dash import Dash
from flask import Response, request

from core.selection import Page, page_for

#: the rule under which Dash serves its index for every path that has no route of its own
_CATCH_ALL = "<path:path>"


def register(app: Dash) -> None:
    """Answer 404 where Dash's catch-all serves a path that ``core.selection.page_for`` does not know.

    Only the status changes: the body stays Dash's index, under which the renderer loads as under a
    200 and shows the not-found page (callbacks/pages.py). Every other route keeps its own answer:
    Dash's (``_dash-*``, assets, component suites, the favicon), ``/healthz``, ``/geo/...`` and the
    pages, under whatever ``routes_pathname_prefix`` the app has (``DASH_URL_BASE_PATHNAME``).
    """
    catch_all = app.config.routes_pathname_prefix + _CATCH_ALL

    def _status(response: Response) -> Response:
        rule = request.url_rule
        served_index = rule is not None and rule.rule == catch_all and response.status_code == 200
        # the path below the prefix, as page_for knows the pages ('rapport/' is the briefing)
        if served_index and page_for("/" + str((request.view_args or {}).get("path", ""))) is Page.NOT_FOUND:
            response.status_code = 404
        return response

    app.server.after_request(_status)
