"""Spreadsheets as people make them (issue 18): formulas, title rows, data on another sheet, dates as numbers."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import create_engine

from core.i18n import messages_in
from ingest.importer import FileProblems, import_file, parse, read_table
from ingest.importer.columns import ACTIVITIES
from ingest.importer.upload import Upload, marked
from ingest.importer.validate import validate
from ingest.reference import Reference, read_reference

HEADINGS = ["Titel", "Organisator", "Datum", "Plaats", "Vorm", "Domein", "Thema", "Deelnemers", "Duur (uren)"]
ROW = ["Beeldbellen", "Zorggroep", "09-02-2021", "Den Haag", "online", "ggz", "verplaatsen"]


@pytest.fixture(scope="module")
def reference(engine) -> Reference:
    with engine.connect() as conn:
        return read_reference(conn)


def _save(book: Workbook, path: Path, cached: dict[str, str] | None = None) -> Path:
    """Save ``book``, then give the formula cells named in ``cached`` their saved value, as Excel would:
    openpyxl writes formulas without one."""
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    for cell, value in (cached or {}).items():
        xml, done = re.subn(rf'(<c r="{cell}"[^>]*>)<f>(.*?)</f><v\s*/>', rf"\1<f>\2</f><v>{value}</v>", xml)
        assert done == 1, cell
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _problems(path: Path, reference: Reference) -> set[tuple[int, str, str]]:
    with pytest.raises(FileProblems) as refused:
        validate(ACTIVITIES, read_table(path), reference)
    return {(p.line, p.column, p.message) for p in refused.value.problems}


def test_a_formula_counts_by_its_saved_value(tmp_path, reference):
    book = Workbook()
    book.active.append(HEADINGS)
    book.active.append([*ROW, "=10+2", "=1/2"])
    path = _save(book, tmp_path / "export.xlsx", {"H2": "12", "I2": "0.5"})
    parsed = validate(ACTIVITIES, read_table(path), reference)
    assert [(r["participants"], r["duration_hours"]) for r in parsed.rows] == [(12, 0.5)]


def test_a_formula_without_a_saved_value_is_named_on_its_line_and_column(tmp_path, reference):
    book = Workbook()
    book.active.append(HEADINGS)
    book.active.append([*ROW, "=10+2", 1])
    book.active.append([*ROW[:6], "=B2", 5, 1])  # a formula in a required column, with no value either
    path = _save(book, tmp_path / "export.xlsx")
    problems = _problems(path, reference)
    assert (2, "Deelnemers", "formule zonder opgeslagen waarde (=10+2): open het bestand in Excel en sla het op") in (
        problems
    )
    assert {(line, column) for line, column, _ in problems} == {(2, "Deelnemers"), (3, "Thema")}


def test_a_formula_excel_calculated_to_empty_text_is_an_empty_cell(tmp_path, reference):
    book = Workbook()
    book.active.append(HEADINGS)
    book.active.append([*ROW, '=IF(TRUE,"","")', 1])
    path = _save(book, tmp_path / "export.xlsx")
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(b'<c r="H2">', b'<c r="H2" t="str">')
    parts["xl/worksheets/sheet1.xml"] = re.sub(
        rb'(<c r="H2" t="str"><f>.*?</f>)<v\s*/>', rb"\1<v></v>", parts["xl/worksheets/sheet1.xml"]
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    parsed = validate(ACTIVITIES, read_table(path), reference)
    assert [r["participants"] for r in parsed.rows] == [None]


def test_a_title_row_above_the_headings_is_passed_over_and_lines_stay_the_spreadsheets(tmp_path, reference):
    book = Workbook()
    for row in (["Registratie SZE 2024"], [], HEADINGS, [*ROW, 12, 1], [*ROW[:3], "Nergensdorp", *ROW[4:], 3, 1]):
        book.active.append(row)
    book.save(tmp_path / "export.xlsx")
    sheet = read_table(tmp_path / "export.xlsx")
    assert (sheet.heading_line, sheet.headings[:2], [line for line, _ in sheet.rows]) == (
        3,
        ["Titel", "Organisator"],
        [4, 5],
    )
    assert {(line, column) for line, column, _ in _problems(tmp_path / "export.xlsx", reference)} == {(5, "Plaats")}


def test_a_title_line_above_the_headings_of_a_csv_is_passed_over(tmp_path, reference):
    lines = ["Registratie SZE 2021;;", ";;", ";".join(HEADINGS), ";".join([*ROW, "12", "1,5"])]
    (tmp_path / "export.csv").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    sheet = read_table(tmp_path / "export.csv")
    assert (sheet.heading_line, [line for line, _ in sheet.rows]) == (3, [4])
    assert [row["duration_hours"] for row in validate(ACTIVITIES, sheet, reference).rows] == [1.5]


def test_headings_no_export_has_are_still_named_on_the_first_line(tmp_path, reference):
    (tmp_path / "export.csv").write_text("Naam;Wat;Waar\nx;y;z\n", encoding="utf-8")
    problems = _problems(tmp_path / "export.csv", reference)
    assert (1, "Wat") in {(line, column) for line, column, _ in problems}


def _book_with_sheets(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        cells = book.create_sheet(name)
        for row in rows:
            cells.append(row)
    book.save(path)
    return path


def test_the_export_on_another_sheet_than_the_first_is_read_and_named(tmp_path):
    path = _book_with_sheets(
        tmp_path / "export.xlsx",
        {"Toelichting": [["Dit bestand bevat de registraties."]], "Registraties": [HEADINGS, [*ROW, 12, 1]]},
    )
    sheet = read_table(path)
    assert (sheet.name, len(sheet.rows)) == ("Registraties", 1)


def test_an_import_from_another_sheet_says_which_and_marks_that_sheet(filled_db_url, tmp_path):
    path = _book_with_sheets(
        tmp_path / "export.xlsx",
        {"Toelichting": [["Zie blad 2."]], "Registraties": [["Registratie 2021"], HEADINGS, [*ROW, -3, 1]]},
    )
    eng = create_engine(filled_db_url)
    with pytest.raises(FileProblems) as refused:
        import_file(eng, "activities", path)
    assert [(p.line, p.column) for p in refused.value.problems] == [(3, "Deelnemers")]
    back = load_workbook(
        io.BytesIO(marked(Upload(path.read_bytes(), path.name), read_table(path), refused.value.problems, "nl"))
    )
    assert back["Registraties"]["H3"].comment is not None and back["Toelichting"]["H3"].comment is None
    path = _book_with_sheets(
        tmp_path / "export.xlsx",
        {"Toelichting": [["Zie blad 2."]], "Registraties": [["Registratie 2021"], HEADINGS, [*ROW, 3, 1]]},
    )
    result = import_file(eng, "activities", path)
    eng.dispose()
    assert result.report().startswith("Gelezen van blad 'Registraties'")


def test_several_sheets_with_headings_after_a_first_without_are_named_not_guessed(tmp_path):
    path = _book_with_sheets(
        tmp_path / "export.xlsx",
        {"Uitleg": [["Uitleg"]], "2023": [HEADINGS], "2024": [[], HEADINGS, [*ROW, 1, 1]]},
    )
    with pytest.raises(FileProblems) as refused:
        read_table(path)
    assert "'2023', '2024'" in refused.value.problems[0].message


def test_a_first_sheet_with_headings_is_read_whatever_the_other_sheets_hold(tmp_path):
    path = _book_with_sheets(tmp_path / "export.xlsx", {"Nu": [HEADINGS, [*ROW, 1, 1]], "Vorig jaar": [HEADINGS]})
    sheet = read_table(path)
    assert (sheet.name, len(sheet.rows)) == ("", 1)


@pytest.mark.parametrize(
    ("cell", "written"), [(45328, "45328"), (45328.0, "45328"), ("45328", "45328"), ("45328,75", "45328,75")]
)
def test_a_date_written_as_excels_day_number_is_named_with_the_day_it_would_be_never_read_as_it(cell, written):
    with pytest.raises(ValueError) as refused:
        parse.date(cell)
    assert (
        str(refused.value) == f"{written} is een Excel-datumnummer: bedoelt u 6-2-2024? Zet de kolom op datumnotatie."
    )


@pytest.mark.parametrize("cell", [2021, "2021", "123456", 1.5])
def test_other_numbers_in_a_date_column_are_no_date(cell):
    with pytest.raises(ValueError, match="geen datum"):
        parse.date(cell)


def test_a_day_number_in_an_xlsx_is_named_on_its_line_and_a_date_cell_is_read(tmp_path, reference):
    book = Workbook()
    book.active.append(HEADINGS)
    book.active.append([*ROW[:2], 44236, *ROW[3:], 1, 1])  # a number-formatted cell: 9-2-2021
    book.active.append([*ROW[:2], dt.datetime(2021, 2, 10), *ROW[3:], 1, 1])
    book.save(tmp_path / "export.xlsx")
    problems = _problems(tmp_path / "export.xlsx", reference)
    assert problems == {
        (2, "Datum", "44236 is een Excel-datumnummer: bedoelt u 9-2-2021? Zet de kolom op datumnotatie.")
    }


def test_a_day_number_in_a_csv_is_named_in_english_too(tmp_path, reference):
    lines = [";".join(HEADINGS), ";".join([*ROW[:2], "44236", *ROW[3:], "1", "1"])]
    (tmp_path / "export.csv").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    with messages_in("en"), pytest.raises(FileProblems) as refused:
        validate(ACTIVITIES, read_table(tmp_path / "export.csv"), reference)
    assert [p.message for p in refused.value.problems] == [
        "44236 is an Excel date number: do you mean 9-2-2021? Format the column as a date."
    ]
