"""Evaluation view: scores and share returning per edition, with what exactly was rated."""

from __future__ import annotations

from dash import Dash, Input, Output, html

from callbacks.common import chosen_editions, db, lang, selection_from
from dashboard.figures import evaluation_figure
from dashboard.i18n import cite, fmt_published, t
from data_access import queries
from layouts import ids
from layouts.components import headers, source_note, table


def update_evaluation(selection_data: object) -> tuple:
    """Redraw the evaluation chart and its table for the selected editions."""
    engine, language = db(), lang()
    selection = selection_from(selection_data)
    years = chosen_editions(selection, "sze")
    frame = queries.evaluations(engine, editions=years or [-1])
    rows = [
        (
            int(r.edition),
            t(f"measure_{r.measure}", language),
            fmt_published(r.published_text),
            r.what_rated,
            r.rated_by,
            cite(r),
        )
        for r in frame.itertuples()
    ]
    text = html.Div(
        [
            html.H3(t("eval_table_heading", language)),
            table(
                headers(language, "edition", "measure", "value", "what_rated", "rated_by", "source"),
                rows,
            )
            if rows
            else html.P(t("eval_none", language)),
        ]
    )
    notes = [t("eval_not_a_series", language)]
    if selection.region or selection.week:
        notes.append(t("eval_national_note", language))
    without = [y for y in years if y not in set(frame["edition"])]
    if without:
        notes.append(t("eval_missing", language, editions=", ".join(str(y) for y in without)))
    return (
        evaluation_figure(frame, language),
        text,
        source_note(frame, language),
        html.Ul([html.Li(n) for n in notes]) if notes else None,
    )


def register(app: Dash) -> None:
    """Wire the evaluation view to the selection."""
    app.callback(
        Output(ids.EVAL_GRAPH, "figure"),
        Output(ids.EVAL_TEXT, "children"),
        Output(ids.EVAL_SOURCES, "children"),
        Output(ids.EVAL_NOTE, "children"),
        Input(ids.SELECTION, "data"),
    )(update_evaluation)
