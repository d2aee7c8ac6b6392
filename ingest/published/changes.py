"""What a workbook or a form changes in the published record, and making that change: applied at once, or
proposed for a second editor (SZE_REVIEW=1); approved, declined or undone later. Each in one transaction.

A change is a list of rows, each with its sheet, key, and the row before and after (None: new, or removed),
kept as JSON in ``published_changes``: what the history lists, what undo puts back, what a second editor
approves. An undo puts back the rows as they were only where they still are as the change left them; a later
change to the same row must be undone first. Rows an editor added, changed or removed are the editors' from
then on: a new bundled dataset leaves them alone (``hold_back``), and offers its own version of such a row to
the editors as a proposal instead of writing it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Table, and_, select

from core.i18n import t
from data_access import migrate, schema
from data_access.engine import connected
from ingest import history, writer
from ingest.published.record import APPLY_ORDER, BY_SHEET, KINDS, Kind, Record, Row, key_of

APPLIED, PROPOSED, DECLINED, UNDONE = schema.CHANGE_STATUSES[1], schema.CHANGE_STATUSES[0], "afgewezen", "ongedaan"


class ChangeRefused(ValueError):
    """The change cannot be made (undone, approved) as asked; nothing was written. The message says why."""


@dataclass(frozen=True)
class Change:
    """One row of the record: new (``before`` None), removed (``after`` None) or changed."""

    sheet: str
    key: tuple[Any, ...]
    before: Row | None
    after: Row | None

    @property
    def kind(self) -> Kind:
        return BY_SHEET[self.sheet]

    @property
    def fields(self) -> list[str]:
        """The columns whose value it changes (of a changed row; every column of a new or removed one)."""
        if self.before is None or self.after is None:
            return list(self.kind.columns)
        return [name for name in self.kind.columns if self.before.get(name) != self.after.get(name)]

    def encoded(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "key": [history._json_value(value) for value in self.key],
            "before": None if self.before is None else json.loads(history.encode_row(self.before)),
            "after": None if self.after is None else json.loads(history.encode_row(self.after)),
        }

    @classmethod
    def decoded(cls, data: dict[str, Any]) -> Change:
        kind = BY_SHEET[data["sheet"]]
        rows = [
            None if data[side] is None else history.decode_row(kind.table, json.dumps(data[side]))
            for side in ("before", "after")
        ]
        return cls(data["sheet"], key_of(kind, rows[1] or rows[0] or {}), rows[0], rows[1])


def _record_values(kind: Kind, row: Row) -> Row:
    return {name: row.get(name) for name in kind.columns}


def _with_origin(kind: Kind, row: Row, origin: str) -> Row:
    """The row as written: its values, and where it came from (in the columns its table has for that)."""
    provenance = {"origin": origin, "is_synthetic": False}
    return {**_record_values(kind, row), **{name: value for name, value in provenance.items() if name in kind.table.c}}


def diff(current: Record, new: Record, *, origin: str = schema.ORIGIN_EDITOR) -> list[Change]:
    """What turning ``current`` into ``new`` changes, row by row, in the order the rows are written (removals
    last); the rows after it are ``origin``'s. A sheet ``new`` lacks is left as it is."""
    changes: list[Change] = []
    removed: list[Change] = []
    for kind in APPLY_ORDER:
        if kind.sheet not in new:
            continue
        before = {key_of(kind, row): row for _, row in current.get(kind.sheet, [])}
        after = {key_of(kind, row): row for _, row in new[kind.sheet]}
        for key, row in after.items():
            old = before.get(key)
            values = _record_values(kind, row)
            if old is None or _record_values(kind, old) != values:
                changes.append(Change(kind.sheet, key, old, _with_origin(kind, row, origin)))
        removed += [Change(kind.sheet, key, row, None) for key, row in before.items() if key not in after]
    return changes + list(reversed(removed))


def counts(changes: Sequence[Change]) -> dict[str, int]:
    """How many rows are new, changed and removed."""
    return {
        "new": sum(1 for c in changes if c.before is None),
        "changed": sum(1 for c in changes if c.before is not None and c.after is not None),
        "removed": sum(1 for c in changes if c.after is None),
    }


def summary_of(changes: Sequence[Change], lang: str | None = None) -> str:
    """'1 nieuw, 2 gewijzigd, 0 verwijderd' (the history keeps it in the language of whoever made the change)."""
    return t("pub.summary", lang, **counts(changes))


# --- rows in the database ---------------------------------------------------------------------------------------


def _match(kind: Kind, key: tuple[Any, ...]) -> Any:
    table = kind.table
    return and_(
        *(
            table.c[name].is_(None) if value is None else table.c[name] == value
            for name, value in zip(kind.key, key, strict=True)
        )
    )


def stored(conn: Connection, kind: Kind, key: tuple[Any, ...]) -> Row | None:
    """The row of ``kind`` with ``key`` as the database holds it (its generated number left out)."""
    table = kind.table
    columns = [column for column in table.columns if not (column.primary_key and column.autoincrement is True)]
    found = conn.execute(select(*columns).where(_match(kind, key))).first()
    return None if found is None else dict(found._mapping)


