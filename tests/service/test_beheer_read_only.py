"""On PostgreSQL /beheer imports through the owner's URL (SZE_ADMIN_DATABASE_URL) while every page and every other
callback of the same process reads through a role that can write nothing (issue 18)."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from werkzeug.security import generate_password_hash

from dashboard.app import create_app
from dashboard.settings import Settings, read_users
from tests.beheer_files import GOOD, data_url, filled
from tests.callback_requests import body, page_load_token, post, post_background, server_callbacks
from tests.roles import read_only_role
from tests.service.conftest import fill

pytestmark = pytest.mark.skipif(
    not os.environ.get("SZE_TEST_DATABASE_URL"), reason="roles exist on PostgreSQL; SQLite has none"
)

UPDATE = "/_dash-update-component"


def test_robeh001_beheer_imports_with_the_owners_url_while_the_rest_reads_read_only(db_url, tmp_path: Path):
    fill(db_url)
    with read_only_role(db_url) as reader_url:
        _import_as_editor(db_url, reader_url, tmp_path)


def _import_as_editor(db_url: str, reader_url: str, tmp_path: Path) -> None:
    try:
        users = read_users(f"redacteur:{generate_password_hash('pw')}")
        settings = Settings(
            database_url=reader_url, admin_database_url=db_url, basic_auth_users=users, editors=("redacteur",)
        )
        app = create_app(settings)
        client = app.server.test_client()
        client.environ_base["HTTP_AUTHORIZATION"] = "Basic " + base64.b64encode(b"redacteur:pw").decode()
        deps = server_callbacks(client.get("/_dash-dependencies").get_json())
        check = next(dep for dep in deps if "beheer-check.children" in dep["output"])
        run = next(dep for dep in deps if "beheer-result.children@" in dep["output"])
        contents = data_url(filled(tmp_path / "goed.xlsx", GOOD))
        payload = body(check, [{"name": "goed.xlsx", "contents": contents}, "auto", "replace", None], [""])
        # checked in a process of its own, with the reader's role, as the rest of the web process reads
        checked = post_background(client, UPDATE, payload, page_load_token(client, "/beheer"))
        data = checked.get_json()["response"]["beheer-checked"]["data"]
        done = post(client, UPDATE, body(run, [1], [{"name": "goed.xlsx", "contents": contents}, data, ""]))
        assert "geïmporteerd" in str(done.get_json()["response"]["beheer-result"]), done.get_data(as_text=True)[:500]
        with create_engine(reader_url).connect() as conn:
            stored = conn.execute(text("SELECT count(*) FROM activities WHERE origin = 'import'")).scalar_one()
        assert stored == len(GOOD)
    finally:
        from data_access.engine import engine_for

        engine_for(reader_url).dispose()
        engine_for(db_url).dispose()
