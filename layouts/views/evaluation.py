"""Evaluation view: the chart and a table of exactly what was rated, by whom, with its source."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from dash import html

from core.change import Change
from core.formatting import cite, fmt_published
from core.i18n import t
from layouts.components import graph_panel, headers, table
from layouts.key_figures import change_line

NAME = "evaluation"


def skeleton(lang: str = "nl") -> html.Div:
    """Scores and share returning, with what exactly was rated."""
    return html.Div([graph_panel(NAME, lang=lang)])


def rated_table(frame: pd.DataFrame, lang: str = "nl", changes: Sequence[Change | None] = ()) -> html.Div:
    """Every evaluation figure with what was rated and by whom, and its change against the edition before
    (``changes``, in the rows' order), where one can honestly be stated."""
    said = list(changes) + [None] * (len(frame) - len(changes))
    rows = [
        (
            int(r.edition),
            t(f"measure_{r.measure}", lang),
            fmt_published(r.published_text),
            change_line(found, lang) or t("change_not_stated", lang),
            r.what_rated,
            r.rated_by,
            cite(r),
        )
        for r, found in zip(frame.itertuples(), said, strict=True)
    ]
    return html.Div(
        [
            html.H3(t("eval_table_heading", lang)),
            table(headers(lang, "edition", "measure", "value", "change", "what_rated", "rated_by", "source"), rows)
            if rows
            else html.P(t("eval_none", lang)),
        ]
    )
