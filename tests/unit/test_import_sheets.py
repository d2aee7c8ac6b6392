"""Spreadsheets as people make them (issue 18): formulas, title rows, data on another sheet, dates as numbers."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from ingest.importer import FileProblems, read_table
from ingest.importer.columns import ACTIVITIES
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
