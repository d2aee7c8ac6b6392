"""Dutch notation of published figures, dates and sources: how a value reads beside its source."""

from __future__ import annotations

import datetime as dt
from typing import Any

MONTHS_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def is_missing(value: object) -> bool:
    """None, NaN or pandas' NA: a value that was not published."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN and NaT are not equal to themselves
    except (TypeError, ValueError):  # pandas.NA refuses a truth value
        return True


def fmt_published(text: object) -> str:
    """A published figure as shown: the source's own words, decimal point made Dutch ('7.5' -> '7,5')."""
    if not isinstance(text, str) or not text:
        return ""
    out = []
    for word in text.split(" "):
        head, dot, tail = word.partition(".")
        # '8.0' and '7.5' are decimals in the letters; '33.000' and '100.000' are thousands
        if dot and head.isdigit() and tail.isdigit() and len(tail) != 3:
            word = f"{head},{tail}"
        out.append(word)
    return " ".join(out)


def _as_date(value: object) -> dt.date | None:
    """A date from a date, an ISO string or nothing (None, NaN, NaT)."""
    if is_missing(value) or value == "":
        return None
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise TypeError(f"not a date: {value!r}")


def fmt_date(value: object, *, year: bool = True) -> str:
    """'1 februari 2021' (or without the year); '' when there is no date."""
    day = _as_date(value)
    if day is None:
        return ""
    text = f"{day.day} {MONTHS_NL[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def fmt_timestamp(value: str | None) -> str:
    """An ISO timestamp as '22 november 2026, 13:58 UTC'; '?' if unknown."""
    if not value:
        return "?"
    moment = dt.datetime.fromisoformat(value)
    return f"{fmt_date(moment.date())}, {moment:%H:%M} UTC"


def fmt_period(start: object, end: object) -> str:
    """'1–26 februari 2021', '27 januari – 25 februari 2022', or what is known."""
    first, last = _as_date(start), _as_date(end)
    if first is None or last is None:
        return fmt_date(first or last)
    if first.month == last.month and first.year == last.year:
        return f"{first.day}–{last.day} {MONTHS_NL[last.month - 1]} {last.year}"
    return f"{fmt_date(first, year=first.year != last.year)} – {fmt_date(last)}"


def cite(row: Any) -> str:
    """A figure's source in short, as beside a value: 'publisher, date'."""
    return f"{row.source_publisher}, {row.source_date}"


def source_text(publisher: str, title: str, date_label: str) -> str:
    """One source as cited under a chart: publisher, ‘title’, date."""
    return f"{publisher}, ‘{title}’, {date_label}"


def fmt_number(value: object) -> str:
    """A number for a Dutch spreadsheet: 7.5 -> '7,5', 210.0 -> '210', missing -> ''."""
    if is_missing(value):
        return ""
    return f"{float(str(value)):g}".replace(".", ",")


def fmt_count(value: object) -> str:
    """A count in Dutch notation: 12345 -> '12.345'; missing -> ''."""
    if is_missing(value):
        return ""
    return f"{int(float(str(value))):,}".replace(",", ".")
