"""Ask, never guess (issue 18): an unknown value is a problem naming its candidates until an editor says what it
means; the answer is remembered (through the writer, in the audit log) and used by every later import."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select

from dashboard.cli import main
from data_access import migrate, schema
from ingest import mappings
from ingest.importer import FileProblems, import_file

HEADINGS = "Titel;Organisator;Datum;Plaats;Vorm;Domein;Thema;Deelnemers;Duur (uren)"
LINES = [
    "Thuismonitoring;GGZ Oost;02-02-2021;Bergen;hybride;ggz;vervangen;12;1",
    "Zorgrobot;Stichting Zuid;23-02-2021;Roosendaal;fysiek;Gehandicapten;vervangen;30;2",
    "Beeldbellen;Zorggroep;09-02-2021;  BERGEN ;online;ggz;verplaatsen;45;1",
]


@pytest.fixture
def engine(filled_db_url):
    eng = create_engine(filled_db_url)
    yield eng
    eng.dispose()


def export(tmp_path: Path) -> Path:
    path = tmp_path / "export.csv"
    path.write_bytes(("\r\n".join([HEADINGS, *LINES]) + "\r\n").encode("utf-8-sig"))
    return path


def asked(engine, path: Path) -> list[mappings.Question]:
    with pytest.raises(FileProblems) as refused:
        import_file(engine, "activities", path, dry_run=True)
    return mappings.questions(refused.value.problems)


def stored(engine) -> list[tuple]:
    a = schema.activities
    with engine.connect() as conn:
        query = select(a.c.title, a.c.place, a.c.province, a.c.domain).where(a.c.origin == "import")
        return conn.execute(query.order_by(a.c.title)).all()


def test_an_ambiguous_place_and_an_unknown_domain_are_problems_that_name_their_candidates(engine, tmp_path):
    found = {(q.value_kind, q.written): q for q in asked(engine, export(tmp_path))}
    assert set(found) == {("place", "bergen"), ("domain", "gehandicapten")}
    place = found["place", "bergen"]
    assert place.lines == 2 and place.column == "Plaats"
    assert place.candidates == ("Bergen (Limburg)", "Bergen (Noord-Holland)")
    assert "gehandicaptenzorg" in found["domain", "gehandicapten"].candidates
    assert stored(engine) == []


def test_a_remembered_answer_makes_the_file_clean_and_the_import_stores_what_it_means(engine, tmp_path):
    path = export(tmp_path)
    answers = [("place", "bergen", "Bergen (Limburg)"), ("domain", "gehandicapten", "gehandicaptenzorg")]
    assert mappings.save(engine, answers, "redacteur") == 2
    import_file(engine, "activities", path, user="redacteur")
    assert stored(engine) == [
        ("Beeldbellen", "Bergen (L.)", "Limburg", "ggz"),
        ("Thuismonitoring", "Bergen (L.)", "Limburg", "ggz"),
        ("Zorgrobot", "Roosendaal", "Noord-Brabant", "gehandicaptenzorg"),
    ]
    kept = mappings.mappings(engine)
    assert [(m.value_kind, m.written, m.meaning, m.created_by) for m in kept] == [
        ("domain", "gehandicapten", "gehandicaptenzorg", "redacteur"),
        ("place", "bergen", "Bergen (Limburg)", "redacteur"),
    ]
    log = schema.audit_log
    with engine.connect() as conn:
        actions = conn.execute(select(log.c.action, log.c.user_name).order_by(log.c.audit_id)).all()
    assert actions[-3:] == [("mapping", "redacteur"), ("mapping", "redacteur"), ("import", "redacteur")]


def test_a_wrong_answer_is_checked_like_any_cell_never_let_through(engine, tmp_path):
    mappings.save(engine, [("place", "bergen", "Nergenshuizen"), ("domain", "gehandicapten", "iets")], "redacteur")
    with pytest.raises(FileProblems) as refused:
        import_file(engine, "activities", export(tmp_path))
    assert len(refused.value.problems) == 3
    assert stored(engine) == []


def test_the_command_line_import_uses_the_remembered_answers(engine, filled_db_url, tmp_path):
    path = export(tmp_path)
    assert main(["--database-url", filled_db_url, "import", "activities", str(path)]) == 2
    answers = [("place", "bergen", "Bergen (Noord-Holland)"), ("domain", "gehandicapten", "gehandicaptenzorg")]
    mappings.save(engine, answers, "redacteur")
    assert main(["--database-url", filled_db_url, "import", "activities", str(path)]) == 0
    assert {row[2] for row in stored(engine) if row[1].startswith("Bergen")} == {"Noord-Holland"}


def test_a_forgotten_answer_is_asked_again(engine, tmp_path):
    mappings.save(engine, [("place", "bergen", "Bergen (Noord-Holland)")], "redacteur")
    assert [q.value_kind for q in asked(engine, export(tmp_path))] == ["domain"]
    assert mappings.forget(engine, "place", "bergen", "redacteur") is True
    assert mappings.forget(engine, "place", "bergen", "redacteur") is False  # nothing left: nothing noted
    assert {q.value_kind for q in asked(engine, export(tmp_path))} == {"place", "domain"}
    log = schema.audit_log
    with engine.connect() as conn:
        assert conn.execute(select(log.c.action).where(log.c.action.like("mapping%"))).scalars().all() == [
            "mapping",
            "mapping-removed",
        ]


def test_the_migration_adds_the_table_to_a_database_at_0004(db_url):
    engine = create_engine(db_url)
    with engine.begin() as conn:
        migrate.upgrade(conn, "0004")
        assert not inspect(conn).has_table("value_mappings")
    with engine.begin() as conn:
        migrate.upgrade(conn)
        assert migrate.current(conn) == migrate.head() == "0006"
        assert inspect(conn).has_table("value_mappings")
    engine.dispose()


# --- dates that may be day-month or month-day (9/2/2021: 9 February in Dutch Excel, 2 September in American) ---


def dated(tmp_path: Path, *days: str) -> Path:
    """An export whose rows differ only in their date, written as given."""
    path = tmp_path / "datums.csv"
    lines = [f"Activiteit {n};Org;{day};Roosendaal;fysiek;ggz;vervangen;5;1" for n, day in enumerate(days)]
    path.write_bytes(("\r\n".join([HEADINGS, *lines]) + "\r\n").encode("utf-8-sig"))
    return path


def days_stored(engine) -> list[str]:
    a = schema.activities
    with engine.connect() as conn:
        found = conn.execute(select(a.c.activity_date).where(a.c.origin == "import").order_by(a.c.title)).scalars()
        return [str(day) for day in found]


def test_dates_with_slashes_are_read_in_the_order_their_column_shows_and_the_import_says_so(engine, tmp_path):
    american = import_file(engine, "activities", dated(tmp_path, "2/16/2021", "2/9/2021"), user="redacteur")
    assert days_stored(engine) == ["2021-02-16", "2021-02-09"]  # 2/9 is 9 February: 2/16 shows the order
    assert "maand/dag/jaar" in american.report() and "'2/16/2021'" in american.report()
    dutch = import_file(engine, "activities", dated(tmp_path, "16/2/2021", "9/2/2021"), user="redacteur")
    assert days_stored(engine) == ["2021-02-16", "2021-02-09"] and "maand/dag" not in dutch.report()


def test_a_date_its_column_does_not_settle_is_asked_with_both_readings_and_the_answer_remembered(engine, tmp_path):
    path = dated(tmp_path, "2/9/2021", "12/2/2021", "2/2/2021")  # 2/2 reads the same either way: not asked
    found = {(q.value_kind, q.written): q for q in asked(engine, path)}
    assert set(found) == {("activity_date", "2/9/2021"), ("activity_date", "12/2/2021")}
    assert found["activity_date", "2/9/2021"].candidates == ("02-09-2021", "09-02-2021")
    assert found["activity_date", "2/9/2021"].column == "Datum"
    assert days_stored(engine) == []  # nothing read as a guess
    answers = [("activity_date", "2/9/2021", "09-02-2021"), ("activity_date", "12/2/2021", "12-02-2021")]
    mappings.save(engine, answers, "redacteur")
    import_file(engine, "activities", path, user="redacteur")
    assert days_stored(engine) == ["2021-02-09", "2021-02-12", "2021-02-02"]


def test_a_column_with_both_orders_is_refused_and_dutch_dates_are_never_asked(engine, tmp_path):
    with pytest.raises(FileProblems) as refused:  # 16/2 is day-month, 2/16 month-day: which is which is not said
        import_file(engine, "activities", dated(tmp_path, "16/2/2021", "2/16/2021"), dry_run=True)
    assert [p.line for p in refused.value.problems] == [3]
    # dd-mm-jjjj, the template's form: 02-09-2021 is 2 September (no edition), never asked
    with pytest.raises(FileProblems) as refused:
        import_file(engine, "activities", dated(tmp_path, "02-09-2021"), dry_run=True)
    assert not mappings.questions(refused.value.problems) and refused.value.problems[0].line == 2


def test_a_dutch_date_with_a_month_above_12_is_not_turned_around(engine, tmp_path):
    """Babel reads 02-16-2021 as 16 February; in a dd-mm-jjjj column it is a day that does not exist."""
    with pytest.raises(FileProblems) as refused:
        import_file(engine, "activities", dated(tmp_path, "02-16-2021", "09-02-2021"), dry_run=True)
    (problem,) = refused.value.problems
    assert (problem.line, problem.column) == (2, "Datum") and "02-16-2021" in problem.message
    assert "geen bestaande datum" in problem.message
