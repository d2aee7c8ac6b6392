"""The rules the published record keeps, for a workbook and a form alike: every problem, by sheet, line and column.

Every row is read by the bundled loader's parsers (types, allowed values, ranges) and must refer to rows that
exist (a figure's source, definition and edition). Across rows: a key once per sheet (a second figure for the
same thing and scope from the same source is refused), an edition's weeks inside its dates, not overlapping,
each region once. A row an editor adds or changes keeps the rules of a quote as well: it contains the number,
and its words agree with the qualifier ("ruim" in the quote and "circa" in the field is refused). Rows nobody
changed are not judged again by those: the bundled files were checked when they were written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Boolean, Date, Float, Integer

from core.i18n import t
from ingest.loader.validate import QUALIFIER_WORDS
from ingest.problems import Problem
from ingest.published.record import BY_SHEET, KINDS, SHEET_OF_FILE, Kind, RawSheet, Record, Row, heading, key_of
from ingest.rules import choices_of, range_of

#: a number as Dutch texts write it: thousands with a dot or a space ("33.000", "4 000"), decimals with a comma
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:[.\u00a0 ]\d{3})+(?:,\d+)?(?![\w])|(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])")
#: numbers written as words, as the sources do ("tien deelsessies", "ruim vijftig activiteiten")
NUMBER_WORDS = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
    "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16,
    "zeventien": 17, "achttien": 18, "negentien": 19, "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50,
    "zestig": 60, "zeventig": 70, "tachtig": 80, "negentig": 90, "honderd": 100, "duizend": 1000,
}  # fmt: skip
#: a date of a source: a day, a month or a year, as precise as it was published
_SOURCE_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _number(text: str) -> float:
    """A number as written: '33.000' and '4 000' are thousands, '7,5' and '7.5' a decimal."""
    compact = text.replace("\u00a0", " ")
    if re.fullmatch(r"\d{1,3}(?:[. ]\d{3})+(?:,\d+)?", compact):
        return float(compact.replace(".", "").replace(" ", "").replace(",", "."))
    return float(compact.replace(",", "."))


def numbers_in(text: str) -> list[tuple[float, int]]:
    """Every number ``text`` states, in digits or in words, with where it starts."""
    found = [(_number(match.group()), match.start()) for match in _NUMBER.finditer(text)]
    for match in re.finditer(r"[\wé]+", text.lower()):
        if match.group() in NUMBER_WORDS:
            found.append((float(NUMBER_WORDS[match.group()]), match.start()))
    return found


def _qualifiers_before(text: str, at: int) -> set[str]:
    """The qualifiers whose words stand right before position ``at`` of ``text`` ('ruim 4000': ruim)."""
    before = text[:at].lower().rstrip()
    return {
        qualifier
        for qualifier, words in QUALIFIER_WORDS.items()
        if any(word and before.endswith(word) for word in words)
    }


#: qualifiers whose words may stand before the number when the field says the first: an estimate "naar schatting
#: door circa 50.000" says both
_AGREE = {"naar_schatting_circa": {"circa", "naar_schatting", "naar_schatting_circa"}}


def quote_problems(row: Row) -> list[tuple[str, str]]:
    """What is wrong with a figure's quote, as (column, message): it must contain the number, with the words of
    the qualifier and no other qualifier's words right before it."""
    quote, value, qualifier = row.get("quote"), row.get("value"), row.get("qualifier")
    if not isinstance(quote, str) or not quote.strip():
        return [("quote", t("pub.check.quote_missing"))]
    if not isinstance(value, (int, float)):
        return []
    wanted = [float(value)] + ([float(row["value_high"])] if row.get("value_high") is not None else [])
    stated = numbers_in(quote)
    problems: list[tuple[str, str]] = []
    for number in wanted:
        places = [at for found, at in stated if abs(found - number) < 1e-9]
        if not places:
            shown = f"{number:g}".replace(".", ",")
            problems.append(("quote", t("pub.check.quote_number", number=shown)))
            continue
        said = set().union(*(_qualifiers_before(quote, at) for at in places))
        allowed = _AGREE.get(str(qualifier), {str(qualifier)})
        other = sorted(said - allowed)
        if other:
            named = ", ".join(f"'{QUALIFIER_WORDS[name][0]}'" for name in other)
            problems.append(("qualifier", t("pub.check.quote_other", said=named, qualifier=qualifier)))
    words = QUALIFIER_WORDS.get(str(qualifier), ())
    if words and not any(word in quote.lower() for word in words):
        problems.append(("qualifier", t("pub.check.quote_words", qualifier=qualifier, word=words[0])))
    return problems


