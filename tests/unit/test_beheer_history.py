"""/beheer's history, undo and audit log (issue 18, item 7): an import from the page names its editor, the history
lists it, *Ongedaan maken* brings every table back exactly (or says why not, changing nothing), the audit log
downloads, and a reader's forged requests for any of it are refused."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import json
from typing import Any

from data_access.engine import make_engine
from ingest import history
from tests.beheer_files import GOOD, data_url, filled
from tests.callback_requests import body, post
from tests.tables import all_rows, data_rows
from tests.unit import test_beheer
from tests.unit.test_beheer import UPDATE, _check, _client, _dependency, _import, _text

#: the dashboard with redacteur (an editor) and lezer (a reader) signed in by basic auth, on a database of its own
beheer = test_beheer.beheer


def _imported(client: Any, tmp_path: Any, name: str, rows: list[Any]) -> dict[str, Any]:
    """Check and import ``rows`` as ``name`` through the page, as the editor's browser does; the answer."""
    contents = data_url(filled(tmp_path / "upload.xlsx", rows))
    checked = _check(client, contents, name).get_json()["response"]["beheer-checked"]["data"]
    assert checked is not None, "the file did not check clean"
    answer: dict[str, Any] = _import(client, contents, name, checked).get_json()["response"]
    return answer


def _ask(client: Any, import_id: object) -> Any:
    """*Ongedaan maken* pressed on import ``import_id``'s row."""
    # the question's callback (the undo's own closes the same modal, as a duplicate output)
    dep = next(d for d in _deps(client) if d["output"].startswith("..beheer-undo-ask.is_open..."))
    payload = body(dep, [1, None], [""])
    pressed = {"index": import_id, "type": "beheer-undo"}
    payload["inputs"][0][0]["id"] = pressed
    payload["changedPropIds"] = [json.dumps(pressed, separators=(",", ":"), sort_keys=True) + ".n_clicks"]
    return post(client, UPDATE, payload)


def _deps(client: Any) -> list[dict[str, Any]]:
    from tests.callback_requests import server_callbacks

    return server_callbacks(client.get("/_dash-dependencies").get_json())


def _undo(client: Any, import_id: object, search: str = "") -> Any:
    """'Ja, ongedaan maken' in the question about import ``import_id``."""
    dep = next(d for d in _deps(client) if d["output"].startswith("..beheer-undo-result.children..."))
    return post(client, UPDATE, body(dep, [1], [import_id, search]))


def _audit(client: Any) -> Any:
    return post(client, UPDATE, body(_dependency(client, "beheer-audit-file.data"), [1], [""]))


def test_importeren_names_the_editor_and_the_history_lists_the_import(beheer, tmp_path):
    app, url = beheer
    done = _imported(_client(app, "redacteur"), tmp_path, "goed.xlsx", GOOD)
    newest = history.entries(make_engine(url))[0]
    assert (newest.imported_by, newest.file_name, newest.row_count) == ("redacteur", "goed.xlsx", len(GOOD))
    shown = done["beheer-history"]["children"]
    text = _text(shown)
    assert "goed.xlsx" in text and "redacteur" in text and "toegepast" in text and "Ongedaan maken" in text
    assert newest.sha256[:12] in text and f'"title": "{newest.sha256}"' in text  # short, the whole in its tooltip
    assert history.summary_line(newest.summary) in text
    assert done["beheer-undo-result"]["children"] is None  # an earlier undo's message is not about this import


def test_undo_through_the_page_brings_every_table_back_and_the_history_says_so(beheer, tmp_path):
    app, url = beheer
    engine = make_engine(url)
    editor = _client(app, "redacteur")
    before = data_rows(engine)
    _imported(editor, tmp_path, "goed.xlsx", GOOD)
    import_id = history.entries(engine)[0].import_id
    asked = _ask(editor, import_id).get_json()["response"]
    assert asked["beheer-undo-ask"]["is_open"] is True and asked["beheer-undo-target"]["data"] == import_id
    question = asked["beheer-undo-question"]["children"]
    assert question.startswith("Weet u het zeker?") and "goed.xlsx" in question and "redacteur" in question
    done = _undo(editor, import_id).get_json()["response"]
    assert f"Import {import_id} (goed.xlsx" in _text(done["beheer-undo-result"]) and "ongedaan gemaakt" in _text(
        done["beheer-undo-result"]
    )
    assert done["beheer-undo-ask"]["is_open"] is False
    assert data_rows(engine) == before
    entry = history.entries(engine, import_id)[0]
    assert (entry.status, entry.undone_by) == (history.UNDONE, "redacteur")
    assert "ongedaan gemaakt op" in _text(done["beheer-history"]) and "redacteur" in _text(done["beheer-history"])


def test_a_refused_undo_says_why_and_changes_nothing(beheer, tmp_path):
    app, url = beheer
    engine = make_engine(url)
    editor = _client(app, "redacteur")
    _imported(editor, tmp_path, "eerst.xlsx", GOOD[:3])
    first = history.entries(engine)[0].import_id
    _imported(editor, tmp_path, "daarna.xlsx", GOOD)
    later = history.entries(engine)[0].import_id
    before = all_rows(engine)
    done = _undo(editor, first).get_json()["response"]
    said = _text(done["beheer-undo-result"])
    assert f"de latere import {later}" in said and "niets veranderd" in said
    assert all_rows(engine) == before
    # in English too, and an unknown import is no error either
    assert "builds on it" in _text(_undo(editor, first, "?taal=en").get_json()["response"]["beheer-undo-result"])
    assert "niets veranderd" in _text(_undo(editor, 10**6).get_json()["response"]["beheer-undo-result"])
    assert all_rows(engine) == before


