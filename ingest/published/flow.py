"""A workbook or a form against the record as it is: what it would change, or every problem that stops it.

Both paths end in the same check (``check.checked_record``) of the whole record as it would be, so a form for
one figure keeps exactly the rules the workbook keeps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from data_access import schema
from data_access.engine import Bind, connected
from ingest.problems import Problem
from ingest.published import check
from ingest.published.changes import Change, diff
from ingest.published.record import BY_SHEET, RawSheet, Record, key_of, read_record, read_workbook

#: the line a form's row has in its problems: there is one row, and its fields are named instead
FORM_LINE = 0


@dataclass(frozen=True)
class Checked:
    """What the workbook or form would change (``changes``), or why it cannot (``problems``)."""

    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _regions(bind: Bind) -> list[str]:
    with connected(bind) as conn:
        return list(conn.execute(select(schema.regions.c.region)).scalars())


def _judged(bind: Bind, current: Record, new: Record, problems: list[Problem]) -> Checked:
    changes = diff(current, new)
    touched: dict[str, set[Any]] = {}
    for change in changes:
        if change.after is not None:
            touched.setdefault(change.sheet, set()).add(change.key)
    problems = problems + check.checked_record(new, _regions(bind), touched)
    return Checked([] if problems else changes, problems)


def check_workbook(bind: Bind, path: Path) -> Checked:
    """The workbook at ``path`` (every sheet of the record) against the record as ``bind`` holds it."""
    sheets, problems = read_workbook(path)
    if problems:
        return Checked(problems=problems)
    new = {name: check.parse_sheet(sheet, problems) for name, sheet in sheets.items()}
    if problems:
        return Checked(problems=problems)
    with connected(bind) as conn:
        current = read_record(conn)
    return _judged(bind, current, new, problems)


def check_rows(bind: Bind, rows: dict[str, list[dict[str, str]]], weeks_of: int | None = None) -> Checked:
    """Rows a form adds or corrects (text by column, per sheet), each taking the place of the row with its key;
    ``weeks_of``: the edition whose weeks the rows give all of (a week left out is no longer published)."""
    with connected(bind) as conn:
        current = read_record(conn)
    problems: list[Problem] = []
    new: Record = {name: list(lines) for name, lines in current.items()}
    if weeks_of is not None:
        new["weken"] = [(line, row) for line, row in new["weken"] if row.get("edition") != weeks_of]
    for sheet, written in rows.items():
        kind = BY_SHEET[sheet]
        parsed = check.parse_sheet(RawSheet(kind, [(FORM_LINE, cells) for cells in written]), problems)
        for _, row in parsed:
            kept = [(line, old) for line, old in new[sheet] if key_of(kind, old) != key_of(kind, row)]
            new[sheet] = [*kept, (FORM_LINE, row)]
    if problems:
        return Checked(problems=problems)
    return _judged(bind, current, new, problems)
