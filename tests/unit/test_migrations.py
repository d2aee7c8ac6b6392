"""Alembic brings any database this dashboard made up to date, and keeps the rows it holds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, insert, inspect, select, text

from dashboard.cli import main
from data_access import migrate, schema

RELEASE_0_1_0 = Path(__file__).parent.parent / "fixtures" / "release-0.1.0.sqlite.sql"


def test_a_database_made_by_release_0_1_0_is_migrated_without_losing_rows(tmp_path, capsys):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:  # as release 0.1.0 left it, with one row added outside the bundle
        conn.executescript(RELEASE_0_1_0.read_text(encoding="utf-8"))
    url = f"sqlite:///{path}"
    assert main(["--database-url", url, "init-db"]) == 0
    engine = create_engine(url)
    with engine.connect() as conn:
        assert migrate.current(conn) == migrate.head()
        assert {"activities", "responses", "imports"} <= set(inspect(conn).get_table_names())
        kept = conn.execute(text("SELECT value, note FROM figures WHERE origin = 'import'")).all()
        assert kept == [(17.0, "ingevoerd buiten de bundel om")]
        assert conn.execute(select(schema.sources.c.origin).distinct()).scalars().all() == ["bundled"]
    # a second run finds nothing to do
    assert main(["--database-url", url, "init-db"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_the_first_revision_upgrades_with_rows_in_it(db_url):
    """On the test backend (SQLite or PostgreSQL): a database at revision 0001 with a row of its own."""
    engine = create_engine(db_url)
    migrate.drop_everything(engine)
    with engine.begin() as conn:
        migrate.upgrade(conn, migrate.BASELINE)
        conn.execute(
            text(
                "INSERT INTO sources (source_id, title, publisher, kind, published_label, contributed) "
                "VALUES ('own', 'Eigen bron', 'VWS', 'brief', '2026', 'een editie')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO editions (year, programme, name, has_totals, source_id, origin) "
                "VALUES (2027, 'sze', 'Slimme Zorg Estafette 2027', false, 'own', 'import')"
            )
        )
    assert main(["--database-url", db_url, "init-db"]) == 0
    with engine.connect() as conn:
        assert migrate.current(conn) == migrate.head()
        assert conn.execute(select(schema.editions.c.name).where(schema.editions.c.year == 2027)).scalar() == (
            "Slimme Zorg Estafette 2027"
        )
    engine.dispose()


def test_recreate_starts_from_nothing(db_url):
    assert main(["--database-url", db_url, "init-db"]) == 0
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(insert(schema.dataset_meta), [{"key": "marker", "value": "x"}])
    assert main(["--database-url", db_url, "init-db", "--recreate"]) == 0
    with engine.connect() as conn:
        assert conn.execute(select(schema.dataset_meta.c.key).where(schema.dataset_meta.c.key == "marker")).all() == []
        assert migrate.current(conn) == migrate.head()
    engine.dispose()


@pytest.mark.parametrize("revision", ["0001", "head"])
def test_downgrade_is_not_needed_to_reach_a_revision(db_url, revision):
    engine = create_engine(db_url)
    migrate.drop_everything(engine)
    with engine.begin() as conn:
        migrate.upgrade(conn, revision)
        assert migrate.current(conn) == (migrate.head() if revision == "head" else revision)
    engine.dispose()


def test_the_migrations_build_exactly_the_schema_the_code_declares(db_url):
    """A column added to schema.py without a migration would break every existing database: caught here."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = create_engine(db_url)
    with engine.begin() as conn:
        migrate.upgrade(conn)
        assert compare_metadata(MigrationContext.configure(conn), schema.metadata) == []
    engine.dispose()
