"""Who changed the data and when, what each import changed, and undoing an import exactly.

An import keeps, in its own transaction, every row it replaces (``import_replaced``: the edition's rows
of its kind, its source and its edition as they were, one JSON object per row). Undoing it deletes what
it wrote and puts those rows back with their own numbers, so every table is as it was before the
import, and the history and the audit log say who undid it and when. Only the import on top of its
kind and edition can be undone: a later one was made against the rows this one wrote.
All writes go through ``ingest.writer``.
"""

from __future__ import annotations

import csv
import datetime as dt
import getpass
import io
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Date, Engine, Table, and_, select

from core.i18n import t
from core.spreadsheet import CSV_SEPARATORS, inert
from data_access import migrate, schema
from data_access.engine import Bind, connected
from ingest import writer

Row = dict[str, Any]

#: the table each kind of export fills
TABLES = {"activities": schema.activities, "evaluations": schema.responses}
#: columns that say where a row came from rather than what it says: not compared to tell a changed row
_PROVENANCE = frozenset({"import_id", "source_id", "origin", "is_synthetic"})
APPLIED, UNDONE = "applied", "undone"


class UndoRefused(ValueError):
    """The import cannot be undone (unknown, undone already, or another import stands on it): nothing changed."""


def os_user() -> str:
    """The login name of whoever runs the command line (the user of writes made from it)."""
    try:
        return getpass.getuser()
    except OSError:  # no login name known (a container without one): the number still tells who it was
        return f"uid-{os.getuid()}"


def now() -> str:
    """The time of a write, UTC, in ISO form."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def encode_row(row: Row) -> str:
    """A row as JSON (dates in ISO form; floats as Python writes them, so they read back exactly)."""
    return json.dumps({name: _json_value(value) for name, value in row.items()}, ensure_ascii=False)


def decode_row(table: Table, text: str) -> Row:
    """A row of ``table`` from ``encode_row``'s JSON."""
    row: Row = json.loads(text)
    for column in table.columns:
        if isinstance(column.type, Date) and row.get(column.name) is not None:
            row[column.name] = dt.date.fromisoformat(row[column.name])
    return row


def rows_of(conn: Connection, table: Table, edition: int) -> list[Row]:
    """Every row of ``table`` in ``edition``, whatever its origin, in key order."""
    statement = select(table).where(table.c.edition == edition).order_by(*table.primary_key.columns)
    return [dict(row._mapping) for row in conn.execute(statement)]


def _one(conn: Connection, table: Table, key: Any) -> Row | None:
    (column,) = table.primary_key.columns
    found = conn.execute(select(table).where(column == key)).first()
    return dict(found._mapping) if found else None


def replaced_entries(
    conn: Connection, table: Table, edition: int, source_id: str, prior: list[Row]
) -> list[tuple[str, str]]:
    """What an import of ``edition`` into ``table`` is about to replace, as ``writer.keep_replaced`` keeps it:
    the edition's rows (``prior``), and its source and edition as they are (none: the import makes them)."""
    entries = [(table.name, encode_row(row)) for row in prior]
    for kept, key in ((schema.sources, source_id), (schema.editions, edition)):
        row = _one(conn, kept, key)
        if row is not None:
            entries.append((kept.name, encode_row(row)))
    return entries


def _totals(rows: Iterable[Row]) -> dict[str, int]:
    """Rows per region and week (activities) or per region (answers): what a view shows changes with them."""
    counted = Counter(f"{row.get('region') or '-'}" + (f"/{row['week']}" if row.get("week") else "") for row in rows)
    return dict(sorted(counted.items()))


def change_summary(
    table: Table, key: Sequence[str], prior: list[Row], rows: list[Row], origin: str, *, append: bool = False
) -> dict[str, Any]:
    """New, changed, unchanged and removed rows of an edition (matched on the natural ``key``), and the
    totals per region and week before and after. ``append``: the stored rows the file lacks stay."""
    values = [c.name for c in table.columns if not c.primary_key and c.name not in _PROVENANCE]
    natural = ["edition", *key]
    before = {tuple(r[c] for c in natural): tuple(r[c] for c in values) for r in prior if r["origin"] == origin}
    counts = Counter[str]()
    for row in rows:
        was = before.pop(tuple(row[c] for c in natural), None)
        now_values = tuple(row.get(c) for c in values)
        counts["new" if was is None else "unchanged" if was == now_values else "changed"] += 1
    kept = [r for r in prior if r["origin"] == origin and tuple(r[c] for c in natural) in before] if append else []
    return {
        "new": counts["new"],
        "changed": counts["changed"],
        "unchanged": counts["unchanged"],
        "removed": 0 if append else len(before),
        "other_removed": sum(1 for r in prior if r["origin"] != origin),  # demo rows the real ones replace
        "totals_before": _totals(prior),
        "totals_after": _totals([*kept, *rows]),
        "mode": "append" if append else "replace",
    }


