"""Validate the bundled CSV dataset and load it into the database, all or nothing.

Every problem is collected and named by file, line and column before anything is written;
the load itself runs in one transaction, so a failure leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, Engine, Table, delete, insert, select, text

from data_access import schema

_LOCK_KEY = 52_072_021  # any fixed number: names the advisory lock of the bundled-data load
DATA_DIR = Path(__file__).resolve().parent / "data"
GEOJSON_PATH = Path(__file__).resolve().parents[1] / "assets" / "geo" / "nl-provinces.geojson"

#: The words a published text must contain for each qualifier, so "ruim" is never lost.
QUALIFIER_WORDS: dict[str, tuple[str, ...]] = {
    "exact": (),
    "bijna": ("bijna",),
    "ruim": ("ruim",),
    "meer_dan": ("meer dan",),
    "circa": ("circa", "~", "zo'n", "zo’n"),
    "naar_schatting_circa": ("naar schatting",),
    "gemiddeld": ("gemiddeld",),
    "miljoenen": ("miljoenen",),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one cell (or a whole file) of the dataset."""

    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}, column {self.column!r}: {self.message}"


class DatasetError(ValueError):
    """The dataset has problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(
            f"{len(problems)} problem(s) in the dataset, nothing was loaded:\n"
            + "\n".join(f"  - {p}" for p in problems)
        )


# --- cell parsers: return the parsed value or raise ValueError with a readable reason ---


def _text(raw: str) -> str:
    return raw


def _int(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{raw!r} is not a whole number") from None


def _float(raw: str) -> float:
    try:
        return float(raw)
    except ValueError:
        raise ValueError(f"{raw!r} is not a number (use a dot for decimals)") from None


def _date(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{raw!r} is not a date in the form YYYY-MM-DD") from None


def _bool(raw: str) -> bool:
    if raw not in ("0", "1"):
        raise ValueError(f"{raw!r} is not 0 or 1")
    return raw == "1"


def _one_of(allowed: Iterable[str]) -> Callable[[str], str]:
    allowed = tuple(allowed)

    def parse(raw: str) -> str:
        if raw not in allowed:
            raise ValueError(f"{raw!r} is not one of {', '.join(allowed)}")
        return raw

    return parse


@dataclass(frozen=True)
class Col:
    """How one CSV column is read: parser, whether it may be empty, what it must refer to."""

    parse: Callable[[str], object] = _text
    required: bool = True
    refers_to: str | None = None  # name of an earlier file whose keys this must be one of


@dataclass(frozen=True)
class FileSpec:
    """One CSV file of the dataset and the table it fills."""

    name: str
    table: Table
    columns: dict[str, Col]
    key: str | None = None  # column other files may refer to


_SRC = Col(refers_to="sources.csv")
_QUAL = Col(_one_of(schema.QUALIFIERS))

SPECS: tuple[FileSpec, ...] = (
    FileSpec(
        "sources.csv",
        schema.sources,
        {
            "source_id": Col(),
            "title": Col(),
            "publisher": Col(),
            "kind": Col(),
            "published_date": Col(required=False),
            "published_label": Col(),
            "url": Col(required=False),
            "contributed": Col(),
        },
        key="source_id",
    ),
    FileSpec(
        "regions.csv",
        schema.regions,
        {"region": Col(_one_of(schema.REGIONS)), "name": Col(), "sort_order": Col(_int), "source_id": _SRC},
        key="region",
    ),
    FileSpec(
        "provinces.csv",
        schema.provinces,
        {"province": Col(), "hasc": Col(), "region": Col(refers_to="regions.csv"), "source_id": _SRC},
        key="province",
    ),
    FileSpec(
        "editions.csv",
        schema.editions,
        {
            "year": Col(_int),
            "programme": Col(_one_of(schema.PROGRAMMES)),
            "name": Col(),
            "start_date": Col(_date, required=False),
            "end_date": Col(_date, required=False),
            "opening_date": Col(_date, required=False),
            "closing_date": Col(_date, required=False),
            "organiser": Col(required=False),
            "has_totals": Col(_bool),
            "source_id": _SRC,
            "quote": Col(required=False),
            "notes": Col(required=False),
        },
        key="year",
    ),
    FileSpec(
        "metrics.csv",
        schema.metrics,
        {"metric": Col(), "programme": Col(_one_of(schema.PROGRAMMES)), "unit": Col(), "definition": Col()},
        key="metric",
    ),
    FileSpec(
        "weeks.csv",
        schema.edition_weeks,
        {
            "edition": Col(_int, refers_to="editions.csv"),
            "week": Col(_int),
            "region": Col(refers_to="regions.csv"),
            "start_date": Col(_date),
            "end_date": Col(_date),
            "source_id": _SRC,
            "quote": Col(required=False),
        },
    ),
    FileSpec(
        "figures.csv",
        schema.figures,
        {
            "edition": Col(_int, refers_to="editions.csv"),
            "region": Col(required=False, refers_to="regions.csv"),
            "week": Col(_int, required=False),
            "metric": Col(refers_to="metrics.csv"),
            "value": Col(_float),
            "qualifier": _QUAL,
            "published_text": Col(),
            "source_id": _SRC,
            "quote": Col(required=False),
            "note": Col(required=False),
        },
    ),
    FileSpec(
        "evaluations.csv",
        schema.evaluations,
        {
            "edition": Col(_int, refers_to="editions.csv"),
            "measure": Col(_one_of(("cijfer", "doet_weer_mee"))),
            "value": Col(_float),
            "qualifier": _QUAL,
            "published_text": Col(),
            "what_rated": Col(),
            "rated_by": Col(),
            "source_id": _SRC,
            "quote": Col(required=False),
        },
    ),
    FileSpec(
        "reach.csv",
        schema.reach_indicators,
        {
            "indicator": Col(),
            "value": Col(_float, required=False),
            "qualifier": _QUAL,
            "published_text": Col(),
            "unit": Col(),
            "counts_people": Col(_bool),
            "period_label": Col(),
            "period_start": Col(_int, required=False),
            "period_end": Col(_int, required=False),
            "source_id": _SRC,
            "quote": Col(required=False),
        },
    ),
    FileSpec(
        "monitor.csv",
        schema.monitor_values,
        {
            "indicator": Col(),
            "period_label": Col(),
            "year": Col(_int, required=False),
            "value": Col(_float),
            "qualifier": _QUAL,
            "published_text": Col(),
            "source_id": _SRC,
            "quote": Col(required=False),
        },
    ),
    FileSpec(
        "places.csv",
        schema.places,
        {
            "place": Col(),
            "province": Col(refers_to="provinces.csv"),
            "lon": Col(_float),
            "lat": Col(_float),
            "source_id": _SRC,
        },
        key="place",
    ),
    FileSpec(
        "initiatives.csv",
        schema.initiatives,
        {
            "edition": Col(_int, refers_to="editions.csv"),
            "name": Col(),
            "organisation": Col(required=False),
            "place": Col(required=False, refers_to="places.csv"),
            "province": Col(required=False, refers_to="provinces.csv"),
            "kind": Col(),
            "description": Col(required=False),
            "size_value": Col(_float, required=False),
            "size_qualifier": Col(_one_of(schema.QUALIFIERS), required=False),
            "size_text": Col(required=False),
            "source_id": _SRC,
            "quote": Col(required=False),
        },
    ),
    FileSpec(
        "discrepancies.csv",
        schema.discrepancies,
        {
            "topic": Col(),
            "edition": Col(),
            "statement_a": Col(),
            "source_a": _SRC,
            "statement_b": Col(),
            "source_b": _SRC,
            "explanation": Col(),
        },
    ),
)


def _check_row(spec: FileSpec, row: dict, problems: list[Problem], line: int) -> None:
    """Cross-column rules: a rounded figure must say so in its published text."""
    for qualifier_column, text_column in (("qualifier", "published_text"), ("size_qualifier", "size_text")):
        qualifier, text = row.get(qualifier_column), row.get(text_column)
        words = QUALIFIER_WORDS.get(qualifier, ()) if isinstance(qualifier, str) else ()
        if words and not (isinstance(text, str) and any(w in text.lower() for w in words)):
            problems.append(
                Problem(
                    spec.name, line, text_column, f"{qualifier_column} {qualifier!r} but text {text!r} does not say so"
                )
            )
    if spec.name == "figures.csv" and row.get("week") is not None and row.get("region") is None:
        problems.append(Problem(spec.name, line, "region", "a weekly figure needs the region of that week"))


def read_dataset(data_dir: Path = DATA_DIR) -> dict[str, list[dict]]:
    """Read and validate every CSV file; return parsed rows per file or raise DatasetError."""
    problems: list[Problem] = []
    keys: dict[str, set] = {}
    parsed: dict[str, list[dict]] = {}
    for spec in SPECS:
        path = data_dir / spec.name
        if not path.exists():
            problems.append(Problem(spec.name, 0, "-", "file is missing"))
            parsed[spec.name] = []
            continue
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        except (pd.errors.ParserError, UnicodeDecodeError) as exc:
            problems.append(Problem(spec.name, 1, "-", f"not readable as UTF-8 CSV: {exc}"))
            parsed[spec.name] = []
            continue
        missing = [c for c in spec.columns if c not in frame.columns]
        unknown = [c for c in frame.columns if c not in spec.columns]
        problems += [Problem(spec.name, 1, c, "column is missing") for c in missing]
        problems += [Problem(spec.name, 1, c, "unknown column") for c in unknown]
        if missing:
            parsed[spec.name] = []
            continue
        rows: list[dict] = []
        seen_keys: set = set()
        for index, record in enumerate(frame.to_dict("records")):
            line = index + 2  # line 1 is the header
            row: dict = {}
            for name, col in spec.columns.items():
                raw = record[name].strip()
                if raw == "":
                    if col.required:
                        problems.append(Problem(spec.name, line, name, "is empty"))
                    row[name] = None
                    continue
                try:
                    value = col.parse(raw)
                except ValueError as exc:
                    problems.append(Problem(spec.name, line, name, str(exc)))
                    row[name] = None
                    continue
                if col.refers_to and value not in keys.get(col.refers_to, set()):
                    problems.append(Problem(spec.name, line, name, f"{raw!r} is not in {col.refers_to}"))
                row[name] = value
            if spec.key is not None and row.get(spec.key) is not None:
                if row[spec.key] in seen_keys:
                    problems.append(Problem(spec.name, line, spec.key, f"{row[spec.key]!r} appears twice"))
                seen_keys.add(row[spec.key])
            _check_row(spec, row, problems, line)
            rows.append(row)
        if spec.key is not None:
            keys[spec.name] = seen_keys
        parsed[spec.name] = rows
    if problems:
        raise DatasetError(problems)
    return parsed


def province_centroids(geojson_path: Path = GEOJSON_PATH) -> dict[str, tuple[float, float]]:
    """Area-weighted centroid (lon, lat) of each province's largest polygon, by Dutch name."""
    collection = json.loads(geojson_path.read_text(encoding="utf-8"))
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


