"""Two dashboard instances behind one address share one PostgreSQL and one Redis: the same answers from both,
and an import seen through both at once."""

from __future__ import annotations

import json
import os
import subprocess
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.browser.conftest import running
from tests.callback_requests import post, server_callbacks, view_body
from tests.service.conftest import CLI, HttpClient, fill
from tests.service.test_concurrency import export, panel_sums

pytestmark = pytest.mark.skipif(
    not (os.environ.get("SZE_TEST_DATABASE_URL") and os.environ.get("SZE_TEST_REDIS_URL")),
    reason="needs the PostgreSQL and Redis servers the test command starts (scripts/with-postgres.sh, with-redis.sh)",
)


def test_scl001_two_instances_answer_alike_and_show_an_import_at_once(db_url, tmp_path: Path):
    import redis

    fill(db_url)
    redis_url = os.environ["SZE_TEST_REDIS_URL"]
    store = redis.Redis.from_url(redis_url)
    store.flushdb()
    env = {**os.environ, "DATABASE_URL": db_url, "SZE_REDIS_URL": redis_url}
    subprocess.run([CLI, "import", "activities", str(export(tmp_path / "a.csv", 120))], env=env, check=True)
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
    with ExitStack() as stack:
        first, second = (
            HttpClient(stack.enter_context(running([CLI, "serve", "--workers", "2"], env, tmp_path / name)))
            for name in ("one", "two")
        )
        detail = next(
            dep
            for dep in server_callbacks(first.get("/_dash-dependencies").get_json())
            if dep["output"].startswith("..detail-map_graph")
        )
        request = view_body(detail, {"tab": "activiteiten", "editions": [2021]})

        def ask(client: HttpClient) -> dict:
            answer = post(client, "/_dash-update-component", request)
            assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
            return json.loads(answer.body)

        made = ask(first)
        assert store.keys("sze:*"), "the first instance kept nothing in the shared Redis"
        assert ask(second)["response"] == made["response"]
        assert set(panel_sums(made)) == {120}
        # an import by the command line, once: both instances answer with the new rows on their next request
        subprocess.run([CLI, "import", "activities", str(export(tmp_path / "b.csv", 180))], env=env, check=True)
        assert set(panel_sums(ask(second))) == {180}
        assert set(panel_sums(ask(first))) == {180}