def summary_line(summary: str | None) -> str:
    """'+3 ~1 =10 -2': new, changed, unchanged and removed rows ('' when not known)."""
    if not summary:
        return ""
    s = json.loads(summary)
    return f"+{s['new']} ~{s['changed']} ={s['unchanged']} -{s['removed']}"


def appended(summary: str | None) -> bool:
    """Whether the import added its rows to the edition's (kept the ones the file lacked) instead of replacing them."""
    return bool(summary) and json.loads(summary or "{}").get("mode") == "append"


@dataclass(frozen=True)
class Entry:
    """One import (or demo run) in the history."""

    import_id: int
    imported_at: str
    imported_by: str | None
    kind: str
    edition: int
    file_name: str
    sha256: str
    row_count: int
    origin: str
    summary: str | None
    status: str
    undone_at: str | None = None
    undone_by: str | None = None


def entries(bind: Bind, import_id: int | None = None) -> list[Entry]:
    """The history, newest first (or the one entry ``import_id``), with who undid what and when."""
    h, log = schema.import_history, schema.audit_log
    statement = (
        select(*h.c, log.c.at.label("undone_at"), log.c.user_name.label("undone_user"))
        .outerjoin(log, log.c.audit_id == h.c.undone_by)
        .order_by(h.c.import_id.desc())
    )
    if import_id is not None:
        statement = statement.where(h.c.import_id == import_id)
    with connected(bind) as conn:
        found = conn.execute(statement).mappings().all()
    names = [n for n in Entry.__dataclass_fields__ if n not in ("undone_at", "undone_by")]
    return [Entry(**{n: r[n] for n in names}, undone_at=r["undone_at"], undone_by=r["undone_user"]) for r in found]


def _blocking(conn: Connection, entry: Entry, creates_edition: bool) -> int | None:
    """A later applied import that stands on this one: of the same kind and edition, or, when this one made
    the edition, any other import of it (its rows need the edition)."""
    h = schema.import_history
    later = and_(h.c.status == APPLIED, h.c.edition == entry.edition, h.c.import_id != entry.import_id)
    if not creates_edition:
        later = and_(later, h.c.kind == entry.kind, h.c.import_id > entry.import_id)
    return conn.execute(select(h.c.import_id).where(later).order_by(h.c.import_id.desc()).limit(1)).scalar()


def _replaced(conn: Connection, import_id: int) -> dict[str, list[str]]:
    kept = schema.import_replaced
    statement = select(kept.c.table_name, kept.c.row_json).where(kept.c.import_id == import_id)
    found: dict[str, list[str]] = {}
    for name, row in conn.execute(statement.order_by(kept.c.entry_id)):
        found.setdefault(name, []).append(row)
    return found


def _check_undoable(conn: Connection, import_id: int, lang: str) -> tuple[Entry, dict[str, list[str]]]:
    """The entry and what it replaced; UndoRefused (with the reason) when it cannot be undone."""
    found = entries(conn, import_id)
    if not found:
        raise UndoRefused(t("history.undo_unknown", lang, id=import_id))
    entry = found[0]
    if entry.status == UNDONE:
        raise UndoRefused(t("history.undo_already", lang, id=import_id, at=entry.undone_at, user=entry.undone_by))
    if entry.origin != schema.ORIGIN_IMPORT:
        raise UndoRefused(t("history.undo_demo", lang, id=import_id))
    if entry.summary is None:  # imported before the history kept what an import replaces
        raise UndoRefused(t("history.undo_not_kept", lang, id=import_id))
    replaced = _replaced(conn, import_id)
    later = _blocking(conn, entry, creates_edition=schema.editions.name not in replaced)
    if later is not None:
        raise UndoRefused(t("history.undo_later", lang, id=import_id, later=later))
    return entry, replaced


