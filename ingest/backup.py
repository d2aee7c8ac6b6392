"""Every table to CSV and back: ``export`` writes them, ``restore`` fills an empty database from them.

The files are exact: rows in key order, numbers as Python writes them, dates in ISO form, so an
export restored into an empty database exports to identical files.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Column, Date, Engine, Float, Integer, Table, func, select

from core.i18n import t
from data_access import migrate, schema
from ingest import history, writer


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _value(column: Column, raw: str) -> Any:
    if raw == "":
        return None
    kind = column.type
    if isinstance(kind, Boolean):
        return raw == "1"
    if isinstance(kind, Integer):
        return int(raw)
    if isinstance(kind, Float):
        return float(raw)
    if isinstance(kind, Date):
        return dt.date.fromisoformat(raw)
    return raw


def _tables() -> list[Table]:
    """The tables an export holds: not the summaries, which are rebuilt from the rows on restore."""
    return [table for table in schema.metadata.sorted_tables if not schema.is_summary(table)]


def export_all(engine: Engine, folder: Path) -> dict[str, int]:
    """Write each table to ``<folder>/<table>.csv`` (UTF-8, commas); rows per table."""
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    with engine.connect() as conn:
        for table in _tables():
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            with (folder / f"{table.name}.csv").open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow([c.name for c in table.columns])
                writer.writerows([_cell(v) for v in row] for row in rows)
            counts[table.name] = len(rows)
        # no new data version: the rows are the export's, and so is its version (in dataset_meta), so what a
        # cache kept under that version is still right for them
    return counts


class RestoreError(ValueError):
    """The folder does not hold an export of this version, or the database is not empty."""


def restore_all(engine: Engine, folder: Path, user: str | None = None) -> dict[str, int]:
    """Fill an empty database from an export, in one transaction, noted in the audit log as made by ``user``
    (default: the login name running this); rows per table."""
    counts = {}
    with engine.begin() as conn:
        migrate.prepare_to_write(conn, migrate.IMPORT_LOCK)
        for table in _tables():
            if conn.execute(select(func.count()).select_from(table)).scalar_one():
                raise RestoreError(t("ingest.restore_not_empty", table=table.name))
        for table in _tables():
            path = folder / f"{table.name}.csv"
            if not path.is_file():
                raise RestoreError(t("ingest.restore_missing", path=path))
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.reader(handle)
                headings = next(reader, [])
                if headings != [c.name for c in table.columns]:
                    raise RestoreError(t("ingest.restore_columns", file=path.name, table=table.name))
                rows = [
                    {c.name: _value(c, raw) for c, raw in zip(table.columns, record, strict=True)} for record in reader
                ]
            writer.insert_rows(conn, table, rows)
            counts[table.name] = len(rows)
        writer.restart_sequences(conn, _tables())
        writer.refresh_summaries(conn)  # of the restored rows; the version stays the export's, as the rows do
        summary = f"{folder}: {sum(counts.values())}"
        writer.record_audit(conn, user=user or history.os_user(), action="restore", summary=summary)
    return counts
