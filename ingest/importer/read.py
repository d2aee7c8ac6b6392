"""Read an export as Excel writes it: .xlsx (or .xls, .ods) through python-calamine, or a Dutch CSV.

A Dutch Excel saves CSV with ``;`` between cells, in UTF-8 with a byte-order mark or in
Windows-1252; the dialect is sniffed (stdlib ``csv.Sniffer``), the encoding told from the bytes.
Every row keeps the line number a person sees in Excel or a text editor. The headings are the first row most of
whose cells are headings an export has, so a title above them is passed over; an xlsx whose first sheet has no
such row is read from the one other sheet that has (several: the editor says which).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.i18n import t
from ingest.importer.columns import KNOWN_HEADINGS, fold
from ingest.importer.formulas import Uncalculated, uncalculated
from ingest.problems import FileProblems, Problem

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


@dataclass(frozen=True)
class Sheet:
    """The headings and the non-empty rows of an export, each row with its line number."""

    headings: list[str]
    rows: list[tuple[int, list[object]]]
    encoding: str  # how the file was read, for the report ("xlsx", "utf-8-sig", "cp1252")
    heading_line: int = 1  # the line the headings are on: a title may stand above them
    name: str = ""  # the sheet read, where it is not the first: the report names it


Lines = list[tuple[int, list[object]]]

#: how far down the heading row is looked for: a title and a blank line or two, not a page of notes
HEADING_SEARCH = 20


def _is_heading_row(cells: list[object]) -> bool:
    """Whether most of the row's written cells are headings an export has (and at least two are)."""
    written = [fold(str(cell)) for cell in cells if not _blank([cell])]
    known = sum(1 for heading in written if heading in KNOWN_HEADINGS)
    return known >= 2 and 2 * known > len(written)


def _heading_at(lines: Lines) -> int | None:
    """The position in ``lines`` of the heading row; None if the first lines hold none."""
    return next((at for at, (_, cells) in enumerate(lines[:HEADING_SEARCH]) if _is_heading_row(cells)), None)


def _table(lines: Lines, encoding: str, at: int | None = None, name: str = "") -> Sheet:
    """The sheet with its headings on ``lines[at]`` (by default the first written line, as before a heading row
    is recognised: its unknown headings are then named as such) and the written lines below as rows."""
    if at is None:
        at = next((at for at, (_, cells) in enumerate(lines) if not _blank(cells)), None)
    if at is None:
        return Sheet([], [], encoding, name=name)
    line, headings = lines[at]
    rows = [(number, cells) for number, cells in lines[at + 1 :] if not _blank(cells)]
    return Sheet(["" if cell is None else str(cell).strip() for cell in headings], rows, encoding, line, name)


class _DutchExcel(csv.excel):
    """What a Dutch Excel writes when the sniffer cannot tell (a file of one column, say)."""

    delimiter = ";"


def _blank(cells: list[object]) -> bool:
    return all(cell is None or str(cell).strip() == "" for cell in cells)


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def _read_csv(data: bytes) -> Sheet:
    content, encoding = _decode(data)
    sample = content[:20_000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        dialect = _DutchExcel
    reader = csv.reader(io.StringIO(content, newline=""), dialect)
    lines: Lines = []
    line = 1
    try:
        for record in reader:
            lines.append((line, list(record)))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise FileProblems([Problem(line, "-", t("ingest.unreadable_csv", reason=exc))]) from None
    return _table(lines, encoding, _heading_at(lines))


def _with_formulas(cells: list[list[object]], formulas: dict[tuple[int, int], Uncalculated]) -> list[list[object]]:
    """calamine's grid with each formula saved without its value in its cell (where calamine has nothing)."""
    for (row, column), formula in formulas.items():
        while len(cells) <= row:
            cells.append([])
        cells[row] += [""] * (column + 1 - len(cells[row]))
        if _blank([cells[row][column]]):
            cells[row][column] = formula
    return cells


def _unreadable(exc: Exception) -> FileProblems:
    return FileProblems([Problem(0, "-", t("ingest.unreadable_excel", reason=exc))])


def _sheet_lines(workbook: Any, path: Path, index: int) -> Lines:
    """Sheet ``index``'s cells by line, each formula saved without its value in its cell."""
    try:
        grid = workbook.get_sheet_by_index(index).to_python(skip_empty_area=False)
    except Exception as exc:  # calamine raises its own error kinds for every broken file
        raise _unreadable(exc) from None
    cells = _with_formulas([list(row) for row in grid], uncalculated(path, index))
    return [(number, row) for number, row in enumerate(cells, start=1)]


def _other_sheet(workbook: Any, path: Path, names: list[str]) -> Sheet | None:
    """The one sheet after the first that holds a heading row; None if none does; FileProblems if several do,
    for which is the export is the editor's to say, not a guess."""
    found = {}
    for index in range(1, len(names)):
        lines = _sheet_lines(workbook, path, index)
        if (at := _heading_at(lines)) is not None:
            found[names[index]] = _table(lines, "excel", at, names[index])
    if len(found) > 1:
        sheets = ", ".join(f"'{name}'" for name in found)
        raise FileProblems([Problem(0, "-", t("ingest.several_sheets", sheets=sheets))])
    return next(iter(found.values()), None)


def _read_excel(path: Path) -> Sheet:
    """The first sheet with a heading row: the first sheet, or else the one other sheet that has one."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = list(workbook.sheet_names)
    except Exception as exc:  # calamine raises its own error kinds for every broken file
        raise _unreadable(exc) from None
    if not names:
        return Sheet([], [], "excel")
    first = _sheet_lines(workbook, path, 0)
    at = _heading_at(first)
    if at is None and (other := _other_sheet(workbook, path, names)) is not None:
        return other
    return _table(first, "excel", at)


def read_table(path: Path) -> Sheet:
    """An Excel file's sheet with the export (see ``_read_excel``), or a CSV file, as headings and rows;
    FileProblems if unreadable."""
    if not path.is_file():
        raise FileProblems([Problem(0, "-", t("ingest.no_such_file", path=path))])
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return _read_excel(path)
    if path.suffix.lower() not in (".csv", ".txt"):
        raise FileProblems([Problem(0, "-", t("ingest.unknown_suffix", suffix=path.suffix))])
    return _read_csv(path.read_bytes())