def undo_import(conn: Connection, import_id: int, user: str, lang: str = "nl") -> int:
    """Bring the database back to its state before import ``import_id``, inside the caller's transaction,
    and note it in the history and audit log (its entry's number). UndoRefused, nothing changed, when it
    is unknown, undone already, a demo run, or a later import stands on it."""
    entry, replaced = _check_undoable(conn, import_id, lang)
    table = TABLES[entry.kind]
    imports = schema.imports
    source_id = conn.execute(select(imports.c.source_id).where(imports.c.import_id == import_id)).scalar_one()
    writer.delete_rows(conn, table, table.c.edition == entry.edition)
    writer.delete_rows(conn, imports, imports.c.import_id == import_id)
    for kept in (schema.sources, schema.editions):
        for text in replaced.get(kept.name, []):
            writer.update_row(conn, kept, decode_row(kept, text))
    writer.insert_rows(conn, table, [decode_row(table, text) for text in replaced.get(table.name, [])])
    # what the import made is gone with it: its edition (which cites its source), then the source
    if schema.editions.name not in replaced:
        writer.delete_rows(conn, schema.editions, schema.editions.c.year == entry.edition)
    if schema.sources.name not in replaced:
        writer.delete_rows(conn, schema.sources, schema.sources.c.source_id == source_id)
    writer.delete_rows(conn, schema.import_replaced, schema.import_replaced.c.import_id == import_id)
    writer.new_version(conn)  # cached views of the undone rows are stale from the commit on
    summary = f"{entry.file_name}: {entry.kind} {entry.edition} ({summary_line(entry.summary)})"
    audit_id = writer.record_audit(conn, user=user, action="undo", import_id=import_id, summary=summary)
    writer.mark_undone(conn, import_id, audit_id)
    return audit_id


def undo(engine: Engine, import_id: int, user: str, lang: str = "nl") -> tuple[Entry, int]:
    """``undo_import`` in a transaction of its own, after the other writers of imported rows: the import as
    it was, and the undo's audit entry."""
    with engine.begin() as conn:
        migrate.prepare_to_write(conn, migrate.IMPORT_LOCK)
        found = entries(conn, import_id)
        audit_id = undo_import(conn, import_id, user, lang)  # refuses an unknown import: found holds it
    return found[0], audit_id


#: the audit log's columns, headed ``history.col_<name>`` in the file's language
AUDIT_COLUMNS = ("audit_id", "at", "user_name", "action", "import_id", "summary")


def _safe(value: Any) -> str:
    """A cell of the audit log as text no spreadsheet runs (user names and file names are whoever's wrote them)."""
    return str(inert("" if value is None else str(value)))


def audit_csv(bind: Bind, lang: str = "nl") -> tuple[str, int]:
    """The audit log, oldest first, as CSV text for the spreadsheets of ``lang`` (a download writes it with a
    byte-order mark, so Excel reads the accents), and its number of rows."""
    log = schema.audit_log
    with connected(bind) as conn:
        rows = conn.execute(select(*(log.c[name] for name in AUDIT_COLUMNS)).order_by(log.c.audit_id)).all()
    handle = io.StringIO()
    out = csv.writer(handle, delimiter=CSV_SEPARATORS.get(lang, ";"), lineterminator="\r\n")
    out.writerow([t(f"history.col_{name}", lang) for name in AUDIT_COLUMNS])
    out.writerows([_safe(value) for value in row] for row in rows)
    return handle.getvalue(), len(rows)


def write_audit_csv(bind: Bind, path: Path, lang: str = "nl") -> int:
    """``audit_csv`` to ``path`` (UTF-8 with a byte-order mark); rows written."""
    text, rows = audit_csv(bind, lang)
    path.write_text(text, encoding="utf-8-sig", newline="")
    return rows


def _status(entry: Entry, lang: str) -> str:
    if entry.status == UNDONE:
        return t("history.status_undone", lang, at=entry.undone_at, user=entry.undone_by)
    return t("history.status_applied", lang)


def _cells(entry: Entry, lang: str) -> list[str]:
    return [
        str(entry.import_id),
        entry.imported_at,
        entry.imported_by or t("history.unknown_user", lang),
        entry.kind + (" (demo)" if entry.origin == schema.ORIGIN_DEMO else ""),
        str(entry.edition),
        entry.file_name,
        entry.sha256[:12],
        str(entry.row_count),
        summary_line(entry.summary),
        _status(entry, lang),
    ]


HISTORY_COLUMNS = ("id", "when", "who", "kind", "edition", "file", "sha256", "rows", "summary", "status")


def history_table(found: Sequence[Entry], lang: str = "nl") -> str:
    """The history as a table for the command line: one line per import, newest first, columns aligned."""
    if not found:
        return t("history.empty", lang)
    lines = [[t(f"history.col_{name}", lang) for name in HISTORY_COLUMNS], *(_cells(e, lang) for e in found)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HISTORY_COLUMNS))]
    text = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() for line in lines]
    return "\n".join([*text, "", t("history.legend", lang)])
