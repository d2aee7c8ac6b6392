"""What each bundled file must hold, derived from the schema: one table, one file, its columns and rules.

Nothing is listed by hand: a table added to ``schema.metadata`` is a file the loader expects,
in foreign-key order, with parsers from the column types and rules from the column ``info``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Boolean, Column, Date, Float, Integer, Table

from data_access import schema
from ingest.rules import Range, choices_of, range_of

Parser = Callable[[str], object]


def _text(raw: str) -> str:
    return raw


def _int(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{raw!r} is not a whole number") from None


def _float(raw: str) -> float:
    try:
        return float(raw)
    except ValueError:
        raise ValueError(f"{raw!r} is not a number (use a dot for decimals)") from None


def _date(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{raw!r} is not a date in the form YYYY-MM-DD") from None


def _bool(raw: str) -> bool:
    if raw not in ("0", "1"):
        raise ValueError(f"{raw!r} is not 0 or 1")
    return raw == "1"


def _one_of(allowed: tuple[str, ...], parse: Parser) -> Parser:
    def check(raw: str) -> object:
        value = parse(raw)
        if value not in allowed:
            raise ValueError(f"{raw!r} is not one of {', '.join(allowed)}")
        return value

    return check


def _between(rule: Range, parse: Parser) -> Parser:
    def check(raw: str) -> object:
        value = parse(raw)
        if not rule.holds(value):  # type: ignore[arg-type]
            raise ValueError(f"{raw!r} is not between {rule.low} and {rule.high}")
        return value

    return check


def _parser(column: Column) -> Parser:
    """How a cell of ``column`` is read: by the column's type, then its rules."""
    kind = column.type
    parse: Parser
    if isinstance(kind, Boolean):
        parse = _bool
    elif isinstance(kind, Integer):
        parse = _int
    elif isinstance(kind, Float):
        parse = _float
    elif isinstance(kind, Date):
        parse = _date
    else:
        parse = _text
    allowed, bounds = choices_of(column), range_of(column)
    if allowed:
        parse = _one_of(allowed, parse)
    if bounds is not None:
        parse = _between(bounds, parse)
    return parse


@dataclass(frozen=True)
class Col:
    """How one CSV column is read: parser, whether it may be empty, which file's keys it refers to."""

    parse: Parser
    required: bool
    refers_to: str | None  # file whose key this value must be


@dataclass(frozen=True)
class FileSpec:
    """One CSV file of the dataset and the table it fills."""

    name: str
    table: Table
    columns: dict[str, Col]
    key: str | None  # the single-column primary key other files refer to
    unique: tuple[tuple[str, ...], ...]  # column sets whose values may appear only once


def _is_generated(column: Column) -> bool:
    """Filled by the database or the loader, not by the file."""
    generated_key = column.primary_key and column.autoincrement is True
    return bool(generated_key or column.info.get("derived"))


def file_name(table: Table) -> str:
    """The bundled file that fills ``table``."""
    return f"{table.name}.csv"


def _spec(table: Table) -> FileSpec:
    columns: dict[str, Col] = {}
    for column in table.columns:
        if _is_generated(column):
            continue
        targets = [fk.column.table for fk in column.foreign_keys]
        columns[column.name] = Col(
            parse=_parser(column),
            required=not column.nullable,
            refers_to=file_name(targets[0]) if targets else None,
        )
    primary = [c.name for c in table.primary_key.columns if c.name in columns]
    key = primary[0] if len(primary) == 1 else None
    unique = [tuple(primary)] if primary else []
    unique += [(c.name,) for c in table.columns if c.unique and c.name in columns]
    return FileSpec(file_name(table), table, columns, key, tuple(unique))


def specs() -> tuple[FileSpec, ...]:
    """Every bundled file, in an order in which each refers only to files before it."""
    return tuple(_spec(table) for table in schema.dataset_tables())
