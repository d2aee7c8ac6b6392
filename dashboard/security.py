"""What every response carries: security headers, with a Content-Security-Policy that admits Dash's inline
scripts by their hashes and no eval.

One small middleware rather than flask-talisman: its last release (1.1.0) is of 2023, and its defaults (a
redirect to https, HSTS, secure-only cookies) would each have to be switched off for an intranet on plain http,
leaving only a header dict to fill, which is what ``security_headers`` does in a few lines.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from functools import cache

from dash import Dash
from flask import Response

from dashboard.settings import Settings

log = logging.getLogger(__name__)


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


def install(app: Dash, settings: Settings) -> None:
    """Give every response the security headers, and the server its secret key."""
    server = app.server
    if settings.secret_key:
        server.secret_key = settings.secret_key
    else:
        # nothing signs with it yet (no Flask session, no signed cookie; basic auth is checked per request), so a
        # missing key is no reason to refuse to start; were anything to sign, every worker would need the same
        server.secret_key = secrets.token_hex(32)
        log.warning("SZE_SECRET_KEY is not set: this process uses a random secret key of its own")
    server.config["SESSION_COOKIE_SAMESITE"] = "Lax"

    @cache
    def headers() -> dict[str, str]:
        # at the first response: by then every clientside callback has put its inline script on the app
        return security_headers(settings, app.csp_hashes())

    @server.after_request
    def _headers(response: Response) -> Response:
        """The security headers, on every response (assets, callbacks, errors and refusals too)."""
        response.headers.update(headers())
        return response
