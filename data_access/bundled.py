"""The dataset shipped inside the package: CSV files and province boundaries, read as package data.

``importlib.resources`` finds them wherever the package is installed (a checkout, a wheel in
site-packages); nothing here assumes a checkout.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

BOUNDARIES_FILE = "nl-provinces.geojson"


def data_dir() -> Traversable:
    """The folder of the bundled dataset."""
    return files("data_access") / "data"


def boundaries() -> bytes:
    """The province boundaries (GeoJSON, Natural Earth): drawn by the map, used for province centres."""
    return (data_dir() / BOUNDARIES_FILE).read_bytes()
