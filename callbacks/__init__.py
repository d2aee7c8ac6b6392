"""Callbacks, one module per view, plain functions plus their wiring; no SQL, no styling.

A view is a module of this package that declares ``VIEW = View(...)``: ``view_modules`` finds them,
``pages.register_pages`` makes each a Dash page, and from then on everything (tabs, links, titles,
the briefing, the downloads, the wiring) reads ``dash.page_registry`` (``common.views``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import pkgutil
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import Any

from dash import Dash, Input, Output, State, no_update
from flask import current_app
from plotly.io.json import to_json_plotly

from callbacks import answers, beheer, download, pages, report, screen, state
from callbacks.common import data_version, lang, runtime, selection_from, title_scope, views
from core.figures.style import titled
from core.formatting import fmt_date
from core.i18n import t
from core.selection import Selection
from core.views import View, is_narrow
from layouts import ids
from layouts.components import chart_alternative


def view_modules() -> tuple[View, ...]:
    """Every view this package declares (a module with ``VIEW``), in tab order."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        declared = getattr(import_module(f"{__name__}.{info.name}"), "VIEW", None)
        if isinstance(declared, View):
            found.append(declared)
    return tuple(sorted(found, key=lambda view: view.order))


#: the dashboard's own views, in tab order: what ``create_app`` registers as pages
VIEWS: tuple[View, ...] = view_modules()


def full_update(view: View) -> Callable[..., dict[str, Any]]:
    """The view's update for the window's width class, with what every chart gets, whichever view draws it:
    its text alternative (a sentence and a table, in the chart's "alt" part) and its source line and date
    on the figure itself (for image exports)."""

    def update(selection: object, screen: object = None, shown: object = None) -> dict[str, Any]:
        language, narrow, today, version = lang(), is_narrow(screen), dt.date.today(), data_version()
        chosen = selection_from(selection)  # validated: equal selections share one kept answer

        def job(option: Selection) -> tuple[str, Callable[[], dict[str, Any]]]:
            stored = option.to_store()
            kept = answers.key(view.name, stored, language, narrow, today.isoformat(), version)
            return kept, lambda: make(stored, language, narrow, today)

        kept, made = job(chosen)
        answer = answers.answer(kept, made)
        if runtime().answers_ahead:
            # the next region or week a presenter clicks is then kept already (issue 21); the app itself, not the
            # proxy, goes to the thread, as Flask's docs say to hand it to one
            app = current_app._get_current_object()  # type: ignore[attr-defined]
            answers.ahead(app, [job(s) for s in chosen.one_click_away()], language)
        return only_changed(answer, shown)

    def make(selection: object, language: str, narrow: bool, today: dt.date) -> dict[str, Any]:
        with titled(title_scope(view, selection_from(selection))):
            parts = dict(view.update(selection=selection, narrow=narrow))
        for name, figure in list(parts.items()):
            alt = name.removesuffix("graph") + "alt"
            if name.endswith("graph") and view.outputs.get(alt) == "children":
                parts[alt] = chart_alternative(figure, ids.part(view.name, alt), language)
        made = t("export_made", language, date=fmt_date(today, lang=language))
        stamped = download.stamp(view, parts, selection, made, narrow=narrow)
        return stamped | {SHOWN: fingerprints(stamped)}

    update.__doc__ = view.update.__doc__
    return update


#: the part of a view's answer that says what each of its other parts holds (a Store on the view's page)
SHOWN = ids.SHOWN


def fingerprints(parts: dict[str, Any]) -> dict[str, str]:
    """A short digest of each part of an answer, as Dash sends it."""
    return {name: hashlib.sha256(to_json_plotly(value).encode()).hexdigest()[:16] for name, value in parts.items()}


def only_changed(answer: dict[str, Any], shown: object) -> dict[str, Any]:
    """The parts of ``answer`` the page does not show yet (``shown``: the digests it holds), ``no_update`` for the
    others: Dash's renderer redraws every output it is given, and mounts every component of it anew (issue 21).

    ``shown`` comes from the browser: anything but digests counts as nothing shown, and a forged one can only
    leave that browser's own page as it was.
    """
    prints = answer.get(SHOWN) or fingerprints(answer)
    had = shown if isinstance(shown, dict) else {}
    out = {name: no_update if had.get(name) == prints.get(name) else value for name, value in answer.items()}
    out[SHOWN] = no_update if had == prints else prints
    return out


def register_view(app: Dash, view: View) -> None:
    """Wire one view: its update fills each of its parts from the selection and the width class, then its own extras;
    only the parts that change are sent (the page keeps their digests)."""
    app.callback(
        output={part: Output(ids.part(view.name, part), prop) for part, prop in view.outputs.items()}
        | {SHOWN: Output(ids.part(view.name, SHOWN), "data")},
        inputs={
            "selection": Input(ids.SELECTION, "data"),
            "screen": Input(ids.SCREEN, "data"),
            "shown": State(ids.part(view.name, SHOWN), "data"),
        },
    )(full_update(view))
    if view.wire is not None:
        view.wire(app)


def register_all(app: Dash, extra: Sequence[View] = ()) -> None:
    """Register the pages (the views, ``extra`` ones after them, and the other pages), then wire the shell
    (state, the width class, pages, download, the briefing, /beheer) and every registered view to ``app``."""
    pages.register_pages(app, (*VIEWS, *extra))
    for module in (state, screen, pages, download, report, beheer):
        module.register(app)
    for view in views():
        register_view(app, view)
