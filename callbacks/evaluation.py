"""Evaluation view: scores and share returning per edition, with what exactly was rated."""

from __future__ import annotations

from typing import Any, TypedDict

import pandas as pd
import plotly.graph_objects as go

from callbacks.common import chosen_editions, db, lang, reference, selection_from
from core.figures import evaluation_figure
from core.formatting import cite, fmt_period, fmt_published
from core.i18n import t
from core.key_figures import evaluation_changes
from core.selection import Selection
from core.views import View
from data_access import queries
from layouts.components import notes, panel_outputs, source_note
from layouts.views import evaluation as layout


class EvaluationParts(TypedDict):
    """What the evaluation view shows, by part."""

    graph: go.Figure
    text: Any
    sources: Any
    note: Any


#: what an evaluation measure is counted in: no source states the scale of the scores
UNITS = {"cijfer": "unit_score", "doet_weer_mee": "unit_percent"}


def _evaluations(chosen: Selection) -> pd.DataFrame:
    """The evaluation results of the chosen SZE editions: national, whatever region or week is chosen."""
    return queries.evaluations(db(), editions=chosen_editions(chosen, "sze") or [-1])


def _predecessor_ratings(language: str) -> str | None:
    """The e-healthweek's ratings in words with their source: another measure (visitors rating the activities of
    a whole week), so a note of their own, never bars beside the SZE's scores."""
    years = reference().years("ehealthweek")
    rated = queries.evaluations(db(), editions=years or [-1])
    if rated.empty:
        return None
    ratings = "; ".join(f"{r.edition}: {fmt_published(r.published_text)} ({cite(r)})" for r in rated.itertuples())
    return t("eval_predecessor_note", language, ratings=ratings)


def evaluation_table(chosen: Selection) -> pd.DataFrame:
    """The rows the evaluation chart draws: each result with what was rated, its unit and its edition's dates."""
    language, editions = lang(), reference().editions.set_index("year")
    rows = _evaluations(chosen)
    return rows.assign(
        what=[f"{t('measure_' + m, language)}: {w}" for m, w in zip(rows["measure"], rows["what_rated"], strict=True)],
        unit=[t(UNITS[m], language) if m in UNITS else "" for m in rows["measure"]],
        period=[
            fmt_period(editions.at[y, "start_date"], editions.at[y, "end_date"], lang=language) for y in rows["edition"]
        ],
    )


def update_evaluation(selection: object, narrow: bool = False) -> EvaluationParts:
    """Redraw the evaluation chart (for a phone when ``narrow``) and its table for the selected editions."""
    language = lang()
    chosen = selection_from(selection)
    years, programme = chosen_editions(chosen, "sze"), reference().years("sze")
    # one read of every edition: the edition before a chosen one may itself not be chosen, and a change
    # belongs to the value; the chosen editions' rows are picked out of it
    every = queries.evaluations(db(), editions=programme or [-1])
    chosen_rows = every["edition"].isin(years).tolist()
    frame = every[chosen_rows].reset_index(drop=True)
    shown = [change for change, keep in zip(evaluation_changes(every, programme), chosen_rows, strict=True) if keep]
    messages = [t("eval_not_a_series", language)]
    if chosen.is_local():
        messages.append(t("eval_national_note", language))
    without = [y for y in years if y not in set(frame["edition"])]
    if without:
        messages.append(t("eval_missing", language, editions=", ".join(str(y) for y in without)))
    predecessor = _predecessor_ratings(language)
    if predecessor:
        messages.append(predecessor)
    figure = evaluation_figure(frame, language, narrow=narrow)
    return {
        "graph": figure,
        "text": layout.rated_table(frame, language, shown),
        "sources": source_note(frame, language),
        "note": notes(messages),
    }


VIEW = View(
    name=layout.NAME,
    slug="evaluatie",
    label="tab_evaluatie",
    order=5,
    in_report=True,
    skeleton=layout.skeleton,
    update=update_evaluation,
    outputs=panel_outputs(),
    figures=(evaluation_figure,),
    # evaluations were published nationally only, for SZE editions
    controls=frozenset({"sze_editions"}),
    tables={"main": evaluation_table},
)
