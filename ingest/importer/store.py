"""Write a validated export in one transaction: an edition's rows are replaced whole, or not at all.

Rows are matched on their natural key (an activity: title, organiser, date and place; an answer:
the respondent's number), so importing the same file twice changes nothing, and a newer export of
an edition updates the rows it still holds, adds the new ones and removes the ones it no longer
has. Readers see the edition before or after, never half of it: it is one transaction. The
bundled dataset's reload leaves these rows alone (their ``origin`` is not "bundled").
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from data_access import migrate, schema, version
from ingest.importer.columns import KINDS, Kind
from ingest.importer.read import read_table
from ingest.importer.validate import Parsed, Reference, Row, validate

TABLES = {"activities": schema.activities, "evaluations": schema.responses}


@dataclass
class EditionChange:
    """What an import did to one edition."""

    edition: int
    rows: int
    added: int = 0
    removed: int = 0
    unchanged_file: bool = False


@dataclass
class ImportResult:
    """The outcome of an import (or of its dry run)."""

    kind: str
    file_name: str
    dry_run: bool
    changes: list[EditionChange] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    demo_rows_removed: int = 0

    def report(self) -> str:
        """What happened, in Dutch, for the command line."""
        label = KINDS[self.kind].label
        lines = []
        if self.dropped:
            lines.append(
                "Let op: persoonsgegevens niet opgeslagen; deze kolommen zijn weggelaten: " + ", ".join(self.dropped)
            )
        for change in self.changes:
            if self.dry_run:
                lines.append(f"Editie {change.edition}: {change.rows} {label} gecontroleerd, geen problemen.")
            elif change.unchanged_file:
                lines.append(f"Editie {change.edition}: dit bestand is al ingelezen; er is niets veranderd.")
            else:
                lines.append(
                    f"Editie {change.edition}: {change.rows} {label} opgeslagen "
                    f"({change.added} nieuw, {change.removed} niet meer in de export en verwijderd)."
                )
        if self.demo_rows_removed:
            lines.append(f"De voorbeelddata van deze editie ({self.demo_rows_removed} regels) is verwijderd.")
        if self.dry_run:
            lines.append("Proefrun (--dry-run): er is niets opgeslagen.")
        return "\n".join(lines)


def read_reference(conn: Connection) -> Reference:
    """Editions, weeks and the region of each province, as the database holds them now."""
    e, w, p = schema.editions, schema.edition_weeks, schema.provinces
    programmes = {year: programme for year, programme in conn.execute(select(e.c.year, e.c.programme))}
    weeks: dict[int, list[tuple[int, dt.date, dt.date]]] = {}
    for edition, week, first, last in conn.execute(select(w.c.edition, w.c.week, w.c.start_date, w.c.end_date)):
        weeks.setdefault(edition, []).append((week, first, last))
    regions = {province: region for province, region in conn.execute(select(p.c.province, p.c.region))}
    return Reference(programmes, weeks, regions)


def _source_id(kind: Kind, edition: int, origin: str) -> str:
    return f"{'demo' if origin == schema.ORIGIN_DEMO else 'export'}-{kind.name}-{edition}"


def _ensure_source_and_edition(
    conn: Connection, kind: Kind, edition: int, file_name: str, origin: str, now: dt.datetime
) -> str:
    """The source the rows cite (the export, with its date) and the edition they belong to."""
    source_id = _source_id(kind, edition, origin)
    demo = origin == schema.ORIGIN_DEMO
    values = {
        "title": (
            f"Voorbeelddata {kind.label} {edition} (synthetisch)" if demo else f"Export {kind.label}: {file_name}"
        ),
        "publisher": "gegenereerd door sze-dashboard demo" if demo else "organisatie van de Slimme Zorg Estafette",
        "kind": "voorbeelddata" if demo else "export",
        "published_date": now.date().isoformat(),
        "published_label": f"ingelezen {now:%d-%m-%Y}",
        "contributed": f"{kind.label} van editie {edition}",
        "origin": origin,
    }
    s = schema.sources
    if conn.execute(select(s.c.source_id).where(s.c.source_id == source_id)).first():
        conn.execute(update(s).where(s.c.source_id == source_id).values(values))
    else:
        conn.execute(insert(s).values(source_id=source_id, **values))
    e = schema.editions
    if not conn.execute(select(e.c.year).where(e.c.year == edition)).first():
        conn.execute(
            insert(e).values(
                year=edition,
                programme="sze",
                name=f"Slimme Zorg Estafette {edition}",
                has_totals=False,
                notes="Editie aangemaakt bij het inlezen van een export; geen gepubliceerde totalen",
                source_id=source_id,
                origin=origin,
                is_synthetic=demo,
            )
        )
    return source_id


def _upsert(conn: Connection, kind: Kind, rows: list[dict[str, Any]]) -> None:
    table = TABLES[kind.name]
    # the PostgreSQL branch is only told apart on PostgreSQL
    insert_for = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert  # pragma: no mutate
    statement = insert_for(table)
    keys = ["edition", *kind.key]
    changes = {name: statement.excluded[name] for name in rows[0] if name not in keys}
    for start in range(0, len(rows), 5000):
        conn.execute(statement.on_conflict_do_update(index_elements=keys, set_=changes), rows[start : start + 5000])


def store(
    conn: Connection,
    kind: Kind,
    parsed: Parsed,
    *,
    file_name: str,
    sha256: str,
    origin: str = schema.ORIGIN_IMPORT,
) -> list[EditionChange]:
    """Replace each edition's rows of this kind and origin by ``parsed`` inside the caller's transaction."""
    table = TABLES[kind.name]
    imports = schema.imports
    now = dt.datetime.now(dt.UTC)
    synthetic = origin == schema.ORIGIN_DEMO
    changes = []
    for edition in parsed.editions:
        rows = [row for row in parsed.rows if row["edition"] == edition]
        last = conn.execute(
            select(imports.c.sha256)
            .where(imports.c.kind == kind.name, imports.c.edition == edition, imports.c.origin == origin)
            .order_by(imports.c.import_id.desc())
            .limit(1)
        ).scalar()
        if last == sha256:
            changes.append(EditionChange(edition, len(rows), unchanged_file=True))
            continue
        source_id = _ensure_source_and_edition(conn, kind, edition, file_name, origin, now)
        import_id = conn.execute(
            insert(imports)
            .values(
                kind=kind.name,
                edition=edition,
                file_name=file_name,
                sha256=sha256,
                imported_at=now.isoformat(timespec="seconds"),
                row_count=len(rows),
                dropped_columns=", ".join(parsed.dropped) or None,
                source_id=source_id,
                origin=origin,
                is_synthetic=synthetic,
            )
            .returning(imports.c.import_id)
        ).scalar_one()
        mine = and_(table.c.edition == edition, table.c.origin == origin)
        before = conn.execute(select(func.count()).select_from(table).where(mine)).scalar_one()
        extra = {"import_id": import_id, "source_id": source_id, "origin": origin, "is_synthetic": synthetic}
        _upsert(conn, kind, [_columns(table, row) | extra for row in rows])
        removed = conn.execute(delete(table).where(mine, table.c.import_id != import_id)).rowcount
        changes.append(EditionChange(edition, len(rows), added=len(rows) - (before - removed), removed=removed))
    return changes


def _columns(table: Any, row: Row) -> Row:
    return {name: value for name, value in row.items() if name in table.c}


def import_file(engine: Engine, kind_name: str, path: Path, *, dry_run: bool = False) -> ImportResult:
    """Read, check and store an export; FileProblems (nothing written) if anything in it is wrong."""
    kind = KINDS[kind_name]
    sheet = read_table(path)
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    result = ImportResult(kind.name, path.name, dry_run)
    with engine.begin() as conn:
        migrate.prepare_to_write(conn, migrate.IMPORT_LOCK)
        parsed = validate(kind, sheet, read_reference(conn))
        result.dropped = parsed.dropped
        if dry_run:
            result.changes = [
                EditionChange(e, sum(1 for r in parsed.rows if r["edition"] == e)) for e in parsed.editions
            ]
            return result
        # real rows replace the synthetic ones of the same edition: the two are never shown summed
        table = TABLES[kind.name]
        demo = and_(table.c.edition.in_(parsed.editions), table.c.origin == schema.ORIGIN_DEMO)
        result.demo_rows_removed = conn.execute(delete(table).where(demo)).rowcount
        result.changes = store(conn, kind, parsed, file_name=path.name, sha256=sha256)
        if result.demo_rows_removed or any(not change.unchanged_file for change in result.changes):
            version.bump(conn)  # cached views of the old rows are stale from the commit on
    return result
