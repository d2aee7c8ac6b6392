"""What an import would change, before it counts: the file's rows against what the database holds for its
editions. Reads only.

An import replaces, per edition, the rows of its kind that earlier imports stored (and removes that edition's
demo rows); rows are matched on their natural key (``Kind.key``). So a row of the file is new, changed or
unchanged against the stored row of the same key, and a stored row whose key the file lacks is removed.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, select

from data_access import schema
from ingest.importer.columns import Kind
from ingest.importer.store import TABLES
from ingest.importer.validate import Parsed, Row

#: the stored rows an import replaces: those of earlier imports and the demo's (see ``import_file``)
REPLACED = (schema.ORIGIN_IMPORT, schema.ORIGIN_DEMO)


@dataclass(frozen=True)
class FieldChange:
    """One field of a changed row: what the database holds, what the file says."""

    name: str
    before: object
    after: object


@dataclass(frozen=True)
class RowChange:
    """A row of the file whose key the database holds with other values."""

    key: tuple[Any, ...]
    fields: list[FieldChange]


@dataclass
class Preview:
    """What importing the file would do: counts of rows, the changed ones field by field, and the rows per region
    and week before and after."""

    editions: list[int]
    #: whether the file's rows are added to the edition's (the ones it lacks stay) instead of replacing them
    append: bool = False
    new: int = 0
    unchanged: int = 0
    removed: int = 0
    changed: list[RowChange] = field(default_factory=list)
    #: (region, week or None) -> (rows before, rows after)
    totals: dict[tuple[str, int | None], tuple[int, int]] = field(default_factory=dict)

    @property
    def changes_anything(self) -> bool:
        return bool(self.new or self.removed or self.changed)


def compared(kind: Kind, table: Table) -> list[str]:
    """The fields compared: those the export fills and where a row lies (region, week), as stored."""
    names = [f.name for f in kind.fields if f.name not in kind.key]
    return [*names, *(name for name in ("region", "week") if name in table.c and name not in names)]


def _same(before: object, after: object) -> bool:
    if isinstance(before, float) or isinstance(after, float):
        if before is None or after is None:
            return before is after
        return math.isclose(float(before), float(after), abs_tol=1e-9)  # type: ignore[arg-type]
    return before == after


def _key(kind: Kind, row: Row) -> tuple[Any, ...]:
    return (row["edition"], *(row[name] for name in kind.key))


def _grain(row: Row) -> tuple[str, int | None]:
    return (str(row.get("region") or "-"), row.get("week"))


def _stored(conn: Connection, kind: Kind, table: Table, editions: list[int]) -> list[Row]:
    """Every stored row of ``editions`` with its origin (the bundled ones too, which stay and count in the totals)."""
    wanted = dict.fromkeys(["edition", *kind.key, *compared(kind, table), "origin"])
    columns = [table.c[name] for name in wanted if name in table.c]
    query = select(*columns).where(table.c.edition.in_(editions or [-1]))
    return [dict(row._mapping) for row in conn.execute(query)]


def preview(conn: Connection, kind: Kind, parsed: Parsed, *, append: bool = False) -> Preview:
    """What importing ``parsed`` (``append``: adding its rows, keeping the ones it lacks) would change against
    what ``conn`` sees."""
    table = TABLES[kind.name]
    stored = _stored(conn, kind, table, parsed.editions)
    replaced = {_key(kind, row): row for row in stored if row["origin"] in REPLACED}
    names = compared(kind, table)
    result = Preview(parsed.editions, append)
    for row in parsed.rows:
        old = replaced.pop(_key(kind, row), None)
        if old is None:
            result.new += 1
            continue
        fields = [FieldChange(n, old.get(n), row.get(n)) for n in names if not _same(old.get(n), row.get(n))]
        if fields:
            result.changed.append(RowChange(_key(kind, row), fields))
        else:
            result.unchanged += 1
    # appending keeps the imported rows the file lacks; the demo's go either way (never summed with real ones)
    kept = [row for row in replaced.values() if append and row["origin"] == schema.ORIGIN_IMPORT]
    result.removed = len(replaced) - len(kept)
    before = Counter(_grain(row) for row in stored)
    after = Counter(_grain(row) for row in [*kept, *(row for row in stored if row["origin"] not in REPLACED)])
    after.update(_grain(row) for row in parsed.rows)
    result.totals = {grain: (before[grain], after[grain]) for grain in sorted({*before, *after}, key=_order)}
    return result


def _order(grain: tuple[str, int | None]) -> tuple[str, int]:
    region, week = grain
    return (region, -1 if week is None else week)