def test_a_readers_forged_undo_and_audit_requests_are_refused(beheer, tmp_path):
    app, url = beheer
    engine = make_engine(url)
    _imported(_client(app, "redacteur"), tmp_path, "goed.xlsx", GOOD)
    import_id = history.entries(engine)[0].import_id
    before = all_rows(engine)
    reader = _client(app, "lezer")
    assert _ask(reader, import_id).status_code == 403
    assert _undo(reader, import_id).status_code == 403
    assert _audit(reader).status_code == 403
    assert all_rows(engine) == before


def test_the_audit_log_downloads_with_the_import_and_the_undo_and_runs_nothing(beheer, tmp_path):
    app, url = beheer
    engine = make_engine(url)
    editor = _client(app, "redacteur")
    _imported(editor, tmp_path, "=HYPERLINK(1).xlsx", GOOD)  # a file name that would be a formula in Excel
    _undo(editor, history.entries(engine)[0].import_id)
    sent = _audit(editor).get_json()["response"]["beheer-audit-file"]["data"]
    assert sent["filename"] == f"sze-auditlog-{dt.date.today().isoformat()}.csv"
    data = base64.b64decode(sent["content"])
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    actions = [row[3] for row in rows[1:]]
    assert actions[-2:] == ["import", "undo"] and rows[-1][2] == "redacteur"
    assert any("HYPERLINK" in cell for row in rows for cell in row)
    assert not [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_the_editor_links_session_is_named_as_such_never_the_servers_login(beheer):
    from flask import g

    from callbacks.beheer import EDITOR_LINK_USER, acting_user

    app, _ = beheer
    with app.server.test_request_context("/beheer"):
        g.sze_editor, g.sze_user = True, None
        assert acting_user() == EDITOR_LINK_USER == "redacteur (editorlink)"
        g.sze_user = "anna"
        assert acting_user() == "anna"


def test_the_history_reads_in_english(beheer, tmp_path):
    from flask import g

    from callbacks.beheer import history_component

    app, _ = beheer
    _imported(_client(app, "redacteur"), tmp_path, "goed.xlsx", GOOD)
    with app.server.test_request_context("/beheer"):
        g.sze_editor = True
        shown = str(history_component("en"))
    assert "applied" in shown and "Undo" in shown and "When (UTC)" in shown and "activities" in shown


def test_adding_keeps_the_rows_the_file_lacks_replacing_removes_them_and_undo_restores_either(beheer, tmp_path):
    app, url = beheer
    engine = make_engine(url)
    editor = _client(app, "redacteur")
    _imported(editor, tmp_path, "eerste.xlsx", GOOD[:4])
    before = data_rows(engine)
    later = data_url(filled(tmp_path / "later.xlsx", GOOD[4:]))
    replacing = _check(editor, later, "later.xlsx").get_json()["response"]
    adding = _check(editor, later, "later.xlsx", mode="append").get_json()["response"]
    counts = {name: _counts(answer["beheer-check"]) for name, answer in (("r", replacing), ("a", adding))}
    assert counts["r"] == [str(len(GOOD) - 4), "0", "0", "4"]  # new, changed, unchanged, removed
    assert counts["a"] == [str(len(GOOD) - 4), "0", "0", "0"]
    assert "blijven staan" in _text(adding["beheer-check"]) and "blijven staan" not in _text(replacing["beheer-check"])
    checked = adding["beheer-checked"]["data"]
    assert checked["mode"] == "append"
    done = _import(editor, later, "later.xlsx", checked).get_json()["response"]
    assert "(toegevoegd)" in _text(done["beheer-history"])
    titles = sorted(row[0] for row in GOOD)
    assert sorted(title for (title,) in _titles(engine)) == titles  # the first four stayed, the others came
    _undo(editor, history.entries(engine)[0].import_id)
    assert data_rows(engine) == before  # exactly as before the addition


def test_a_forged_mode_is_refused_with_a_message_and_imports_nothing(beheer, tmp_path):
    app, url = beheer
    editor = _client(app, "redacteur")
    contents = data_url(filled(tmp_path / "goed.xlsx", GOOD))
    for forged in ("merge", None, ["append"], {"mode": "append"}):
        answer = _check(editor, contents, "goed.xlsx", mode=forged).get_json()["response"]
        assert "Kies Vervangen of Toevoegen" in _text(answer["beheer-check"])
        assert answer["beheer-checked"]["data"] is None and answer["beheer-import"]["disabled"] is True
    checked = _check(editor, contents, "goed.xlsx").get_json()["response"]["beheer-checked"]["data"]
    done = _import(editor, contents, "goed.xlsx", checked | {"mode": "merge"}).get_json()["response"]
    assert "niet het bestand dat gecontroleerd is" in _text(done["beheer-result"])
    assert history.entries(make_engine(url)) == []


def _counts(preview: Any) -> list[str]:
    """The preview's counts: new, changed, unchanged and removed rows (the one table row of numbers only)."""
    (found,) = [row for row in test_beheer._rows(preview) if len(row) == 4 and all(str(c).isdigit() for c in row)]
    return [str(cell) for cell in found]


def _titles(engine: Any) -> list[Any]:
    from sqlalchemy import select

    from data_access import schema

    with engine.connect() as conn:
        query = select(schema.activities.c.title).where(schema.activities.c.origin == "import")
        return list(conn.execute(query))