def _same(kind: Kind, row: Row | None, other: Row | None) -> bool:
    if row is None or other is None:
        return row is other
    return _record_values(kind, row) == _record_values(kind, other)


def _write(conn: Connection, changes: Sequence[Change], *, reverse: bool = False) -> None:
    """Make each row what the change says it is after (``reverse``: before), through the one writer."""
    for change in reversed(changes) if reverse else changes:
        target = change.before if reverse else change.after
        if target is None:
            writer.remove_record_row(conn, change.kind.table, _match(change.kind, change.key))
        else:
            writer.put_record_row(conn, change.kind.table, _match(change.kind, change.key), target)


def _outdated(conn: Connection, changes: Sequence[Change], side: str) -> Change | None:
    """The first change whose row is no longer what its ``side`` ('before' or 'after') says."""
    for change in changes:
        if not _same(change.kind, stored(conn, change.kind, change.key), getattr(change, side)):
            return change
    return None


def _describe(change: Change) -> str:
    shown = ", ".join("-" if value is None else str(value) for value in change.key)
    return f"{change.sheet} ({shown})"


# --- the history ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One change to the record as the history keeps it."""

    change_id: int
    proposed_at: str
    proposed_by: str
    origin: str
    via: str
    status: str
    decided_at: str | None
    decided_by: str | None
    summary: str
    changes: list[Change]


def entries(bind: Engine | Connection, change_id: int | None = None) -> list[Entry]:
    """The changes to the record, newest first (or the one numbered ``change_id``)."""
    table = schema.published_changes
    statement = select(table).order_by(table.c.change_id.desc())
    if change_id is not None:
        statement = statement.where(table.c.change_id == change_id)
    with connected(bind) as conn:
        rows = [dict(row._mapping) for row in conn.execute(statement)]
    return [
        Entry(
            **{name: row[name] for name in row if name != "changes"},
            changes=[Change.decoded(c) for c in json.loads(row["changes"])],
        )
        for row in rows
    ]


def _entry(conn: Connection, change_id: int) -> Entry:
    found = entries(conn, change_id)
    if not found:
        raise ChangeRefused(t("pub.refused.unknown", id=change_id))
    return found[0]


def submit(
    engine: Engine, changes: Sequence[Change], *, user: str, via: str, review: bool, origin: str = schema.ORIGIN_EDITOR
) -> Entry:
    """Apply ``changes`` (or, with ``review``, propose them for a second editor) in one transaction, kept in the
    history with who and how; ChangeRefused when there is nothing to change or the record moved on meanwhile."""
    if not changes:
        raise ChangeRefused(t("pub.refused.nothing"))
    with engine.begin() as conn:
        migrate.prepare_to_write(conn, migrate.BUNDLED_LOCK)  # pragma: no mutate
        outdated = _outdated(conn, changes, "before")
        if outdated is not None:
            raise ChangeRefused(t("pub.refused.meanwhile", row=_describe(outdated)))
        status = PROPOSED if review else APPLIED
        if not review:
            _write(conn, changes)
            writer.new_version(conn)
        change_id = writer.record_published_change(
            conn,
            {
                "proposed_at": history.now(),
                "proposed_by": user,
                "origin": origin,
                "via": via[:40],
                "status": status,
                "decided_at": None if review else history.now(),
                "decided_by": None if review else user,
                "summary": summary_of(changes),
                "changes": json.dumps([c.encoded() for c in changes], ensure_ascii=False),
            },
        )
        action = "published-proposed" if review else "published"
        writer.record_audit(
            conn, user=user, action=action[:20], summary=f"wijziging {change_id} ({via}): {summary_of(changes)}"
        )
        return _entry(conn, change_id)


def approve(engine: Engine, change_id: int, *, user: str) -> Entry:
    """Apply a proposed change, as a second editor (never its proposer): ChangeRefused, nothing written, when
    it is no proposal, ``user`` proposed it, or a row it changes changed since it was proposed."""
    with engine.begin() as conn:
        migrate.prepare_to_write(conn, migrate.BUNDLED_LOCK)  # pragma: no mutate
        entry = _entry(conn, change_id)
        if entry.status != PROPOSED:
            raise ChangeRefused(t("pub.refused.no_proposal", id=change_id, status=t(f"pub.status.{entry.status}")))
        if entry.origin == schema.ORIGIN_EDITOR and entry.proposed_by == user:
            raise ChangeRefused(t("pub.refused.same_editor"))
        outdated = _outdated(conn, entry.changes, "before")
        if outdated is not None:
            raise ChangeRefused(t("pub.refused.since_proposal", row=_describe(outdated)))
        _write(conn, entry.changes)
        writer.new_version(conn)
        writer.decide_published_change(conn, change_id, status=APPLIED, user=user, at=history.now())
        writer.record_audit(
            conn, user=user, action="published-approved", summary=f"wijziging {change_id}: {entry.summary}"
        )
        return _entry(conn, change_id)


