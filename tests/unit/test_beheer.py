"""/beheer (issue 18): who may enter, the limits on a file, every problem named and marked, the preview, and the
import, through the app's own routes and callbacks as a browser (or a forger) sends them."""

from __future__ import annotations

import base64
import io
import zipfile
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from dashboard.app import create_app
from dashboard.settings import Settings, read_users
from data_access import schema, version
from data_access.engine import make_engine
from ingest.importer import upload as files
from tests.beheer_files import BAD, GOOD, data_url, filled, with_problems
from tests.callback_requests import body, page_load_token, post, post_background, server_callbacks, view_body
from tests.page_tables import rows_of

PASSWORD = "geheim wachtwoord"
#: hashed once: a scrypt hash takes a noticeable moment
USERS = ",".join(f"{name}:{generate_password_hash(PASSWORD)}" for name in ("redacteur", "lezer"))
UPDATE = "/_dash-update-component"


def _auth(user: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{PASSWORD}".encode()).decode()


@pytest.fixture
def beheer(filled_db_url: str) -> tuple[Any, str]:
    """The dashboard with a login (redacteur is an editor, lezer a reader) on a filled database of its own."""
    db_url = filled_db_url
    settings = Settings(database_url=db_url, basic_auth_users=read_users(USERS), editors=("redacteur",))
    return create_app(settings), db_url


def _client(app: Any, user: str | None) -> Any:
    client = app.server.test_client()
    if user:
        client.environ_base["HTTP_AUTHORIZATION"] = _auth(user)
    return client


def _activities(url: str) -> int:
    with make_engine(url).connect() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.activities)).scalar_one())


def _dependency(client: Any, output: str) -> dict[str, Any]:
    deps = server_callbacks(client.get("/_dash-dependencies").get_json())
    return next(dep for dep in deps if output in dep["output"])


def _check(
    client: Any, contents: str, name: str, kind: str = "auto", search: str = "", mode: object = "replace"
) -> Any:
    dep = _dependency(client, "beheer-check.children")
    payload = body(dep, [{"name": name, "contents": contents}, kind, mode, None], [search])
    return post_background(client, UPDATE, payload, page_load_token(client, "/beheer" + search))


def _import(client: Any, contents: str, name: str, checked: Any) -> Any:
    dep = _dependency(client, "beheer-result.children@")
    return post(client, UPDATE, body(dep, [1], [{"name": name, "contents": contents}, checked, ""]))


def _rows(component: Any) -> list[list[Any]]:
    """The rows of every table in a component tree (as JSON), each as its cells' contents."""
    return rows_of(component)


def _text(component: Any) -> str:
    """What a component tree says, its Markdown unescaped, as one string."""
    import json

    return json.dumps(component, ensure_ascii=False).replace("\\\\", "")


# --- who may enter ----------------------------------------------------------------------------------------------


def test_the_page_shows_an_editor_the_upload_and_a_reader_why_not(beheer, in_request):
    from flask import g

    from callbacks.beheer import beheer_layout

    app, _ = beheer
    with app.server.test_request_context("/beheer"):
        g.sze_editor, g.sze_user = True, "redacteur"
        assert "beheer-upload" in str(beheer_layout())
        g.sze_editor, g.sze_user = False, "lezer"
        shown = str(beheer_layout())
        assert "beheer-upload" not in shown and "lezer" in shown and "SZE_EDITORS" in shown


# --- a forger's requests ----------------------------------------------------------------------------------------


def test_a_readers_forged_callbacks_are_refused_and_change_nothing(beheer, tmp_path):
    app, url = beheer
    editor, reader = _client(app, "redacteur"), _client(app, "lezer")
    contents = data_url(filled(tmp_path / "goed.xlsx", GOOD))
    checked = _check(editor, contents, "goed.xlsx").get_json()["response"]["beheer-checked"]["data"]
    before = _activities(url)
    assert _check(reader, contents, "goed.xlsx").status_code == 403
    assert _import(reader, contents, "goed.xlsx", checked).status_code == 403
    for dep in server_callbacks(reader.get("/_dash-dependencies").get_json()):
        if "beheer-" in dep["output"]:
            answer = post(reader, UPDATE, body(dep, [1] * len(dep["inputs"]), [None] * len(dep["state"])))
            assert answer.status_code == 403, dep["output"]
    assert _activities(url) == before


