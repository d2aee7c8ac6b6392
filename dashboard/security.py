"""What every response carries and every request must show: security headers (a Content-Security-Policy that
admits Dash's inline scripts by their hashes and no eval), callbacks only from the dashboard's own pages, and,
when configured, a login on every route but ``/healthz``.

One small middleware rather than flask-talisman: its last release (1.1.0) is of 2023, and its defaults (a
redirect to https, HSTS, secure-only cookies) would each have to be switched off for an intranet on plain http,
leaving only a header dict to fill, which is what ``security_headers`` does in a few lines.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import tempfile
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from dash import Dash
from flask import Response, g, redirect, request, session
from werkzeug.security import check_password_hash, generate_password_hash

from callbacks.common import IDENTIFY_KEY
from core.i18n import supported, t
from core.selection import BEHEER_PATH
from dashboard.settings import Settings

log = logging.getLogger(__name__)

#: Open without login: the load balancer's probe. It answers "ok" or "database unavailable", never a figure.
OPEN_PATHS = frozenset({"/healthz"})
#: The name the browser's login prompt shows.
REALM = "SZE dashboard"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: the signed session's entry that makes a browser an editor where no login is configured (the editor link)
EDITOR_SESSION_KEY = "sze_editor"
#: the editor link's query parameter
TOKEN_PARAM = "token"


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


def subresource_policy(frame_ancestors: str) -> str:
    """The CSP of anything but a page (scripts, styles, JSON, images): opened by itself, it runs and loads nothing."""
    return f"default-src 'none'; frame-ancestors {frame_ancestors}"


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


class Login:
    """Who the visitor is: a basic-auth user with the right password, or the user a trusted proxy names."""

    def __init__(self, users: Mapping[str, str], header: str | None) -> None:
        self.users = dict(users)
        self.header = header
        # a password that verified once is known by its HMAC under a key of this process, never kept itself:
        # a page load makes some thirty requests, each with the password, and a scrypt check takes ~70 ms
        self._key = secrets.token_bytes(32)
        self._verified: dict[str, bytes] = {}
        # an unknown user's password is checked against this, so the answer takes as long as for a known one
        self._decoy = generate_password_hash(secrets.token_urlsafe(16)) if self.users else ""

    @property
    def basic(self) -> bool:
        """Whether the browser is asked for a user name and password (else a proxy signs users in)."""
        return self.header is None

    def user(self) -> str | None:
        """The signed-in user of this request, or None."""
        if self.header is not None:
            return request.headers.get(self.header, "").strip() or None
        auth = request.authorization
        if auth is None or auth.type != "basic" or not auth.username or auth.password is None:
            return None
        return auth.username if self._valid(auth.username, auth.password) else None

    def _valid(self, user: str, password: str) -> bool:
        digest = hmac.new(self._key, password.encode("utf-8"), hashlib.sha256).digest()
        known = self._verified.get(user)
        if known is not None and hmac.compare_digest(known, digest):
            return True
        stored = self.users.get(user)
        ok = check_password_hash(stored or self._decoy, password) and stored is not None
        if ok:
            self._verified[user] = digest
        return ok


class Editors:
    """Who may enter /beheer: a signed-in user named in SZE_EDITORS, or, where no login is configured, a browser
    that opened the editor link ``sze-dashboard serve`` printed (a signed session, as Jupyter's token link)."""

    def __init__(self, settings: Settings, login: Login | None) -> None:
        self.names = frozenset(settings.editors)
        self.login = login
        # the session holds the token's digest, never the token: a new run's token ends the old run's sessions
        token = settings.editor_token if login is None else None
        self._digest = hashlib.sha256(token.encode("utf-8")).hexdigest() if token else None
        # the link works once: its first use leaves a file there, which no other use (in any worker) can make
        claims = settings.editor_link_claims or (tempfile.mkdtemp(prefix="sze-editor-link-") if token else "")
        self._claim = Path(claims) / "used" if token else None

    def allows(self, user: str | None) -> bool:
        """Whether this request comes from an editor (``user``: the login's user, if any)."""
        if self.login is not None:
            return user is not None and user in self.names
        held = session.get(EDITOR_SESSION_KEY)
        return self._digest is not None and isinstance(held, str) and hmac.compare_digest(held, self._digest)

    def sign_in(self, token: str) -> bool:
        """Start an editor's session if ``token`` is the editor link's; False (and nothing changed) if not."""
        if self._digest is None:
            return False
        digest = hashlib.sha256(token.encode("utf-8")).hexdigest()
        if not hmac.compare_digest(digest, self._digest) or not self._claimed():
            return False
        session.clear()  # a fresh session: nothing an earlier visitor of this browser left counts
        session[EDITOR_SESSION_KEY] = digest
        session.permanent = False  # ends with the browser
        return True

    def _claimed(self) -> bool:
        """Take the link's one use: True for the first request that asks (of any worker), False ever after."""
        if self._claim is None:
            return False
        try:
            os.close(os.open(self._claim, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600))
        except OSError:  # used already (or its folder gone): the link no longer signs anyone in
            return False
        return True


def editor_link(host: str, port: int, token: str, prefix: str = "/") -> str:
    """The address ``sze-dashboard serve`` prints for the editor to open /beheer with."""
    shown = f"[{host}]" if ":" in host else host  # an IPv6 address (::1) is bracketed in a URL
    return f"http://{shown}:{port}{prefix.rstrip('/')}{BEHEER_PATH}?{TOKEN_PARAM}={token}"


def is_editor() -> bool:
    """Whether this request comes from an editor, as the request hook found (False outside one: fail closed)."""
    return bool(g.get("sze_editor", False))


def _beheer_page(prefix: str) -> bool:
    """Whether this request asks for the /beheer page itself (not a callback of it)."""
    return request.path.rstrip("/") == prefix.rstrip("/") + BEHEER_PATH


def _without_token() -> Response:
    """The same /beheer address without its token: it must not stay in the address bar, history or a referrer."""
    kept = [(name, value) for name, value in request.args.items(multi=True) if name != TOKEN_PARAM]
    query = urlencode(kept)
    response = redirect(request.path + (f"?{query}" if query else ""), code=303)
    response.headers["Cache-Control"] = "no-store"
    return response  # type: ignore[return-value]


def _refusal(key: str, status: int, settings: Settings) -> Response:
    """A short plain-text answer in the page's language (its ``taal=``, else the app's): no data, no trace."""
    language = supported(request.args.get("taal")) or settings.lang
    response = Response(t(key, language) + "\n", status=status, mimetype="text/plain")
    response.headers["Cache-Control"] = "no-store"
    return response


def install(app: Dash, settings: Settings) -> None:
    """Give every response the security headers, refuse cross-site callback POSTs, and ask for a login on
    every route but ``/healthz`` when ``settings`` configure one."""
    server = app.server
    if settings.secret_key:
        server.secret_key = settings.secret_key
    else:
        # only the editor link's session signs with it (basic auth is checked per request), and ``sze-dashboard
        # serve`` makes one key for all its workers before it forks, as it makes the link's token: so a missing
        # key is no reason to refuse to start. A bare gunicorn has no editor link, hence nothing to share.
        server.secret_key = secrets.token_hex(32)
        log.warning("SZE_SECRET_KEY is not set: this process uses a random secret key of its own")
    server.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    login = Login(dict(settings.basic_auth_users), settings.trusted_user_header) if settings.login_required else None
    editors = Editors(settings, login)
    prefix = app.config.routes_pathname_prefix

    def identify(user: str | None = None) -> None:
        """Who sent this request: its login's user (``user``, if known) and whether it is an editor's."""
        g.sze_user = login.user() if user is None and login is not None else user
        g.sze_editor = editors.allows(g.sze_user)

    # a background job asks again who sent the request that started it (callbacks.common.job_request)
    server.extensions[IDENTIFY_KEY] = identify

    @server.before_request
    def _guard() -> Response | None:
        """401 without a login (where one is asked), 403 for a cross-site POST, 415 for a POST that is not JSON;
        who is an editor (``is_editor``), and the editor link's sign-in."""
        if request.path in OPEN_PATHS:
            return None
        user = login.user() if login is not None else None
        if login is not None and user is None:
            response = _refusal("auth_required", 401, settings)
            if login.basic:
                response.headers["WWW-Authenticate"] = f'Basic realm="{REALM}", charset="UTF-8"'
            return response
        identify(user)
        if request.method == "GET" and TOKEN_PARAM in request.args and _beheer_page(prefix):
            # a right token signs in; a wrong one is dropped all the same, and the page says how to get in
            g.sze_editor = editors.sign_in(request.args[TOKEN_PARAM]) or g.sze_editor
            return _without_token()
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
        """The security headers, on every response (assets, callbacks, errors and refusals too).

        The page's policy goes with HTML only: a script's, style sheet's or callback's own policy governs
        nothing of the page that loads it, only that response when opened as a document by itself, where it
        may then run and load nothing. The full policy is 700 bytes, sent uncompressed with each of the
        forty responses of a cold load.
        """
        response.headers.update(headers())
        if _beheer_page(prefix) and request.method == "GET":
            response.headers["Cache-Control"] = "no-store"  # who may see it depends on who asks
            if response.status_code == 200 and not is_editor():
                response.status_code = 403  # the page says how to get in
        if response.mimetype != "text/html":
            response.headers["Content-Security-Policy"] = subresource_policy(settings.frame_ancestors)
        return response
