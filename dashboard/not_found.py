"""The addresses of the pages: an old link's view (``/?tab=trends``) redirected to its page, and an address that
is no page of the app answered with 404, still with the page that says so and offers the ways on."""

from __future__ import annotations

from dash import Dash
from flask import Response, redirect, request
from werkzeug.wrappers import Response as BaseResponse

from callbacks.common import runtime_of
from core.selection import Page, legacy_redirect, page_for

#: the rule under which Dash serves its index for every path that has no route of its own
_CATCH_ALL = "<path:path>"


def register(app: Dash) -> None:
    """Redirect old links and answer 404 where Dash serves its index for a path no page has.

    Only the status changes for an unknown path: the body stays Dash's index, under which the renderer
    loads as under a 200 and shows the not-found page (callbacks/pages.py). Every other route keeps its
    own answer: Dash's (``_dash-*``, assets, component suites, the favicon), ``/healthz``, ``/geo/...`` and
    the pages, under whatever ``routes_pathname_prefix`` the app has (``DASH_URL_BASE_PATHNAME``).
    """
    prefix = app.config.routes_pathname_prefix
    index_rules = {prefix, prefix + _CATCH_ALL}

    def _page_path() -> str | None:
        """The path below the prefix of a request Dash answers with its index; None for any other request."""
        rule = request.url_rule
        if rule is None or rule.rule not in index_rules:
            return None
        return "/" + str((request.view_args or {}).get("path", ""))

    def _old_link() -> BaseResponse | None:
        path = _page_path()
        if request.method != "GET" or path is None:
            return None
        target = legacy_redirect(path, request.query_string.decode("latin-1"), runtime_of(app).tabs)
        # permanent: bookmarks and search engines learn the view's own address
        return redirect(prefix.rstrip("/") + target, code=308) if target else None

    def _status(response: Response) -> Response:
        path = _page_path()
        if path is not None and response.status_code == 200 and page_for(path, runtime_of(app).tabs) is Page.NOT_FOUND:
            response.status_code = 404
        return response

    app.server.before_request(_old_link)
    app.server.after_request(_status)
