"""Importing the organisers' exports: as Dutch Excel writes them, all or nothing, idempotent, private."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import create_engine, func, select

from dashboard.cli import main
from data_access import schema
from ingest import backup, demo
from ingest.importer import FileProblems, import_file
from ingest.loader import load_bundled

HEADINGS = "Titel;Organisator;Datum;Plaats;Vorm;Domein;Thema;Deelnemers;Duur (uren);Contactpersoon;E-mail"
GOOD = [
    "Beeldbellen in de wijk;Zorggroep Haaglanden;09-02-2021;'s-Gravenhage;online;wijkverpleging;verplaatsen;45;1,5;"
    "Jan Jansen;jan@example.nl",
    "Slimme medicatie;Zorgpartners Friesland;16-02-2021;Súdwest-Fryslân;fysiek;ouderenzorg;voorkomen van zorg;"
    "1.200;2;Piet;p@x.nl",
    "Thuismonitoring;GGZ Oost;02-02-2021;Hengelo (Gelderland);hybride;ggz;vervangen;;1;;",
    "Zorgrobot;Stichting Zuid;23-02-2021;Roosendaal;fysiek;gehandicaptenzorg;Vervangen;30;2,5;;",
]


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8-sig") -> Path:
    path.write_bytes(("\r\n".join([HEADINGS, *lines]) + "\r\n").encode(encoding))
    return path


@pytest.fixture
def engine(filled_db_url):
    """A database of the test's own, filled with the bundled dataset."""
    eng = create_engine(filled_db_url)
    yield eng
    eng.dispose()


def activities(engine) -> list[tuple]:
    a = schema.activities
    with engine.connect() as conn:
        return conn.execute(
            select(
                a.c.title,
                a.c.place,
                a.c.municipality,
                a.c.province,
                a.c.region,
                a.c.week,
                a.c.participants,
                a.c.duration_hours,
                a.c.theme,
            ).order_by(a.c.title)
        ).all()


def snapshot(engine, folder: Path) -> dict[str, str]:
    backup.export_all(engine, folder)
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_a_dutch_csv_export_imports_with_places_weeks_and_numbers_read_the_dutch_way(engine, tmp_path, encoding):
    lines = GOOD if encoding == "utf-8-sig" else [line.replace("'s-", "’s-") for line in GOOD]
    result = import_file(engine, "activities", write_csv(tmp_path / "export.csv", lines, encoding))
    assert result.changes[0].edition == 2021 and result.changes[0].added == 4
    assert activities(engine) == [
        ("Beeldbellen in de wijk", "'s-Gravenhage", "'s-Gravenhage", "Zuid-Holland", "west", 2, 45, 1.5, "verplaatsen"),
        ("Slimme medicatie", "Súdwest-Fryslân", "Súdwest-Fryslân", "Friesland", "noord", 3, 1200, 2.0, "voorkomen"),
        ("Thuismonitoring", "Hengelo", None, "Gelderland", "oost", 1, None, 1.0, "vervangen"),
        ("Zorgrobot", "Roosendaal", "Roosendaal", "Noord-Brabant", "zuid", 4, 30, 2.5, "vervangen"),
    ]


def test_an_excel_export_imports_with_date_cells_and_text_cells(engine, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADINGS.split(";"))
    sheet.append(
        [
            "Beeldbellen",
            "Zorggroep",
            dt.datetime(2021, 2, 9),
            "Den Haag",
            "Online",
            "ggz",
            "verplaatsen",
            12,
            1.5,
            "Jan",
            "jan@example.nl",
        ]
    )
    sheet.append(
        [
            "Proeftuin",
            "Friese zorg",
            "16-02-2021",
            "Sudwest Fryslan",
            "fysiek",
            "ggz",
            "voorkomen",
            "20",
            "0,5",
            None,
            None,
        ]
    )
    book.save(tmp_path / "export.xlsx")
    result = import_file(engine, "activities", tmp_path / "export.xlsx")
    assert result.dropped == ["Contactpersoon", "E-mail"]
    rows = activities(engine)
    assert [(r[0], r[1], r[5], r[6], r[7]) for r in rows] == [
        ("Beeldbellen", "'s-Gravenhage", 2, 12, 1.5),
        ("Proeftuin", "Súdwest-Fryslân", 3, 20, 0.5),
    ]


