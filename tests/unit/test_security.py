"""Security as a server gives it: headers on every response, a CSP without eval that Dash's inline scripts fit,
callbacks only from the dashboard's own pages, the production settings, and an optional login on every route."""

from __future__ import annotations

import base64
import hashlib
import importlib
import re
import sys
from pathlib import Path

import pytest
from werkzeug.security import generate_password_hash

from callbacks import trends
from core.i18n import t
from dashboard.app import create_app
from dashboard.settings import Settings, read_users
from layouts import ids
from tests.callback_requests import view_update

PASSWORD = "correct horse battery staple"
#: hashed once: a scrypt hash takes a noticeable moment
ALICE = f"alice:{generate_password_hash(PASSWORD)}"


def csp(response) -> dict[str, list[str]]:
    """The response's Content-Security-Policy as directive -> sources."""
    policy = response.headers["Content-Security-Policy"]
    return {name: sources for name, *sources in (part.split() for part in policy.split(";"))}


def trends_redraw() -> dict:
    """A callback request as the page sends it when the trends view is redrawn."""
    return view_update("trends", trends.VIEW.outputs, {"tab": "trends"})


def csv_download() -> dict:
    """A callback request for the filter bar's CSV download."""
    return {
        "output": f"{ids.DOWNLOAD}.data",
        "outputs": {"id": ids.DOWNLOAD, "property": "data"},
        "inputs": [{"id": ids.DOWNLOAD_BUTTON, "property": "n_clicks", "value": 1}],
        "changedPropIds": [f"{ids.DOWNLOAD_BUTTON}.n_clicks"],
        "state": [{"id": ids.SELECTION, "property": "data", "value": {"tab": "trends"}}],
    }


def a_component_suite(client) -> str:
    """The address of a script Dash serves from its component suites, as the page names it."""
    html = client.get("/").get_data(as_text=True)
    return next(src for src in re.findall(r'<script src="([^"]+)"', html) if "_dash-component-suites" in src)


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


def test_a_refused_callback_and_a_failure_carry_them_too(client):
    response = client.post("/_dash-update-component", data="x=1", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415 and response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response.headers


@pytest.mark.parametrize("path", ["/assets/app.css", "/_dash-layout", "/geo/nl-provinces.geojson", "/healthz"])
def test_anything_but_a_page_carries_a_policy_that_runs_nothing_when_opened_by_itself(client, path):
    # the page's own policy governs what the page loads: repeating it on each of forty responses cost 27 KB
    response = client.get(path)
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert (
        client.get("/").headers["Content-Security-Policy"].startswith("default-src 'self'; script-src 'self' 'sha256-")
    )


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


# --- callbacks only from the dashboard's own pages ----------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},  # another host of the same domain is another origin
        {"Origin": "https://elders.example"},
        {"Origin": "null"},  # a sandboxed frame or a data: page
    ],
)
def test_a_callback_from_another_site_is_refused(client, headers):
    response = client.post("/_dash-update-component", json=trends_redraw(), headers=headers)
    assert response.status_code == 403
    assert response.get_data(as_text=True) == t("request_refused", "nl") + "\n"


@pytest.mark.parametrize(
    "headers",
    [{"Sec-Fetch-Site": "same-origin"}, {"Origin": "http://localhost"}, {}],  # {}: not a browser
)
def test_a_callback_from_the_dashboards_own_page_is_answered(client, headers):
    response = client.post("/_dash-update-component", json=trends_redraw(), headers=headers)
    assert response.status_code == 200 and "trends-graph" in response.get_data(as_text=True)


def test_a_form_post_cannot_trigger_a_callback(client):
    """What a foreign page can send without asking (a form: urlencoded or text/plain) is refused unread."""
    for kind in ("application/x-www-form-urlencoded", "text/plain", "multipart/form-data"):
        response = client.post("/_dash-update-component", data='{"output": "x"}', content_type=kind)
        assert response.status_code == 415, kind


# --- login -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def guarded(database_url):
    """The dashboard behind basic auth, for alice."""
    return create_app(Settings(database_url=database_url, basic_auth_users=read_users(ALICE))).server.test_client()


