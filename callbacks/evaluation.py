"""Evaluation view: scores and share returning per edition, with what exactly was rated."""

from __future__ import annotations

from typing import Any, TypedDict

import plotly.graph_objects as go

from callbacks.common import chosen_editions, db, lang, selection_from
from core.figures import evaluation_figure
from core.i18n import t
from core.views import View
from data_access import queries
from layouts import ids
from layouts.components import chart_alternative, notes, panel_outputs, source_note
from layouts.views import evaluation as layout


class EvaluationParts(TypedDict):
    """What the evaluation view shows, by part."""

    graph: go.Figure
    alt: Any
    text: Any
    sources: Any
    note: Any


def update_evaluation(selection: object) -> EvaluationParts:
    """Redraw the evaluation chart and its table for the selected editions."""
    engine, language = db(), lang()
    chosen = selection_from(selection)
    years = chosen_editions(chosen, "sze")
    frame = queries.evaluations(engine, editions=years or [-1])
    messages = [t("eval_not_a_series", language)]
    if chosen.is_local():
        messages.append(t("eval_national_note", language))
    without = [y for y in years if y not in set(frame["edition"])]
    if without:
        messages.append(t("eval_missing", language, editions=", ".join(str(y) for y in without)))
    figure = evaluation_figure(frame, language)
    return {
        "graph": figure,
        "alt": chart_alternative(figure, ids.part(layout.NAME, "alt"), language),
        "text": layout.rated_table(frame, language),
        "sources": source_note(frame, language),
        "note": notes(messages),
    }


VIEW = View(
    name=layout.NAME,
    slug="evaluatie",
    label="tab_evaluatie",
    skeleton=layout.skeleton,
    update=update_evaluation,
    outputs=panel_outputs(),
    figures=(evaluation_figure,),
)
