"""Download: the selection's published figures and evaluations, each with its source, as CSV.

Written for Dutch spreadsheets: semicolons, decimal commas, UTF-8 with a byte-order mark.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import Dash, Input, Output, State, dcc

from callbacks.common import chosen_editions, db, lang, selection_from
from core.formatting import fmt_number
from core.i18n import metric_label, t
from data_access import queries
from layouts import ids

COLUMNS = {
    "edition": "editie",
    "level": "niveau",
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
    """What the views show for the selection, one row per figure, source columns included.

    With a region or week chosen only the figures published for it; evaluations are national
    and come along only without such a filter.
    """
    engine, language = db(), lang()
    selection = selection_from(selection_data)
    years = chosen_editions(selection) or [-1]
    figures = queries.figures(engine, editions=years, region=selection.region, week=selection.week)
    figures = figures.assign(what=[metric_label(m, language) for m in figures["metric"]])
    parts = [figures]
    if not selection.is_local():
        evaluations = queries.evaluations(engine, editions=years)
        parts.append(
            evaluations.assign(
                region=None,
                week=None,
                what=[
                    f"{t('measure_' + m, language)}: {w}"
                    for m, w in zip(evaluations["measure"], evaluations["what_rated"], strict=True)
                ],
            )
        )
    table = pd.concat(parts, ignore_index=True)
    table = table.assign(
        level=[t("level_region" if isinstance(r, str) else "level_national", language) for r in table["region"]],
        value=[fmt_number(v) for v in table["value"]],
        week=[fmt_number(w) for w in table["week"]],
    )
    return table[list(COLUMNS)].rename(columns=COLUMNS)


def download(n_clicks: int | None, selection_data: object) -> dict[str, Any] | None:
    """Send the CSV when the button is pressed."""
    if not n_clicks:
        return None
    csv = figures_table(selection_data).to_csv(index=False, sep=";")
    return dcc.send_string("\ufeff" + csv, "sze-cijfers.csv", type="text/csv")


# wiring only: exercised end to end by the browser test brdl001, not by the unit tests mutmut runs
def register(app: Dash) -> None:  # pragma: no mutate block
    """Wire the download button."""
    app.callback(
        Output(ids.DOWNLOAD, "data"),
        Input(ids.DOWNLOAD_BUTTON, "n_clicks"),
        State(ids.SELECTION, "data"),
        prevent_initial_call=True,
    )(download)