def _unreadable(kind: Kind, name: str, raw: str) -> str:
    """Why ``raw`` is no value of column ``name``: what the column takes, in the reader's language."""
    column = kind.table.c[name]
    allowed, bounds = choices_of(column), range_of(column)
    if allowed:
        return t("pub.check.one_of", value=raw, allowed=", ".join(allowed))
    expected = {Boolean: "bool", Integer: "int", Float: "float", Date: "date"}
    found = next((key for type_, key in expected.items() if isinstance(column.type, type_)), "text")
    if bounds is not None and found != "bool":
        return t("pub.check.between", value=raw, low=bounds.low, high=bounds.high)
    return t(f"pub.check.not_{found}", value=raw)


def parse_sheet(sheet: RawSheet, problems: list[Problem]) -> list[tuple[int, Row]]:
    """The rows of a sheet read by the loader's parsers; each cell that does not parse is a problem."""
    kind = sheet.kind
    rows: list[tuple[int, Row]] = []
    for line, cells in sheet.rows:
        row: Row = {}
        for name, col in kind.columns.items():
            raw = cells.get(name, "")
            row[name] = None
            if raw == "":
                if col.required:
                    problems.append(Problem(line, heading(name), t("pub.check.empty"), file=kind.sheet))
                continue
            try:
                row[name] = col.parse(raw)
            except ValueError:
                problems.append(Problem(line, heading(name), _unreadable(kind, name, raw), file=kind.sheet))
        rows.append((line, row))
    return rows


def _references(record: Record, regions: Iterable[str]) -> Iterable[Problem]:
    """A value that names a row of another sheet (or a region) names one that exists."""
    keys = {kind.sheet: {key_of(kind, row)[0] for _, row in record.get(kind.sheet, [])} for kind in KINDS}
    known_regions = set(regions)
    for kind in KINDS:
        for line, row in record.get(kind.sheet, []):
            for name, col in kind.columns.items():
                value = row.get(name)
                if value is None or col.refers_to is None:
                    continue
                target = SHEET_OF_FILE.get(col.refers_to)
                known = keys[target] if target else known_regions if name == "region" else None
                if known is not None and value not in known:
                    where = t("pub.check.in_sheet", sheet=target) if target else t("pub.check.in_regions")
                    yield Problem(
                        line, heading(name), t("pub.check.unknown", value=value, where=where), file=kind.sheet
                    )


def _unique(record: Record) -> Iterable[Problem]:
    """A key once per sheet: one row per edition, week, definition and source; one figure per thing, scope and
    source (a second source that disagrees is a figure of its own, kept beside the first)."""
    for kind in KINDS:
        seen: dict[tuple[Any, ...], int] = {}
        for line, row in record.get(kind.sheet, []):
            key = key_of(kind, row)
            if key in seen:
                message = t("pub.check.twice", line=seen[key])
                if kind.sheet == "cijfers":
                    message = t("pub.check.second_figure", line=seen[key])
                yield Problem(line, ", ".join(heading(c) for c in kind.key), message, file=kind.sheet)
            else:
                seen[key] = line


def _dates(record: Record) -> Iterable[Problem]:
    """An edition's dates in order and in its year; its weeks inside them, each region once, none overlapping."""
    editions = {row["year"]: row for _, row in record.get("edities", []) if row.get("year") is not None}
    for line, row in record.get("edities", []):
        start, end = row.get("start_date"), row.get("end_date")
        if start and end and end < start:
            yield Problem(line, heading("end_date"), t("pub.check.end_before_start"), file="edities")
        if start and row.get("year") and start.year != row["year"]:
            yield Problem(line, heading("start_date"), t("pub.check.not_in_year", year=row["year"]), file="edities")
    by_edition: dict[int, list[tuple[int, Row]]] = defaultdict(list)
    for line, row in record.get("weken", []):
        start, end, edition = row.get("start_date"), row.get("end_date"), editions.get(row.get("edition"))
        if not (start and end):
            continue
        if end < start:
            yield Problem(line, heading("end_date"), t("pub.check.end_before_start"), file="weken")
            continue
        first, last = (edition or {}).get("start_date"), (edition or {}).get("end_date")
        if first and last and not (first <= start and end <= last):
            yield Problem(
                line,
                heading("start_date"),
                t("pub.check.week_outside", first=first, last=last),
                file="weken",
            )
        by_edition[row["edition"]].append((line, row))
    for weeks in by_edition.values():
        regions: dict[str, int] = {}
        for line, row in weeks:
            region = row.get("region")
            if region in regions:
                yield Problem(
                    line,
                    heading("region"),
                    t("pub.check.region_twice", region=region, line=regions[region]),
                    file="weken",
                )
            elif region:
                regions[region] = line
        for (line_a, a), (line_b, b) in _pairs(weeks):
            if a["start_date"] <= b["end_date"] and b["start_date"] <= a["end_date"]:
                yield Problem(line_b, heading("start_date"), t("pub.check.overlaps", line=line_a), file="weken")


