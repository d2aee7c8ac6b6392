"""Database engines: one pool per database URL and process, no user state; and the snapshot a request reads."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event

#: what a query reads from: an engine (a connection of its own per query) or one open connection (a snapshot)
Bind = Engine | Connection


def make_engine(url: str) -> Engine:
    """Create an engine for ``url``; SQLite gets foreign keys, a busy timeout and its write-ahead log."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 15})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:  # pragma: no cover - driver hook
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys = ON")
            if ":memory:" not in url:
                # readers keep their snapshot while an import writes, instead of waiting for its lock
                # (persistent in the file; a no-op once set)
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.close()

        return engine
    # pre-ping so a restarted PostgreSQL server costs one reconnect, not a failed request
    return create_engine(url, pool_pre_ping=True)


#: the process's engines, by URL (a handful: the reader's and the owner's)
_ENGINES: dict[str, Engine] = {}
#: the engines a forked process inherited: kept referenced and never used, so nothing closes the parent's
#: connections from the child (a DBAPI connection closed on collection would end the parent's session too)
_INHERITED: list[Engine] = []


def engine_for(url: str) -> Engine:
    """Return the process-wide engine (connection pool) for ``url``."""
    if url not in _ENGINES:
        _ENGINES[url] = make_engine(url)
    return _ENGINES[url]


def after_fork() -> None:
    """In a process forked from one that may hold pooled connections (a background job of /beheer): leave the
    parent's pools alone and make new ones on first use. SQLAlchemy's "Using Connection Pools with Multiprocessing
    or os.fork()" advises ``dispose(close=False)``; keeping the old engines referenced also keeps a collection
    from closing the parent's connections."""
    for engine in _ENGINES.values():
        engine.dispose(close=False)
        _INHERITED.append(engine)
    _ENGINES.clear()


def connected(bind: Bind) -> AbstractContextManager[Connection]:
    """A connection to read through: the given one (left open), or a new one from the engine's pool."""
    return nullcontext(bind) if isinstance(bind, Connection) else bind.connect()


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """A read-only connection whose queries all see the database as one moment: an import that commits
    meanwhile shows in full in the next snapshot, never half in this one (a page's totals and its
    breakdown from the same data)."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            # READ COMMITTED, the default, gives every statement its own snapshot
            conn = conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            conn.begin()
        elif conn.dialect.name == "sqlite":
            # the driver begins transactions only before writes: without this each SELECT stands alone
            conn.exec_driver_sql("BEGIN")
        yield conn
