"""/beheer's "ask, never guess" (issue 18, item 4): the unknown values of a checked file with their candidates, and
the remembered answers ('Vertalingen') with a delete button each.

An answer is saved only when it is one of the candidates the server itself finds for that value in the very file
it is sent (``chosen``): a forged request can remember nothing the check did not offer. The writes go through
``ingest.mappings`` (the writer, the audit log) on the owner's connection.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from typing import Any

from dash.exceptions import PreventUpdate
from sqlalchemy.exc import SQLAlchemyError

from callbacks.common import runtime
from core.formatting import fmt_date, fmt_utc
from core.i18n import t, tn
from ingest import mappings
from ingest.importer import KINDS, Problem
from layouts import beheer as page

log = logging.getLogger(__name__)

#: a column's heading by the field it fills: how the page names the kind of a remembered value
HEADINGS = {f.name: f.heading for kind in KINDS.values() for f in kind.fields}

Asked = dict[tuple[str, str], tuple[str, ...]]


def asked_section(problems: Iterable[Problem], language: str) -> Any:
    """'Onbekende waarden' for a file's problems, or None when none of them has candidates."""
    found = mappings.questions(problems)
    if not found:
        return None
    items = [
        page.Asked(
            q.value_kind,
            q.written,
            tn("beheer.question_label", q.lines, language, column=q.column, written=q.written),
            q.candidates,
            [_candidate(q.value_kind, option, language) for option in q.candidates],
        )
        for q in found
    ]
    return page.questions(language, items)


#: the fields whose candidates are days written dd-mm-jjjj (a date that may be day-month or month-day)
DATE_FIELDS = frozenset(kind.date_field for kind in KINDS.values())


def _candidate(value_kind: str, option: str, language: str) -> str:
    """A candidate as the dropdown shows it: a day also spelt out ('09-02-2021 (9 februari 2021)'), so that which
    of two readings is which needs no counting."""
    if value_kind not in DATE_FIELDS:
        return option
    try:
        day = dt.datetime.strptime(option, "%d-%m-%Y").date()
    except ValueError:
        return option
    return f"{option} ({fmt_date(day, lang=language)})"


def asked_of(problems: Iterable[Problem]) -> Asked:
    """Each unknown value of a file with the candidates the check offered for it."""
    return {(q.value_kind, q.written): tuple(q.candidates) for q in mappings.questions(problems)}


def chosen(asked: Asked, where: Sequence[object], values: Sequence[object]) -> list[tuple[str, str, str]]:
    """The answers picked in the dropdowns (``where``: their ids) that are candidates of a value of this file."""
    answers = []
    for place, value in zip(where, values, strict=False):
        if not isinstance(place, dict) or not isinstance(value, str):
            continue
        key = (str(place.get("kind")), str(place.get("written")))
        if value in asked.get(key, ()):
            answers.append((*key, value))
    return answers


def save(answers: list[tuple[str, str, str]], user: str, language: str) -> Any:
    """Remember ``answers`` for ``user``; what the page says about it."""
    if not answers:
        return page.result(t("beheer.remember_nothing", language), "warning")
    try:
        mappings.save(runtime().writer_engine(), answers, user)
    except SQLAlchemyError:
        log.exception("the mappings from /beheer could not be saved")
        return page.result(t("beheer.mappings_failed", language), "danger")
    return page.result(tn("beheer.remembered", len(answers), language))


def mappings_component(language: str) -> Any:
    """The remembered answers, as the owner's connection reads them."""
    try:
        found = mappings.mappings(runtime().writer_engine())
    except SQLAlchemyError:
        log.exception("the mappings could not be read")
        return page.result(t("beheer.mappings_failed", language), "warning")
    rows = [
        page.MappingRow(
            m.value_kind,
            m.written,
            (HEADINGS.get(m.value_kind, m.value_kind), m.written, m.meaning, m.created_by, fmt_utc(m.created_at)),
        )
        for m in found
    ]
    return page.mappings_table(language, rows)


def forget_mapping(pressed: object, user: str, language: str) -> Any:
    """Delete the mapping whose button was pressed; what the page says about it."""
    if not isinstance(pressed, dict):
        raise PreventUpdate
    value_kind, written = str(pressed.get("kind")), str(pressed.get("written"))
    try:
        gone = mappings.forget(runtime().writer_engine(), value_kind, written, user)
    except SQLAlchemyError:
        log.exception("the mapping could not be deleted")
        return page.result(t("beheer.mappings_failed", language), "danger")
    if not gone:
        return page.result(t("beheer.forget_nothing", language), "warning")
    return page.result(t("beheer.forgotten", language, written=written))
