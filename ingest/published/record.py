"""What the published record holds, sheet by sheet, and the workbook it travels in (download, edit, upload).

One sheet per kind of row (edities, weken, cijfers, bronnen, verschillen, definities), one heading row each,
the columns of the bundled files (``ingest.loader.spec``: the same parsers and rules) under Dutch headings.
A row is found again by its key: an edition by its year, a week by edition and number, a figure by what it
counts, where, and from which source (two figures for the same thing and scope from one source are refused).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, select

from core.i18n import t
from data_access import schema
from ingest.importer.formulas import uncalculated
from ingest.loader.spec import Col, FileSpec, file_name, specs
from ingest.problems import Problem

Row = dict[str, Any]
#: a sheet's rows, each with the line it has in the workbook (the headings are line 1)
Lines = list[tuple[int, Row]]
#: the record by sheet name
Record = dict[str, Lines]


@dataclass(frozen=True)
class Kind:
    """One sheet of the workbook: the table it fills, what identifies a row, and its columns in order."""

    sheet: str
    table: Table
    key: tuple[str, ...]

    @property
    def spec(self) -> FileSpec:
        return _spec_of(self.table.name)

    @property
    def columns(self) -> dict[str, Col]:
        return self.spec.columns


@cache
def _spec_of(table_name: str) -> FileSpec:
    return next(spec for spec in specs() if spec.table.name == table_name)


#: the sheets in the order an editor reads them (the issue's); ``APPLY_ORDER`` is the order the rows are written
KINDS: tuple[Kind, ...] = (
    Kind("edities", schema.editions, ("year",)),
    Kind("weken", schema.edition_weeks, ("edition", "week")),
    Kind("cijfers", schema.figures, ("edition", "region", "week", "metric", "source_id")),
    Kind("bronnen", schema.sources, ("source_id",)),
    Kind("verschillen", schema.discrepancies, ("topic", "edition")),
    Kind("definities", schema.metrics, ("metric",)),
)
BY_SHEET = {kind.sheet: kind for kind in KINDS}
#: foreign keys first: a source before the figure that cites it, an edition before its weeks
APPLY_ORDER: tuple[Kind, ...] = tuple(
    BY_SHEET[name] for name in ("bronnen", "definities", "edities", "weken", "cijfers", "verschillen")
)
#: the sheet whose keys a column refers to, by the bundled file the loader's spec names
SHEET_OF_FILE = {file_name(kind.table): kind.sheet for kind in KINDS}

#: the Dutch heading of each column (the workbook's first row); a column not listed is headed by its own name
HEADINGS: dict[str, str] = {
    "year": "jaar",
    "programme": "programma",
    "name": "naam",
    "start_date": "begindatum",
    "end_date": "einddatum",
    "opening_date": "opening",
    "closing_date": "afsluiting",
    "organiser": "organisator",
    "has_totals": "totalen gepubliceerd",
    "notes": "toelichting",
    "source_id": "bron",
    "quote": "citaat",
    "edition": "editie",
    "week": "week",
    "region": "regio",
    "metric": "maat",
    "value": "waarde",
    "value_high": "waarde tot",
    "qualifier": "kwalificatie",
    "published_text": "gepubliceerde woorden",
    "note": "opmerking",
    "basis": "grondslag",
    "title": "titel",
    "publisher": "uitgever",
    "kind": "soort",
    "published_date": "datum",
    "published_label": "datum zoals vermeld",
    "url": "url",
    "contributed": "wat de bron bijdraagt",
    "topic": "onderwerp",
    "statement_a": "uitspraak a",
    "source_a": "bron a",
    "a_is_quote": "a letterlijk",
    "statement_b": "uitspraak b",
    "source_b": "bron b",
    "b_is_quote": "b letterlijk",
    "explanation": "uitleg",
    "unit": "eenheid",
    "definition": "definitie",
}
COLUMN_OF_HEADING = {heading: column for column, heading in HEADINGS.items()}


def heading(column: str) -> str:
    """The heading a column has in the workbook."""
    return HEADINGS.get(column, column)


def key_of(kind: Kind, row: Row) -> tuple[Any, ...]:
    """What identifies ``row`` among the rows of its sheet."""
    return tuple(row.get(column) for column in kind.key)


def _in_record(kind: Kind) -> Any:
    """The rows of ``kind``'s table that belong to the record: a source an import made ("export of ...") is the
    import's, kept with it, not a published source."""
    table = kind.table
    if table is schema.sources:
        return table.c.origin.in_((schema.ORIGIN_BUNDLED, schema.ORIGIN_EDITOR))
    return None


