"""Ask, never guess (issue 18): what editors said the values the import did not know mean.

A place that is ambiguous or unknown, or a listed value (domain, theme, role ...) written another way, is a
problem naming its candidates. The editor picks one on /beheer (or an operator here); the answer is kept in
``value_mappings`` and ``read_reference`` hands it to the check, which reads the written value as its meaning
and then checks that meaning like any cell: a remembered answer never lets an unknown value through.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import Engine, select

from data_access import migrate, schema
from data_access.engine import Bind, connected
from ingest import writer
from ingest.problems import Problem


@dataclass(frozen=True)
class Mapping:
    """One remembered answer: ``written`` in a ``value_kind`` column means ``meaning``."""

    value_kind: str
    written: str
    meaning: str
    created_by: str
    created_at: str


@dataclass(frozen=True)
class Question:
    """One distinct unknown value of a file, with what it may mean and on how many lines it stands."""

    value_kind: str
    written: str
    column: str  # the file's heading, to show
    candidates: tuple[str, ...]
    lines: int


def questions(problems: Iterable[Problem]) -> list[Question]:
    """The distinct unknown values among ``problems`` that have candidates, in the order they first stand (the
    candidates as the first of them was written: 'Bergen' and 'BERGEN' are one question)."""
    found: dict[tuple[str, str], Question] = {}
    for problem in problems:
        if not problem.candidates:
            continue
        key = (problem.value_kind, problem.written)
        seen = found.get(key) or Question(key[0], key[1], problem.column, problem.candidates, 0)
        found[key] = replace(seen, lines=seen.lines + 1)
    return list(found.values())


def mappings(bind: Bind) -> list[Mapping]:
    """Every remembered answer, by column and value."""
    m = schema.value_mappings
    with connected(bind) as conn:
        rows = conn.execute(select(m).order_by(m.c.value_kind, m.c.written)).all()
    return [Mapping(*row) for row in rows]


def save(engine: Engine, answers: Sequence[tuple[str, str, str]], user: str) -> int:
    """Remember each (column, written value, meaning) for ``user`` in one transaction; how many."""
    with engine.begin() as conn:
        migrate.prepare_to_write(conn, migrate.IMPORT_LOCK)
        for value_kind, written, meaning in answers:
            writer.save_mapping(conn, value_kind, written, meaning, user=user)
    return len(answers)


def forget(engine: Engine, value_kind: str, written: str, user: str) -> bool:
    """Forget one answer, so the next upload asks again; whether there was one."""
    with engine.begin() as conn:
        migrate.prepare_to_write(conn, migrate.IMPORT_LOCK)
        return writer.delete_mapping(conn, value_kind, written, user=user)
