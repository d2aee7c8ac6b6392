"""The one module that writes: every INSERT, UPDATE and DELETE of the dashboard (migrations aside).

Each function acts inside the caller's transaction (``with engine.begin() as conn``), so a loader
run, an import, a demo run or a restore still commits all of its writes, or none. Readers find
every way the data can change in this one file.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, and_, delete, false, func, insert, select, text, true, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql import ColumnElement

from data_access import schema, summaries, version

Row = dict[str, Any]

#: rows per statement in an upsert: keeps a 10^6-row import within the drivers' parameter limits
CHUNK = 5000


def upsert(
    conn: Connection, table: Table, rows: Sequence[Row], keys: Sequence[str], also: Mapping[str, Any] | None = None
) -> None:
    """Insert ``rows``, updating those whose ``keys`` exist (so rows elsewhere that refer to them stay valid).

    ``also`` sets further columns of an updated row (a bundled row stays bundled, whatever it was).
    """
    if not rows:
        return
    # the PostgreSQL branch is only told apart on PostgreSQL, not yet in the mutation run (SQLite)
    insert_for = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert  # pragma: no mutate
    statement = insert_for(table)
    changes: dict[str, Any] = {name: statement.excluded[name] for name in rows[0] if name not in keys}
    changes |= dict(also or {})
    upserting = statement.on_conflict_do_update(index_elements=list(keys), set_=changes)
    for start in range(0, len(rows), CHUNK):
        conn.execute(upserting, list(rows[start : start + CHUNK]))


def insert_rows(conn: Connection, table: Table, rows: Sequence[Row]) -> None:
    """Insert ``rows`` as they are (nothing of theirs is in the table yet)."""
    if rows:
        conn.execute(insert(table), list(rows))


def delete_rows(conn: Connection, table: Table, where: ColumnElement[bool]) -> int:
    """Delete the rows of ``table`` that match ``where``; how many there were."""
    return int(conn.execute(delete(table).where(where)).rowcount)


def _has_generated_key(table: Table) -> bool:
    """Rows identified by a number the database hands out: nothing refers to them."""
    return any(column.autoincrement is True for column in table.primary_key.columns)


def _bundled(table: Table) -> ColumnElement[bool]:
    """The rows of ``table`` that came from the bundled files (all of them, where rows have no origin)."""
    return table.c.origin == schema.ORIGIN_BUNDLED if "origin" in table.c else true()


def _claimed_as_bundled(table: Table) -> dict[str, Any]:
    """A row the bundled files now hold is a bundled row, whatever it was before."""
    claimed: dict[str, Any] = {}
    if "origin" in table.c:
        claimed["origin"] = schema.ORIGIN_BUNDLED
    if "is_synthetic" in table.c:
        claimed["is_synthetic"] = false()
    return claimed


def _remove_stale(conn: Connection, table: Table, rows: list[Row]) -> None:
    """Remove the bundled rows of ``table`` that ``rows`` no longer hold."""
    key = tuple_(*table.primary_key.columns)
    kept = [tuple(row[c.name] for c in table.primary_key.columns) for row in rows]
    stale = delete(table).where(_bundled(table))
    conn.execute(stale.where(key.not_in(kept)) if kept else stale)


def replace_bundled(conn: Connection, dataset: Sequence[tuple[Table, list[Row]]]) -> None:
    """Make the bundled rows equal to ``dataset`` (tables in foreign-key order); other rows stay.

    Rows with a natural key are updated in place (imported rows may refer to them); rows with a
    generated key are replaced. A bundled row no longer in the files is removed at the end, which
    fails, and so rolls back everything, if a row from elsewhere still refers to it.
    """
    for table, _rows in reversed(dataset):
        if _has_generated_key(table):
            conn.execute(delete(table).where(_bundled(table)))
    for table, rows in dataset:
        if _has_generated_key(table):
            insert_rows(conn, table, rows)
        else:
            keys = [column.name for column in table.primary_key.columns]
            upsert(conn, table, rows, keys, _claimed_as_bundled(table))
    for table, rows in reversed(dataset):
        if not _has_generated_key(table):
            _remove_stale(conn, table, rows)


def set_meta(conn: Connection, values: Mapping[str, str]) -> None:
    """Set entries of ``dataset_meta`` (the bundled files' fingerprint, when they were loaded)."""
    meta = schema.dataset_meta
    conn.execute(delete(meta).where(meta.c.key.in_(list(values))))
    conn.execute(insert(meta), [{"key": key, "value": value} for key, value in values.items()])


def _rebuild(conn: Connection, summary: Table, source: Table, measures: list[ColumnElement[Any]]) -> None:
    measured = {measure.name for measure in measures}  # 'participants' is a column of both, summed here
    keys = [source.c[column.name] for column in summary.columns if column.name not in measured]
    conn.execute(delete(summary))
    grouped = select(*keys, *measures).group_by(*keys)
    conn.execute(insert(summary).from_select([*(k.name for k in keys), *(m.name for m in measures)], grouped))


def refresh_summaries(conn: Connection) -> None:
    """Rebuild every summary table from the imported rows (``data_access.summaries`` says what each counts)."""
    a, r = schema.activities, schema.responses
    _rebuild(conn, schema.activity_totals, a, summaries.activity_measures())
    _rebuild(conn, schema.place_totals, a, summaries.place_measures())
    _rebuild(conn, schema.response_totals, r, summaries.response_measures())


def new_version(conn: Connection) -> str:
    """Give the data a new version, with summaries of its rows (see ``data_access.version``); returns it."""
    refresh_summaries(conn)
    value = uuid.uuid4().hex  # random, not a counter: two writers never need to read before they write
    set_meta(conn, {version.KEY: value})
    return value


def save_source(conn: Connection, source_id: str, values: Mapping[str, Any]) -> None:
    """Create the source ``source_id`` with ``values``, or update it to them."""
    s = schema.sources
    if conn.execute(select(s.c.source_id).where(s.c.source_id == source_id)).first():
        conn.execute(update(s).where(s.c.source_id == source_id).values(dict(values)))
    else:
        conn.execute(insert(s).values(source_id=source_id, **values))


def add_edition(conn: Connection, year: int, values: Mapping[str, Any]) -> None:
    """Create the edition ``year`` with ``values``, unless it exists (then it stays as it is)."""
    e = schema.editions
    if not conn.execute(select(e.c.year).where(e.c.year == year)).first():
        conn.execute(insert(e).values(year=year, **values))


def _next_import_id(conn: Connection) -> int:
    """One past every number ``imports`` and its history have used: SQLite would hand out the number of
    an undone import again (its row is gone from ``imports``), and the history must keep them apart."""
    highest = [
        conn.execute(select(func.max(table.c.import_id))).scalar() or 0
        for table in (schema.imports, schema.import_history)
    ]
    return max(highest) + 1


def record_import(conn: Connection, values: Mapping[str, Any], *, user: str, summary: str) -> int:
    """Note an import (file, fingerprint, rows) in ``imports`` and in its history, with who made it and what it
    changed (``summary``, JSON); its number."""
    import_id = _next_import_id(conn)
    conn.execute(insert(schema.imports).values(import_id=import_id, **values))
    history = schema.import_history
    kept = {c.name: values[c.name] for c in history.columns if c.name in values}
    conn.execute(insert(history).values(import_id=import_id, imported_by=user, summary=summary, **kept))
    return import_id


def keep_replaced(conn: Connection, import_id: int, entries: Sequence[tuple[str, str]]) -> None:
    """Keep what import ``import_id`` replaces, as (table name, row as JSON): what undoing it puts back."""
    rows = [{"import_id": import_id, "table_name": name, "row_json": row} for name, row in entries]
    for start in range(0, len(rows), CHUNK):
        insert_rows(conn, schema.import_replaced, rows[start : start + CHUNK])


def update_row(conn: Connection, table: Table, row: Row) -> None:
    """Set the row of ``table`` with ``row``'s primary key to ``row``'s values."""
    key = [column.name for column in table.primary_key.columns]
    match = and_(*(table.c[name] == row[name] for name in key))
    conn.execute(update(table).where(match).values({k: v for k, v in row.items() if k not in key}))


def mark_undone(conn: Connection, import_id: int, audit_id: int) -> None:
    """Note in the history that import ``import_id`` was undone, by audit entry ``audit_id``."""
    history = schema.import_history
    conn.execute(update(history).where(history.c.import_id == import_id).values(status="undone", undone_by=audit_id))


def record_audit(conn: Connection, *, user: str, action: str, summary: str, import_id: int | None = None) -> int:
    """Note a write of the data in the audit log: now, by ``user``; the entry's number."""
    log = schema.audit_log
    at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    values = {"at": at, "user_name": user, "action": action, "import_id": import_id, "summary": summary}
    return int(conn.execute(insert(log).values(values).returning(log.c.audit_id)).scalar_one())


def restart_sequences(conn: Connection, tables: Sequence[Table]) -> None:
    """Let PostgreSQL's generated keys follow the highest restored one (SQLite does so by itself)."""
    if conn.dialect.name != "postgresql":  # pragma: no mutate
        return
    for table in tables:
        for column in table.primary_key.columns:
            if column.autoincrement is True:
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                        f"COALESCE((SELECT max({column.name}) FROM {table.name}), 0) + 1, false)"
                    )
                )


