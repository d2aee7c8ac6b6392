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

from sqlalchemy import Engine, Table, select

from data_access import migrate, schema
from ingest import bundled, history, writer
from ingest.loader.spec import specs
from ingest.loader.validate import Row, read_dataset
from ingest.problems import DatasetError, Problem


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
        raise DatasetError([Problem(0, "province", f"no boundary for {missing}", file="provinces.csv")])
    return [
        {**r, "centroid_lon": centroids[r["province"]][0], "centroid_lat": centroids[r["province"]][1]} for r in rows
    ]


def _tables(dataset: dict[str, list[Row]], centroids: dict[str, tuple[float, float]]) -> list[tuple[Table, list[Row]]]:
    """The dataset's rows by table, in foreign-key order, the provinces with their centres."""
    tables = []
    for spec in specs():
        rows = dataset[spec.name]
        if spec.table is schema.provinces:
            rows = _with_centroids(rows, centroids)
        tables.append((spec.table, rows))
    return tables


def load_bundled(
    engine: Engine, *, force: bool = False, folder: Traversable | None = None, user: str | None = None
) -> dict[str, int] | None:
    """Create the schema and load the bundled dataset (or the one in ``folder``) in one transaction, noted in
    the audit log as made by ``user`` (default: the login name running this).

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
        from ingest.published import hold_back  # here: the published record reads the loader's specs

        # rows the editors added, corrected or removed stay theirs; the bundle's versions of them become proposals
        writer.replace_bundled(conn, hold_back(conn, _tables(dataset, centroids), fingerprint))
        loaded_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        writer.set_meta(conn, {"bundled_sha256": fingerprint, "loaded_at": loaded_at})
        writer.new_version(conn)
        summary = f"bundled dataset {fingerprint[:12]}: {sum(len(rows) for rows in dataset.values())}"
        writer.record_audit(conn, user=user or history.os_user(), action="load", summary=summary)
    return {name: len(rows) for name, rows in dataset.items()}
