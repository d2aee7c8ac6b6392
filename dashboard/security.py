"""What every response carries and every request must show: security headers (a Content-Security-Policy that
admits Dash's inline scripts by their hashes and no eval), and callbacks only from the dashboard's own pages.

One small middleware rather than flask-talisman: its last release (1.1.0) is of 2023, and its defaults (a
redirect to https, HSTS, secure-only cookies) would each have to be switched off for an intranet on plain http,
leaving only a header dict to fill, which is what ``security_headers`` does in a few lines.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from functools import cache
from urllib.parse import urlsplit

from dash import Dash
from flask import Response, request

from core.i18n import supported, t
from dashboard.settings import Settings

log = logging.getLogger(__name__)

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def content_security_policy(script_hashes: Sequence[str], frame_ancestors: str) -> str:
    """The CSP: the dashboard's own host for everything, inline scripts only by hash, no eval, no plugins."""
    directives = {
        "default-src": "'self'",
        # Dash's inline scripts (the renderer's start, the clientside callbacks) by their hashes; no 'unsafe-eval'
        "script-src": " ".join(("'self'", *script_hashes)),
        # plotly.js writes <style> elements and style attributes as it draws: no hash can follow those
        "style-src": "'self' 'unsafe-inline'",
        # plotly's image export draws the chart into data: and blob: URLs
        "img-src": "'self' data: blob:",
        "font-src": "'self' data:",
        # every request a control makes (layout, callbacks, map boundaries, topojson) goes to this host only
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": frame_ancestors,
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def frame_options(frame_ancestors: str) -> str | None:
    """X-Frame-Options saying what frame-ancestors says, for browsers that know only the old header; None where
    it cannot (named origins), as browsers that know frame-ancestors ignore X-Frame-Options anyway."""
    return {"'none'": "DENY", "'self'": "SAMEORIGIN"}.get(frame_ancestors)


def security_headers(settings: Settings, script_hashes: Sequence[str]) -> dict[str, str]:
    """The headers every response carries."""
    headers = {
        "Content-Security-Policy": content_security_policy(script_hashes, settings.frame_ancestors),
        "X-Content-Type-Options": "nosniff",
        # same-origin, never no-referrer: the layout request takes the page's language from its referrer
        # (callbacks.common.request_language); other hosts learn nothing of the page
        "Referrer-Policy": "same-origin",
    }
    framing = frame_options(settings.frame_ancestors)
    if framing:
        headers["X-Frame-Options"] = framing
    if settings.hsts_max_age:
        headers["Strict-Transport-Security"] = f"max-age={settings.hsts_max_age}"
    return headers


def cross_site() -> bool:
    """Whether this request comes from a page of another site, as the browser says (Sec-Fetch-Site, else Origin).

    A request with neither header is no browser's cross-site request: browsers send Origin with every POST.
    """
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site != "same-origin"
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    return urlsplit(origin).netloc.lower() != request.host.lower()


def _refusal(key: str, status: int, settings: Settings) -> Response:
    """A short plain-text answer in the page's language (its ``taal=``, else the app's): no data, no trace."""
    language = supported(request.args.get("taal")) or settings.lang
    response = Response(t(key, language) + "\n", status=status, mimetype="text/plain")
    response.headers["Cache-Control"] = "no-store"
    return response


def install(app: Dash, settings: Settings) -> None:
    """Give every response the security headers, the server its secret key, and refuse cross-site callback POSTs."""
    server = app.server
    if settings.secret_key:
        server.secret_key = settings.secret_key
    else:
        # nothing signs with it yet (no Flask session, no signed cookie; basic auth is checked per request), so a
        # missing key is no reason to refuse to start; were anything to sign, every worker would need the same
        server.secret_key = secrets.token_hex(32)
        log.warning("SZE_SECRET_KEY is not set: this process uses a random secret key of its own")
    server.config["SESSION_COOKIE_SAMESITE"] = "Lax"

    @server.before_request
    def _guard() -> Response | None:
        """403 for a cross-site POST, 415 for a POST that is not JSON."""
        if request.method not in _SAFE_METHODS:
            # a page elsewhere can make the browser POST a form (text/plain, urlencoded) but not JSON without
            # a CORS preflight this app never grants; the Origin check stops it before Dash reads anything
            if cross_site():
                return _refusal("request_refused", 403, settings)
            if not request.is_json:
                return _refusal("request_refused", 415, settings)
        return None

    @cache
    def headers() -> dict[str, str]:
        # at the first response: by then every clientside callback has put its inline script on the app
        return security_headers(settings, app.csp_hashes())

    @server.after_request
    def _headers(response: Response) -> Response:
        """The security headers, on every response (assets, callbacks, errors and refusals too)."""
        response.headers.update(headers())
        return response
