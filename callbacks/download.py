"""Download: every published figure and evaluation in the selection, each with its source, as CSV."""

from __future__ import annotations

import pandas as pd
from dash import Dash, Input, Output, State, dcc

from callbacks.common import chosen_editions, db, selection_from
from dashboard.i18n import metric_label, t
from data_access import queries
from layouts import ids

COLUMNS = {
    "edition": "editie",
    "region": "regio",
    "week": "week",
    "what": "cijfer",
    "value": "waarde",
    "published_text": "zoals_gepubliceerd",
    "qualifier": "kwalificatie",
    "source_publisher": "bron_uitgever",
    "source_title": "bron_titel",
    "source_date": "bron_datum",
    "quote": "citaat",
}


def figures_table(selection_data: object) -> pd.DataFrame:
    """The figures and evaluations the selection covers, one row each, source columns included."""
    engine = db()
    selection = selection_from(selection_data, engine)
    years = chosen_editions(selection, queries.editions(engine)) or [-1]
    figures = queries.figures(engine, editions=years, region=selection.region)
    figures = figures.assign(what=[metric_label(m) for m in figures["metric"]])
    evaluations = queries.evaluations(engine, editions=years)
    evaluations = evaluations.assign(
        region=None,
        week=None,
        what=[
            f"{t('measure_' + m)}: {w}" for m, w in zip(evaluations["measure"], evaluations["what_rated"], strict=True)
        ],
    )
    table = pd.concat([figures, evaluations], ignore_index=True)[list(COLUMNS)]
    return table.rename(columns=COLUMNS)


def download(n_clicks: int | None, selection_data: object) -> dict | None:
    """Send the CSV when the button is pressed (UTF-8 with BOM, so Excel shows é and ë)."""
    if not n_clicks:
        return None
    table = figures_table(selection_data)
    return dcc.send_data_frame(table.to_csv, "sze-cijfers.csv", index=False, encoding="utf-8-sig")


def register(app: Dash) -> None:
    """Wire the download button."""
    app.callback(
        Output(ids.DOWNLOAD, "data"),
        Input(ids.DOWNLOAD_BUTTON, "n_clicks"),
        State(ids.SELECTION, "data"),
        prevent_initial_call=True,
    )(download)
