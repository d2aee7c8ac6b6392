"""Store a validated export in one transaction: an edition's rows are replaced whole, or not at all.

Rows are matched on their natural key (an activity: title, organiser, date and place; an answer:
the respondent's number), so importing the same file twice changes nothing, and a newer export of
an edition updates the rows it still holds, adds the new ones and removes the ones it no longer
has. Readers see the edition before or after, never half of it: it is one transaction. The
bundled dataset's reload leaves these rows alone (their ``origin`` is not "bundled"). Every write
goes through ``ingest.writer``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, and_, func, select

from core.i18n import t
from data_access import migrate, schema
from ingest import history, writer
from ingest.importer.columns import KINDS, Kind
from ingest.importer.read import read_table
from ingest.importer.validate import Parsed, Row, validate
from ingest.reference import read_reference

TABLES = history.TABLES


@dataclass
class EditionChange:
    """What an import did to one edition."""

    edition: int
    rows: int
    added: int = 0
    removed: int = 0
    unchanged_file: bool = False
    demo_removed: int = 0
    import_id: int | None = None
    appended: bool = False  # added to the edition's rows, the ones the file lacks kept

    def report(self, label: str, dry_run: bool, lang: str = "nl") -> str:
        """One line on this edition, for the command line."""
        if dry_run:
            return t("ingest.report_checked", lang, edition=self.edition, rows=self.rows, label=label)
        if self.unchanged_file:
            return t("ingest.report_unchanged", lang, edition=self.edition)
        return t(
            "ingest.report_appended" if self.appended else "ingest.report_stored",
            lang,
            edition=self.edition,
            rows=self.rows,
            label=label,
            added=self.added,
            removed=self.removed,
        )


@dataclass
class ImportResult:
    """The outcome of an import (or of its dry run)."""

    kind: str
    file_name: str
    dry_run: bool
    changes: list[EditionChange] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    demo_rows_removed: int = 0
    sheet: str = ""  # the sheet read, where it was not the first
    notes: list[str] = field(default_factory=list)  # how the file was read where it could have been otherwise

    def report(self, lang: str = "nl") -> str:
        """What happened, for the command line."""
        label = KINDS[self.kind].label(lang)
        lines = [t("ingest.report_sheet", lang, sheet=self.sheet)] if self.sheet else []
        lines += [t("ingest.report_dropped", lang, columns=", ".join(self.dropped))] if self.dropped else []
        lines += self.notes
        lines += [change.report(label, self.dry_run, lang) for change in self.changes]
        if self.demo_rows_removed:
            lines.append(t("ingest.report_demo_removed", lang, rows=self.demo_rows_removed))
        if self.dry_run:
            lines.append(t("ingest.report_dry_run", lang))
        return "\n".join(lines)


def _source_id(kind: Kind, edition: int, origin: str) -> str:
    return f"{'demo' if origin == schema.ORIGIN_DEMO else 'export'}-{kind.name}-{edition}"


def _source(kind: Kind, edition: int, file_name: str, origin: str, now: dt.datetime) -> dict[str, Any]:
    """The source the rows cite: the export, with its date (stored in Dutch, as the published sources are)."""
    made = "demo" if origin == schema.ORIGIN_DEMO else "export"
    label = kind.label()
    return {
        "title": t(f"ingest.source_title.{made}", label=label, edition=edition, file=file_name),
        "publisher": t(f"ingest.source_publisher.{made}"),
        "kind": t(f"ingest.source_kind.{made}"),
        "published_date": now.date().isoformat(),
        "published_label": t("ingest.source_date", day=f"{now:%d-%m-%Y}"),
        "contributed": t("ingest.source_contributed", label=label, edition=edition),
        "origin": origin,
    }


def _ensure_source_and_edition(
    conn: Connection, kind: Kind, edition: int, file_name: str, origin: str, now: dt.datetime
) -> str:
    """The source the rows cite and the edition they belong to, made where missing."""
    source_id = _source_id(kind, edition, origin)
    writer.save_source(conn, source_id, _source(kind, edition, file_name, origin, now))
    writer.add_edition(
        conn,
        edition,
        {
            "programme": "sze",
            "name": t("ingest.edition_name", edition=edition),
            "has_totals": False,
            "notes": t("ingest.edition_notes"),
            "source_id": source_id,
            "origin": origin,
            "is_synthetic": origin == schema.ORIGIN_DEMO,
        },
    )
    return source_id


def _already_stored(conn: Connection, upload: _Upload, edition: int) -> bool:
    """Whether storing the upload for ``edition`` would change nothing: the edition's last import of this kind
    was this very file, and either it replaced the edition's rows or this one only adds (adding the rows a
    replacement left changes nothing; replacing with a file that was added to other rows does)."""
    imports, h = schema.imports, schema.import_history
    last = conn.execute(
        select(imports.c.sha256, h.c.summary)
        .outerjoin(h, h.c.import_id == imports.c.import_id)
        .where(imports.c.kind == upload.kind.name, imports.c.edition == edition, imports.c.origin == upload.origin)
        .order_by(imports.c.import_id.desc())
        .limit(1)
    ).first()
    if last is None or last.sha256 != upload.sha256:
        return False
    return upload.append or not history.appended(last.summary)


def _columns(table: Table, row: Row) -> Row:
    return {name: value for name, value in row.items() if name in table.c}


@dataclass(frozen=True)
class _Upload:
    """What is stored, and where it came from."""

    kind: Kind
    parsed: Parsed
    file_name: str
    sha256: str
    origin: str
    now: dt.datetime
    user: str
    #: add the rows to the edition's instead of replacing them (the rows the file lacks stay)
    append: bool = False


def _record(conn: Connection, upload: _Upload, edition: int, rows: list[Row], prior: list[Row]) -> int:
    """Note the import of ``edition`` with what it changes, keep what it replaces, and make its source."""
    kind, origin = upload.kind, upload.origin
    table = TABLES[kind.name]
    summary = history.change_summary(table, kind.key, prior, rows, origin, append=upload.append)
    kept = history.replaced_entries(conn, table, edition, _source_id(kind, edition, origin), prior)
    source_id = _ensure_source_and_edition(conn, kind, edition, upload.file_name, origin, upload.now)
    import_id = writer.record_import(
        conn,
        {
            "kind": kind.name,
            "edition": edition,
            "file_name": upload.file_name,
            "sha256": upload.sha256,
            "imported_at": upload.now.isoformat(timespec="seconds"),
            "row_count": len(rows),
            "dropped_columns": ", ".join(upload.parsed.dropped) or None,
            "source_id": source_id,
            "origin": origin,
            "is_synthetic": origin == schema.ORIGIN_DEMO,
        },
        user=upload.user,
        summary=json.dumps(summary, sort_keys=True),
    )
    writer.keep_replaced(conn, import_id, kept)
    if origin == schema.ORIGIN_IMPORT:  # a demo run notes itself once, not per edition (ingest/demo.py)
        line = f"{upload.file_name}: {kind.name} {edition} ({history.summary_line(json.dumps(summary))})"
        writer.record_audit(conn, user=upload.user, action="import", import_id=import_id, summary=line)
    return import_id


def _store_edition(conn: Connection, upload: _Upload, edition: int) -> EditionChange:
    """Replace one edition's rows of this kind and origin by the upload's."""
    kind, origin = upload.kind, upload.origin
    table = TABLES[kind.name]
    rows = [row for row in upload.parsed.rows if row["edition"] == edition]
    if _already_stored(conn, upload, edition):
        return EditionChange(edition, len(rows), unchanged_file=True)
    import_id = _record(conn, upload, edition, rows, history.rows_of(conn, table, edition))
    source_id = _source_id(kind, edition, origin)
    demo_removed = 0
    if origin == schema.ORIGIN_IMPORT:
        # real rows replace the synthetic ones of the same edition: the two are never shown summed
        demo = and_(table.c.edition == edition, table.c.origin == schema.ORIGIN_DEMO)
        demo_removed = writer.delete_rows(conn, table, demo)
    mine = and_(table.c.edition == edition, table.c.origin == origin)
    before = conn.execute(select(func.count()).select_from(table).where(mine)).scalar_one()
    extra = {
        "import_id": import_id,
        "source_id": source_id,
        "origin": origin,
        "is_synthetic": origin == schema.ORIGIN_DEMO,
    }
    writer.upsert(conn, table, [_columns(table, row) | extra for row in rows], ["edition", *kind.key])
    # replacing: the rows of this edition the file no longer has go; appending (asked for explicitly) keeps them
    removed = 0 if upload.append else writer.delete_rows(conn, table, and_(mine, table.c.import_id != import_id))
    after = conn.execute(select(func.count()).select_from(table).where(mine)).scalar_one()
    change = EditionChange(edition, len(rows), after - (before - removed), removed, demo_removed=demo_removed)
    return replace(change, import_id=import_id, appended=upload.append)


def store(
    conn: Connection,
    kind: Kind,
    parsed: Parsed,
    *,
    file_name: str,
    sha256: str,
    user: str,
    origin: str = schema.ORIGIN_IMPORT,
    append: bool = False,
) -> list[EditionChange]:
    """Replace each edition's rows of this kind and origin by ``parsed`` (``append``: add them, keeping the ones
    the file lacks) inside the caller's transaction, noted in the history as made by ``user``."""
    upload = _Upload(kind, parsed, file_name, sha256, origin, dt.datetime.now(dt.UTC), user, append)
    return [_store_edition(conn, upload, edition) for edition in parsed.editions]


