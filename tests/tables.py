"""Every row of every table, to compare a database before and after something that must leave it as it was."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import Engine, MetaData, select

#: the tables that record writes (who, when, what an import replaced): they grow with every write, undo included
HISTORY_TABLES = frozenset({"import_history", "import_replaced", "audit_log"})
#: the data's version changes with every write, so that caches of the data before it are not used after it
VERSION_KEY = "data_version"


def all_rows(engine: Engine, exclude: Collection[str] = (), *, with_version: bool = True) -> dict[str, list[Any]]:
    """Each table of the database (as it is, reflected: Alembic's own included) with its rows, sorted."""
    metadata = MetaData()
    with engine.connect() as conn:
        metadata.reflect(conn)
        found = {
            name: sorted((tuple(row) for row in conn.execute(select(table))), key=repr)
            for name, table in metadata.tables.items()
            if name not in exclude
        }
    if not with_version and "dataset_meta" in found:
        found["dataset_meta"] = [row for row in found["dataset_meta"] if row[0] != VERSION_KEY]
    return found


def data_rows(engine: Engine) -> dict[str, list[Any]]:
    """Every table but the history ones, without the data's version: what an undo must bring back exactly."""
    return all_rows(engine, HISTORY_TABLES, with_version=False)
