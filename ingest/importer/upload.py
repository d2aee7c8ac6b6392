"""An export uploaded in the browser (/beheer): its limits, its kind, its check, and the file back with its
problem cells marked. Nothing here writes to the database; the import itself is ``import_file``'s.

The bytes come from the browser's upload, never from a path a user names. Before any reader opens them:
the size, the suffix (.xlsx or .csv), and for an xlsx the sizes its zip says its parts inflate to, so a small
file that would unpack into gigabytes of XML (a zip bomb) is refused before calamine or openpyxl see it.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.i18n import messages_in
from ingest.importer.columns import KINDS, Kind, fold
from ingest.importer.read import Sheet, read_table
from ingest.importer.validate import Parsed, validate
from ingest.problems import FileProblems, Problem
from ingest.reference import Reference

#: the largest file the page takes: a season's registrations are a few hundred KB
MAX_FILE_BYTES = 20 * 1024 * 1024
#: the most rows a file may hold: a hundred times the largest edition so far
MAX_ROWS = 100_000
#: the most sheets an xlsx may hold (the export is on one of them; more is no export of the organisers')
MAX_SHEETS = 50
#: the most an xlsx's parts may inflate to, together: 20 MB of zip at ordinary XML ratios (~10x) and a margin
MAX_INFLATED_BYTES = 300 * 1024 * 1024
#: the most parts an xlsx may hold
MAX_PARTS = 2_000
#: the suffixes the page takes
SUFFIXES = (".xlsx", ".csv")
#: how a problem cell is marked in the file sent back: a light red, as Excel's own "bad" style
PROBLEM_FILL = "FFC7CE"


class UploadRefused(ValueError):
    """A file refused before it is read; ``key`` names the reason in the message catalogues."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class Upload:
    """An uploaded file's bytes and the name it had on the editor's computer (made safe)."""

    data: bytes
    name: str

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()


def safe_name(name: object) -> str:
    """A file name to show and to store as the import's source: its last part, letters, digits and ``._-()``
    and spaces only, at most 100 characters; ``upload`` where nothing is left."""
    text = Path(str(name or "")).name if isinstance(name, str) else ""
    cleaned = re.sub(r"[^\w .()-]+", "_", text).strip(" .")[-100:]
    return cleaned or "upload"