def test_a_cross_site_request_cannot_import_even_for_a_signed_in_editor(beheer, tmp_path):
    app, url = beheer
    editor = _client(app, "redacteur")
    contents = data_url(filled(tmp_path / "goed.xlsx", GOOD))
    checked = _check(editor, contents, "goed.xlsx").get_json()["response"]["beheer-checked"]["data"]
    dep = _dependency(editor, "beheer-result.children@")
    payload = body(dep, [1], [{"name": "goed.xlsx", "contents": contents}, checked, ""])
    before = _activities(url)
    answer = editor.post(UPDATE, json=payload, headers={"Sec-Fetch-Site": "cross-site"})
    assert answer.status_code == 403 and _activities(url) == before


def test_only_an_editors_file_callbacks_may_send_a_large_body(beheer):
    app, _ = beheer
    editor, reader = _client(app, "redacteur"), _client(app, "lezer")
    big = "data:text/csv;base64," + base64.b64encode(b"Titel;Organisator\n" + b"x;y\n" * 200_000).decode()
    assert _check(reader, big, "groot.csv").status_code == 413  # refused before it is read whole
    assert _check(editor, big, "groot.csv").status_code == 200
    trends = _dependency(editor, "trends-graph.figure")
    assert post(editor, UPDATE, view_body(trends, {"tab": "trends", "x": "y" * 400_000})).status_code == 413


def test_hostile_values_in_the_editors_callbacks_answer_without_an_error(beheer):
    app, url = beheer
    editor = _client(app, "redacteur")
    before = _activities(url)
    hostile: list[Any] = [
        None,
        1,
        "x",
        [],
        {},
        {"contents": 5},
        {"name": "../../etc/passwd", "contents": "data:,"},
        {"name": "a.xlsx", "contents": "data:x;base64,!!!"},
        {"size": 10**12},
        float("nan"),
    ]
    token = page_load_token(editor, "/beheer")
    for dep in server_callbacks(editor.get("/_dash-dependencies").get_json()):
        if "beheer-" not in dep["output"]:
            continue
        for value in hostile:
            payload = body(dep, [value] * len(dep["inputs"]), [value] * len(dep["state"]))
            # the check runs as a background job: its answer, not only its start, must be a plain one
            answer = post_background(editor, UPDATE, payload, token)
            assert answer.status_code < 500, answer.get_data(as_text=True)[:300]
            assert "error-alert" not in answer.get_data(as_text=True)
            assert "Traceback" not in answer.get_data(as_text=True)
    assert _activities(url) == before


# --- limits -----------------------------------------------------------------------------------------------------


