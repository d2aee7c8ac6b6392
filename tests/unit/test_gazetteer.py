"""Place names resolve offline to municipality and province, and are never guessed."""

from __future__ import annotations

import itertools
import json

import pytest

from ingest import bundled
from ingest.places import PlaceError, gazetteer, municipality_rows


def _inside(lon: float, lat: float, ring: list[list[float]]) -> bool:
    inside = False
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def test_there_are_342_municipalities_and_each_point_lies_in_its_own_province():
    rows = municipality_rows()
    assert len(rows) == 342 and len({r["municipality"] for r in rows}) == 342
    shapes = {}
    for feature in json.loads(bundled.boundaries())["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        shapes[feature["properties"]["name"]] = [polygon[0] for polygon in polygons]
    # Natural Earth's coarse coast leaves a few island and shore towns just outside: allow 0.05 degrees
    misplaced = []
    for row in rows:
        lon, lat = float(row["lon"]), float(row["lat"])
        near = [(lon + dx, lat + dy) for dx in (0, -0.05, 0.05) for dy in (0, -0.05, 0.05)]
        if not any(_inside(x, y, ring) for x, y in near for ring in shapes[row["province"]]):
            misplaced.append(row["municipality"])
    # Mook lies on the Maas at the Gelderland border, which Natural Earth's coarse line draws west of it
    assert misplaced == ["Mook en Middelaar"]


@pytest.mark.parametrize(
    ("written", "name", "municipality", "province"),
    [
        ("'s-Gravenhage", "'s-Gravenhage", "'s-Gravenhage", "Zuid-Holland"),
        ("’s-Gravenhage", "'s-Gravenhage", "'s-Gravenhage", "Zuid-Holland"),
        ("Den Haag", "'s-Gravenhage", "'s-Gravenhage", "Zuid-Holland"),
        ("Súdwest-Fryslân", "Súdwest-Fryslân", "Súdwest-Fryslân", "Friesland"),
        ("sudwest fryslan", "Súdwest-Fryslân", "Súdwest-Fryslân", "Friesland"),
        ("Sneek", "Sneek", "Súdwest-Fryslân", "Friesland"),
        ("Roosendaal", "Roosendaal", "Roosendaal", "Noord-Brabant"),
        ("Rozendaal", "Rozendaal", "Rozendaal", "Gelderland"),
        ("Bergen (NH)", "Bergen (NH.)", "Bergen (NH.)", "Noord-Holland"),
        ("Hengelo (Gld)", "Hengelo", None, "Gelderland"),
        ("Den Bosch", "'s-Hertogenbosch", "'s-Hertogenbosch", "Noord-Brabant"),
    ],
)
def test_spelling_variants_resolve(written, name, municipality, province):
    place = gazetteer().resolve(written)
    assert (place.name, place.municipality, place.province) == (name, municipality, province)


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("Rosendaal", "niet eenduidig: Rozendaal (Gelderland) of Roosendaal (Noord-Brabant)"),
        ("Bergen", "niet eenduidig: Bergen (Limburg) of Bergen (Noord-Holland)"),
        ("Roozendaal", "onbekende plaats 'Roozendaal'; bedoelt u"),
        ("Nergenshuizen", "onbekende plaats"),
        ("Hengelo (Zeeland)", "niet in Zeeland"),
        ("  ", "leeg"),
    ],
)
def test_unknown_or_ambiguous_places_are_refused_with_the_reason(written, says):
    with pytest.raises(PlaceError, match=says.replace("(", r"\(").replace(")", r"\)")):
        gazetteer().resolve(written)
