"""An empty export with the expected headings, for the organisers to fill in (Excel or Dutch CSV)."""

from __future__ import annotations

import csv
from pathlib import Path

from core.i18n import t
from ingest.importer.columns import KINDS


def write_template(kind_name: str, path: Path) -> None:
    """Write the headings of ``kind_name`` to ``path`` (.xlsx with an explanation sheet, or .csv)."""
    kind = KINDS[kind_name]
    headings = [f.heading for f in kind.fields]
    if path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:  # what Dutch Excel opens cleanly
            csv.writer(handle, delimiter=";").writerow(headings)
        return
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = kind.label().capitalize()
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, f in zip(sheet.iter_cols(min_row=1, max_row=1), kind.fields, strict=True):
        sheet.column_dimensions[column[0].column_letter].width = max(14, len(f.heading) + 4)
    notes = workbook.create_sheet(t("ingest.template_notes"))
    notes.append([t("ingest.template_column"), t("ingest.template_required"), t("ingest.template_what")])
    for f in kind.fields:
        notes.append([f.heading, t("ingest.yes") if f.required else t("ingest.no"), f.doc()])
    notes.append([])
    notes.append([t("ingest.template_personal")])
    workbook.save(path)
