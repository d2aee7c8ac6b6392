"""Notation of figures, dates and sources in the interface language: how a value reads beside its source.

Numbers, dates and periods are Babel's (CLDR) notation for the language: '33.000' and '1–26 februari
2021' in Dutch, '33,000' and 'February 1–26, 2021' in English. Published words are quotations and
stay as the Dutch source has them. Every function asks for the language: a default would let a caller
forget it, and an English page would show '33.000'.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

#: CLDR's interval patterns with abbreviated months ('1–26 feb. 2021'); the month is widened to its full
#: name, as ICU does when a skeleton asks for more width than the pattern has
_INTERVAL_SKELETON = "yMMMd"
_ABBREVIATED_MONTH = re.compile(r"(?<!M)MMM(?!M)")


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


def fmt_date(value: object, *, lang: str, year: bool = True) -> str:
    """'1 februari 2021' / '1 February 2021' (or without the year); '' when there is no date."""
    day = _as_date(value)
    if day is None:
        return ""
    return format_date(day, "d MMMM y" if year else "d MMMM", locale=lang)


def fmt_timestamp(value: str | None, lang: str) -> str:
    """An ISO timestamp as '22 november 2026, 13:58 UTC'; '?' if unknown."""
    if not value:
        return "?"
    moment = dt.datetime.fromisoformat(value)
    return f"{fmt_date(moment.date(), lang=lang)}, {moment:%H:%M} UTC"


@cache
def _interval_patterns(lang: str) -> Any:
    return Locale.parse(lang).interval_formats[_INTERVAL_SKELETON]


def fmt_period(start: object, end: object, lang: str) -> str:
    """'1–26 februari 2021', '27 januari – 25 februari 2022' (English: 'February 1 – 26, 2021'), or what is known."""
    first, last = _as_date(start), _as_date(end)
    if first is None or last is None:
        return fmt_date(first or last, lang=lang)
    if first == last:
        return fmt_date(first, lang=lang)
    # CLDR picks the pattern by the largest field that differs: the year, else the month, else the day
    differs = "y" if first.year != last.year else "M" if first.month != last.month else "d"
    patterns = _interval_patterns(lang)[differs]
    text = "".join(
        format_date(day, _ABBREVIATED_MONTH.sub("MMMM", pattern), locale=lang)
        for day, pattern in zip((first, last), patterns, strict=True)
    )
    # CLDR sets the dash between thin spaces: plain ones keep the text findable (Ctrl+F) and CSV-clean
    return text.replace("\u2009", " ").replace("\u202f", " ")


def cite(row: Any) -> str:
    """A figure's source in short, as beside a value: 'publisher, date'."""
    return f"{row.source_publisher}, {row.source_date}"


def source_text(publisher: str, title: str, date_label: str) -> str:
    """One source as cited under a chart: publisher, ‘title’, date."""
    return f"{publisher}, ‘{title}’, {date_label}"


def fmt_number(value: object, lang: str) -> str:
    """A number for a spreadsheet in ``lang``: 7.5 -> '7,5' (Dutch) or '7.5', 210.0 -> '210', missing -> ''."""
    if is_missing(value):
        return ""
    return format_decimal(float(str(value)), format="0.######", locale=lang)


def fmt_decimal(value: float, lang: str, digits: int = 1) -> str:
    """A measured value with ``digits`` decimals: 7.46 -> '7,5' (Dutch) or '7.5'."""
    return format_decimal(value, format="#,##0." + "0" * digits, locale=lang)


def fmt_count(value: object, lang: str) -> str:
    """A count with the language's grouping: 12345 -> '12.345' (Dutch) or '12,345'; missing -> ''."""
    if is_missing(value):
        return ""
    return format_decimal(int(float(str(value))), locale=lang)


def fmt_utc(stamp: str | None) -> str:
    """'07-12-2026 06:40' (UTC, as the columns that show it say) from a stored ISO time; as stored if it is not one
    (the history's and the remembered answers' times)."""
    if not stamp:
        return ""
    try:
        when = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return (when if when.tzinfo is None else when.astimezone(dt.UTC)).strftime("%d-%m-%Y %H:%M")
