"""The published record kept by editors (issue 19): the workbook round trip on the command line, the checks a new
figure keeps, undo, a second pair of eyes, and a new bundled dataset beside the editors' rows."""

from __future__ import annotations

import shutil
from importlib.resources import as_file
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from dashboard.cli import main
from data_access import queries, schema
from data_access.engine import make_engine
from ingest import bundled, published
from ingest.loader import load_bundled
from ingest.published import check, flow

SOURCE_2025 = [
    "sze-2025-afsluiting",
    "Slimme Zorg Estafette 2025 afgesloten",
    "ZonMw",
    "nieuwsbericht",
    "2025-03-10",
    "10 maart 2025",
    "https://www.zonmw.nl/nl/nieuws/slimme-zorg-estafette-2025",
    "deelnemers SZE 2025",
]


def _row(sheet, values: dict) -> list:
    headings = [cell.value for cell in sheet[1]]
    return [values.get(heading) for heading in headings]


def with_2025(path: Path, quote: str = "Aan de estafette namen ruim 4000 mensen deel.", qualifier="ruim") -> Path:
    """The exported workbook with edition 2025 (2024's row a year on), its source and a 'deelnemers' figure."""
    workbook = load_workbook(path)
    editions = workbook["edities"]
    headings = [cell.value for cell in editions[1]]
    row_2024 = next(list(row) for row in editions.iter_rows(min_row=2, values_only=True) if row[0] == 2024)
    copy = dict(zip(headings, row_2024, strict=True))
    copy.update({"jaar": 2025, "naam": "Slimme Zorg Estafette 2025", "bron": SOURCE_2025[0], "citaat": None})
    editions.append(_row(editions, copy))
    workbook["bronnen"].append(SOURCE_2025)
    figure = {
        "editie": 2025,
        "maat": "deelnemers",
        "waarde": 4000,
        "kwalificatie": qualifier,
        "gepubliceerde woorden": "ruim 4000",
        "bron": SOURCE_2025[0],
        "citaat": quote,
        "grondslag": "gerapporteerd",
    }
    workbook["cijfers"].append(_row(workbook["cijfers"], figure))
    changed = path.with_name("met-2025.xlsx")
    workbook.save(changed)
    return changed


def published_2025(engine) -> list[tuple]:
    frame = queries.metric_by_edition(engine, "deelnemers")
    return [(row.edition, row.value, row.published_text) for row in frame.itertuples() if row.edition == 2025]


def test_pub001_the_workbook_has_a_sheet_per_kind_with_one_heading_row(filled_db_url, tmp_path):
    path = tmp_path / "record.xlsx"
    assert main(["--database-url", filled_db_url, "published", "export", str(path)]) == 0
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["edities", "weken", "cijfers", "bronnen", "verschillen", "definities"]
    figures = workbook["cijfers"]
    assert [cell.value for cell in figures[1]][:5] == ["editie", "regio", "week", "maat", "waarde"]
    texts = [row[7] for row in figures.iter_rows(min_row=2, values_only=True)]
    assert "bijna 33.000" in texts and "ruim 3500" in texts  # the qualifiers as published travel with the numbers
    assert all(cell.data_type != "f" for row in figures.iter_rows() for cell in row)  # no formula Excel would run


def test_pub002_an_unchanged_workbook_changes_nothing(filled_db_url, tmp_path, capsys):
    path = tmp_path / "record.xlsx"
    main(["--database-url", filled_db_url, "published", "export", str(path)])
    assert main(["--database-url", filled_db_url, "published", "import", str(path)]) == 0
    assert "Geen wijzigingen" in capsys.readouterr().out
    assert published.entries(make_engine(filled_db_url)) == []


def test_pub003_edition_2025_with_ruim_4000_reaches_the_trends_view_and_survives_init_db(
    filled_db_url, tmp_path, capsys
):
    path = tmp_path / "record.xlsx"
    main(["--database-url", filled_db_url, "published", "export", str(path)])
    changed = with_2025(path)
    assert main(["--database-url", filled_db_url, "published", "import", str(changed), "--dry-run"]) == 0
    assert "+ cijfers (2025, -, -, deelnemers, sze-2025-afsluiting): nieuw" in capsys.readouterr().out
    engine = make_engine(filled_db_url)
    assert published_2025(engine) == []  # a dry run writes nothing
    assert main(["--database-url", filled_db_url, "published", "import", str(changed), "--user", "anna"]) == 0
    assert published_2025(engine) == [(2025, 4000.0, "ruim 4000")]
    [entry] = published.entries(engine)
    assert (entry.proposed_by, entry.status, entry.summary) == (
        "anna",
        "toegepast",
        "3 nieuw, 0 gewijzigd, 0 verwijderd",
    )
    assert main(["--database-url", filled_db_url, "init-db", "--force"]) == 0
    assert published_2025(engine) == [(2025, 4000.0, "ruim 4000")]  # neither removed nor doubled
    with engine.connect() as conn:
        origin = conn.execute(select(schema.editions.c.origin).where(schema.editions.c.year == 2025)).scalar_one()
    assert origin == schema.ORIGIN_EDITOR


