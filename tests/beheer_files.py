"""Exports as an editor would upload them on /beheer: the template filled in with good and bad lines."""

from __future__ import annotations

import base64
from pathlib import Path

from openpyxl import load_workbook

from ingest.importer.template import write_template

#: six activities the importer takes (edition 2021, places the gazetteer knows)
GOOD = [
    [
        "Beeldbellen in de wijk",
        "Zorggroep Haaglanden",
        "09-02-2021",
        "'s-Gravenhage",
        "online",
        "wijkverpleging",
        "verplaatsen",
        45,
        "1,5",
    ],
    [
        "Slimme medicatie",
        "Zorgpartners Friesland",
        "16-02-2021",
        "Súdwest-Fryslân",
        "fysiek",
        "ouderenzorg",
        "voorkomen",
        20,
        2,
    ],
    ["Thuismonitoring", "GGZ Oost", "02-02-2021", "Hengelo (Gelderland)", "hybride", "ggz", "vervangen", None, 1],
    ["Zorgrobot", "Stichting Zuid", "23-02-2021", "Roosendaal", "fysiek", "gehandicaptenzorg", "vervangen", 30, "2,5"],
    ["Digitale poli", "Ziekenhuis Noord", "10-02-2021", "Groningen", "online", "ziekenhuiszorg", "verplaatsen", 60, 1],
    [
        "Leefstijlapp",
        "Huisartsen Utrecht",
        "11-02-2021",
        "Utrecht",
        "hybride",
        "huisartsenzorg en eerste lijn",
        "voorkomen",
        12,
        1,
    ],
]
#: three lines with one problem each: an unknown place, a day that does not exist, a negative count
BAD = [
    ["Zorg op afstand", "Org A", "12-02-2021", "Nergenshuizen", "online", "ggz", "voorkomen", 5, 1],
    ["Valpreventie", "Org B", "31-02-2024", "Utrecht", "fysiek", "ouderenzorg", "voorkomen", 5, 1],
    ["Telezorg", "Org C", "15-02-2021", "Utrecht", "online", "overig", "vervangen", -3, 1],
]


def filled(path: Path, rows: list[list[object]]) -> Path:
    """The activities template (as /beheer offers it) with ``rows`` under its headings, saved at ``path``."""
    write_template("activities", path)
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def with_problems(path: Path) -> Path:
    """Two good lines, the three bad ones (lines 4, 5 and 6), then four good ones."""
    return filled(path, [*GOOD[:2], *BAD, *GOOD[2:]])


def data_url(path: Path) -> str:
    """The file as ``dcc.Upload`` hands it over."""
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return f"data:{kind};base64," + base64.b64encode(path.read_bytes()).decode("ascii")
