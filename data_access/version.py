"""The data's version: a new one with every write, so anything kept from a read (a cached view) knows it is stale.

Every writer (the bundled loader, an import, demo data, a restore) calls ``bump`` inside its own
transaction: readers see the new version together with the new rows, never apart. Caches key on
it, so an import through any process invalidates what every process and a shared Redis keep.
A new version also rebuilds the summary tables (``summaries.refresh``): they describe the rows of
that version, so they are written in the same transaction or not at all.
"""

from __future__ import annotations

import uuid

from sqlalchemy import Connection, delete, insert, select

from data_access import schema, summaries
from data_access.engine import Bind, connected

KEY = "data_version"


def bump(conn: Connection) -> str:
    """Give the data a new version within ``conn``'s transaction, with summaries of its rows; returns it."""
    summaries.refresh(conn)
    meta = schema.dataset_meta
    value = uuid.uuid4().hex  # random, not a counter: two writers never need to read before they write
    conn.execute(delete(meta).where(meta.c.key == KEY))
    conn.execute(insert(meta).values(key=KEY, value=value))
    return value


def current(bind: Bind) -> str:
    """The data's version as ``bind`` sees it ('' before anything was written)."""
    meta = schema.dataset_meta
    with connected(bind) as conn:
        return str(conn.execute(select(meta.c.value).where(meta.c.key == KEY)).scalar() or "")