def dataset_fingerprint(data_dir: Path = DATA_DIR, geojson_path: Path = GEOJSON_PATH) -> str:
    """Hash of every bundled file, so an unchanged dataset is not loaded twice."""
    digest = hashlib.sha256()
    for path in [*sorted(data_dir.glob("*.csv")), geojson_path]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _write(conn: Connection, dataset: dict[str, list[dict]], centroids: dict[str, tuple[float, float]]) -> None:
    """Replace the bundled rows with ``dataset`` inside the caller's transaction."""
    for spec in reversed(SPECS):
        table = spec.table
        if "origin" in table.c:
            conn.execute(delete(table).where(table.c.origin == "bundled"))
        else:
            conn.execute(delete(table))
    for spec in SPECS:
        rows = dataset[spec.name]
        if spec.name == "provinces.csv":
            missing = [r["province"] for r in rows if r["province"] not in centroids]
            if missing:
                raise DatasetError([Problem("provinces.csv", 0, "province", f"no boundary for {missing}")])
            rows = [
                {**r, "centroid_lon": centroids[r["province"]][0], "centroid_lat": centroids[r["province"]][1]}
                for r in rows
            ]
        if rows:
            conn.execute(insert(spec.table), rows)


def load_bundled(engine: Engine, *, force: bool = False, data_dir: Path = DATA_DIR) -> dict[str, int] | None:
    """Create the schema and load the bundled dataset in one transaction.

    Returns rows loaded per file, or None when the same dataset was already loaded.
    Raises DatasetError (nothing written) when the files have problems.
    """
    dataset = read_dataset(data_dir)
    centroids = province_centroids()
    fingerprint = dataset_fingerprint(data_dir)
    meta = schema.dataset_meta
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # several instances may run init-db at once: one loads, the others then find it loaded
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
        schema.metadata.create_all(conn)
        current = conn.execute(select(meta.c.value).where(meta.c.key == "bundled_sha256")).scalar()
        if current == fingerprint and not force:
            return None
        _write(conn, dataset, centroids)
        conn.execute(delete(meta).where(meta.c.key.in_(["bundled_sha256", "loaded_at"])))
        conn.execute(
            insert(meta),
            [
                {"key": "bundled_sha256", "value": fingerprint},
                {"key": "loaded_at", "value": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")},
            ],
        )
    return {spec.name: len(dataset[spec.name]) for spec in SPECS}