def test_pub004_a_quote_without_the_number_is_refused_naming_its_line(filled_db_url, tmp_path, capsys):
    path = tmp_path / "record.xlsx"
    main(["--database-url", filled_db_url, "published", "export", str(path)])
    changed = with_2025(path, quote="Aan de estafette namen veel mensen deel.")
    line = load_workbook(changed)["cijfers"].max_row
    assert main(["--database-url", filled_db_url, "published", "import", str(changed)]) == 2
    err = capsys.readouterr().err
    assert f"blad cijfers, regel {line}, kolom 'citaat': het citaat bevat het getal 4000 niet" in err
    assert published_2025(make_engine(filled_db_url)) == []


@pytest.mark.parametrize(
    ("quote", "qualifier", "expected"),
    [
        ("Ruim 4000 mensen namen deel.", "ruim", []),
        ("Ruim 4.000 mensen namen deel.", "ruim", []),
        (
            "Ruim 4000 mensen namen deel.",
            "circa",
            ["het citaat zegt 'ruim' bij het getal", "het veld zegt 'circa' maar het citaat zegt geen 'circa'"],
        ),
        ("Circa 4000 mensen namen deel.", "exact", ["het citaat zegt 'circa' bij het getal"]),
        ("Veel mensen namen deel.", "ruim", ["het citaat bevat het getal 4000 niet", "het veld zegt 'ruim'"]),
        ("", "ruim", ["het citaat ontbreekt"]),
    ],
)
def test_a_quote_contains_its_number_and_agrees_with_its_words(quote, qualifier, expected):
    found = [message for _, message in check.quote_problems({"quote": quote, "value": 4000.0, "qualifier": qualifier})]
    assert len(found) == len(expected)
    assert all(message.startswith(start) for message, start in zip(found, expected, strict=True))


def test_numbers_written_in_words_and_dutch_notation_are_read():
    assert [n for n, _ in check.numbers_in("naar schatting door circa 50.000 mensen, 7,5 en tien deelsessies")] == [
        50000.0,
        7.5,
        10.0,
    ]


def test_pub005_a_second_figure_for_the_same_thing_from_the_same_source_is_refused(filled_db_url, tmp_path):
    engine = make_engine(filled_db_url)
    figure = {
        "edition": "2022",
        "metric": "deelnemers",
        "value": "3600",
        "qualifier": "exact",
        "published_text": "3600",
        "source_id": "kamerbrief-2022",
        "quote": "Hieraan hebben 3600 mensen deelgenomen.",
        "basis": "gerapporteerd",
    }
    checked = flow.check_rows(engine, {"cijfers": [figure]})  # the key of the bundled 'ruim 3500': a correction
    assert checked.problems == []
    assert [c.fields for c in checked.changes] == [["value", "qualifier", "published_text", "quote"]]
    path = tmp_path / "record.xlsx"
    main(["--database-url", filled_db_url, "published", "export", str(path)])
    workbook = load_workbook(path)
    figures = workbook["cijfers"]
    first = next(row for row in figures.iter_rows(min_row=2) if row[7].value == "ruim 3500")
    values = [cell.value for cell in first]
    figures.append([*values[:4], 3600, *values[5:]])
    workbook.save(path)
    problems = flow.check_workbook(engine, path).problems
    assert {(p.file, p.line) for p in problems} == {("cijfers", figures.max_row)}
    assert any(
        p.message.startswith("een tweede cijfer voor dezelfde maat en reikwijdte uit dezelfde bron") for p in problems
    )


def test_pub006_weeks_inside_their_edition_each_region_once_not_overlapping(filled_db_url):
    engine = make_engine(filled_db_url)
    week = {"edition": "2021", "week": "5", "region": "oost", "start_date": "2021-03-08", "end_date": "2021-03-12",
            "source_id": "icth-2020-ehw-sze"}  # fmt: skip
    messages = [p.message for p in flow.check_rows(engine, {"weken": [week]}).problems]
    assert any("niet binnen de editie" in m for m in messages)
    assert any("oost heeft al een week" in m for m in messages)
    overlapping = dict(week, region="oost", week="1", start_date="2021-02-01", end_date="2021-02-05")
    assert flow.check_rows(engine, {"weken": [overlapping]}).problems == []  # week 1 itself, unchanged
    moved = dict(week, week="2", region="west", start_date="2021-02-04", end_date="2021-02-10")
    assert any("overlapt" in p.message for p in flow.check_rows(engine, {"weken": [moved]}).problems)


