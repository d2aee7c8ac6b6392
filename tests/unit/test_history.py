"""Import history, the audit log, and undoing an import exactly (issue 18, items 7 and 9)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from dashboard.cli import main
from data_access import schema, version
from ingest import demo, history
from ingest.importer import import_file
from ingest.loader import load_bundled
from tests.tables import all_rows, data_rows

HEADINGS = "Titel;Organisator;Datum;Plaats;Vorm;Domein;Thema;Deelnemers;Duur (uren)"
FIRST = [
    "Beeldbellen in de wijk;Zorggroep Haaglanden;09-02-2021;'s-Gravenhage;online;wijkverpleging;verplaatsen;45;1,5",
    "Slimme medicatie;Zorgpartners Friesland;16-02-2021;Súdwest-Fryslân;fysiek;ouderenzorg;voorkomen;1.200;2",
    "Thuismonitoring;GGZ Oost;02-02-2021;Hengelo (Gelderland);hybride;ggz;vervangen;;1",
]
#: the next export of the edition: one row changed, one gone, one new
SECOND = [
    FIRST[0].replace(";45;", ";46;"),
    FIRST[1],
    "Zorgrobot;Stichting Zuid;23-02-2021;Roosendaal;fysiek;gehandicaptenzorg;vervangen;30;2,5",
]


def export(folder: Path, name: str, lines: list[str]) -> Path:
    path = folder / name
    path.write_bytes(("\r\n".join([HEADINGS, *lines]) + "\r\n").encode("utf-8-sig"))
    return path


@pytest.fixture
def engine(db_url):
    eng = create_engine(db_url)
    load_bundled(eng, force=True, user="beheerder")
    yield eng
    eng.dispose()


def test_an_import_is_in_the_history_with_file_user_fingerprint_rows_and_changes(engine, tmp_path):
    import_file(engine, "activities", export(tmp_path, "eerste.csv", FIRST), user="redacteur")
    path = export(tmp_path, "tweede.csv", SECOND)
    result = import_file(engine, "activities", path, user="lezer")
    newest, first = history.entries(engine)
    assert (newest.file_name, newest.imported_by, newest.kind, newest.edition, newest.row_count) == (
        "tweede.csv",
        "lezer",
        "activities",
        2021,
        3,
    )
    assert newest.import_id == result.changes[0].import_id and newest.status == history.APPLIED
    import hashlib

    assert newest.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert first.imported_by == "redacteur" and history.summary_line(first.summary) == "+3 ~0 =0 -0"
    summary = json.loads(newest.summary or "")
    assert (summary["new"], summary["changed"], summary["unchanged"], summary["removed"]) == (1, 1, 1, 1)
    # per region and week: Hengelo's week 1 in the east is gone, Roosendaal's week 4 in the south is new
    assert summary["totals_before"] == {"noord/3": 1, "oost/1": 1, "west/2": 1}
    assert summary["totals_after"] == {"noord/3": 1, "west/2": 1, "zuid/4": 1}
    log = schema.audit_log
    with engine.connect() as conn:
        audit = conn.execute(select(log.c.user_name, log.c.action, log.c.import_id).order_by(log.c.audit_id)).all()
    assert audit == [
        ("beheerder", "load", None),
        ("redacteur", "import", first.import_id),
        ("lezer", "import", newest.import_id),
    ]


def test_undo_brings_every_table_back_exactly_one_import_after_another(engine, tmp_path):
    empty = data_rows(engine)
    import_file(engine, "activities", export(tmp_path, "eerste.csv", FIRST), user="redacteur")
    after_first = data_rows(engine)
    version_before = version.current(engine)
    import_file(engine, "activities", export(tmp_path, "tweede.csv", SECOND), user="redacteur")
    second, first = history.entries(engine)
    assert data_rows(engine) != after_first
    history.undo(engine, second.import_id, "hersteller")
    assert data_rows(engine) == after_first
    assert version.current(engine) != version_before  # caches of the undone rows are stale
    history.undo(engine, first.import_id, "hersteller")
    # the source the first import made is gone again too: nothing is left of either import
    assert data_rows(engine) == empty
    entries = history.entries(engine)
    assert [(e.status, e.undone_by) for e in entries] == [(history.UNDONE, "hersteller")] * 2
    log = schema.audit_log
    with engine.connect() as conn:
        undos = conn.execute(select(log.c.import_id).where(log.c.action == "undo").order_by(log.c.audit_id))
        assert undos.scalars().all() == [second.import_id, first.import_id]
        assert conn.execute(select(schema.import_replaced)).all() == []  # nothing kept for an undone import


def test_undo_puts_back_the_demo_rows_a_real_import_replaced(engine, tmp_path):
    demo.generate(engine, 120, seed=7, user="proef")
    before = data_rows(engine)
    result = import_file(engine, "activities", export(tmp_path, "eerste.csv", FIRST), user="redacteur")
    assert result.demo_rows_removed > 0
    history.undo(engine, result.changes[0].import_id, "hersteller")
    assert data_rows(engine) == before


def test_an_undo_that_cannot_be_done_is_refused_and_changes_nothing(engine, tmp_path):
    import_file(engine, "activities", export(tmp_path, "eerste.csv", FIRST), user="redacteur")
    import_file(engine, "activities", export(tmp_path, "tweede.csv", SECOND), user="redacteur")
    second, first = history.entries(engine)
    everything = all_rows(engine)
    with pytest.raises(history.UndoRefused, match=f"latere import {second.import_id}"):
        history.undo(engine, first.import_id, "hersteller")
    with pytest.raises(history.UndoRefused, match="bestaat niet"):
        history.undo(engine, 999, "hersteller")
    assert all_rows(engine) == everything  # history and audit log included
    history.undo(engine, second.import_id, "hersteller")
    undone = all_rows(engine)
    with pytest.raises(history.UndoRefused, match="al ongedaan gemaakt"):
        history.undo(engine, second.import_id, "hersteller")
    assert all_rows(engine) == undone


def test_a_demo_run_is_in_the_history_but_not_undone(engine):
    demo.generate(engine, 30, seed=3, user="proef")
    entries = history.entries(engine)
    assert entries and {(e.origin, e.imported_by) for e in entries} == {(schema.ORIGIN_DEMO, "proef")}
    with pytest.raises(history.UndoRefused, match="voorbeelddata"):
        history.undo(engine, entries[0].import_id, "hersteller")


def _titles(engine) -> list[tuple]:
    a = schema.activities
    with engine.connect() as conn:
        return conn.execute(select(a.c.title, a.c.participants, a.c.import_id).order_by(a.c.title)).all()


def test_the_same_file_imports_again_after_its_undo(engine, tmp_path):
    path = export(tmp_path, "eerste.csv", FIRST)
    import_file(engine, "activities", path, user="redacteur")
    imported = _titles(engine)
    (entry,) = history.entries(engine)
    history.undo(engine, entry.import_id, "hersteller")
    assert _titles(engine) == []
    again = import_file(engine, "activities", path, user="redacteur")
    assert not again.changes[0].unchanged_file and again.changes[0].added == 3
    new_id = again.changes[0].import_id
    assert new_id != entry.import_id  # a number of its own in the history
    assert _titles(engine) == [(title, n, new_id) for title, n, _ in imported]


def test_survey_answers_are_undone_too(engine, tmp_path):
    path = tmp_path / "enquete.csv"
    path.write_text(
        "Respondent;Datum ingevuld;Regio;Rol;Rapportcijfer;Volgend jaar weer meedoen\n"
        "r1;01-03-2021;noord;zorgprofessional;8;ja\nr2;02-03-2021;;mantelzorger;7;weet niet\n",
        encoding="utf-8",
    )
    before = data_rows(engine)
    result = import_file(engine, "evaluations", path, user="redacteur")
    history.undo(engine, result.changes[0].import_id, "hersteller")
    assert data_rows(engine) == before


def test_the_command_line_lists_undoes_and_writes_the_audit_log(db_url, tmp_path, capsys):
    url = ["--database-url", db_url]
    assert main([*url, "history"]) == 0
    assert "Er is nog niets geïmporteerd." in capsys.readouterr().out
    assert main([*url, "import", "activities", str(export(tmp_path, "eerste.csv", FIRST)), "--user", "redacteur"]) == 0
    assert main([*url, "import", "activities", str(export(tmp_path, "tweede.csv", SECOND))]) == 0
    capsys.readouterr()
    assert main([*url, "history"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["Nr.", "Wanneer", "(UTC)"]
    assert "tweede.csv" in lines[1] and history.os_user() in lines[1] and "+1 ~1 =1 -1" in lines[1]
    assert "eerste.csv" in lines[2] and "redacteur" in lines[2] and "toegepast" in lines[2]
    assert main([*url, "undo", "1", "--user", "piet"]) == 2
    assert "latere import 2" in capsys.readouterr().err
    assert main([*url, "undo", "2", "--user", "piet"]) == 0
    assert "Import 2 (tweede.csv, editie 2021) is ongedaan gemaakt" in capsys.readouterr().out
    assert main([*url, "undo", "2"]) == 2
    assert "al ongedaan gemaakt" in capsys.readouterr().err
    assert main([*url, "history"]) == 0
    assert "door piet" in capsys.readouterr().out.splitlines()[1]
    target = tmp_path / "audit.csv"
    assert main([*url, "audit", str(target)]) == 0
    assert "Auditlog geschreven: 4 regels" in capsys.readouterr().out
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["Nr.", "Tijdstip (UTC)", "Gebruiker", "Handeling", "Import", "Wijzigingen"]
    assert [(r[2], r[3], r[4]) for r in rows[1:]] == [
        (history.os_user(), "load", ""),  # by the first command, 'history', which made the database
        ("redacteur", "import", "1"),
        (history.os_user(), "import", "2"),
        ("piet", "undo", "2"),
    ]


def test_the_audit_file_never_holds_a_formula(engine, tmp_path):
    import_file(engine, "activities", export(tmp_path, "=HYPERLINK(1).csv", FIRST), user="@redacteur")
    target = tmp_path / "audit.csv"
    history.write_audit_csv(engine, target, "en")
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[-1][2] == "'@redacteur" and rows[-1][5].startswith("'=HYPERLINK")


def test_an_edition_an_import_made_goes_again_with_its_undo_once_nothing_else_needs_it(engine, tmp_path):
    before = data_rows(engine)
    new_edition = FIRST[0].replace("09-02-2021", "10-02-2027")
    activities = import_file(engine, "activities", export(tmp_path, "2027.csv", [new_edition]), user="redacteur")
    path = tmp_path / "enquete-2027.csv"
    path.write_text(
        "Respondent;Datum ingevuld;Regio;Rol;Rapportcijfer;Volgend jaar weer meedoen\n"
        "r1;01-03-2027;noord;zorgprofessional;8;ja\n",
        encoding="utf-8",
    )
    answers = import_file(engine, "evaluations", path, user="redacteur")
    made, after = activities.changes[0].import_id, answers.changes[0].import_id
    # the survey's answers of 2027 need the edition the activities' import made
    with pytest.raises(history.UndoRefused, match=f"latere import {after}"):
        history.undo(engine, made, "hersteller")
    history.undo(engine, after, "hersteller")
    history.undo(engine, made, "hersteller")
    assert data_rows(engine) == before  # edition 2027 and both sources gone again


def test_the_command_line_adds_only_when_told_and_says_what_stayed(db_url, tmp_path, capsys):
    url = ["--database-url", db_url]
    assert main([*url, "import", "activities", str(export(tmp_path, "eerste.csv", FIRST))]) == 0
    added = export(tmp_path, "erbij.csv", [SECOND[2]])
    assert main([*url, "import", "activities", str(added), "--append"]) == 0
    assert "1 activiteiten toegevoegd (1 nieuw; wat al geïmporteerd was" in capsys.readouterr().out
    assert main([*url, "history"]) == 0
    assert "+1 ~0 =0 -0" in capsys.readouterr().out.splitlines()[1]
    engine = create_engine(db_url)
    with engine.connect() as conn:
        titles = conn.execute(select(schema.activities.c.title).where(schema.activities.c.origin == "import"))
        assert sorted(title for (title,) in titles) == sorted(line.split(";")[0] for line in [*FIRST, SECOND[2]])
    assert main([*url, "import", "activities", str(export(tmp_path, "alleen.csv", [SECOND[2]]))]) == 0
    assert "(0 nieuw, 3 niet meer in de export en verwijderd)" in capsys.readouterr().out  # without it: replaced
    engine.dispose()