def _pairs(rows: list[tuple[int, Row]]) -> Iterable[tuple[tuple[int, Row], tuple[int, Row]]]:
    for i, first in enumerate(rows):
        for second in rows[i + 1 :]:
            yield first, second


def _programme(record: Record) -> Iterable[Problem]:
    """A figure's definition belongs to its edition's programme: an e-healthweek count is no SZE count."""
    programmes = {row["year"]: row.get("programme") for _, row in record.get("edities", [])}
    metrics = {row["metric"]: row.get("programme") for _, row in record.get("definities", [])}
    for line, row in record.get("cijfers", []):
        edition, metric = programmes.get(row.get("edition")), metrics.get(row.get("metric"))
        if edition and metric and edition != metric:
            yield Problem(
                line,
                heading("metric"),
                t("pub.check.programme", metric=metric, edition=row["edition"], programme=edition),
                file="cijfers",
            )


def _source(line: int, row: Row) -> Iterable[Problem]:
    """A source's date as precise as it was published (2019, 2019-02 or 2019-02-01), its address a web page."""
    date = row.get("published_date")
    if date is not None:
        valid = _SOURCE_DATE.fullmatch(str(date)) is not None
        if valid:
            parts = [int(part) for part in str(date).split("-")] + [1, 1]
            try:
                dt.date(parts[0], parts[1], parts[2])
            except ValueError:
                valid = False
        if not valid:
            yield Problem(
                line,
                heading("published_date"),
                t("pub.check.source_date", value=date),
                file="bronnen",
            )
    url = row.get("url")
    if url is not None and not re.match(r"https?://[^\s]+$", str(url)):
        yield Problem(line, heading("url"), t("pub.check.url", value=url), file="bronnen")


def _changed_rows(record: Record, touched: dict[str, set[tuple[Any, ...]]]) -> Iterable[Problem]:
    """The rules a new or changed row keeps: its published words say its qualifier; a figure's quote its number;
    a source's date and address; a weekly figure its region."""
    for kind in KINDS:
        for line, row in record.get(kind.sheet, []):
            if key_of(kind, row) not in touched.get(kind.sheet, set()):
                continue
            yield from _row(kind, line, row)


def _row(kind: Kind, line: int, row: Row) -> Iterable[Problem]:
    qualifier, text = row.get("qualifier"), row.get("published_text")
    words = QUALIFIER_WORDS.get(qualifier, ()) if isinstance(qualifier, str) else ()
    if words and not (isinstance(text, str) and any(word in text.lower() for word in words)):
        yield Problem(
            line,
            heading("published_text"),
            t("pub.check.words", qualifier=qualifier),
            file=kind.sheet,
        )
    if kind.sheet == "cijfers":
        for column, message in quote_problems(row):
            yield Problem(line, heading(column), message, file=kind.sheet)
        if row.get("week") is not None and row.get("region") is None:
            yield Problem(line, heading("region"), t("pub.check.week_region"), file=kind.sheet)
        high, value = row.get("value_high"), row.get("value")
        if high is not None and value is not None and high <= value:
            yield Problem(line, heading("value_high"), t("pub.check.high"), file=kind.sheet)
    if kind.sheet == "bronnen":
        yield from _source(line, row)
    if kind.sheet == "verschillen" and row.get("source_a") == row.get("source_b"):
        yield Problem(line, heading("source_b"), t("pub.check.two_sources"), file=kind.sheet)


def checked_record(record: Record, regions: Iterable[str], touched: dict[str, set[tuple[Any, ...]]]) -> list[Problem]:
    """Every problem of ``record`` (parsed already); ``touched``: per sheet the keys of the rows that are new or
    changed, which keep the rules of a quote too."""
    problems = [
        *_references(record, regions),
        *_unique(record),
        *_dates(record),
        *_programme(record),
        *_changed_rows(record, touched),
    ]
    return sorted(
        problems, key=lambda p: (list(BY_SHEET).index(p.file) if p.file in BY_SHEET else -1, p.line, p.column)
    )
