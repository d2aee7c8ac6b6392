"""Cell readers for Dutch exports: dd-mm-jjjj dates, decimal commas, thousands dots, Dutch words.

A reader takes what the file holds (text from a CSV; text, a number or a date from Excel) and
returns the value, or raises ValueError with the reason in Dutch.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

Reader = Callable[[object], object]


def text(limit: int) -> Reader:
    def read(cell: object) -> str:
        value = " ".join(str(cell).split())
        if len(value) > limit:
            raise ValueError(f"is langer dan {limit} tekens")
        return value

    return read


def date(cell: object) -> dt.date:
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    raw = str(cell).strip()
    match = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", raw)
    if not match:
        raise ValueError(f"'{raw}' is geen datum in de vorm dd-mm-jjjj")
    day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"'{raw}' is geen bestaande datum") from None


def _number(cell: object) -> float:
    """A number as Dutch Excel writes it: 1.234 (thousands) and 1,5 (decimals)."""
    if isinstance(cell, bool):
        raise ValueError(f"'{cell}' is geen getal")
    if isinstance(cell, int | float):
        return float(cell)
    raw = str(cell).strip().replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", raw):
        raw = raw.replace(".", "")
    if re.fullmatch(r"-?\d+(,\d+)?", raw):
        return float(raw.replace(",", "."))
    if re.fullmatch(r"-?\d+\.\d+", raw):
        raise ValueError(f"'{raw}' heeft een decimale punt; schrijf een komma: {raw.replace('.', ',')}")
    raise ValueError(f"'{raw}' is geen getal")


def whole(low: int, high: int) -> Reader:
    def read(cell: object) -> int:
        value = _number(cell)
        if value != int(value):
            raise ValueError(f"'{cell}' is geen heel getal")
        if not low <= value <= high:
            raise ValueError(f"{int(value)} ligt niet tussen {low} en {high}")
        return int(value)

    return read


def decimal(low: float, high: float) -> Reader:
    def read(cell: object) -> float:
        value = _number(cell)
        if not low <= value <= high:
            raise ValueError(f"{str(value).replace('.', ',')} ligt niet tussen {low} en {high}")
        return value

    return read


def choice(allowed: Sequence[str], suffix: str = "") -> Reader:
    """One of ``allowed``, case and spacing aside (and without ``suffix``: 'voorkomen van zorg')."""

    def read(cell: object) -> str:
        value = " ".join(str(cell).split()).casefold()
        if suffix and value.endswith(suffix):
            value = value[: -len(suffix)]
        for option in allowed:
            if value == option.casefold():
                return option
        raise ValueError(f"'{cell}' is geen van: {', '.join(allowed)}")

    return read