def test_personal_data_is_never_stored(engine, tmp_path):
    import_file(engine, "activities", write_csv(tmp_path / "export.csv", GOOD))
    dump = "".join(snapshot(engine, tmp_path / "dump").values())
    assert "jan@example.nl" not in dump and "Jan Jansen" not in dump
    assert "Contactpersoon, E-mail" in dump  # the import says which columns it left out


def test_a_file_with_bad_rows_is_refused_whole_with_every_problem_named(engine, tmp_path):
    before = snapshot(engine, tmp_path / "before")
    bad = write_csv(
        tmp_path / "bad.csv",
        [
            GOOD[0],
            "Beeldbellen;Zorggroep;31-02-2021;Den Haag;online;wijkverpleging;verplaatsen;45;1.5;;",
            "Iets;Org;10-02-2021;Rosendaal;fysiek;ouderenzorg;voorkomen;10;1;;",
            "Iets anders;Org;10-07-2021;Nergenshuizen;digitaal;tandzorg;voorkomen;tien;;;",
            ";Org;10-02-2021;Utrecht;online;ggz;voorkomen;5;1;;",
            GOOD[0],
        ],
    )
    with pytest.raises(FileProblems) as refused:
        import_file(engine, "activities", bad)
    named = {(p.line, p.column) for p in refused.value.problems}
    assert named == {
        (3, "Datum"),
        (3, "Duur (uren)"),
        (4, "Plaats"),
        (5, "Datum"),
        (5, "Plaats"),
        (5, "Vorm"),
        (5, "Domein"),
        (5, "Deelnemers"),
        (6, "Titel"),
        (7, "-"),
    }
    message = str(refused.value)
    assert "Rozendaal (Gelderland) of Roosendaal (Noord-Brabant)" in message
    assert "regel 7: staat er al in op regel 2" in message
    assert snapshot(engine, tmp_path / "after") == before


def test_unknown_and_missing_columns_are_named(engine, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("Titel;Organisatie;Datum;Plaats;Vorm;Thema;Deelnemrs\n", encoding="utf-8")
    with pytest.raises(FileProblems) as refused:
        import_file(engine, "activities", path)
    assert {(p.line, p.column) for p in refused.value.problems} >= {(1, "Deelnemrs"), (1, "Domein")}


def test_importing_the_same_file_twice_changes_nothing(engine, tmp_path):
    path = write_csv(tmp_path / "export.csv", GOOD)
    import_file(engine, "activities", path)
    first = snapshot(engine, tmp_path / "first")
    again = import_file(engine, "activities", path)
    assert again.changes[0].unchanged_file
    assert snapshot(engine, tmp_path / "second") == first


def test_a_newer_export_replaces_the_edition_and_a_bundled_reload_leaves_it(engine, tmp_path):
    import_file(engine, "activities", write_csv(tmp_path / "v1.csv", GOOD))
    newer = [*GOOD[1:], "Nieuw;Org;24-02-2021;Maastricht;online;overig;voorkomen;7;1;;"]
    result = import_file(engine, "activities", write_csv(tmp_path / "v2.csv", newer))
    assert (result.changes[0].added, result.changes[0].removed) == (1, 1)
    titles = [row[0] for row in activities(engine)]
    assert titles == ["Nieuw", "Slimme medicatie", "Thuismonitoring", "Zorgrobot"]
    load_bundled(engine, force=True)
    assert [row[0] for row in activities(engine)] == titles


def test_dry_run_writes_nothing(engine, tmp_path):
    before = snapshot(engine, tmp_path / "before")
    assert (
        main(
            [
                "--database-url",
                str(engine.url.render_as_string(hide_password=False)),
                "import",
                "activities",
                str(write_csv(tmp_path / "export.csv", GOOD)),
                "--dry-run",
            ]
        )
        == 0
    )
    assert snapshot(engine, tmp_path / "after") == before


def test_the_template_holds_the_headings_the_import_expects(engine, tmp_path, capsys):
    url = engine.url.render_as_string(hide_password=False)
    for suffix in ("xlsx", "csv"):
        path = tmp_path / f"sjabloon.{suffix}"
        assert main(["template", "activities", str(path)]) == 0
        assert main(["--database-url", url, "import", "activities", str(path)]) == 2
        err = capsys.readouterr().err
        assert "geen regels onder de kolomkoppen" in err and "kolom" not in err.split("kolomkoppen")[1]


def test_survey_answers_import_and_a_bad_rating_is_named(engine, tmp_path):
    path = tmp_path / "enquete.csv"
    path.write_text(
        "Respondent;Datum ingevuld;Regio;Rol;Rapportcijfer;Volgend jaar weer meedoen;Naam\n"
        "r1;01-03-2021;noord;zorgprofessional;8;ja;Jan\n"
        "r2;02-03-2021;;mantelzorger;7;weet niet;\n"
        "r3;02-03-2021;zuid;zorgprofessional;11;ja;\n",
        encoding="utf-8",
    )
    with pytest.raises(FileProblems) as refused:
        import_file(engine, "evaluations", path)
    assert [(p.line, p.column) for p in refused.value.problems] == [(4, "Rapportcijfer")]
    path.write_text(path.read_text(encoding="utf-8").replace(";11;", ";9;"), encoding="utf-8")
    import_file(engine, "evaluations", path)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.responses)).scalar_one() == 3


