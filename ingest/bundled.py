"""The dataset shipped inside the package: CSV files and province boundaries, read as package data.

``importlib.resources`` finds them wherever the package is installed (a checkout, a wheel in
site-packages); nothing here assumes a checkout.
"""

from __future__ import annotations

import csv
import io
import json
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

BOUNDARIES_FILE = "nl-provinces.geojson"
#: decimals of a drawn boundary's coordinates: 4 is about 7 m here, where one pixel of the map is 300 m or more
DRAWN_DECIMALS = 4


def data_dir() -> Traversable:
    """The folder of the bundled dataset."""
    return files("ingest") / "data"


def boundaries() -> bytes:
    """The province boundaries (GeoJSON, Natural Earth): drawn by the map, used for province centres."""
    return (data_dir() / BOUNDARIES_FILE).read_bytes()


@lru_cache(maxsize=1)
def region_codes() -> tuple[str, ...]:
    """The SZE regions as the bundled dataset names them (regions.csv), in their own order."""
    rows = list(csv.DictReader(io.StringIO((data_dir() / "regions.csv").read_text(encoding="utf-8"))))
    return tuple(row["region"] for row in sorted(rows, key=lambda row: int(row["sort_order"])))


def _rounded(coordinates: Any) -> Any:
    """Coordinates to DRAWN_DECIMALS, leaving out a point that rounding made equal to the one before."""
    if coordinates and isinstance(coordinates[0], (int, float)):
        return [round(value, DRAWN_DECIMALS) for value in coordinates]
    parts = [_rounded(part) for part in coordinates]
    if parts and isinstance(parts[0], list) and parts[0] and isinstance(parts[0][0], float):
        return [point for i, point in enumerate(parts) if i == 0 or point != parts[i - 1]]
    return parts


@lru_cache(maxsize=1)
def drawn_boundaries() -> bytes:
    """The province boundaries as the maps draw them: coordinates rounded, no spaces; about half the bytes.

    Computed once per process; the file itself stays as published, and the province centres come
    from it unrounded.
    """
    collection = json.loads(boundaries())
    for feature in collection["features"]:
        feature["geometry"]["coordinates"] = _rounded(feature["geometry"]["coordinates"])
    return json.dumps(collection, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
