"""Bring any database made by this dashboard up to date with Alembic, keeping every row.

A database made before migrations existed (release 0.1.0, ``metadata.create_all``) has the
tables of the first revision but no ``alembic_version``: it is stamped at that revision and
then upgraded like any other.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, MetaData, Table, inspect, text

from data_access import schema

#: the revision whose tables a pre-Alembic database (release 0.1.0) has
BASELINE = "0001"

#: PostgreSQL advisory locks, one per kind of writer: several instances may run init-db at once (one
#: loads, the others find it loaded), and imports or demo runs of the same tables go one after another
BUNDLED_LOCK = 52_072_021
IMPORT_LOCK = 52_072_027


#: Alembic's scripts, read by Alembic itself: a folder next to this module, in a checkout and an installed wheel
MIGRATIONS = Path(__file__).with_name("migrations")


def _config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head() -> str:
    """The newest revision this version of the dashboard knows."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return str(ScriptDirectory.from_config(config).get_current_head())


def current(connection: Connection) -> str | None:
    """The revision the database is at (None: empty, or made before migrations existed)."""
    return MigrationContext.configure(connection).get_current_revision()


def prepare_to_write(connection: Connection, lock: int) -> None:
    """Wait for other writers of the same kind (PostgreSQL), then bring the schema up to date."""
    if connection.dialect.name == "postgresql":  # pragma: no mutate
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock})  # pragma: no mutate
    upgrade(connection)


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Upgrade the database on ``connection`` (inside the caller's transaction) to ``revision``."""
    config = _config(connection)
    if current(connection) is None and inspect(connection).has_table("editions"):
        command.stamp(config, BASELINE)
    command.upgrade(config, revision)


def drop_everything(engine: Engine) -> None:
    """Drop every table of the dashboard and the migration record: the next upgrade starts from nothing."""
    with engine.begin() as connection:
        schema.metadata.drop_all(connection)
        Table("alembic_version", MetaData()).drop(connection, checkfirst=True)
