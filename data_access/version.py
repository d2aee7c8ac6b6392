"""The data's version: a new one with every write, so anything kept from a read (a cached view) knows it is stale.

Every writer (the bundled loader, an import, demo data) sets a new one with ``ingest.writer.new_version``
inside its own transaction: readers see the new version together with the new rows, never apart. Caches
key on it, so an import through any process invalidates what every process and a shared Redis keep.
A new version also rebuilds the summary tables: they describe the rows of that version, so they are
written in the same transaction or not at all. This module only reads it.
"""

from __future__ import annotations

from sqlalchemy import select

from data_access import schema
from data_access.engine import Bind, connected

KEY = "data_version"


def current(bind: Bind) -> str:
    """The data's version as ``bind`` sees it ('' before anything was written)."""
    meta = schema.dataset_meta
    with connected(bind) as conn:
        return str(conn.execute(select(meta.c.value).where(meta.c.key == KEY)).scalar() or "")