def test_pub007_undo_puts_the_record_back_and_a_later_change_must_be_undone_first(filled_db_url, tmp_path):
    engine = make_engine(filled_db_url)
    path = tmp_path / "record.xlsx"
    main(["--database-url", filled_db_url, "published", "export", str(path)])
    assert main(["--database-url", filled_db_url, "published", "import", str(with_2025(path))]) == 0
    [first] = published.entries(engine)
    correction = flow.check_rows(
        engine,
        {
            "edities": [
                {
                    "year": "2025",
                    "programme": "sze",
                    "name": "SZE 2025",
                    "has_totals": "1",
                    "source_id": "sze-2025-afsluiting",
                    "organiser": "ZonMw",
                }
            ]
        },
    )
    second = published.submit(engine, correction.changes, user="bert", via="formulier", review=False)
    with pytest.raises(published.ChangeRefused, match="maak die latere wijziging eerst ongedaan"):
        published.undo(engine, first.change_id, user="anna")
    published.undo(engine, second.change_id, user="anna")
    published.undo(engine, first.change_id, user="anna")
    with engine.connect() as conn:
        assert conn.execute(select(schema.editions.c.year).where(schema.editions.c.year == 2025)).first() is None
    assert published_2025(engine) == []
    assert [e.status for e in published.entries(engine)] == ["ongedaan", "ongedaan"]


def test_pub008_with_review_a_change_waits_for_a_second_editor(filled_db_url, tmp_path):
    engine = make_engine(filled_db_url)
    path = tmp_path / "record.xlsx"
    main(["--database-url", filled_db_url, "published", "export", str(path)])
    checked = flow.check_workbook(engine, with_2025(path))
    entry = published.submit(engine, checked.changes, user="anna", via="met-2025.xlsx", review=True)
    assert entry.status == "voorgesteld" and published_2025(engine) == []  # the views show approved figures only
    with pytest.raises(published.ChangeRefused, match="andere redacteur"):
        published.approve(engine, entry.change_id, user="anna")
    assert published.approve(engine, entry.change_id, user="bert").status == "toegepast"
    assert published_2025(engine) == [(2025, 4000.0, "ruim 4000")]


def test_pub009_a_bundled_correction_of_an_edited_figure_is_proposed_not_written(filled_db_url, tmp_path):
    engine = make_engine(filled_db_url)
    corrected = {
        "edition": "2022",
        "metric": "deelnemers",
        "value": "3500",
        "qualifier": "ruim",
        "published_text": "ruim 3500",
        "source_id": "kamerbrief-2022",
        "quote": "Hieraan hebben ruim 3500 mensen deelgenomen.",
        "note": "nagelopen door de redactie",
        "basis": "gerapporteerd",
    }
    published.submit(
        engine, flow.check_rows(engine, {"cijfers": [corrected]}).changes, user="anna", via="formulier", review=False
    )
    folder = tmp_path / "bundle"
    with as_file(bundled.data_dir()) as source:
        shutil.copytree(source, folder, ignore=shutil.ignore_patterns("gazetteer"))
    figures = folder / "figures.csv"
    figures.write_text(
        figures.read_text(encoding="utf-8").replace(
            "ruim 3500 mensen deelgenomen.", "ruim 3500 mensen deelgenomen aan de SZE."
        ),
        encoding="utf-8",
    )
    load_bundled(engine, folder=folder)
    notes = queries.figures(engine)
    kept = notes[(notes.edition == 2022) & (notes.metric == "deelnemers")]
    assert list(kept["note"]) == ["nagelopen door de redactie"]  # the editor's row, once
    proposal = published.entries(engine)[0]
    assert (proposal.status, proposal.origin) == ("voorgesteld", "bundled")
    assert "aan de SZE" in proposal.changes[0].after["quote"]
    load_bundled(engine, folder=folder, force=True)  # the same bundle again: proposed once
    assert [e.origin for e in published.entries(engine)] == ["bundled", "redactie"]


def test_pub010_a_bundled_figure_an_editor_removed_stays_removed_after_init_db(filled_db_url, tmp_path):
    engine = make_engine(filled_db_url)
    path = tmp_path / "record.xlsx"
    main(["--database-url", filled_db_url, "published", "export", str(path)])
    workbook = load_workbook(path)
    figures = workbook["cijfers"]
    line = next(row[0].row for row in figures.iter_rows(min_row=2) if row[7].value == "ruim 3500")
    figures.delete_rows(line)
    workbook.save(path)
    assert main(["--database-url", filled_db_url, "published", "import", str(path)]) == 0
    assert main(["--database-url", filled_db_url, "init-db", "--force"]) == 0
    texts = list(queries.figures(engine)["published_text"])
    assert "ruim 3500" not in texts and "bijna 33.000" in texts
    [entry] = published.entries(engine)
    published.undo(engine, entry.change_id, user="anna")  # and undo brings it back
    assert "ruim 3500" in list(queries.figures(engine)["published_text"])