def decode(contents: object, name: object) -> Upload:
    """The file of a ``dcc.Upload`` (``data:<type>;base64,<bytes>``); UploadRefused when it is none, too large
    or of a kind the page does not take."""
    upload_name = safe_name(name)
    if Path(upload_name).suffix.lower() not in SUFFIXES:
        raise UploadRefused("beheer.refused_suffix", suffix=Path(upload_name).suffix or "-")
    if not isinstance(contents, str) or "," not in contents:
        raise UploadRefused("beheer.refused_unreadable")
    encoded = contents.split(",", 1)[1]
    if len(encoded) * 3 // 4 > MAX_FILE_BYTES + 3:
        raise UploadRefused("beheer.refused_size", size=len(encoded) * 3 // 4, limit=MAX_FILE_BYTES)
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise UploadRefused("beheer.refused_unreadable") from None
    check_size(len(data))
    return Upload(data, upload_name)


def check_size(size: int) -> None:
    """UploadRefused when a file of ``size`` bytes is over the limit."""
    if size > MAX_FILE_BYTES:
        raise UploadRefused("beheer.refused_size", size=size, limit=MAX_FILE_BYTES)


def check_xlsx(data: bytes) -> None:
    """UploadRefused unless ``data`` is a zip whose parts inflate within bounds and that holds few enough sheets.

    First the sizes the zip's directory states; then every part is inflated once, in steps and thrown away, as
    calamine (whose own zip reader is not Python's) will: zipfile stops a part at its stated size and checks its
    CRC, so a directory that understates a part (a bomb that lies) is refused here, never read further.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            _stated_sizes(parts)
            for part in parts:
                _inflate(archive, part)
    except UploadRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise UploadRefused("beheer.refused_not_xlsx") from None


def _stated_sizes(parts: list[zipfile.ZipInfo]) -> None:
    if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > MAX_INFLATED_BYTES:
        raise UploadRefused("beheer.refused_inflated", limit=MAX_INFLATED_BYTES)
    sheets = [part for part in parts if re.fullmatch(r"xl/worksheets/[^/]+\.xml", part.filename)]
    if len(sheets) > MAX_SHEETS:
        raise UploadRefused("beheer.refused_sheets", sheets=len(sheets), limit=MAX_SHEETS)


def _inflate(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    """Inflate one part in 1 MB steps, keeping nothing: BadZipFile if it is not what the directory says."""
    with archive.open(part) as stream:
        while stream.read(1024 * 1024):
            pass


@contextmanager
def on_disk(upload: Upload) -> Iterator[Path]:
    """The upload as a file of its own name in a private temporary folder (the importer reads paths, and names
    the import's source after the file), removed when the block ends."""
    with tempfile.TemporaryDirectory(prefix="sze-upload-") as folder:
        path = Path(folder) / upload.name
        path.write_bytes(upload.data)
        yield path


def read(upload: Upload) -> Sheet:
    """The upload's headings and rows, within the limits; UploadRefused or FileProblems (unreadable) if not."""
    if upload.suffix == ".xlsx":
        check_xlsx(upload.data)
    with on_disk(upload) as path:
        sheet = read_table(path)
    if len(sheet.rows) > MAX_ROWS:
        raise UploadRefused("beheer.refused_rows", rows=len(sheet.rows), limit=MAX_ROWS)
    return sheet


def recognise(headings: list[str]) -> Kind | None:
    """The kind of export whose headings (or their other names) the file's headings are most of; None if no kind's
    or a tie (then the editor picks)."""
    found = {fold(heading) for heading in headings if heading}
    scores = {
        kind.name: sum(1 for f in kind.fields if found & {fold(n) for n in (f.heading, *f.aliases)})
        for kind in KINDS.values()
    }
    best = max(scores.values(), default=0)
    winners = [name for name, score in scores.items() if score == best]
    return KINDS[winners[0]] if best and len(winners) == 1 else None


def check(
    kind: Kind, sheet: Sheet, reference: Reference, lang: str, progress: Callable[[int, int], None] | None = None
) -> Parsed:
    """The file's rows ready to store, or FileProblems naming every problem, in ``lang`` (``progress``: told
    how many rows of how many are checked)."""
    with messages_in(lang):
        return validate(kind, sheet, reference, progress)


def _workbook(upload: Upload, sheet: Sheet) -> Any:
    """The upload as an openpyxl workbook: the xlsx itself (its formatting kept), or the CSV's cells on the lines
    the problems name."""
    from openpyxl import Workbook, load_workbook

    if upload.suffix == ".xlsx":
        return load_workbook(io.BytesIO(upload.data))
    workbook = Workbook()
    cells = workbook.active
    assert cells is not None
    for column, heading in enumerate(sheet.headings, start=1):
        _text_cell(cells.cell(row=sheet.heading_line, column=column), heading)
    for line, values in sheet.rows:
        for column, value in enumerate(values, start=1):
            _text_cell(cells.cell(row=line, column=column), value)
    return workbook


def _text_cell(cell: Any, value: object) -> None:
    """A CSV cell as text, never a formula Excel would run (a value starting with '=' stays what it was)."""
    cell.value = None if value is None else str(value)
    if cell.value is not None:
        cell.data_type = "s"


def marked(upload: Upload, sheet: Sheet, problems: list[Problem], lang: str) -> bytes:
    """The file as an xlsx with each problem's cell filled light red and commented with what is wrong; a problem
    of a whole row marks its first cell, one of the whole file the first heading (on the sheet read)."""
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    workbook = _workbook(upload, sheet)
    cells = workbook[sheet.name] if sheet.name else workbook.worksheets[0]
    columns = {heading.strip(): index for index, heading in enumerate(sheet.headings, start=1) if heading}
    fill = PatternFill(fill_type="solid", start_color=PROBLEM_FILL, end_color=PROBLEM_FILL)
    notes: dict[tuple[int, int], list[str]] = {}
    for problem in problems:
        where = (problem.line or sheet.heading_line, columns.get(problem.column.strip(), 1))
        notes.setdefault(where, []).append(problem.message)
    for (row, column), messages in notes.items():
        cell = cells.cell(row=row, column=column)
        cell.fill = fill
        cell.comment = Comment("\n".join(messages), "SZE dashboard", width=320, height=40 + 20 * len(messages))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def marked_name(name: str, lang: str) -> str:
    """The marked file's name: the upload's with a suffix saying what it is."""
    return f"{Path(name).stem}-{'problems' if lang == 'en' else 'problemen'}.xlsx"


def problems_of(error: FileProblems) -> list[Problem]:
    """Every problem of a refused file, in line order (all of them, never the first few)."""
    return list(error.problems)
