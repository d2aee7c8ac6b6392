"""Callbacks, one module per view, and the view registry: plain functions plus their wiring; no SQL, no styling.

``VIEWS`` is the registry: the dashboard's views in tab order. Tabs, links, the URL's ``tab=``
values, the view ids and the wiring all follow from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from dash import Dash, Input, Output

from callbacks import (
    answers,
    compare,
    detail,
    download,
    evaluation,
    map,
    pages,
    reach,
    region,
    report,
    screen,
    state,
    trends,
)
from callbacks.common import data_version, lang, selection_from
from core.formatting import fmt_date
from core.i18n import t
from core.views import View, is_narrow
from layouts import ids
from layouts.components import chart_alternative

VIEWS: tuple[View, ...] = (
    map.VIEW,
    region.VIEW,
    compare.VIEW,
    detail.VIEW,
    trends.VIEW,
    evaluation.VIEW,
    reach.VIEW,
)


def full_update(view: View) -> Callable[..., dict[str, Any]]:
    """The view's update for the window's width class, with what every chart gets, whichever view draws it:
    its text alternative (a sentence and a table, in the chart's "alt" part) and its source line and date
    on the figure itself (for image exports)."""

    def update(selection: object, screen: object = None) -> dict[str, Any]:
        language, narrow, today = lang(), is_narrow(screen), dt.date.today()
        chosen = selection_from(selection).to_store()  # validated: equal selections share one kept answer
        kept = answers.key(view.name, chosen, language, narrow, today.isoformat(), data_version())
        return answers.answer(kept, lambda: make(chosen, language, narrow, today))

    def make(selection: object, language: str, narrow: bool, today: dt.date) -> dict[str, Any]:
        parts = dict(view.update(selection=selection, narrow=narrow))
        for name, figure in list(parts.items()):
            alt = name.removesuffix("graph") + "alt"
            if name.endswith("graph") and view.outputs.get(alt) == "children":
                parts[alt] = chart_alternative(figure, ids.part(view.name, alt), language)
        made = t("export_made", language, date=fmt_date(today, lang=language))
        return download.stamp(view, parts, selection, made, narrow=narrow)

    update.__doc__ = view.update.__doc__
    return update


def register_view(app: Dash, view: View) -> None:
    """Wire one view: its update fills each of its parts from the selection and the width class, then its own extras."""
    app.callback(
        output={part: Output(ids.part(view.name, part), prop) for part, prop in view.outputs.items()},
        inputs={"selection": Input(ids.SELECTION, "data"), "screen": Input(ids.SCREEN, "data")},
    )(full_update(view))
    if view.wire is not None:
        view.wire(app)


def register_all(app: Dash, views: Sequence[View] = VIEWS) -> None:
    """Wire the shell (state, the width class, pages, download, the briefing) and every view to ``app``."""
    for module in (state, screen, pages, download, report):
        module.register(app)
    for view in views:
        register_view(app, view)
