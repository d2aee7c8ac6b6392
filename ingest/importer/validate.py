"""Check every cell of an export against its columns, the places and the editions; collect every problem.

Nothing here writes. The result is either rows ready to store, or FileProblems naming each
line, column and reason, so the person holding the Excel file can fix all of it in one go.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from babel.lists import format_list

from core.i18n import t
from ingest.importer import parse
from ingest.importer.columns import PERSONAL_HEADINGS, Field, Kind, fold
from ingest.importer.formulas import Uncalculated
from ingest.importer.read import Sheet
from ingest.places import Gazetteer, Place, PlaceError, gazetteer
from ingest.problems import FileProblems, Problem, UnknownValue, written_form
from ingest.reference import Reference

Row = dict[str, Any]

#: months in which an edition's rows may be dated: the relay runs in February, surveys close later
MONTHS = {"activities": (1, 2, 3), "evaluations": (1, 2, 3, 4, 5, 6)}


@dataclass
class Parsed:
    """A valid export: its rows, the editions they belong to, the personal-data columns left out."""

    rows: list[Row]
    editions: list[int]
    dropped: list[str] = field(default_factory=list)
    #: how the file was read where it could have been read otherwise (its dates' order), for the editor to see
    notes: list[str] = field(default_factory=list)


#: a date written with slashes: 9/2/2021 is 9 February in Dutch Excel and 2 September in American Excel
_SLASH_DATE = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*")


@dataclass(frozen=True)
class SlashOrder:
    """The order of day and month in a column's dates with slashes, as the column itself shows it: a first number
    above 12 can only be a day, a second one only a day too. ``month_first`` is None where the column does not say
    (no such date, or both kinds: then each date is read as written, and a date that fits either way is asked)."""

    month_first: bool | None
    witness: str = ""  # a date that shows the order ('2/16/2021')


def slash_order(cells: Iterable[object]) -> SlashOrder:
    """What a column's dates with slashes say about their order (see ``SlashOrder``)."""
    day_first = month_first = ""
    for cell in cells:
        found = _SLASH_DATE.fullmatch(cell) if isinstance(cell, str) else None
        if found is None:
            continue
        written = found[0].strip()
        if int(found[1]) > 12:
            day_first = day_first or written
        if int(found[2]) > 12:
            month_first = month_first or written
    if bool(day_first) == bool(month_first):
        return SlashOrder(None)
    return SlashOrder(bool(month_first), month_first or day_first)


def ordered(cell: object, order: SlashOrder) -> object:
    """A date with slashes as day-month-year (dd-mm-jjjj), the order its column shows; UnknownValue, with both
    readings to choose from, for one the column does not settle and that reads as two days (2/9/2021)."""
    found = _SLASH_DATE.fullmatch(cell) if isinstance(cell, str) else None
    if found is None:
        return cell
    first, second, year, written = int(found[1]), int(found[2]), found[3], found[0].strip()
    if order.month_first:
        return f"{second:02d}-{first:02d}-{year}"
    if order.month_first is None and first != second and first <= 12 and second <= 12:
        day_month, month_day = f"{first:02d}-{second:02d}-{year}", f"{second:02d}-{first:02d}-{year}"
        message = t("ingest.date_order_unknown", raw=written, day_month=day_month, month_day=month_day)
        raise UnknownValue(message, (day_month, month_day))
    return cell


def _columns(kind: Kind, sheet: Sheet, problems: list[Problem]) -> tuple[dict[int, Field], list[str]]:
    """Which cell position fills which field; personal-data columns are dropped, unknown ones refused (named on
    the heading line, the spreadsheet's own)."""
    headings, line = sheet.headings, sheet.heading_line
    by_heading = {fold(name): f for f in kind.fields for name in (f.heading, *f.aliases)}
    positions: dict[int, Field] = {}
    dropped: list[str] = []
    seen: dict[str, str] = {}
    for index, heading in enumerate(headings):
        folded = fold(heading)
        if not folded:
            continue
        if folded in PERSONAL_HEADINGS:
            dropped.append(heading.strip())
            continue
        known = by_heading.get(folded)
        if known is None:
            expected = ", ".join(f.heading for f in kind.fields)
            problems.append(Problem(line, heading, t("ingest.unknown_column", expected=expected)))
        elif known.name in seen:
            problems.append(Problem(line, heading, t("ingest.column_twice", other=seen[known.name])))
        else:
            seen[known.name] = heading
            positions[index] = known
    problems += [
        Problem(line, f.heading, t("ingest.column_missing", doc=f.doc()))
        for f in kind.fields
        if f.required and f.name not in seen
    ]
    return positions, dropped


def _edition(kind: Kind, day: dt.date, reference: Reference) -> int | str:
    """The edition a date belongs to, or why it belongs to none."""
    if day.month not in MONTHS[kind.name]:
        return t(f"ingest.outside_relay.{kind.name}", day=f"{day:%d-%m-%Y}")
    if reference.programmes.get(day.year, "sze") != "sze":
        return t("ingest.ehealthweek_year", year=day.year)
    return day.year


def _blank(cell: object) -> bool:
    return cell is None or str(cell).strip() == ""


def _key_words(kind: Kind, lang: str = "nl") -> str:
    """The headings of the natural key as the language lists them: 'titel, organisator, datum en plaats'."""
    names = {f.name: f.heading.lower() for f in kind.fields}
    return format_list([names[name] for name in kind.key], locale=lang)


