"""Cells that a spreadsheet shows as written and never runs: the defence against CSV (formula) injection.

Excel, LibreOffice and Google Sheets read a CSV cell that starts with ``=``, ``+``, ``-`` or ``@`` (and,
after a tab or carriage return, the same) as a formula, which can fetch URLs, run DDE commands or leak
other cells. Imported titles, places and organisers come from whoever filled in the export, so every file
the app produces passes them through here (OWASP, "CSV Injection"): such a cell gets a leading apostrophe,
which Excel shows as the text itself. A number in the file's own notation ('-3,5', '-1.000') stays a number.
"""

from __future__ import annotations

import re
from typing import Any

#: the CSV separator a spreadsheet in each interface language opens without a wizard (a Dutch Excel: ';')
CSV_SEPARATORS = {"nl": ";", "en": ","}
#: what a spreadsheet takes as the start of a formula (or of a DDE call, after a tab or carriage return)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: a number as the export writes it, in either notation: these start with '-' or '+' but are no formula
_NUMBER = re.compile(r"[+-]?[0-9][0-9.,]*(?:[eE][+-]?[0-9]+)?")


def is_formula_like(value: object) -> bool:
    """Whether a spreadsheet would read ``value`` as a formula rather than as the text or number it is."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value)


def inert(value: Any) -> Any:
    """``value`` as a CSV cell that no spreadsheet runs: a formula-like text behind an apostrophe, else as it is."""
    return "'" + value if is_formula_like(value) else value