def put_record_row(conn: Connection, table: Table, match: ColumnElement[bool], row: Row) -> None:
    """Make the row of the published record that ``match`` finds equal to ``row``, or add it (an editor's change,
    its undo, an approved proposal)."""
    if conn.execute(select(func.count()).select_from(table).where(match)).scalar_one():
        conn.execute(update(table).where(match).values(dict(row)))
    else:
        conn.execute(insert(table).values(dict(row)))


def remove_record_row(conn: Connection, table: Table, match: ColumnElement[bool]) -> None:
    """Remove the row of the published record that ``match`` finds."""
    conn.execute(delete(table).where(match))


def record_published_change(conn: Connection, values: Mapping[str, Any]) -> int:
    """Keep a change to the published record (applied or proposed) in its history; its number."""
    table = schema.published_changes
    return int(conn.execute(insert(table).values(dict(values)).returning(table.c.change_id)).scalar_one())


def decide_published_change(conn: Connection, change_id: int, *, status: str, user: str, at: str) -> None:
    """Note that change ``change_id`` was approved, declined or undone, by ``user`` at ``at``."""
    table = schema.published_changes
    conn.execute(
        update(table).where(table.c.change_id == change_id).values(status=status, decided_by=user, decided_at=at)
    )


def save_mapping(conn: Connection, value_kind: str, written: str, meaning: str, *, user: str) -> None:
    """Remember that ``written`` (folded) in a ``value_kind`` column means ``meaning``, replacing an earlier
    answer; noted in the audit log, since it changes how every later upload is read."""
    table = schema.value_mappings
    at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    match = and_(table.c.value_kind == value_kind, table.c.written == written)
    conn.execute(delete(table).where(match))
    values = {"value_kind": value_kind, "written": written, "meaning": meaning, "created_by": user, "created_at": at}
    conn.execute(insert(table).values(values))
    record_audit(conn, user=user, action="mapping", summary=f"{value_kind}: {written!r} = {meaning!r}")


def delete_mapping(conn: Connection, value_kind: str, written: str, *, user: str) -> bool:
    """Forget what ``written`` in a ``value_kind`` column means (the next upload asks again); whether it was kept."""
    table = schema.value_mappings
    match = and_(table.c.value_kind == value_kind, table.c.written == written)
    if not delete_rows(conn, table, match):
        return False
    record_audit(conn, user=user, action="mapping-removed", summary=f"{value_kind}: {written!r}")
    return True
