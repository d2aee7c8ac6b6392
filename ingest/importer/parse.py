"""Cell readers for Dutch exports: dd-mm-jjjj dates, decimal commas, thousands dots, Dutch words.

A reader takes what the file holds (text from a CSV; text, a number or a date from Excel) and
returns the value, or raises ValueError with the reason in the uploader's language (Dutch).
Numbers and dates are read by Babel in the ``nl_NL`` locale, as Dutch Excel writes them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from decimal import Decimal

from babel.dates import parse_date
from babel.numbers import NumberFormatError, format_decimal, parse_decimal

from core.i18n import t
from ingest.problems import UnknownValue
from ingest.rules import Range

Reader = Callable[[object], object]

LOCALE = "nl_NL"
#: a date as the template asks for it; Babel's parse_date alone would also take 2021-02-09 and 9-2-21
_DUTCH_DATE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{4}")
#: Excel's day 0: its day numbers count from here (1 is 1-1-1900; it counts a 29-2-1900 that never was)
_EXCEL_DAY_ZERO = dt.date(1899, 12, 30)
#: a day number as a date column may carry it (45328, 45328,5 with the time): five digits are 1927 to 2173
_EXCEL_DAY = re.compile(r"\d{5}(?:[,.]\d+)?")


def text(limit: int) -> Reader:
    """Text of at most ``limit`` characters, its spacing made single."""

    def read(cell: object) -> str:
        value = " ".join(str(cell).split())
        if len(value) > limit:
            raise ValueError(t("ingest.too_long", limit=limit))
        return value

    return read


def _excel_day(raw: str) -> ValueError | None:
    """The problem of a date written as Excel's day number, naming the day it would be; never read as that
    day, for a number in a date column may as well be a count pasted in the wrong column."""
    if not _EXCEL_DAY.fullmatch(raw):
        return None
    day = _EXCEL_DAY_ZERO + dt.timedelta(days=int(float(raw.replace(",", "."))))
    return ValueError(t("ingest.excel_day_number", raw=raw, day=f"{day.day}-{day.month}-{day.year}"))


def _as_written(number: float) -> str:
    """A number of a cell as Dutch Excel shows it: 45328, 45328,5."""
    return str(int(number)) if number == int(number) else str(number).replace(".", ",")


def date(cell: object) -> dt.date:
    """A day: an Excel date cell, or text in the form dd-mm-jjjj."""
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    raw = _as_written(cell) if isinstance(cell, int | float) and not isinstance(cell, bool) else str(cell).strip()
    if (problem := _excel_day(raw)) is not None:
        raise problem
    # Babel's parse_date finds any three numbers in any order the locale allows: too lenient for a file
    # whose dates decide its edition, so the form is checked first and Babel reads day, month and year
    if not _DUTCH_DATE.fullmatch(raw):
        raise ValueError(t("ingest.not_a_date", raw=raw))
    try:
        day = parse_date(re.sub(r"[/.]", "-", raw), locale=LOCALE)
    except ValueError:
        raise ValueError(t("ingest.no_such_date", raw=raw)) from None
    # Babel swaps day and month where the month would be above 12 (02-16-2021 becomes 16 February): a guess, which
    # a Dutch date is not read by (dates with slashes in month-day order are read so where their column says so)
    if day.day != int(re.split(r"[-/.]", raw)[0]):
        raise ValueError(t("ingest.no_such_date", raw=raw))
    return day


def _number(cell: object) -> float:
    """A number as Dutch Excel writes it: 1.234 (thousands) and 1,5 (decimals)."""
    if isinstance(cell, bool):
        raise ValueError(t("ingest.not_a_number", raw=cell))
    if isinstance(cell, int | float):
        return float(cell)
    raw = str(cell).strip().replace("\u00a0", "").replace(" ", "")
    try:
        # strict: '1.5' is refused rather than read as 15, the way a lenient reading of the dot would
        return float(parse_decimal(raw, locale=LOCALE, strict=True))
    except NumberFormatError:
        if re.fullmatch(r"-?\d+\.\d+", raw):
            raise ValueError(t("ingest.decimal_point", raw=raw, fixed=raw.replace(".", ","))) from None
        raise ValueError(t("ingest.not_a_number", raw=raw)) from None


def _within(value: float, rule: Range | None) -> None:
    if rule is not None and not rule.holds(value):
        shown = format_decimal(Decimal(str(value)), locale=LOCALE)
        raise ValueError(t("ingest.out_of_range", value=shown, low=rule.low, high=rule.high))


def whole(rule: Range | None) -> Reader:
    """A whole number within ``rule``."""

    def read(cell: object) -> int:
        value = _number(cell)
        if value != int(value):
            raise ValueError(t("ingest.not_whole", raw=cell))
        _within(value, rule)
        return int(value)

    return read


def decimal(rule: Range | None) -> Reader:
    """A number within ``rule``, decimals allowed."""

    def read(cell: object) -> float:
        value = _number(cell)
        _within(value, rule)
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
        raise UnknownValue(t("ingest.not_one_of", raw=cell, allowed=", ".join(allowed)), tuple(allowed))

    return read
