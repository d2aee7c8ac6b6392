"""Callbacks, one module per view, and the view registry: plain functions plus their wiring; no SQL, no styling.

``VIEWS`` is the registry: the dashboard's views in tab order. Tabs, links, the URL's ``tab=``
values, the view ids and the wiring all follow from it.
"""

from __future__ import annotations

from collections.abc import Sequence

from dash import Dash, Input, Output

from callbacks import compare, detail, download, evaluation, map, pages, reach, region, state, trends
from core.views import View
from layouts import ids

VIEWS: tuple[View, ...] = (
    map.VIEW,
    region.VIEW,
    compare.VIEW,
    detail.VIEW,
    trends.VIEW,
    evaluation.VIEW,
    reach.VIEW,
)


def register_view(app: Dash, view: View) -> None:
    """Wire one view: its update fills each of its parts from the selection, then its own extras."""
    app.callback(
        output={part: Output(ids.part(view.name, part), prop) for part, prop in view.outputs.items()},
        inputs={"selection": Input(ids.SELECTION, "data")},
    )(view.update)
    if view.wire is not None:
        view.wire(app)


def register_all(app: Dash, views: Sequence[View] = VIEWS) -> None:
    """Wire the shell (state, pages, download) and every view to ``app``."""
    for module in (state, pages, download):
        module.register(app)
    for view in views:
        register_view(app, view)
