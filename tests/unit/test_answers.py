"""Kept answers: every write gives the data a new version, equal selections share one answer, a new version
is seen at once, and a cache that fails costs time, never the answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import event

from callbacks import answers
from dashboard.app import create_app
from dashboard.settings import Settings
from data_access import version
from data_access.engine import make_engine
from ingest import backup, demo
from ingest.importer import import_file
from ingest.loader import load_bundled
from tests.callback_requests import post, server_callbacks, view_body
from tests.unit.test_import import GOOD, write_csv

UPDATE = "/_dash-update-component"


@pytest.fixture
def engine(filled_db_url):
    eng = make_engine(filled_db_url)
    yield eng
    eng.dispose()


def test_every_write_gives_a_new_version_and_nothing_else_does(engine, tmp_path: Path):
    seen = [version.current(engine)]
    assert seen[0], "the bundled load gives a version"

    def changed() -> bool:
        seen.append(version.current(engine))
        return seen[-1] != seen[-2]

    export = write_csv(tmp_path / "export.csv", GOOD)
    import_file(engine, "activities", export, dry_run=True)
    assert not changed(), "a dry run wrote nothing"
    import_file(engine, "activities", export)
    assert changed(), "an import"
    import_file(engine, "activities", export)
    assert not changed(), "the same file again changes nothing"
    assert load_bundled(engine) is None and not changed(), "the bundled dataset, unchanged"
    load_bundled(engine, force=True)
    assert changed(), "the bundled dataset reloaded"


def test_demo_data_gives_a_new_version_and_a_restore_keeps_the_exports(db_url, tmp_path: Path):
    engine = make_engine(db_url)
    load_bundled(engine, force=True)
    before = version.current(engine)
    demo.generate(engine, 200, seed=3)
    after = version.current(engine)
    assert after != before
    backup.export_all(engine, tmp_path / "export")
    engine.dispose()
    other = make_engine(f"sqlite:///{tmp_path / 'other.db'}")
    backup.restore_all(other, tmp_path / "export")
    # the same rows under the same version: what a cache kept for them is still right
    assert version.current(other) == after
    other.dispose()


def _trends(client):
    return next(
        dep
        for dep in server_callbacks(client.get("/_dash-dependencies").get_json())
        if dep["output"].startswith("..trends-graph.figure")
    )


def _count_queries(engine_url: str):
    from data_access.engine import engine_for

    counted = {"n": 0}

    def count(*_args) -> None:
        counted["n"] += 1

    event.listen(engine_for(engine_url), "before_cursor_execute", count)
    return counted


def test_an_equal_selection_is_answered_from_the_kept_answer_and_a_new_version_at_once(db_url, tmp_path: Path):
    engine = make_engine(db_url)
    load_bundled(engine, force=True)
    app = create_app(Settings(database_url=db_url))
    client = app.server.test_client()
    trends = _trends(client)
    counted = _count_queries(db_url)
    first = post(client, UPDATE, view_body(trends, {"tab": "trends", "region": "zuid"}))
    made = counted["n"]
    counted["n"] = 0
    # the same selection, as another link spells it
    again = post(client, UPDATE, view_body(trends, {"tab": "trends", "region": "ZUID", "editions": "x"}))
    kept = counted["n"]
    assert first.status_code == again.status_code == 200
    assert json.loads(first.data)["response"] == json.loads(again.data)["response"]
    assert kept <= 3, f"{kept} queries for a kept answer (its version), {made} to make it"
    # an import: the very next answer is made anew from the new data
    counted["n"] = 0
    import_file(engine, "activities", write_csv(tmp_path / "export.csv", GOOD))
    post(client, UPDATE, view_body(trends, {"tab": "trends", "region": "zuid"}))
    assert counted["n"] >= made - 1, "an answer kept from before the import was served"
    engine.dispose()


def test_with_redis_unreachable_every_view_still_answers(database_url, caplog):
    app = create_app(Settings(database_url=database_url, redis_url="redis://127.0.0.1:1/0"))
    client = app.server.test_client()
    answer = post(client, UPDATE, view_body(_trends(client), {"tab": "trends"}))
    assert answer.status_code == 200
    assert json.loads(answer.data)["response"]["trends-graph"]["figure"]["data"]
    assert "cache unavailable" in caplog.text


def test_the_regions_and_weeks_one_click_away_are_answered_before_they_are_asked(filled_db_url, tmp_path: Path):
    # as `sze-dashboard serve` runs it: a folder the workers share, and the answers one click away made ahead
    folder = tmp_path / "answers"
    folder.mkdir()
    app = create_app(Settings(database_url=filled_db_url, answers_dir=str(folder), answers_ahead=True))
    client = app.server.test_client()
    trends = _trends(client)
    for language in ("nl", "en"):
        post(client, UPDATE, view_body(trends, {"tab": "trends", "lang": language}))
    answers.wait_ahead()
    # another worker of the same server (the same folder, nothing made ahead by it): a click on Zuid or on week 2
    # is answered from what was kept, and is the answer it would have made itself, in the page's language
    other = create_app(Settings(database_url=filled_db_url, answers_dir=str(folder))).server.test_client()
    alone = create_app(Settings(database_url=filled_db_url)).server.test_client()
    post(other, UPDATE, view_body(trends, {"tab": "trends"}))  # its first request reads the reference data
    for clicked in ({"region": "zuid"}, {"week": 2}):
        for language in ("nl", "en"):
            selection = {"tab": "trends", "lang": language, **clicked}
            counted = _count_queries(filled_db_url)
            kept = post(other, UPDATE, view_body(trends, selection))
            assert counted["n"] <= 3, f"{counted['n']} queries for {selection}, made ahead"
            made = post(alone, UPDATE, view_body(trends, selection))
            assert json.loads(kept.data)["response"] == json.loads(made.data)["response"]
    assert "in the dataset" in kept.data.decode()  # the last one asked: the English page's week 2


def test_without_the_folder_or_redis_each_process_keeps_its_own_answers():
    assert answers.config(None)["CACHE_TYPE"] == "SimpleCache"
    assert answers.config(None, "/tmp/x") == {
        "CACHE_TYPE": "FileSystemCache",
        "CACHE_DIR": "/tmp/x",
        "CACHE_THRESHOLD": answers.FOLDER_ENTRIES,
        "CACHE_DEFAULT_TIMEOUT": answers.TIMEOUT_SECONDS,
    }
    assert answers.config("redis://localhost:1/0", "/tmp/x")["CACHE_TYPE"] == "RedisCache"
