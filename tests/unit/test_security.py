"""Security as a server gives it: headers on every response, a CSP without eval that Dash's inline scripts fit,
and the secret key of the production app."""

from __future__ import annotations

import base64
import hashlib
import importlib
import re
import sys
from pathlib import Path

import pytest
from werkzeug.security import generate_password_hash

from dashboard.app import create_app
from dashboard.settings import Settings

PASSWORD = "correct horse battery staple"
#: hashed once: a scrypt hash takes a noticeable moment
ALICE = f"alice:{generate_password_hash(PASSWORD)}"


def csp(response) -> dict[str, list[str]]:
    """The response's Content-Security-Policy as directive -> sources."""
    policy = response.headers["Content-Security-Policy"]
    return {name: sources for name, *sources in (part.split() for part in policy.split(";"))}


# --- headers ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/", "/rapport?editie=2021", "/_dash-layout", "/assets/app.css", "/geo/nl-provinces.geojson", "/nergens"]
)
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    # never no-referrer: the layout request reads the page's language from its referrer
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert csp(response)["frame-ancestors"] == ["'none'"]
    assert "Strict-Transport-Security" not in response.headers  # an intranet may serve plain http


def test_the_csp_allows_no_eval_no_inline_script_and_no_other_host(client):
    policy = csp(client.get("/"))
    assert "'unsafe-eval'" not in policy["script-src"] and "'unsafe-inline'" not in policy["script-src"]
    assert policy["connect-src"] == ["'self'"]  # no control can send anything to another host
    assert policy["default-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]  # plotly's image export
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]  # plotly writes its styles as it draws
    assert policy["font-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
    sources = [source for values in policy.values() for source in values]
    assert not [s for s in sources if "://" in s or s == "*"]


def test_every_inline_script_of_the_page_is_allowed_by_its_hash(client):
    """The renderer's start and every clientside callback run; nothing else inline would."""
    response = client.get("/")
    html = response.get_data(as_text=True)
    allowed = set(csp(response)["script-src"])
    inline = [
        body
        for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
        if "src=" not in attributes and "application/json" not in attributes
    ]
    assert len(inline) >= 5  # the renderer and the clientside callbacks (presentation, title, copy, print, ...)
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in allowed, body[:80]


def test_frame_ancestors_and_hsts_come_from_the_environment(monkeypatch, database_url):
    monkeypatch.setenv("SZE_FRAME_ANCESTORS", "self https://intranet.minvws.nl")
    monkeypatch.setenv("SZE_HSTS_MAX_AGE", "31536000")
    client = create_app(Settings.from_env(database_url=database_url)).server.test_client()
    response = client.get("/")
    assert csp(response)["frame-ancestors"] == ["'self'", "https://intranet.minvws.nl"]
    assert "X-Frame-Options" not in response.headers  # it cannot name an origin; frame-ancestors rules
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"

    monkeypatch.setenv("SZE_FRAME_ANCESTORS", "'self'")
    client = create_app(Settings.from_env(database_url=database_url)).server.test_client()
    assert client.get("/").headers["X-Frame-Options"] == "SAMEORIGIN"


# --- the secret key and the production app ---------------------------------------------------------------


def test_the_secret_key_comes_from_the_environment_and_is_never_shown(monkeypatch, database_url):
    monkeypatch.setenv("SZE_SECRET_KEY", "s3cr3t-from-the-vault")
    monkeypatch.setenv("SZE_BASIC_AUTH_USERS", ALICE)
    settings = Settings.from_env(database_url=database_url)
    assert create_app(settings).server.secret_key == "s3cr3t-from-the-vault"
    assert "s3cr3t" not in repr(settings) and "scrypt" not in repr(settings)


def test_without_a_secret_key_each_app_gets_a_random_one_and_says_so(database_url, caplog):
    first = create_app(Settings(database_url=database_url)).server.secret_key
    second = create_app(Settings(database_url=database_url)).server.secret_key
    assert first and second and first != second and len(first) >= 32
    assert "SZE_SECRET_KEY is not set" in caplog.text


def test_the_production_app_is_the_same_create_app_without_debug(monkeypatch, database_url):
    """Procfile and gunicorn load dashboard.wsgi: it has the headers and no debugger."""
    assert "gunicorn dashboard.wsgi:server" in (Path(__file__).parents[2] / "Procfile").read_text()
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SZE_SECRET_KEY", "shared-by-every-worker")
    sys.modules.pop("dashboard.wsgi", None)
    wsgi = importlib.import_module("dashboard.wsgi")
    try:
        assert wsgi.server.debug is False and wsgi.server.secret_key == "shared-by-every-worker"
        response = wsgi.server.test_client().get("/")
        assert response.status_code == 200 and "'unsafe-eval'" not in response.headers["Content-Security-Policy"]
        assert response.headers["Referrer-Policy"] == "same-origin"
    finally:
        sys.modules.pop("dashboard.wsgi", None)
