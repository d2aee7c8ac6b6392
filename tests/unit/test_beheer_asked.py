"""/beheer asks, never guesses (issue 18, item 4): a file's unknown values are listed with their candidates; the
editor's choices are remembered through the writer and the same file is checked again; a remembered answer can be
deleted; a reader's forged save or delete changes nothing."""

from __future__ import annotations

from typing import Any

from data_access.engine import make_engine
from ingest import mappings
from tests.beheer_files import GOOD, data_url, filled
from tests.callback_requests import body, post, server_callbacks
from tests.tables import all_rows
from tests.unit import test_beheer
from tests.unit.test_beheer import UPDATE, _check, _client, _text

beheer = test_beheer.beheer

#: the good lines with one place that is two municipalities and a domain written its own way
BERGEN = ["Bergen op z'n best", "Org A", "12-02-2021", "Bergen", "online", "Gehandicapten", "voorkomen", 5, 1]
ASKING = [*GOOD[:4], BERGEN]


def _deps(client: Any) -> list[dict[str, Any]]:
    return server_callbacks(client.get("/_dash-dependencies").get_json())


def _remember(client: Any, contents: str, answers: dict[tuple[str, str], str]) -> Any:
    """'Onthouden en opnieuw controleren' with ``answers`` picked in the dropdowns, as the browser sends it."""
    dep = next(d for d in _deps(client) if "beheer-mappings-result.children@" in d["output"])
    payload = body(dep, [1], [{"name": "vraag.xlsx", "contents": contents}, "auto", None, None, ""])
    where = [{"type": "beheer-answer", "kind": kind, "written": written} for kind, written in answers]
    payload["state"][2] = [
        {"id": w, "property": "value", "value": v} for w, v in zip(where, answers.values(), strict=True)
    ]
    payload["state"][3] = [{"id": w, "property": "id", "value": w} for w in where]
    return post(client, UPDATE, payload)


def _forget(client: Any, value_kind: str, written: str) -> Any:
    dep = next(d for d in _deps(client) if d["output"].startswith("..beheer-mappings-result.children..."))
    payload = body(dep, [1], [""])
    pressed = {"kind": value_kind, "type": "beheer-forget", "written": written}
    payload["inputs"][0][0]["id"] = pressed
    payload["changedPropIds"] = [
        '{"kind":"' + value_kind + '","type":"beheer-forget","written":"' + written + '"}.n_clicks'
    ]
    return post(client, UPDATE, payload)


def test_the_page_asks_about_each_unknown_value_with_its_candidates(beheer, tmp_path):
    app, _url = beheer
    answer = _check(_client(app, "redacteur"), data_url(filled(tmp_path / "vraag.xlsx", ASKING)), "vraag.xlsx")
    shown = _text(answer.get_json()["response"]["beheer-check"]["children"])
    assert "Onbekende waarden" in shown and "Onthouden en opnieuw controleren" in shown
    assert "Bergen (Limburg)" in shown and "Bergen (Noord-Holland)" in shown and "gehandicaptenzorg" in shown


def test_remembering_the_answers_checks_the_same_file_clean_and_deleting_one_asks_again(beheer, tmp_path):
    app, url = beheer
    engine = make_engine(url)
    editor = _client(app, "redacteur")
    contents = data_url(filled(tmp_path / "vraag.xlsx", ASKING))
    picked = {("place", "bergen"): "Bergen (Limburg)", ("domain", "gehandicapten"): "gehandicaptenzorg"}
    response = _remember(editor, contents, picked).get_json()["response"]
    assert response["beheer-recheck"]["data"] == 1  # the page checks the file again, in a job of its own
    checked = _check(editor, contents, "vraag.xlsx").get_json()["response"]
    assert checked["beheer-checked"]["data"] is not None  # clean now: the preview, ready to import
    assert "Vertalingen" not in _text(response["beheer-mappings-result"]) and "2 vertalingen" in _text(response)
    kept = [(m.value_kind, m.written, m.meaning, m.created_by) for m in mappings.mappings(engine)]
    assert kept == [
        ("domain", "gehandicapten", "gehandicaptenzorg", "redacteur"),
        ("place", "bergen", "Bergen (Limburg)", "redacteur"),
    ]
    assert _forget(editor, "place", "bergen").status_code == 200
    assert [m.value_kind for m in mappings.mappings(engine)] == ["domain"]
    again = _check(editor, contents, "vraag.xlsx").get_json()["response"]
    assert again["beheer-checked"]["data"] is None and "Bergen (Noord-Holland)" in _text(again)


def test_an_answer_that_is_no_candidate_of_the_file_is_not_remembered(beheer, tmp_path):
    app, url = beheer
    contents = data_url(filled(tmp_path / "vraag.xlsx", ASKING))
    _remember(_client(app, "redacteur"), contents, {("place", "bergen"): "Amsterdam", ("place", "x"): "Utrecht"})
    assert mappings.mappings(make_engine(url)) == []


def test_a_readers_forged_save_and_delete_are_refused_and_change_nothing(beheer, tmp_path):
    app, url = beheer
    engine = make_engine(url)
    mappings.save(engine, [("domain", "gehandicapten", "gehandicaptenzorg")], "redacteur")
    before = all_rows(engine)
    reader = _client(app, "lezer")
    contents = data_url(filled(tmp_path / "vraag.xlsx", ASKING))
    assert _remember(reader, contents, {("place", "bergen"): "Bergen (Limburg)"}).status_code == 403
    assert _forget(reader, "domain", "gehandicapten").status_code == 403
    assert all_rows(engine) == before


def test_the_unknown_values_and_mappings_read_in_english(beheer):
    from flask import g

    from callbacks import beheer_asked
    from ingest.importer import Problem

    app, url = beheer
    mappings.save(make_engine(url), [("domain", "gehandicapten", "gehandicaptenzorg")], "redacteur")
    asked = Problem(6, "Plaats", "...", "", "place", "bergen", ("Bergen (Limburg)", "Bergen (Noord-Holland)"))
    with app.server.test_request_context("/beheer"):
        g.sze_editor = True
        shown = str(beheer_asked.asked_section([asked], "en")) + str(beheer_asked.mappings_component("en"))
    assert "Unknown values" in shown and "Remember and check again" in shown and "(1 line)" in shown
    assert "Written" in shown and "Delete" in shown and "Domein" in shown and "gehandicaptenzorg" in shown


def test_a_date_that_reads_two_ways_is_asked_with_both_days_spelt_out(beheer, tmp_path):
    app, _url = beheer
    american = [[*row[:2], "2/9/2021", *row[3:]] for row in GOOD[:1]]  # 9 February or 2 September
    answer = _check(_client(app, "redacteur"), data_url(filled(tmp_path / "datum.xlsx", american)), "datum.xlsx")
    shown = _text(answer.get_json()["response"]["beheer-check"]["children"])
    assert "'2/9/2021' kan 02-09-2021 zijn (dag-maand" in shown
    assert "09-02-2021 (9 februari 2021)" in shown and "02-09-2021 (2 september 2021)" in shown
