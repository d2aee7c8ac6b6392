"""Check every cell of an export against its columns, the places and the editions; collect every problem.

Nothing here writes. The result is either rows ready to store, or FileProblems naming each
line, column and reason, so the person holding the Excel file can fix all of it in one go.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ingest.importer.columns import PERSONAL_HEADINGS, Field, Kind
from ingest.importer.problems import FileProblems, Problem
from ingest.importer.read import Sheet
from ingest.places import PlaceError, gazetteer

Row = dict[str, Any]

#: months in which an edition's rows may be dated: the relay runs in February, surveys close later
MONTHS = {"activities": (1, 2, 3), "evaluations": (1, 2, 3, 4, 5, 6)}


@dataclass(frozen=True)
class Reference:
    """What the database already says that an import is checked against."""

    programmes: dict[int, str]  # edition year: "sze" or "ehealthweek"
    weeks: dict[int, list[tuple[int, dt.date, dt.date]]]  # edition: (week, first day, last day)
    regions: dict[str, str]  # province: SZE region


@dataclass
class Parsed:
    """A valid export: its rows, the editions they belong to, the personal-data columns left out."""

    rows: list[Row]
    editions: list[int]
    dropped: list[str] = field(default_factory=list)


def _fold(heading: str) -> str:
    return " ".join(heading.replace("\ufeff", "").split()).casefold()


def _columns(kind: Kind, headings: list[str], problems: list[Problem]) -> tuple[dict[int, Field], list[str]]:
    """Which cell position fills which field; personal-data columns are dropped, unknown ones refused."""
    by_heading = {_fold(name): f for f in kind.fields for name in (f.heading, *f.aliases)}
    positions: dict[int, Field] = {}
    dropped: list[str] = []
    seen: dict[str, str] = {}
    for index, heading in enumerate(headings):
        folded = _fold(heading)
        if not folded:
            continue
        if folded in PERSONAL_HEADINGS:
            dropped.append(heading.strip())
            continue
        known = by_heading.get(folded)
        if known is None:
            expected = ", ".join(f.heading for f in kind.fields)
            problems.append(Problem(1, heading, f"onbekende kolom; verwacht: {expected}"))
        elif known.name in seen:
            problems.append(Problem(1, heading, f"staat er twee keer in (ook als '{seen[known.name]}')"))
        else:
            seen[known.name] = heading
            positions[index] = known
    for f in kind.fields:
        if f.required and f.name not in seen:
            problems.append(Problem(1, f.heading, f"kolom ontbreekt ({f.doc})"))
    return positions, dropped


def _edition(kind: Kind, day: dt.date, reference: Reference) -> int | str:
    """The edition a date belongs to, or why it belongs to none."""
    if day.month not in MONTHS[kind.name]:
        months = "januari tot en met maart" if kind.name == "activities" else "januari tot en met juni"
        return f"{day:%d-%m-%Y} valt buiten een estafette ({months})"
    if reference.programmes.get(day.year, "sze") != "sze":
        return f"{day.year} is een jaar van de e-healthweek, geen editie van de Slimme Zorg Estafette"
    return day.year


def _week(edition: int, day: dt.date, reference: Reference) -> int | None:
    for week, first, last in reference.weeks.get(edition, []):
        if first <= day <= last:
            return week
    return None


def validate(kind: Kind, sheet: Sheet, reference: Reference) -> Parsed:
    """Rows ready to store, or FileProblems listing every problem in the file."""
    problems: list[Problem] = []
    if not sheet.headings:
        raise FileProblems([Problem(0, "-", "het bestand is leeg")])
    positions, dropped = _columns(kind, sheet.headings, problems)
    if problems and not positions:
        raise FileProblems(problems)
    headings = {f.name: sheet.headings[i] for i, f in positions.items()}
    places = gazetteer()
    rows: list[Row] = []
    first_line: dict[tuple[Any, ...], int] = {}
    for line, cells in sheet.rows:
        row: Row = {}
        ok = True
        for index, cell in enumerate(cells[len(sheet.headings) :], start=len(sheet.headings)):
            if cell is not None and str(cell).strip():
                problems.append(Problem(line, "-", f"cel {index + 1} heeft geen kolomkop: '{cell}'"))
        for index, f in positions.items():
            cell = cells[index] if index < len(cells) else None
            if cell is None or str(cell).strip() == "":
                row[f.name] = None
                if f.required:
                    problems.append(Problem(line, headings[f.name], "is leeg"))
                    ok = False
                continue
            try:
                row[f.name] = f.parse(cell)
            except ValueError as exc:
                problems.append(Problem(line, headings[f.name], str(exc)))
                ok = False
        # the date and the place are checked even when another cell of the row is wrong: every problem, at once
        day = row.get(kind.date_field)
        edition = _edition(kind, day, reference) if day is not None else None
        if isinstance(edition, str):
            problems.append(Problem(line, headings[kind.date_field], edition))
            ok = False
        place = None
        if row.get("place") is not None:
            try:
                place = places.resolve(row["place"])
            except PlaceError as exc:
                problems.append(Problem(line, headings["place"], str(exc)))
                ok = False
        if not ok or day is None or not isinstance(edition, int):
            continue
        row["edition"] = edition
        if place is not None:
            row |= {
                "place": place.name,
                "municipality": place.municipality,
                "province": place.province,
                "region": reference.regions[place.province],
                "lon": place.lon,
                "lat": place.lat,
                "week": _week(edition, day, reference),
            }
        key = (edition, *(row[name] for name in kind.key))
        if key in first_line:
            problems.append(
                Problem(line, "-", f"staat er al in op regel {first_line[key]} (zelfde {_key_words(kind)})")
            )
            continue
        first_line[key] = line
        rows.append(row)
    if not sheet.rows:
        problems.append(Problem(0, "-", "het bestand heeft geen regels onder de kolomkoppen"))
    if problems:
        raise FileProblems(problems)
    return Parsed(rows, sorted({row["edition"] for row in rows}), dropped)


def _key_words(kind: Kind) -> str:
    names = {f.name: f.heading.lower() for f in kind.fields}
    shown = [names[name] for name in kind.key]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " en " + shown[-1]
