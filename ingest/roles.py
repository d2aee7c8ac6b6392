"""The read-only role the web process connects with on PostgreSQL: it may read every table, and write none.

Imports and schema changes go through the CLI with the owner's URL (``SZE_ADMIN_DATABASE_URL``); a
dashboard with a flaw in it can then still not change a figure.
"""

from __future__ import annotations

import re

from sqlalchemy import Engine, text

_ROLE = re.compile(r"[a-z_][a-z0-9_]{0,62}")


class RoleRefused(ValueError):
    """A role that cannot be made here: a bad name, or a database without roles (SQLite)."""


def grant_read_only(engine: Engine, role: str, password: str | None) -> bool:
    """Create ``role`` (or set its password) and let it read every table of the schema, now and after migrations.
    True when the role was created. Run as the owner of the tables."""
    if engine.dialect.name != "postgresql":
        raise RoleRefused("roles exist on PostgreSQL only; an embedded SQLite file is read by whoever reads the file")
    if not _ROLE.fullmatch(role):
        raise RoleRefused(f"role names are lowercase letters, digits and '_' (not {role[:70]!r})")
    quote = engine.dialect.identifier_preparer.quote
    name = quote(role)
    with engine.begin() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}).first()
        if not exists:
            conn.execute(text(f"CREATE ROLE {name} LOGIN"))
        if password is not None:
            # utility statements take no bound parameters: the server's own quote_literal quotes it
            quoted = conn.execute(text("SELECT quote_literal(:p)"), {"p": password}).scalar_one()
            conn.execute(text(f"ALTER ROLE {name} PASSWORD {quoted}"))
        database = quote(conn.execute(text("SELECT current_database()")).scalar_one())
        schema = quote(conn.execute(text("SELECT current_schema()")).scalar_one())
        for statement in (
            f"GRANT CONNECT ON DATABASE {database} TO {name}",
            f"GRANT USAGE ON SCHEMA {schema} TO {name}",
            f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {name}",
            # tables a later migration makes are readable too, and still not writable
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT ON TABLES TO {name}",
            f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC",
        ):
            conn.execute(text(statement))
    return not exists