def import_file(
    engine: Engine,
    kind_name: str,
    path: Path,
    *,
    dry_run: bool = False,
    user: str | None = None,
    append: bool = False,
) -> ImportResult:
    """Read, check and store an export for ``user`` (default: the login name running this); FileProblems
    (nothing written) if anything in it is wrong. An edition's earlier imported rows are replaced by the file's,
    or, with ``append``, kept where the file lacks them."""
    kind = KINDS[kind_name]
    sheet = read_table(path)
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    result = ImportResult(kind.name, path.name, dry_run, sheet=sheet.name)
    with engine.begin() as conn:
        migrate.prepare_to_write(conn, migrate.IMPORT_LOCK)
        parsed = validate(kind, sheet, read_reference(conn))
        result.dropped = parsed.dropped
        result.notes = parsed.notes
        if dry_run:
            result.changes = [
                EditionChange(e, sum(1 for r in parsed.rows if r["edition"] == e)) for e in parsed.editions
            ]
            return result
        result.changes = store(
            conn, kind, parsed, file_name=path.name, sha256=sha256, user=user or history.os_user(), append=append
        )
        result.demo_rows_removed = sum(change.demo_removed for change in result.changes)
        if any(not change.unchanged_file for change in result.changes):
            writer.new_version(conn)  # cached views of the old rows are stale from the commit on
    return result