def decline(engine: Engine, change_id: int, *, user: str) -> Entry:
    """Decline a proposed change: the record stays as it is; the history says who declined it."""
    with engine.begin() as conn:
        entry = _entry(conn, change_id)
        if entry.status != PROPOSED:
            raise ChangeRefused(t("pub.refused.no_proposal", id=change_id, status=t(f"pub.status.{entry.status}")))
        writer.decide_published_change(conn, change_id, status=DECLINED, user=user, at=history.now())
        writer.record_audit(
            conn, user=user, action="published-declined", summary=f"wijziging {change_id}: {entry.summary}"
        )
        return _entry(conn, change_id)


def undo(engine: Engine, change_id: int, *, user: str) -> Entry:
    """Put back the rows an applied change replaced, exactly: ChangeRefused, nothing written, where a row is no
    longer as the change left it (a later change to it must be undone first)."""
    with engine.begin() as conn:
        migrate.prepare_to_write(conn, migrate.BUNDLED_LOCK)  # pragma: no mutate
        entry = _entry(conn, change_id)
        if entry.status != APPLIED:
            raise ChangeRefused(t("pub.refused.not_applied", id=change_id, status=t(f"pub.status.{entry.status}")))
        outdated = _outdated(conn, entry.changes, "after")
        if outdated is not None:
            raise ChangeRefused(t("pub.refused.later", row=_describe(outdated), id=change_id))
        _write(conn, entry.changes, reverse=True)
        writer.new_version(conn)
        writer.decide_published_change(conn, change_id, status=UNDONE, user=user, at=history.now())
        writer.record_audit(
            conn, user=user, action="published-undone", summary=f"wijziging {change_id}: {entry.summary}"
        )
        return _entry(conn, change_id)


# --- a new bundled dataset beside the editors' rows -------------------------------------------------------------


def _editors_keys(conn: Connection, history_: Sequence[Entry]) -> dict[str, set[tuple[Any, ...]]]:
    """Per sheet the keys of the rows the editors keep: rows they wrote, and rows they removed (still removed)."""
    held: dict[str, set[tuple[Any, ...]]] = {kind.sheet: set() for kind in KINDS}
    for kind in KINDS:
        table = kind.table
        columns = [table.c[name] for name in kind.key]
        for row in conn.execute(select(*columns).where(table.c.origin == schema.ORIGIN_EDITOR)):
            held[kind.sheet].add(tuple(row))
    for entry in reversed(history_):  # oldest first: the last word on a row counts
        if entry.status != APPLIED:
            continue
        for change in entry.changes:
            if change.after is None and entry.origin == schema.ORIGIN_EDITOR:
                held[change.sheet].add(change.key)
            elif change.after is not None and change.after.get("origin") != schema.ORIGIN_EDITOR:
                held[change.sheet].discard(change.key)  # a bundled proposal approved: the row is the bundle's again
    return held


def _known(history_: Sequence[Entry], kind: Kind, row: Row) -> bool:
    """Whether the editors have seen this version of the row: in a change, before or after, or proposed."""
    for entry in history_:
        for change in entry.changes:
            if change.sheet == kind.sheet and (_same(kind, change.before, row) or _same(kind, change.after, row)):
                return True
    return False


def hold_back(
    conn: Connection, tables: list[tuple[Table, list[Row]]], fingerprint: str
) -> list[tuple[Table, list[Row]]]:
    """The bundled rows to load, without those the editors keep; where the bundle's version of such a row is
    one the editors have not seen, it is proposed to them instead (status voorgesteld, origin bundled)."""
    history_ = entries(conn)  # read once: every held row is looked up in it
    held = _editors_keys(conn, history_)
    by_table = {kind.table.name: kind for kind in KINDS}
    proposals: list[Change] = []
    kept: list[tuple[Table, list[Row]]] = []
    for table, rows in tables:
        kind = by_table.get(table.name)
        if kind is None:
            kept.append((table, rows))
            continue
        keys = held[kind.sheet]
        kept.append((table, [row for row in rows if key_of(kind, row) not in keys]))
        for row in rows:
            key = key_of(kind, row)
            if key not in keys:
                continue
            current = stored(conn, kind, key)
            if _same(kind, current, row) or _known(history_, kind, row):
                continue
            after = _with_origin(kind, row, schema.ORIGIN_BUNDLED)
            proposals.append(Change(kind.sheet, key, current, after))
    if proposals:
        summary = summary_of(proposals)
        writer.record_published_change(
            conn,
            {
                "proposed_at": history.now(),
                "proposed_by": f"gebundelde dataset {fingerprint[:12]}",
                "origin": schema.ORIGIN_BUNDLED,
                "via": "init-db",
                "status": PROPOSED,
                "decided_at": None,
                "decided_by": None,
                "summary": summary,
                "changes": json.dumps([c.encoded() for c in proposals], ensure_ascii=False),
            },
        )
    return kept
