"""Read every bundled file and check it against its specification; collect every problem, write nothing.

A problem names its file, line and column, so the person who edits the CSV can find it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib.resources.abc import Traversable
from typing import Any

import pandas as pd

from ingest import bundled
from ingest.loader.spec import FileSpec, specs
from ingest.problems import DatasetError, Problem

#: The words a published text must contain for each qualifier, so "ruim" is never lost.
QUALIFIER_WORDS: dict[str, tuple[str, ...]] = {
    "exact": (),
    "bijna": ("bijna",),
    "ruim": ("ruim",),
    "meer_dan": ("meer dan",),
    "circa": ("circa", "~", "zo'n", "zo’n", "ongeveer"),
    "naar_schatting_circa": ("naar schatting",),
    "naar_schatting": ("naar schatting",),
    "gemiddeld": ("gemiddeld",),
    "miljoenen": ("miljoenen",),
}

Row = dict[str, Any]


def _problem(spec: FileSpec, line: int, column: str, message: str) -> Problem:
    return Problem(line, column, message, file=spec.name)


def _qualifier_said(spec: FileSpec, row: Row, line: int) -> Iterable[Problem]:
    """A rounded figure must say so in its published words ('ruim 3500', not '3500')."""
    for qualifier_column, text_column in (("qualifier", "published_text"), ("size_qualifier", "size_text")):
        qualifier, text = row.get(qualifier_column), row.get(text_column)
        words = QUALIFIER_WORDS.get(qualifier, ()) if isinstance(qualifier, str) else ()
        if words and not (isinstance(text, str) and any(w in text.lower() for w in words)):
            yield _problem(
                spec, line, text_column, f"{qualifier_column} {qualifier!r} but text {text!r} does not say so"
            )


def _week_has_region(spec: FileSpec, row: Row, line: int) -> Iterable[Problem]:
    """A figure published for a week belongs to the region that had that week."""
    if (
        "week" in spec.columns
        and "region" in spec.columns
        and row.get("week") is not None
        and row.get("region") is None
    ):
        yield _problem(spec, line, "region", "a weekly figure needs the region of that week")


#: Rules across the columns of one row; each applies where its columns exist.
ROW_RULES: tuple[Callable[[FileSpec, Row, int], Iterable[Problem]], ...] = (_qualifier_said, _week_has_region)


def _read_file(spec: FileSpec, folder: Traversable, problems: list[Problem]) -> pd.DataFrame | None:
    """The file as text cells, or None (with the reason among ``problems``) when it cannot be read."""
    source = folder / spec.name
    if not source.is_file():
        problems.append(_problem(spec, 0, "-", "file is missing"))
        return None
    try:
        with source.open("rb") as handle:
            frame = pd.read_csv(handle, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        problems.append(_problem(spec, 1, "-", f"not readable as UTF-8 CSV: {exc}"))
        return None
    missing = [c for c in spec.columns if c not in frame.columns]
    problems += [_problem(spec, 1, c, "column is missing") for c in missing]
    problems += [_problem(spec, 1, c, "unknown column") for c in frame.columns if c not in spec.columns]
    return None if missing else frame


def _parse_rows(spec: FileSpec, frame: pd.DataFrame, keys: dict[str, set[Any]], problems: list[Problem]) -> list[Row]:
    rows: list[Row] = []
    seen: dict[tuple[str, ...], set[tuple[Any, ...]]] = {columns: set() for columns in spec.unique}
    for index, record in enumerate(frame.to_dict("records")):
        line = index + 2  # line 1 is the header
        row: Row = {}
        for name, col in spec.columns.items():
            raw = str(record[name]).strip()
            row[name] = None
            if raw == "":
                if col.required:
                    problems.append(_problem(spec, line, name, "is empty"))
                continue
            try:
                value = col.parse(raw)
            except ValueError as exc:
                problems.append(_problem(spec, line, name, str(exc)))
                continue
            if col.refers_to and value not in keys.get(col.refers_to, set()):
                problems.append(_problem(spec, line, name, f"{raw!r} is not in {col.refers_to}"))
            row[name] = value
        for columns, values in seen.items():
            combination = tuple(row.get(c) for c in columns)
            if None in combination:
                continue
            if combination in values:
                shown = combination[0] if len(combination) == 1 else combination
                problems.append(_problem(spec, line, ", ".join(columns), f"{shown!r} appears twice"))
            values.add(combination)
        for rule in ROW_RULES:
            problems += rule(spec, row, line)
        rows.append(row)
    if spec.key is not None:
        keys[spec.name] = {row[spec.key] for row in rows if row.get(spec.key) is not None}
    return rows


def read_dataset(folder: Traversable | None = None) -> dict[str, list[Row]]:
    """Read and validate every file in ``folder`` (default: the bundled dataset).

    Returns parsed rows per file, or raises DatasetError naming every problem.
    """
    folder = folder or bundled.data_dir()
    problems: list[Problem] = []
    keys: dict[str, set[Any]] = {}
    parsed: dict[str, list[Row]] = {}
    for spec in specs():
        frame = _read_file(spec, folder, problems)
        parsed[spec.name] = [] if frame is None else _parse_rows(spec, frame, keys, problems)
    if problems:
        raise DatasetError(problems)
    return parsed
