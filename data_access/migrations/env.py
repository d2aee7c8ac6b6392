"""Alembic environment: migrations run on the connection ``data_access.migrate`` hands over."""

from __future__ import annotations

from alembic import context

from data_access import schema

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=schema.metadata,
    # SQLite cannot ALTER most things: batch mode copies the table, the way SQLite's docs advise
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
