"""The published record (editions, weeks, definitions, figures, sources, disagreements) kept by editors.

``record``: what the record holds, sheet by sheet, and the workbook it is downloaded and uploaded as;
``check``: the rules every new or changed row keeps (the bundled loader's, and a quote that contains its
number); ``changes``: what an upload or a form would change, row by row and field by field, and applying,
proposing, approving and undoing it in one transaction each, through ``ingest.writer``.
"""

from ingest.published.changes import (
    Change,
    ChangeRefused,
    Entry,
    approve,
    decline,
    diff,
    entries,
    hold_back,
    submit,
    undo,
)
from ingest.published.check import checked_record
from ingest.published.record import KINDS, Record, read_record, read_workbook, write_workbook

__all__ = [
    "KINDS",
    "Change",
    "ChangeRefused",
    "Entry",
    "Record",
    "approve",
    "checked_record",
    "decline",
    "diff",
    "entries",
    "hold_back",
    "read_record",
    "read_workbook",
    "submit",
    "undo",
    "write_workbook",
]