def read_record(conn: Connection) -> Record:
    """The record as the database holds it now, each sheet in key order."""
    record: Record = {}
    for kind in KINDS:
        columns = [kind.table.c[name] for name in kind.columns]
        statement = select(*columns)
        where = _in_record(kind)
        if where is not None:
            statement = statement.where(where)
        rows = [dict(row._mapping) for row in conn.execute(statement)]
        rows.sort(key=lambda row: tuple((value is not None, str(value)) for value in key_of(kind, row)))
        record[kind.sheet] = [(index + 2, row) for index, row in enumerate(rows)]
    return record


def _cell(value: Any) -> Any:
    """A value as the workbook holds it: dates as dates, a float that is whole as a whole number, yes/no as 1/0."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def write_workbook(record: Record) -> bytes:
    """The record as an xlsx: one sheet per kind, one heading row, every text stored as text (never a formula:
    openpyxl would write a text that starts with '=' as one, and Excel would run it)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for kind in KINDS:
        sheet = workbook.create_sheet(kind.sheet)
        names = list(kind.columns)
        sheet.append([heading(name) for name in names])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for _, row in record.get(kind.sheet, []):
            sheet.append([_cell(row.get(name)) for name in names])
        for line in sheet.iter_rows(min_row=2):
            for cell in line:
                if cell.data_type == "f":
                    cell.data_type = "s"
                if isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
        for index, name in enumerate(names, start=1):
            width = 40 if name in ("quote", "definition", "explanation", "statement_a", "statement_b") else 16
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_text(value: Any) -> str:
    """A cell as the loader's parsers read it: a date in ISO form, a whole number without '.0', yes/no as 1/0."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


#: a sheet as read: its headings mapped to columns, and each written row's cells as text by column
@dataclass(frozen=True)
class RawSheet:
    kind: Kind
    rows: list[tuple[int, dict[str, str]]]


def read_workbook(path: Path) -> tuple[dict[str, RawSheet], list[Problem]]:
    """Every sheet of the workbook at ``path`` as text cells by column, with every problem of its shape (a sheet
    or column missing, an unknown one, a formula saved without its value), each naming its sheet, line and
    column. A sheet that cannot be read is left out, with its problems."""
    from python_calamine import CalamineWorkbook

    problems: list[Problem] = []
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error kinds for every broken file
        return {}, [Problem(0, "-", t("pub.read.unreadable", error=type(exc).__name__))]
    names = list(workbook.sheet_names)
    sheets: dict[str, RawSheet] = {}
    for kind in KINDS:
        if kind.sheet not in names:
            problems.append(Problem(0, "-", t("pub.read.sheet_missing", sheet=kind.sheet), file=kind.sheet))
            continue
        index = names.index(kind.sheet)
        grid = [list(row) for row in workbook.get_sheet_by_index(index).to_python(skip_empty_area=False)]
        formulas = uncalculated(path, index)
        sheet = _raw_sheet(kind, grid, formulas, problems)
        if sheet is not None:
            sheets[kind.sheet] = sheet
    problems += [
        Problem(0, "-", t("pub.read.sheet_unknown", sheet=name), file=name) for name in names if name not in BY_SHEET
    ]
    return sheets, problems


def _raw_sheet(kind: Kind, grid: list[list[Any]], formulas: dict[tuple[int, int], Any], problems: list[Problem]):  # type: ignore[no-untyped-def]
    """One sheet's rows as text by column; None (with problems) when its headings are not the record's."""
    headings = [as_text(cell) for cell in (grid[0] if grid else [])]
    columns: dict[int, str] = {}
    for position, written in enumerate(headings):
        if not written:
            continue
        column = COLUMN_OF_HEADING.get(written.lower(), written if written in kind.columns else None)
        if column is None or column not in kind.columns:
            problems.append(Problem(1, written, t("pub.read.column_unknown"), file=kind.sheet))
        else:
            columns[position] = column
    missing = [name for name in kind.columns if name not in columns.values()]
    problems += [Problem(1, heading(name), t("pub.read.column_missing"), file=kind.sheet) for name in missing]
    if missing:
        return None
    rows: list[tuple[int, dict[str, str]]] = []
    for index, cells in enumerate(grid[1:], start=1):
        line = index + 1
        values: dict[str, str] = {}
        for position, column in columns.items():
            if (index, position) in formulas:
                problems.append(
                    Problem(
                        line,
                        heading(column),
                        t("pub.read.formula"),
                        file=kind.sheet,
                    )
                )
            values[column] = as_text(cells[position] if position < len(cells) else None)
        if any(values.values()):
            rows.append((line, values))
    return RawSheet(kind, rows)