def requests_of_every_kind(client) -> dict[str, tuple[str, str, dict | None]]:
    """One request of each kind the dashboard answers: method, path and JSON body."""
    return {
        "page": ("GET", "/trends", None),
        "layout": ("GET", "/_dash-layout", None),
        "dependencies": ("GET", "/_dash-dependencies", None),
        "callback": ("POST", "/_dash-update-component", trends_redraw()),
        "download": ("POST", "/_dash-update-component", csv_download()),
        "component suite": ("GET", a_component_suite(client), None),
        "asset": ("GET", "/assets/app.css", None),
        "boundaries": ("GET", "/geo/nl-provinces.geojson", None),
        "briefing": ("GET", "/rapport?editie=2021", None),
        "about": ("GET", "/over-de-cijfers", None),
        "unknown": ("GET", "/bestaat-niet", None),  # the page's own "not found" (200 or 404), once signed in
    }


def ask(client, method: str, path: str, body: dict | None, **kwargs):
    return client.open(path, method=method, json=body, **kwargs)


def test_without_a_login_every_route_answers_401_without_data(client, guarded):
    for kind, (method, path, body) in requests_of_every_kind(client).items():
        response = ask(guarded, method, path, body)
        assert response.status_code == 401, kind
        assert response.headers["WWW-Authenticate"] == 'Basic realm="SZE dashboard", charset="UTF-8"', kind
        assert response.get_data(as_text=True) == t("auth_required", "nl") + "\n", kind
        assert response.headers["X-Content-Type-Options"] == "nosniff", kind


def test_with_the_right_password_every_route_answers(client, guarded):
    for kind, (method, path, body) in requests_of_every_kind(client).items():
        response = ask(guarded, method, path, body, auth=("alice", PASSWORD))
        assert response.status_code in ((200, 404) if kind == "unknown" else (200,)), kind
    download = ask(guarded, *requests_of_every_kind(client)["download"], auth=("alice", PASSWORD)).get_json()
    assert download["response"][ids.DOWNLOAD]["data"]["filename"].endswith(".csv")


@pytest.mark.parametrize("user, password", [("alice", "wrong"), ("mallory", PASSWORD), ("alice", ""), ("", "")])
def test_a_wrong_user_or_password_answers_401(guarded, user, password):
    response = guarded.get("/_dash-layout", auth=(user, password))
    assert response.status_code == 401 and "WWW-Authenticate" in response.headers


def test_a_password_is_still_checked_after_the_right_one_was_given(guarded):
    """The remembered check (a page load sends the password some thirty times) accepts only the same password."""
    assert guarded.get("/_dash-layout", auth=("alice", PASSWORD)).status_code == 200
    assert guarded.get("/_dash-layout", auth=("alice", PASSWORD + " ")).status_code == 401
    assert guarded.get("/_dash-layout", auth=("alice", PASSWORD)).status_code == 200


def test_the_health_probe_stays_open_and_says_nothing_of_the_data(guarded):
    response = guarded.get("/healthz")
    assert response.status_code == 200 and response.get_data(as_text=True) == "ok\n"


def test_the_login_text_follows_the_pages_language(guarded):
    assert guarded.get("/?taal=en").get_data(as_text=True) == t("auth_required", "en") + "\n"


def test_behind_a_trusted_proxy_the_user_header_is_the_login(client, database_url):
    proxied = create_app(Settings(database_url=database_url, trusted_user_header="X-Forwarded-User"))
    guarded = proxied.server.test_client()
    for kind, (method, path, body) in requests_of_every_kind(client).items():
        refused = ask(guarded, method, path, body)
        assert refused.status_code == 401 and "WWW-Authenticate" not in refused.headers, kind
        answered = ask(guarded, method, path, body, headers={"X-Forwarded-User": "alice@minvws.nl"})
        assert answered.status_code in ((200, 404) if kind == "unknown" else (200,)), kind
    assert guarded.get("/", headers={"X-Forwarded-User": "  "}).status_code == 401
    assert guarded.get("/", auth=("alice", PASSWORD)).status_code == 401  # basic auth is no login here
    assert guarded.get("/healthz").status_code == 200
