"""Formula cells of an xlsx saved without their value: the one thing python-calamine cannot tell.

calamine gives a formula cell its saved (cached) value, which is what a person saw in Excel. A file written by
a program that never calculated it (a script, a web export) holds the formula and no value, and calamine gives
an empty cell: a count written as ``=12+3`` would be imported as no count at all, silently. So the sheet's XML
is read once more, streamed (bounded memory, one pass), for cells with a formula and no saved value.

A formula that Excel calculated to empty text is saved as ``t="str"`` with an empty value: that one is empty on
purpose (``=ALS(A2="";"";A2)``), and not a problem; openpyxl cannot tell the two apart, which is why this reads
the XML itself.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element, iterparse

#: the suffixes whose sheets are Office Open XML (.xls and .ods save a formula's value in their own ways)
OOXML_SUFFIXES = (".xlsx", ".xlsm")
_REFERENCE = re.compile(r"([A-Z]+)(\d+)")
#: a formula element, with or without a namespace prefix (``<f>``, ``<f t="shared" .../>``, ``<x:f>``)
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@dataclass(frozen=True)
class Uncalculated:
    """A formula cell saved without its value; stands in the cell's place until validation names it."""

    formula: str

    def __str__(self) -> str:
        return f"={self.formula}" if self.formula else "="


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _position(reference: str) -> tuple[int, int] | None:
    """'B3' as (row index 2, column index 1), counted from 0 as calamine's grid is."""
    found = _REFERENCE.fullmatch(reference)
    if found is None:
        return None
    column = 0
    for letter in found.group(1):
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(found.group(2)) - 1, column - 1


def _sheet_parts(archive: zipfile.ZipFile) -> list[str]:
    """The worksheet parts in the workbook's order of sheets (the order calamine's ``sheet_names`` has)."""
    targets = {
        relation.get("Id"): relation.get("Target", "")
        for _, relation in iterparse(archive.open("xl/_rels/workbook.xml.rels"))
        if _local(relation.tag) == "Relationship"
    }
    parts = []
    for _, sheet in iterparse(archive.open("xl/workbook.xml")):
        if _local(sheet.tag) == "sheet":
            target = targets.get(sheet.get(_RELATIONSHIP), "")
            parts.append(target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}"))
    return parts


def _without_value(cell: Element) -> str | None:
    """The formula of a cell saved without its value; None if the cell has no formula or has its value."""
    children = {_local(child.tag): child for child in cell}
    if "f" not in children:
        return None
    value = children.get("v")
    if value is not None and (value.text or cell.get("t") == "str"):
        return None
    return children["f"].text or ""


def _has_formula(stream: IO[bytes]) -> bool:
    """Whether the part holds a formula at all: a byte search, several times faster than parsing the XML, so a
    sheet without formulas (most exports) costs little more than calamine's own reading."""
    tail = b""
    while chunk := stream.read(1024 * 1024):
        if _FORMULA.search(tail + chunk):
            return True
        tail = chunk[-16:]  # a tag split across two chunks
    return False


def _scan(stream: IO[bytes]) -> dict[tuple[int, int], Uncalculated]:
    found: dict[tuple[int, int], Uncalculated] = {}
    for _, element in iterparse(stream):
        if _local(element.tag) != "c":
            continue
        formula = _without_value(element)
        where = _position(element.get("r", ""))
        if formula is not None and where is not None:
            found[where] = Uncalculated(formula)
        element.clear()  # a streamed sheet keeps no cells it has passed
    return found


def uncalculated(path: Path, index: int) -> dict[tuple[int, int], Uncalculated]:
    """The cells of sheet ``index`` (counted from 0) holding a formula without a saved value, by (row, column)
    counted from 0; empty for a file that is no xlsx or whose parts cannot be found (calamine read it already)."""
    if path.suffix.lower() not in OOXML_SUFFIXES:
        return {}
    try:
        with zipfile.ZipFile(path) as archive:
            parts = _sheet_parts(archive)
            if index >= len(parts):
                return {}
            with archive.open(parts[index]) as stream:
                if not _has_formula(stream):
                    return {}
            with archive.open(parts[index]) as stream:
                return _scan(stream)
    except (KeyError, zipfile.BadZipFile, SyntaxError, OSError):
        return {}