def test_a_file_over_20_mb_is_refused_with_its_size():
    contents = "data:text/csv;base64," + "A" * (files.MAX_FILE_BYTES * 4 // 3 + 8)
    with pytest.raises(files.UploadRefused) as refused:
        files.decode(contents, "groot.csv")
    assert refused.value.key == "beheer.refused_size"
    with pytest.raises(files.UploadRefused, match="refused_suffix"):
        files.decode("data:,", "export.xls")


def _zip(parts: dict[str, bytes | int]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            if isinstance(content, int):  # that many MB of zeros, written in steps: a bomb in a few hundred KB
                with archive.open(name, "w", force_zip64=True) as part:
                    for _ in range(content):
                        part.write(bytes(1024 * 1024))
            else:
                archive.writestr(name, content)
    return buffer.getvalue()


def test_an_xlsx_that_would_inflate_past_the_bound_is_refused_before_it_is_opened(monkeypatch):
    monkeypatch.setattr(files, "MAX_INFLATED_BYTES", 50 * 1024 * 1024)  # the same check, at a test's size
    bomb = _zip({"[Content_Types].xml": b"<x/>", "xl/worksheets/sheet1.xml": 60})
    assert len(bomb) < 200_000
    with pytest.raises(files.UploadRefused, match="refused_inflated"):
        files.read(files.Upload(bomb, "bom.xlsx"))


def test_too_many_sheets_or_rows_and_a_false_xlsx_are_refused(tmp_path, monkeypatch):
    many = _zip({f"xl/worksheets/sheet{n}.xml": b"<x/>" for n in range(files.MAX_SHEETS + 1)})
    with pytest.raises(files.UploadRefused, match="refused_sheets"):
        files.check_xlsx(many)
    with pytest.raises(files.UploadRefused, match="refused_not_xlsx"):
        files.read(files.Upload(b"Titel;Datum\n", "nep.xlsx"))
    monkeypatch.setattr(files, "MAX_ROWS", 5)
    with pytest.raises(files.UploadRefused, match="refused_rows"):
        files.read(files.Upload(filled(tmp_path / "zes.xlsx", GOOD).read_bytes(), "zes.xlsx"))


def test_the_page_says_why_a_file_was_refused_in_its_language(beheer):
    app, _ = beheer
    answer = _check(_client(app, "redacteur"), "data:,", "export.pdf", search="?taal=en").get_data(as_text=True)
    assert "reads .xlsx and .csv files, not .pdf" in answer


# --- problems, the marked file, the preview and the import ------------------------------------------------------


def test_every_problem_is_named_by_line_and_column_and_the_file_comes_back_marked(beheer, tmp_path):
    app, url = beheer
    before = _activities(url)
    answer = _check(_client(app, "redacteur"), data_url(with_problems(tmp_path / "fout.xlsx")), "fout.xlsx")
    response = answer.get_json()["response"]
    shown = _text(response["beheer-check"]["children"])
    assert "Problemen op regel 4, 5 en 6" in shown
    rows = [row[:3] for row in _rows(response["beheer-check"]["children"])]
    assert ["4", "Plaats", "Nergenshuizen"] in rows and ["5", "Datum", "31-02-2024"] in rows
    assert ["6", "Deelnemers", "-3"] in rows and len(rows) == 3  # every problem, one row each
    assert response["beheer-import"]["disabled"] is True and response["beheer-checked"]["data"] is None
    marked = response["beheer-marked"]["data"]
    assert marked["filename"] == "fout-problemen.xlsx"
    sheet = load_workbook(io.BytesIO(base64.b64decode(marked["content"]))).worksheets[0]
    for where in ("D4", "C5", "H6"):
        assert sheet[where].fill.fgColor.rgb.endswith(files.PROBLEM_FILL) and sheet[where].comment, where
    assert sheet["A2"].comment is None and sheet["D4"].value == "Nergenshuizen"
    assert _activities(url) == before


def test_problems_read_in_english_on_an_english_page(beheer, tmp_path):
    app, _ = beheer
    answer = _check(
        _client(app, "redacteur"), data_url(with_problems(tmp_path / "fout.xlsx")), "fout.xlsx", search="?taal=en"
    )
    shown = _text(answer.get_json()["response"]["beheer-check"]["children"])
    assert "Problems on lines 4, 5, and 6" in shown and "is not a date that exists" in shown
    assert "What is wrong" in shown


def test_a_marked_csv_comes_back_as_a_workbook_with_its_cells_as_text(tmp_path):
    csv_text = "Titel;Organisator;Datum;Plaats\n=1+1;Org;31-02-2024;Utrecht\n"
    upload = files.Upload(csv_text.encode("utf-8"), "fout.csv")
    sheet = files.read(upload)
    from ingest.problems import Problem

    data = files.marked(upload, sheet, [Problem(2, "Datum", "bestaat niet")], "nl")
    cells = load_workbook(io.BytesIO(data)).worksheets[0]
    assert cells["C2"].comment.text == "bestaat niet" and cells["A2"].data_type == "s"


def test_a_clean_file_shows_its_preview_and_importeren_stores_it(beheer, tmp_path):
    app, url = beheer
    editor = _client(app, "redacteur")
    path = filled(tmp_path / "goed.xlsx", GOOD)
    contents = data_url(path)
    response = _check(editor, contents, "goed.xlsx").get_json()["response"]
    shown = _text(response["beheer-check"]["children"])
    assert "goed.xlsx is in orde" in shown and response["beheer-import"]["disabled"] is False
    assert "'Nieuw', 'Gewijzigd', 'Ongewijzigd', 'Verwijderd'" in shown.replace('"', "'") or "Nieuw" in shown
    checked = response["beheer-checked"]["data"]
    before = _activities(url)
    with make_engine(url).connect() as conn:
        old_version = version.current(conn)
    done = _import(editor, contents, "goed.xlsx", checked).get_json()["response"]
    assert "goed.xlsx is geïmporteerd" in _text(done["beheer-result"]["children"])
    assert _activities(url) == before + len(GOOD)
    with make_engine(url).connect() as conn:
        assert version.current(conn) != old_version  # every kept answer of the views is stale from now on
    assert done["beheer-import"]["disabled"] is True
    # the same file again: nothing new, and a changed one lists its change field by field
    changed = [list(row) for row in GOOD]
    changed[0][7] = 46
    again = _check(editor, data_url(filled(tmp_path / "nieuw.xlsx", changed[1:])), "nieuw.xlsx")
    preview = _text(again.get_json()["response"]["beheer-check"]["children"])
    assert "1 gewijzigde rij" not in preview  # row 0 left out: it is removed, not changed
    again = _check(editor, data_url(filled(tmp_path / "nieuw2.xlsx", changed)), "nieuw2.xlsx")
    preview = _text(again.get_json()["response"]["beheer-check"]["children"])
    assert "1 gewijzigde rij" in preview
    assert ["Deelnemers", "45", "46"] in [row[1:] for row in _rows(again.get_json()["response"])]


def test_importeren_refuses_another_file_than_the_one_previewed(beheer, tmp_path):
    app, url = beheer
    editor = _client(app, "redacteur")
    checked = _check(editor, data_url(filled(tmp_path / "a.xlsx", GOOD[:3])), "a.xlsx").get_json()["response"]
    before = _activities(url)
    other = data_url(filled(tmp_path / "b.xlsx", GOOD))
    done = _import(editor, other, "b.xlsx", checked["beheer-checked"]["data"]).get_json()["response"]
    assert "niet het bestand dat gecontroleerd is" in str(done["beheer-result"]["children"])
    assert _activities(url) == before


def test_the_preview_counts_new_changed_unchanged_and_removed_rows(beheer, tmp_path):
    from ingest.importer import import_file
    from ingest.importer.columns import KINDS
    from ingest.importer.preview import preview
    from ingest.reference import read_reference

    _, url = beheer
    engine = make_engine(url)
    import_file(engine, "activities", filled(tmp_path / "v1.xlsx", GOOD[:4]))
    newer = [list(row) for row in GOOD[1:]]
    newer[0][7] = 99  # Slimme medicatie: 20 -> 99
    upload = files.Upload(filled(tmp_path / "v2.xlsx", newer).read_bytes(), "v2.xlsx")
    with engine.connect() as conn:
        parsed = files.check(KINDS["activities"], files.read(upload), read_reference(conn), "nl")
        found = preview(conn, KINDS["activities"], parsed)
    assert (found.new, len(found.changed), found.unchanged, found.removed) == (2, 1, 2, 1)
    assert [(f.name, f.before, f.after) for f in found.changed[0].fields] == [("participants", 20, 99)]
    before = sum(b for b, _ in found.totals.values())
    after = sum(a for _, a in found.totals.values())
    assert after - before == 2 - 1
    assert len(BAD) == 3


def test_every_problem_is_listed_not_the_first_five(beheer, tmp_path):
    app, _ = beheer
    bad = [[f"Activiteit {n}", "Org", "31-02-2021", "Utrecht", "online", "ggz", "voorkomen", 1, 1] for n in range(40)]
    answer = _check(_client(app, "redacteur"), data_url(filled(tmp_path / "veel.xlsx", bad)), "veel.xlsx")
    children = answer.get_json()["response"]["beheer-check"]["children"]
    assert len(_rows(children)) == 40 and "40 problemen in veel.xlsx" in _text(children)


def test_the_templates_beside_the_upload_are_the_importers_own(beheer):
    app, _ = beheer
    editor = _client(app, "redacteur")
    dep = _dependency(editor, "beheer-template-file.data")
    pressed = "beheer-template-evaluations-csv"
    payload = body(dep, [None] * len(dep["inputs"]), ["?taal=en"])
    payload["changedPropIds"] = [f"{pressed}.n_clicks"]
    for item in payload["inputs"]:
        item["value"] = 1 if item["id"] == pressed else None
    sent = post(editor, UPDATE, payload).get_json()["response"]["beheer-template-file"]["data"]
    assert sent["filename"] == "template-evaluations.csv"
    assert base64.b64decode(sent["content"]).decode("utf-8-sig").startswith("Respondent;Datum ingevuld")


def test_a_database_that_refuses_the_import_is_said_plainly_and_changes_nothing(beheer, tmp_path, monkeypatch):
    from sqlalchemy.exc import ProgrammingError

    import callbacks.beheer

    def refused(*_args: object, **_kwargs: object) -> None:
        raise ProgrammingError("INSERT", {}, Exception("permission denied for table activities"))

    app, url = beheer
    editor = _client(app, "redacteur")
    contents = data_url(filled(tmp_path / "goed.xlsx", GOOD))
    checked = _check(editor, contents, "goed.xlsx").get_json()["response"]["beheer-checked"]["data"]
    monkeypatch.setattr(callbacks.beheer, "import_file", refused)
    before = _activities(url)
    answer = _import(editor, contents, "goed.xlsx", checked)
    assert answer.status_code == 200 and "error-alert" not in answer.get_data(as_text=True)
    assert "de database nam het niet aan" in _text(answer.get_json()["response"]["beheer-result"])
    assert _activities(url) == before


def test_a_dutch_csv_of_survey_answers_is_recognised_previewed_and_imported(beheer):
    app, url = beheer
    editor = _client(app, "redacteur")
    lines = "Respondent;Datum ingevuld;Regio;Rol;Rapportcijfer;Volgend jaar weer meedoen\n" + "".join(
        f"r{n};0{1 + n % 3}-03-2021;{'noord' if n % 2 else ''};zorgprofessional;{6 + n % 4};ja\n" for n in range(7)
    )
    contents = "data:text/csv;base64," + base64.b64encode(lines.encode("utf-8-sig")).decode()
    response = _check(editor, contents, "enquête.csv").get_json()["response"]
    shown = _text(response["beheer-check"]["children"])
    assert "enquête.csv is in orde" in shown and "evaluaties van editie 2021" in shown
    counts = _rows(response["beheer-check"]["children"])
    assert ["7", "0", "0", "0"] in counts  # new, changed, unchanged, removed
    done = _import(editor, contents, "enquête.csv", response["beheer-checked"]["data"]).get_json()["response"]
    assert "enquête.csv is geïmporteerd" in _text(done["beheer-result"])
    with make_engine(url).connect() as conn:
        stored = conn.execute(
            select(func.count()).select_from(schema.responses).where(schema.responses.c.origin == "import")
        )
        assert stored.scalar_one() == 7


def test_an_xlsx_whose_zip_understates_a_part_is_refused():
    honest = _zip({"[Content_Types].xml": b"<x/>", "xl/worksheets/sheet1.xml": 3})
    # the central directory says the 3 MB part is 1 KB: a bomb that lies about its size
    header = honest.rindex(b"PK\x01\x02")  # the directory's entry of the last part written: the sheet
    lying = bytearray(honest)
    lying[header + 24 : header + 28] = (1024).to_bytes(4, "little")
    with pytest.raises(files.UploadRefused, match="refused_not_xlsx"):
        files.check_xlsx(bytes(lying))
    files.check_xlsx(honest)  # the honest one passes


def test_an_export_on_the_second_sheet_is_previewed_saying_which_sheet(beheer, tmp_path):
    app, _ = beheer
    path = filled(tmp_path / "goed.xlsx", GOOD)
    workbook = load_workbook(path)
    workbook.create_sheet("Toelichting", 0)["A1"] = "Registraties staan op het tweede blad."
    workbook.worksheets[1].title = "Registraties"
    workbook.save(path)
    response = _check(_client(app, "redacteur"), data_url(path), "goed.xlsx").get_json()["response"]
    assert "Gelezen van blad 'Registraties'" in _text(response["beheer-check"]["children"])


def test_a_large_file_is_checked_in_a_process_of_its_own_that_reports_its_progress(beheer, tmp_path):
    """The request that starts a check answers at once (no worker waits on 20,000 rows while other users' pages
    queue), and the page's bar moves with the rows checked before the preview comes."""
    from urllib.parse import urlencode

    app, _ = beheer
    editor = _client(app, "redacteur")
    rows = [[f"{row[0]} {n}", *row[1:]] for n, row in enumerate(GOOD * 3334)][:20000]
    contents = data_url(filled(tmp_path / "groot.xlsx", rows))
    dep = _dependency(editor, "beheer-check.children")
    payload = body(dep, [{"name": "groot.xlsx", "contents": contents}, "auto", "replace", None], [""])
    token = page_load_token(editor, "/beheer")
    started = post(editor, f"{UPDATE}?{urlencode({'endId': token})}", payload).get_json()
    assert set(started) >= {"cacheKey", "job"} and "response" not in started  # the worker is free again
    query = urlencode({"endId": token, "cacheKey": started["cacheKey"], "job": started["job"]})
    shown: list[str] = []
    answer: dict[str, Any] = {}
    while "response" not in answer:
        answer = post(editor, f"{UPDATE}?{query}", payload).get_json()
        if "progress" in answer:
            shown.append(answer["progress"]["beheer-progress-text.children"])
    assert any(text.startswith("Regel ") and text.endswith(" van 20.000 gecontroleerd…") for text in shown), shown
    assert "groot.xlsx is in orde" in _text(answer["response"]["beheer-check"])
    assert _rows(answer["response"]["beheer-check"])  # its counts and totals


def test_a_readers_request_starts_no_check(beheer, tmp_path):
    """The server refuses a reader's check before Dash starts a job for it (dashboard.guard), and the job would
    ask again who sent it (callbacks.common.job_request)."""
    app, _ = beheer
    reader = _client(app, "lezer")
    contents = data_url(filled(tmp_path / "goed.xlsx", GOOD))
    answer = _check(reader, contents, "goed.xlsx")
    assert answer.status_code == 403 and "cacheKey" not in answer.get_data(as_text=True)


def test_a_check_in_its_own_process_runs_only_for_the_editor_who_sent_it(beheer):
    """The job decides again, from the headers of the request that started it, who it runs for."""
    from flask import g

    from callbacks.common import editor, job_request, lang

    app, _ = beheer
    for user, allowed in (("redacteur", True), ("lezer", False), (None, False)):
        headers = {"Authorization": _auth(user)} if user else {}
        with job_request(app.server, "?taal=en", headers):
            assert (editor(), g.sze_user, lang()) == (allowed, user, "en")
