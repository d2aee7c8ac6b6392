"""Load the validated dataset into the database in one transaction: all of it, or nothing.

An unchanged dataset (same fingerprint) is not loaded again. Only rows that came from the
bundled files are replaced; imported or demo rows (another ``origin``) stay.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from importlib.resources.abc import Traversable
from itertools import pairwise
from typing import Any

from sqlalchemy import Connection, Engine, Table, delete, false, insert, select, true, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql import ColumnElement

from data_access import migrate, schema, version
from ingest import bundled
from ingest.loader.spec import specs
from ingest.loader.validate import DatasetError, Problem, Row, read_dataset


def province_centroids(geojson: bytes) -> dict[str, tuple[float, float]]:
    """Area-weighted centroid (lon, lat) of each province's largest polygon, by Dutch name."""
    collection = json.loads(geojson)
    centroids: dict[str, tuple[float, float]] = {}
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        best = (0.0, 0.0, 0.0)
        for polygon in polygons:
            ring = polygon[0]
            area = cx = cy = 0.0
            for (x0, y0), (x1, y1) in pairwise(ring):
                cross = x0 * y1 - x1 * y0
                area += cross
                cx += (x0 + x1) * cross
                cy += (y0 + y1) * cross
            if abs(area) > abs(best[0]):
                best = (area, cx / (3 * area), cy / (3 * area))
        centroids[feature["properties"]["name"]] = (round(best[1], 4), round(best[2], 4))
    return centroids


def dataset_fingerprint(folder: Traversable) -> str:
    """Hash of every bundled file (CSVs and boundaries), so an unchanged dataset is not loaded twice."""
    digest = hashlib.sha256()
    names = [*sorted(spec.name for spec in specs()), bundled.BOUNDARIES_FILE]
    for name in names:
        source = folder / name
        digest.update(name.encode())
        digest.update(source.read_bytes())  # every file is there: read_dataset names a missing one first
    return digest.hexdigest()


def _with_centroids(rows: list[Row], centroids: dict[str, tuple[float, float]]) -> list[Row]:
    missing = [r["province"] for r in rows if r["province"] not in centroids]
    if missing:
        raise DatasetError([Problem("provinces.csv", 0, "province", f"no boundary for {missing}")])
    return [
        {**r, "centroid_lon": centroids[r["province"]][0], "centroid_lat": centroids[r["province"]][1]} for r in rows
    ]


def _has_generated_key(table: Table) -> bool:
    """Rows identified by a number the database hands out: nothing refers to them."""
    return any(column.autoincrement is True for column in table.primary_key.columns)


def _upsert(conn: Connection, table: Table, rows: list[Row]) -> None:
    """Insert ``rows``, updating those whose primary key exists, so rows elsewhere that refer to them stay valid."""
    # the PostgreSQL branch is only told apart on PostgreSQL, not yet in the mutation run (SQLite)
    insert_for = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert  # pragma: no mutate
    statement = insert_for(table)
    keys = [column.name for column in table.primary_key.columns]
    changes: dict[str, Any] = {name: statement.excluded[name] for name in rows[0] if name not in keys}
    # a row the bundled files now hold is a bundled row, whatever it was before
    if "origin" in table.c:
        changes["origin"] = schema.ORIGIN_BUNDLED
    if "is_synthetic" in table.c:
        changes["is_synthetic"] = false()
    conn.execute(statement.on_conflict_do_update(index_elements=keys, set_=changes), rows)


def _bundled(table: Table) -> ColumnElement[bool]:
    """The rows of ``table`` that came from the bundled files (all of them, where rows have no origin)."""
    return table.c.origin == schema.ORIGIN_BUNDLED if "origin" in table.c else true()


def _write(conn: Connection, dataset: dict[str, list[Row]], centroids: dict[str, tuple[float, float]]) -> None:
    """Make the bundled rows equal to ``dataset`` inside the caller's transaction; other rows stay.

    Rows with a natural key are updated in place (imported rows may refer to them); rows with a
    generated key are replaced. A bundled row no longer in the files is removed at the end, which
    fails, and so rolls back everything, if a row from elsewhere still refers to it.
    """
    specs_in_order = specs()
    for spec in reversed(specs_in_order):
        if _has_generated_key(spec.table):
            conn.execute(delete(spec.table).where(_bundled(spec.table)))
    for spec in specs_in_order:
        rows = dataset[spec.name]
        if spec.table is schema.provinces:
            rows = _with_centroids(rows, centroids)
        if not rows:
            continue
        if _has_generated_key(spec.table):
            conn.execute(insert(spec.table), rows)
        else:
            _upsert(conn, spec.table, rows)
    for spec in reversed(specs_in_order):
        table = spec.table
        if _has_generated_key(table):
            continue
        key = tuple_(*table.primary_key.columns)
        kept = [tuple(row[c.name] for c in table.primary_key.columns) for row in dataset[spec.name]]
        stale = delete(table).where(_bundled(table))
        conn.execute(stale.where(key.not_in(kept)) if kept else stale)


def load_bundled(engine: Engine, *, force: bool = False, folder: Traversable | None = None) -> dict[str, int] | None:
    """Create the schema and load the bundled dataset (or the one in ``folder``) in one transaction.

    Returns rows loaded per file, or None when the same dataset was already loaded.
    Raises DatasetError (nothing written) when the files have problems.
    """
    folder = folder or bundled.data_dir()
    dataset = read_dataset(folder)
    centroids = province_centroids((folder / bundled.BOUNDARIES_FILE).read_bytes())
    fingerprint = dataset_fingerprint(folder)
    meta = schema.dataset_meta
    with engine.begin() as conn:
        # the lock acts on PostgreSQL only, not in the mutation run (SQLite)
        migrate.prepare_to_write(conn, migrate.BUNDLED_LOCK)  # pragma: no mutate
        current = conn.execute(select(meta.c.value).where(meta.c.key == "bundled_sha256")).scalar()
        if current == fingerprint and not force:
            return None
        _write(conn, dataset, centroids)
        conn.execute(delete(meta).where(meta.c.key.in_(["bundled_sha256", "loaded_at"])))
        stamp: list[dict[str, Any]] = [
            {"key": "bundled_sha256", "value": fingerprint},
            {"key": "loaded_at", "value": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")},
        ]
        conn.execute(insert(meta), stamp)
        version.bump(conn)
    return {name: len(rows) for name, rows in dataset.items()}
