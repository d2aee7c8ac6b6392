"""On PostgreSQL the web process reads through a role that can write nothing; the CLI writes with the owner's URL."""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import ProgrammingError

from tests.browser.conftest import running
from tests.callback_requests import post, server_callbacks, view_body
from tests.service.conftest import CLI, HttpClient, fill
from tests.service.test_concurrency import export

pytestmark = pytest.mark.skipif(
    not os.environ.get("SZE_TEST_DATABASE_URL"), reason="roles exist on PostgreSQL; SQLite has none"
)


def test_ro001_the_dashboard_serves_through_a_read_only_role_that_cannot_change_a_figure(db_url, tmp_path: Path):
    fill(db_url)
    role = f"sze_web_{uuid.uuid4().hex[:8]}"
    owner = {**os.environ, "DATABASE_URL": db_url, "SZE_READ_ONLY_PASSWORD": "it's a secret; -- really"}
    made = subprocess.run([CLI, "grant-read-only", role], env=owner, capture_output=True, text=True)
    assert made.returncode == 0 and "aangemaakt" in made.stdout, made.stdout + made.stderr
    reader_url = make_url(db_url).set(username=role, password="x").render_as_string(hide_password=False)
    reader = create_engine(reader_url)
    try:
        with reader.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM figures")).scalar_one() > 0
            for statement in ("DELETE FROM figures", "DROP TABLE figures", "CREATE TABLE sneaky (x int)"):
                with pytest.raises(ProgrammingError, match=r"permission denied|must be owner"):
                    conn.execute(text(statement))
                conn.rollback()
        # the web process with only the reader's URL; the owner's URL for its start-up fill, as in production
        env = {**os.environ, "DATABASE_URL": reader_url, "SZE_ADMIN_DATABASE_URL": db_url}
        with running([CLI, "serve", "--workers", "1"], env, tmp_path) as base:
            client = HttpClient(base)
            assert client.get("/healthz").status_code == 200
            trends = next(
                dep
                for dep in server_callbacks(client.get("/_dash-dependencies").get_json())
                if dep["output"].startswith("..trends-graph.figure")
            )
            answer = post(client, "/_dash-update-component", view_body(trends, {"tab": "trends"}))
            assert answer.status_code == 200 and answer.get_json()["response"]["trends-graph"]["figure"]["data"]
        # an import with only the reader's URL is refused plainly, and nothing is written
        refused = subprocess.run(
            [CLI, "import", "activities", str(export(tmp_path / "x.csv", 5))],
            env={**os.environ, "DATABASE_URL": reader_url},
            capture_output=True,
            text=True,
        )
        assert refused.returncode == 3 and "permission denied" in refused.stderr, refused.stdout + refused.stderr
        assert "Traceback" not in refused.stderr
    finally:
        reader.dispose()
        admin = create_engine(db_url)
        with admin.begin() as conn:
            conn.execute(text(f'DROP OWNED BY "{role}"'))
        admin.dispose()
        server = create_engine(
            make_url(db_url).set(database="postgres"), isolation_level="AUTOCOMMIT", pool_pre_ping=True
        )
        with server.connect() as conn:
            conn.execute(text(f'REVOKE ALL ON DATABASE "{make_url(db_url).database}" FROM "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))  # roles are the cluster's: leave none behind
        server.dispose()
