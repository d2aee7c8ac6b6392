"""/beheer's published record through the app's own callbacks, as a browser (or a forger) sends them: the workbook
down and up, a preview that is the change applied, a forged Store that writes nothing, problems in the page's
language; and an export and restore that keep the editors' rows and their history."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from sqlalchemy import select

from dashboard.app import create_app
from dashboard.settings import Settings, read_users
from data_access import schema
from data_access.engine import make_engine
from ingest import backup, published
from tests.callback_requests import body, post, server_callbacks
from tests.unit.test_beheer import USERS, _client
from tests.unit.test_published import with_2025

UPDATE = "/_dash-update-component"
XLSX = "data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,"


@pytest.fixture
def beheer(filled_db_url: str) -> tuple[Any, str]:
    settings = Settings(database_url=filled_db_url, basic_auth_users=read_users(USERS), editors=("redacteur",))
    return create_app(settings), filled_db_url


def _dep(client: Any, first_input: str) -> dict[str, Any]:
    deps = server_callbacks(client.get("/_dash-dependencies").get_json())
    return next(dep for dep in deps if dep["inputs"] and dep["inputs"][0]["id"] == first_input)


def _upload(client: Any, data: bytes, name: str, search: str = "") -> dict[str, Any]:
    dep = _dep(client, "beheer-pub-upload")
    contents = XLSX + base64.b64encode(data).decode()
    values = [contents, None, None]
    state = [name, search] + [None] * (len(dep["state"]) - 2)
    answer = post(client, UPDATE, body(dep, values, state))
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    return answer.get_json()["response"]


def _apply(client: Any, pending: Any) -> dict[str, Any]:
    dep = _dep(client, "beheer-pub-apply")
    answer = post(client, UPDATE, body(dep, [1], [pending, ""]))
    assert answer.status_code == 200
    return answer.get_json()["response"]


def _years(url: str) -> set[int]:
    with make_engine(url).connect() as conn:
        return set(conn.execute(select(schema.editions.c.year)).scalars())


def _workbook(client: Any) -> bytes:
    dep = _dep(client, "beheer-pub-download")
    answer = post(client, UPDATE, body(dep, [1], [""])).get_json()["response"]
    return base64.b64decode(answer["beheer-pub-file"]["data"]["content"])


def test_the_workbook_goes_down_and_up_through_the_page_and_its_preview_is_what_is_applied(beheer, tmp_path):
    app, url = beheer
    editor = _client(app, "redacteur")
    path = tmp_path / "record.xlsx"
    path.write_bytes(_workbook(editor))
    changed = with_2025(path)
    shown = _upload(editor, changed.read_bytes(), "met-2025.xlsx")
    text = json.dumps(shown["beheer-pub-preview"], ensure_ascii=False)
    assert "Dit zou veranderen: 3 nieuw, 0 gewijzigd, 0 verwijderd" in text and "ruim 4000" in text
    assert shown["beheer-pub-apply"]["disabled"] is False and 2025 not in _years(url)
    done = _apply(editor, shown["beheer-pub-pending"]["data"])
    assert "Wijziging 1 is doorgevoerd" in json.dumps(done["beheer-pub-result"], ensure_ascii=False)
    assert 2025 in _years(url)
    assert "met-2025.xlsx" in json.dumps(done["beheer-pub-history"], ensure_ascii=False)
    assert "2025" in json.dumps(done["beheer-pub-figure-edition"])  # the figure form can cite the new edition


def test_a_forged_store_writes_nothing_the_check_refuses(beheer):
    app, url = beheer
    editor = _client(app, "redacteur")
    values = {
        "edition": "2022",
        "metric": "deelnemers",
        "value": "9999",
        "qualifier": "exact",
        "published_text": "9999",
        "source_id": "kamerbrief-2022",
        "quote": "geen getal",
        "basis": "gerapporteerd",
    }
    refused = {"form": "figure", "values": values, "sha": "0" * 64}
    answer = _apply(editor, refused)
    assert "veranderd sinds de controle" in json.dumps(answer["beheer-pub-result"], ensure_ascii=False)
    for forged in (None, {}, {"form": "evil"}, {"workbook": "data:,", "name": "x.xlsx", "sha": "1"}, [1, 2]):
        _apply(editor, forged)
    assert published.entries(make_engine(url)) == []


def test_problems_read_in_english_on_an_english_page(beheer, tmp_path):
    app, _ = beheer
    editor = _client(app, "redacteur")
    path = tmp_path / "record.xlsx"
    path.write_bytes(_workbook(editor))
    changed = with_2025(path, quote="Many people took part.")
    shown = _upload(editor, changed.read_bytes(), "met-2025.xlsx", search="?taal=en")
    text = json.dumps(shown["beheer-pub-preview"], ensure_ascii=False)
    assert "the quote does not contain the number 4000" in text and "Nothing was changed" in text


def test_an_export_and_restore_keep_the_editors_rows_and_their_history(filled_db_url, db_url, tmp_path):
    from ingest.published import flow
    from tests.unit.test_published import published_2025

    engine = make_engine(filled_db_url)
    path = tmp_path / "record.xlsx"
    with engine.connect() as conn:
        path.write_bytes(published.write_workbook(published.read_record(conn)))
    published.submit(engine, flow.check_workbook(engine, with_2025(path)).changes, user="anna", via="x", review=False)
    backup.export_all(engine, tmp_path / "export")
    restored = make_engine(db_url)
    backup.restore_all(restored, tmp_path / "export")
    assert published_2025(restored) == [(2025, 4000.0, "ruim 4000")]
    assert [(e.proposed_by, e.status) for e in published.entries(restored)] == [("anna", "toegepast")]


def test_with_a_second_pair_of_eyes_one_editor_proposes_and_another_approves(filled_db_url, tmp_path):
    users = read_users(USERS + "," + USERS.split(",")[0].replace("redacteur", "anna", 1))
    settings = Settings(database_url=filled_db_url, basic_auth_users=users, editors=("redacteur", "anna"), review=True)
    app = create_app(settings)
    editor, second = _client(app, "redacteur"), _client(app, "anna")
    path = tmp_path / "record.xlsx"
    path.write_bytes(_workbook(editor))
    shown = _upload(editor, with_2025(path).read_bytes(), "met-2025.xlsx")
    done = _apply(editor, shown["beheer-pub-pending"]["data"])
    assert "is voorgesteld" in json.dumps(done["beheer-pub-result"], ensure_ascii=False)
    assert 2025 not in _years(filled_db_url)  # the views show approved figures only
    dep = _dep(editor, '{"action":["ALL"],"index":["ALL"],"type":"beheer-pub-act"}')
    own = post(editor, UPDATE, _act_body(dep, "approve", 1)).get_json()["response"]
    assert "andere redacteur" in json.dumps(own["beheer-pub-result"], ensure_ascii=False)
    approved = post(second, UPDATE, _act_body(dep, "approve", 1)).get_json()["response"]
    assert "is goedgekeurd" in json.dumps(approved["beheer-pub-result"], ensure_ascii=False)
    assert 2025 in _years(filled_db_url)


def _act_body(dep: dict[str, Any], action: str, change_id: int) -> dict[str, Any]:
    """The request of a change's button: the pressed one is the callback's trigger."""
    pressed = {"action": action, "index": change_id, "type": "beheer-pub-act"}
    payload = body(dep, [1], [""])
    payload["inputs"] = [[{"id": pressed, "property": "n_clicks", "value": 1}]]
    payload["changedPropIds"] = [json.dumps(pressed, separators=(",", ":"), sort_keys=True) + ".n_clicks"]
    return payload