class _Check:
    """The rows of one sheet checked one by one, their problems collected in ``problems``."""

    def __init__(self, kind: Kind, sheet: Sheet, positions: dict[int, Field], reference: Reference):
        self.kind, self.sheet, self.positions, self.reference = kind, sheet, positions, reference
        self.headings = {f.name: sheet.headings[i] for i, f in positions.items()}
        self.region = parse.choice(reference.region_codes)
        self.places: Gazetteer = gazetteer()
        self.problems: list[Problem] = []
        self.first_line: dict[tuple[Any, ...], int] = {}
        dates = [i for i, f in positions.items() if f.name == kind.date_field]
        self.order = slash_order(cells[dates[0]] for _, cells in sheet.rows if len(cells) > dates[0]) if dates else None

    def _complain(self, line: int, name: str, message: str) -> None:
        self.problems.append(Problem(line, self.headings.get(name, name), message))

    def _refuse(self, line: int, name: str, cell: object, error: ValueError) -> None:
        """The problem of a cell that could not be read; an unknown value with candidates carries them, so the
        editor is asked what it means (and the answer remembered) instead of the import guessing."""
        candidates = error.candidates if isinstance(error, UnknownValue) else ()
        if not candidates:
            self._complain(line, name, str(error))
            return
        heading = self.headings.get(name, name)
        self.problems.append(Problem(line, heading, str(error), "", name, written_form(cell), candidates))

    def _mapped(self, name: str, cell: object) -> object:
        """The cell as an editor said to read it (a value they explained before), else as written."""
        if not isinstance(cell, str):
            return cell
        return self.reference.mappings.get((name, written_form(cell)), cell)

    def _stray_cells(self, line: int, cells: list[object]) -> None:
        """Cells right of the last heading: they belong to no column."""
        width = len(self.sheet.headings)
        for index, cell in enumerate(cells[width:], start=width):
            if not _blank(cell):
                self._complain(line, "-", t("ingest.cell_without_heading", number=index + 1, cell=cell))

    def _cells(self, line: int, cells: list[object]) -> tuple[Row, bool]:
        """Each field's value (None where empty), and whether every cell could be read."""
        row: Row = {}
        ok = True
        for index, f in self.positions.items():
            cell = cells[index] if index < len(cells) else None
            row[f.name] = None
            if isinstance(cell, Uncalculated):
                self._complain(line, f.name, t("ingest.formula_without_value", formula=cell))
                ok = False
                continue
            if _blank(cell):
                if f.required:
                    self._complain(line, f.name, t("ingest.empty"))
                    ok = False
                continue
            try:
                value = self._mapped(f.name, cell)
                if f.name == self.kind.date_field and self.order is not None:
                    value = ordered(value, self.order)
                row[f.name] = (f.parse or self.region)(value)
            except ValueError as exc:
                self._refuse(line, f.name, cell, exc)
                ok = False
        return row, ok

    def _edition_of(self, line: int, day: dt.date | None) -> int | None:
        edition = _edition(self.kind, day, self.reference) if day is not None else None
        if isinstance(edition, str):
            self._complain(line, self.kind.date_field, edition)
            return None
        return edition

    def _place_of(self, line: int, written: str | None) -> tuple[Place | None, bool]:
        if written is None:
            return None, True
        try:
            return self.places.resolve(written), True
        except PlaceError as exc:
            self._refuse(line, "place", written, exc)
            return None, False

    def _placed(self, row: Row, edition: int, place: Place | None) -> Row:
        """The row with its edition, and where a place is given, where it is and the week it fell in."""
        row["edition"] = edition
        if place is None:
            return row
        return row | {
            "place": place.name,
            "municipality": place.municipality,
            "province": place.province,
            "region": self.reference.regions[place.province],
            "lon": place.lon,
            "lat": place.lat,
            "week": self.reference.week_of(edition, row[self.kind.date_field]),
        }

    def _first_time(self, line: int, row: Row) -> bool:
        """Whether the row's natural key is new in the file (else a problem)."""
        key = (row["edition"], *(row[name] for name in self.kind.key))
        if key in self.first_line:
            self._complain(line, "-", t("ingest.row_twice", line=self.first_line[key], same=_key_words(self.kind)))
            return False
        self.first_line[key] = line
        return True

    def row(self, line: int, cells: list[object]) -> Row | None:
        """The row ready to store, or None (its problems noted)."""
        self._stray_cells(line, cells)
        row, ok = self._cells(line, cells)
        # the date and the place are checked even when another cell of the row is wrong: every problem, at once
        edition = self._edition_of(line, row.get(self.kind.date_field))
        place, place_ok = self._place_of(line, row.get("place"))
        if not (ok and place_ok) or edition is None:
            return None
        row = self._placed(row, edition, place)
        return row if self._first_time(line, row) else None


#: rows checked between two reports of progress
PROGRESS_EVERY = 1000


def validate(
    kind: Kind, sheet: Sheet, reference: Reference, progress: Callable[[int, int], None] | None = None
) -> Parsed:
    """Rows ready to store, or FileProblems listing every problem in the file. ``progress(done, total)`` is told
    how many rows are checked, every ``PROGRESS_EVERY`` rows."""
    if not sheet.headings:
        raise FileProblems([Problem(0, "-", t("ingest.empty_file"))])
    column_problems: list[Problem] = []
    positions, dropped = _columns(kind, sheet, column_problems)
    if column_problems and not positions:
        raise FileProblems(column_problems)
    check = _Check(kind, sheet, positions, reference)
    rows = []
    for done, (line, cells) in enumerate(sheet.rows):
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, len(sheet.rows))
        if (row := check.row(line, cells)) is not None:
            rows.append(row)
    problems = column_problems + check.problems
    if not sheet.rows:
        problems.append(Problem(0, "-", t("ingest.no_rows")))
    if problems:
        raise FileProblems(problems)
    notes = []
    if check.order is not None and check.order.month_first:
        notes.append(t("ingest.date_order_month_first", example=check.order.witness))
    return Parsed(rows, sorted({row["edition"] for row in rows}), dropped, notes)
