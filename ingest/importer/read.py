"""Read an export as Excel writes it: .xlsx (or .xls, .ods) through python-calamine, or a Dutch CSV.

A Dutch Excel saves CSV with ``;`` between cells, in UTF-8 with a byte-order mark or in
Windows-1252; the dialect is sniffed (stdlib ``csv.Sniffer``), the encoding told from the bytes.
Every row keeps the line number a person sees in Excel or a text editor.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from core.i18n import t
from ingest.importer.formulas import Uncalculated, uncalculated
from ingest.problems import FileProblems, Problem

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


@dataclass(frozen=True)
class Sheet:
    """The headings and the non-empty rows of an export, each row with its line number."""

    headings: list[str]
    rows: list[tuple[int, list[object]]]
    encoding: str  # how the file was read, for the report ("xlsx", "utf-8-sig", "cp1252")


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
    rows: list[tuple[int, list[object]]] = []
    headings: list[str] | None = None
    line = 1
    try:
        for record in reader:
            if headings is None:
                headings = [cell.strip() for cell in record]
            elif not _blank(list(record)):
                rows.append((line, list(record)))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise FileProblems([Problem(line, "-", t("ingest.unreadable_csv", reason=exc))]) from None
    return Sheet(headings or [], rows, encoding)


def _with_formulas(cells: list[list[object]], formulas: dict[tuple[int, int], Uncalculated]) -> list[list[object]]:
    """calamine's grid with each formula saved without its value in its cell (where calamine has nothing)."""
    for (row, column), formula in formulas.items():
        while len(cells) <= row:
            cells.append([])
        cells[row] += [""] * (column + 1 - len(cells[row]))
        if _blank([cells[row][column]]):
            cells[row][column] = formula
    return cells


def _read_excel(path: Path) -> Sheet:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        grid = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
        cells: list[list[object]] = [list(row) for row in grid]
    except Exception as exc:  # calamine raises its own error kinds for every broken file
        raise FileProblems([Problem(0, "-", t("ingest.unreadable_excel", reason=exc))]) from None
    cells = _with_formulas(cells, uncalculated(path, 0))
    if not cells:
        return Sheet([], [], "excel")
    headings = [str(cell).strip() for cell in cells[0]]
    rows: list[tuple[int, list[object]]] = [
        (index + 1, list(row)) for index, row in enumerate(cells) if index > 0 and not _blank(list(row))
    ]
    return Sheet(headings, rows, "excel")


def read_table(path: Path) -> Sheet:
    """The first sheet of an Excel file, or a CSV file, as headings and rows; FileProblems if unreadable."""
    if not path.is_file():
        raise FileProblems([Problem(0, "-", t("ingest.no_such_file", path=path))])
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return _read_excel(path)
    if path.suffix.lower() not in (".csv", ".txt"):
        raise FileProblems([Problem(0, "-", t("ingest.unknown_suffix", suffix=path.suffix))])
    return _read_csv(path.read_bytes())
