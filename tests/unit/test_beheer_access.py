"""Who may enter /beheer (issue 18): editors named in SZE_EDITORS behind the login, or, without a login, the
browser that opened the editor link ``sze-dashboard serve`` printed; everyone else 401 or 403."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from werkzeug.security import generate_password_hash

from dashboard.app import create_app
from dashboard.settings import Settings, read_editors, read_users

PASSWORD = "geheim wachtwoord"
#: hashed once: a scrypt hash takes a noticeable moment
USERS = ",".join(f"{name}:{generate_password_hash(PASSWORD)}" for name in ("redacteur", "lezer"))


def _client(app: Any, user: str | None) -> Any:
    client = app.server.test_client()
    if user:
        credentials = base64.b64encode(f"{user}:{PASSWORD}".encode()).decode()
        client.environ_base["HTTP_AUTHORIZATION"] = "Basic " + credentials
    return client


@pytest.fixture(scope="module")
def beheer(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, str]:
    """The dashboard with a login (redacteur is an editor, lezer a reader)."""
    from data_access.engine import make_engine
    from ingest.loader import load_bundled

    url = f"sqlite:///{tmp_path_factory.mktemp('access') / 'sze.db'}"
    load_bundled(make_engine(url), force=True)
    settings = Settings(database_url=url, basic_auth_users=read_users(USERS), editors=("redacteur",))
    return create_app(settings), url


def test_editors_come_from_sze_editors(monkeypatch):
    monkeypatch.setenv("SZE_EDITORS", " redacteur, ,anna,redacteur ")
    assert Settings.from_env(database_url="sqlite://").editors == ("redacteur", "anna")
    assert read_editors("") == ()


def test_beheer_answers_401_without_login_403_to_a_reader_and_200_to_an_editor(beheer):
    app, _ = beheer
    assert _client(app, None).get("/beheer").status_code == 401
    reader = _client(app, "lezer").get("/beheer")
    assert reader.status_code == 403 and reader.headers["Cache-Control"] == "no-store"
    assert _client(app, "redacteur").get("/beheer").status_code == 200
    assert _client(app, "lezer").get("/").status_code == 200  # a reader reads the rest as before


def test_the_editor_link_signs_in_once_and_leaves_no_token_in_the_address(database_url):
    app = create_app(Settings(database_url=database_url, editor_token="t0ken-of-this-run"))
    client = app.server.test_client()
    assert client.get("/beheer").status_code == 403  # the page explains how to get in
    wrong = client.get("/beheer?token=guess")
    assert wrong.status_code == 303 and "token" not in wrong.headers["Location"]
    assert client.get("/beheer").status_code == 403
    right = client.get("/beheer?token=t0ken-of-this-run&taal=en")
    assert right.status_code == 303 and right.headers["Location"] == "/beheer?taal=en"
    assert client.get("/beheer").status_code == 200  # the signed session
    # the link works once: opened again (say from the shell's scrollback, in another browser) it signs no one in
    again = app.server.test_client()
    assert again.get("/beheer?token=t0ken-of-this-run").status_code == 303
    assert again.get("/beheer").status_code == 403
    assert client.get("/beheer").status_code == 200  # the first browser keeps its session
    # another run's token (or no token at all) does not honour this session
    other = create_app(Settings(database_url=database_url, editor_token="next-run", secret_key=app.server.secret_key))
    other_client = other.server.test_client()
    other_client.set_cookie("session", client.get_cookie("session").value)
    assert other_client.get("/beheer").status_code == 403


def test_the_editor_link_signs_in_once_whichever_worker_answers(database_url, tmp_path):
    shared = Settings(database_url=database_url, editor_token="one-use", editor_link_claims=str(tmp_path))
    first, second = (create_app(shared).server.test_client() for _ in range(2))  # two workers of one serve
    assert first.get("/beheer?token=one-use").status_code == 303 and first.get("/beheer").status_code == 200
    assert second.get("/beheer?token=one-use").status_code == 303 and second.get("/beheer").status_code == 403


def test_serve_prints_an_editor_link_only_on_loopback_without_a_login(capsys):
    from dashboard.cli import _with_editor_link

    settings = _with_editor_link(Settings(database_url="sqlite://"), "127.0.0.1", 8050, dev=False)
    assert (
        settings.editor_token
        and f"http://127.0.0.1:8050/beheer?token={settings.editor_token}" in capsys.readouterr().err
    )
    assert _with_editor_link(Settings(database_url="sqlite://"), "0.0.0.0", 8050, dev=False).editor_token is None
    login = Settings(database_url="sqlite://", basic_auth_users=read_users(USERS))
    assert _with_editor_link(login, "127.0.0.1", 8050, dev=False).editor_token is None


def test_the_editor_link_brackets_an_ipv6_host():
    from dashboard.security import editor_link

    assert editor_link("::1", 8050, "abc") == "http://[::1]:8050/beheer?token=abc"


def test_the_guard_keeps_pattern_ids_of_the_editors_components_to_editors():
    import json

    from dash import ALL, Dash, Input, Output, html

    from dashboard.guard import editor_only

    app = Dash(__name__)
    app.layout = html.Div()
    outputs = {"beheer": {"type": "beheer-row", "index": ALL}, "other": {"type": "chart-row", "index": ALL}}
    for name, output in outputs.items():
        app.callback(Output(output, "children"), Input(f"{name}-button", "n_clicks"))(lambda n: n)
    keys = {
        name: next(k for k in app.callback_map if json.dumps(out["type"])[1:-1] in k) for name, out in outputs.items()
    }
    assert editor_only(app, {"output": keys["beheer"]}, "beheer-")
    assert not editor_only(app, {"output": keys["other"]}, "beheer-")
