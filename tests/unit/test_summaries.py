"""The summary tables: every count a view reads from them equals counting the rows themselves."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import func, select, text

from data_access import migrate, queries, schema
from data_access.engine import make_engine
from ingest import backup, demo
from ingest.loader.load import load_bundled
from tests.conftest import own_database

#: every grouping the views ask (callbacks/), and two that fit no summary
GROUPINGS = [
    ["edition"],
    ["region"],
    ["theme"],
    ["format"],
    ["domain"],
    ["region", "edition"],
    ["edition", "week", "region"],
    ["edition", "region", "week", "theme", "format"],
    ["province", "place"],
    ["edition", "region", "week", "province", "place"],
    ["place", "theme"],
    ["province", "domain"],
]


@pytest.fixture(scope="module")
def demo_engine(tmp_path_factory: pytest.TempPathFactory):
    """Demo rows on the backend under test (SQLite, or PostgreSQL in the test command's second pass)."""
    with own_database(tmp_path_factory.mktemp("summaries")) as url:
        engine = make_engine(url)
        load_bundled(engine, force=True)
        demo.generate(engine, 1500, seed=7)
        yield engine
        engine.dispose()


def _rows(engine, table) -> pd.DataFrame:
    with engine.connect() as conn:
        return pd.read_sql(select(table), conn)


def _counted(rows: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """What a reader counting the rows by hand finds: the oracle, apart from SQL."""
    grouped = rows.groupby(by, dropna=False)
    return pd.DataFrame(
        {
            "activities": grouped.size(),
            "participants": grouped["participants"].sum(min_count=0),
            "with_participants": grouped["participants"].count(),
            "synthetic": grouped["is_synthetic"].max().astype(int),
        }
    ).reset_index()


@pytest.mark.parametrize("by", GROUPINGS, ids=lambda by: "+".join(by))
@pytest.mark.parametrize(("region", "week"), [(None, None), ("zuid", None), (None, 2), ("oost", 1)])
def test_counts_per_group_equal_counting_the_rows(demo_engine, by, region, week):
    rows = _rows(demo_engine, schema.activities)
    editions = sorted(rows["edition"].unique().tolist())
    if region:
        rows = rows[rows["region"] == region]
    if week:
        rows = rows[rows["week"] == week]
    expected = _counted(rows, by).sort_values(by, ignore_index=True)
    shown = queries.activity_counts(demo_engine, by, editions, region, week)
    assert len(expected), "the demo data should have rows for this filter"
    columns = [*by, "activities", "participants", "with_participants", "synthetic"]
    pd.testing.assert_frame_equal(
        shown[columns].sort_values(by, ignore_index=True), expected[columns], check_dtype=False
    )
    if "place" in by:  # drawn at the mean of its rows' coordinates
        means = rows.groupby(by)[["lon", "lat"]].mean().reset_index().sort_values(by, ignore_index=True)
        located = shown.sort_values(by, ignore_index=True)
        assert located["lon"].to_numpy() == pytest.approx(means["lon"].to_numpy())
        assert located["lat"].to_numpy() == pytest.approx(means["lat"].to_numpy())


@pytest.mark.parametrize("region", [None, "west"])
def test_answers_per_group_equal_counting_the_rows(demo_engine, region):
    rows = _rows(demo_engine, schema.responses)
    editions = sorted(rows["edition"].unique().tolist())
    by_rating = queries.rating_counts(demo_engine, editions, region)
    chosen = rows[rows["region"] == region] if region else rows
    expected = chosen.groupby(["role", "rating", "would_return"]).size()
    assert by_rating.set_index(["role", "rating", "would_return"])["n"].sort_index().tolist() == (
        expected.sort_index().tolist()
    )
    by_region = queries.response_counts(demo_engine, editions)
    # answers without a region (not asked, or not answered) count too
    assert by_region["n"].sum() == len(rows)
    assert by_region[by_region["region"].isna()]["n"].sum() == rows["region"].isna().sum() > 0


def test_a_new_import_replaces_the_summaries_and_a_restore_rebuilds_them(db_url, tmp_path: Path):
    engine = make_engine(db_url)
    load_bundled(engine, force=True)
    demo.generate(engine, 300, seed=1)
    demo.generate(engine, 120, seed=2)  # replaces the first run's rows: nothing of them may stay counted
    editions = sorted(_rows(engine, schema.activities)["edition"].unique().tolist())
    assert queries.activity_counts(engine, ["edition"], editions)["activities"].sum() == 120
    assert queries.activity_counts(engine, ["province", "place"], editions)["activities"].sum() == 120
    assert queries.response_counts(engine, editions)["n"].sum() == len(_rows(engine, schema.responses))
    counts = backup.export_all(engine, tmp_path / "export")
    engine.dispose()
    assert not set(counts) & {table.name for table in schema.summary_tables()}, "derived tables are not exported"
    other = make_engine(f"sqlite:///{tmp_path / 'restored.db'}")
    backup.restore_all(other, tmp_path / "export")
    assert queries.activity_counts(other, ["edition"], editions)["activities"].sum() == 120
    other.dispose()


def test_the_migration_counts_the_rows_already_imported(db_url):
    engine = make_engine(db_url)
    load_bundled(engine, force=True)
    demo.generate(engine, 200, seed=4)
    with engine.begin() as conn:  # as a database of release 0.2 had it: rows, but no summaries or history yet
        for table in [
            *reversed(schema.summary_tables()),
            schema.import_history,
            schema.import_replaced,
            schema.audit_log,
            schema.value_mappings,
        ]:
            table.drop(conn)
        conn.execute(text("UPDATE alembic_version SET version_num = '0002'"))
    with engine.begin() as conn:  # up to the revision before the published record's columns, which it has
        migrate.upgrade(conn, "0005")
    with engine.connect() as conn:
        totals = conn.execute(select(func.sum(schema.activity_totals.c.activities))).scalar_one()
        places = conn.execute(select(func.sum(schema.place_totals.c.activities))).scalar_one()
        answers = conn.execute(select(func.sum(schema.response_totals.c.answers))).scalar_one()
        responses = conn.execute(select(func.count()).select_from(schema.responses)).scalar_one()
    assert totals == places == 200 and answers == responses
    with engine.connect() as conn:  # the imports made before the history enter it, by an unknown user
        imports = conn.execute(select(schema.imports.c.import_id).order_by(schema.imports.c.import_id)).scalars().all()
        history = conn.execute(
            select(
                schema.import_history.c.import_id, schema.import_history.c.imported_by, schema.import_history.c.status
            ).order_by(schema.import_history.c.import_id)
        ).all()
    assert imports and history == [(i, None, "applied") for i in imports]
    engine.dispose()