def test_export_restore_export_gives_identical_files(engine, tmp_path, db_url):
    import_file(engine, "activities", write_csv(tmp_path / "export.csv", GOOD))
    first = snapshot(engine, tmp_path / "first")
    empty = create_engine(db_url.replace("own.db", "restored.db")) if db_url.startswith("sqlite") else None
    if empty is None:  # PostgreSQL: restore into the same server after emptying it
        from data_access.migrate import drop_everything

        drop_everything(engine)
        empty = engine
    backup.restore_all(empty, tmp_path / "first", user="hersteller")
    second = snapshot(empty, tmp_path / "second")
    # the restore is a write of its own: the audit log gains exactly that entry, every other file is the same
    restored_log = second.pop("audit_log.csv")
    assert restored_log.startswith(first.pop("audit_log.csv")) and ",hersteller,restore," in restored_log
    assert second == first


def test_demo_data_is_synthetic_and_leaves_published_figures_alone(engine, tmp_path):
    f = schema.figures
    with engine.connect() as conn:
        published = conn.execute(select(f.c.value, f.c.published_text).order_by(f.c.figure_id)).all()
    demo.generate(engine, 500, seed=1)
    with engine.connect() as conn:
        a = schema.activities
        assert conn.execute(select(func.count()).select_from(a).where(a.c.is_synthetic)).scalar_one() == 500
        assert conn.execute(select(func.count()).select_from(a).where(~a.c.is_synthetic)).scalar_one() == 0
        assert conn.execute(select(f.c.value, f.c.published_text).order_by(f.c.figure_id)).all() == published
    # a real export of an edition replaces that edition's demo rows; demo data is then refused beside it
    result = import_file(engine, "activities", write_csv(tmp_path / "export.csv", GOOD))
    assert result.demo_rows_removed > 0
    with pytest.raises(demo.DemoRefused):
        demo.generate(engine, 10)


def test_readers_see_the_old_edition_or_the_new_never_a_mix(engine, tmp_path):
    import_file(engine, "activities", write_csv(tmp_path / "v1.csv", GOOD))
    newer = [line.replace(";45;", ";46;").replace(";30;", ";31;") for line in GOOD]
    a = schema.activities
    seen: set[tuple] = set()
    stop = threading.Event()

    def read() -> None:
        with engine.connect() as conn:
            while not stop.is_set():
                seen.add(tuple(conn.execute(select(func.count(), func.sum(a.c.participants))).one()))
                conn.rollback()

    reader = threading.Thread(target=read)
    reader.start()
    for index in range(6):
        import_file(engine, "activities", write_csv(tmp_path / f"v{index}.csv", newer if index % 2 else GOOD))
    stop.set()
    reader.join()
    assert seen <= {(4, 1275), (4, 1277)}
