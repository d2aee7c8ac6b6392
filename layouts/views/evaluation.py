"""Evaluation view: the chart and a table of exactly what was rated, by whom, with its source."""

from __future__ import annotations

import pandas as pd
from dash import html

from core.formatting import cite, fmt_published
from core.i18n import t
from layouts.components import graph_panel, headers, table

NAME = "evaluation"


def skeleton(lang: str = "nl") -> html.Div:
    """Scores and share returning, with what exactly was rated."""
    return html.Div([graph_panel(NAME, lang=lang)])


def rated_table(frame: pd.DataFrame, lang: str = "nl") -> html.Div:
    """Every evaluation figure with what was rated and by whom."""
    rows = [
        (
            int(r.edition),
            t(f"measure_{r.measure}", lang),
            fmt_published(r.published_text),
            r.what_rated,
            r.rated_by,
            cite(r),
        )
        for r in frame.itertuples()
    ]
    return html.Div(
        [
            html.H3(t("eval_table_heading", lang)),
            table(headers(lang, "edition", "measure", "value", "what_rated", "rated_by", "source"), rows)
            if rows
            else html.P(t("eval_none", lang)),
        ]
    )
