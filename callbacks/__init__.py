"""Callbacks, one module per view, plain functions plus their wiring; no SQL, no styling.

A view is a module of this package that declares ``VIEW = View(...)``: ``view_modules`` finds them,
``pages.register_pages`` makes each a Dash page, and from then on everything (tabs, links, titles,
the briefing, the downloads, the wiring) reads ``dash.page_registry`` (``common.views``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import pkgutil
from collections.abc import Callable, Iterator, Sequence
from importlib import import_module
from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, no_update
from dash.development.base_component import Component
from flask import current_app
from plotly.io.json import to_json_plotly

from callbacks import answers, beheer, download, pages, report, screen, state
from callbacks.common import data_version, lang, runtime, selection_from, title_scope, views
from core.figures.style import titled
from core.formatting import fmt_date
from core.i18n import t
from core.selection import Selection
from core.views import LINKS, View, is_narrow
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
        if LINKS in view.outputs:
            stamped[LINKS] = {link.id["name"]: link.href for value in stamped.values() for link in view_links(value)}
        return stamped | {SHOWN: fingerprints(stamped)}

    update.__doc__ = view.update.__doc__
    return update


#: the part of a view's answer that says what each of its other parts holds (a Store on the view's page)
SHOWN = ids.SHOWN


def fingerprints(parts: dict[str, Any]) -> dict[str, str]:
    """A short digest of each part of an answer, as Dash sends it; a part's view links without their addresses,
    which are a part of their own (core.views.LINKS): a part differing only in those is the same part."""
    links = [link for value in parts.values() for link in view_links(value)]
    addresses = [link.href for link in links]
    for link in links:
        link.href = None
    try:
        return {name: hashlib.sha256(to_json_plotly(value).encode()).hexdigest()[:16] for name, value in parts.items()}
    finally:
        for link, href in zip(links, addresses, strict=True):
            link.href = href


def view_links(value: Any) -> Iterator[Any]:
    """The links in ``value`` (a part: a component tree, a list, a figure, text) whose address is set on its own
    (``ids.view_link``): components, or their props where the part is a kept answer's JSON (``answers.answer``)."""
    if isinstance(value, (list, tuple)):
        for item in value:
            yield from view_links(item)
    elif isinstance(value, Component):
        found = getattr(value, "id", None)
        if isinstance(found, dict) and found.get("type") == ids.VIEW_LINK:
            yield value
        yield from view_links(getattr(value, "children", None))
    elif isinstance(value, dict) and isinstance(value.get("props"), dict):
        props = value["props"]
        found = props.get("id")
        if isinstance(found, dict) and found.get("type") == ids.VIEW_LINK:
            yield props
        yield from view_links(props.get("children"))


def link_addresses(answer: dict[str, Any], listed: list[dict[str, Any]]) -> dict[str, Any]:
    """``answer`` with its links' addresses (a dict by link name) as the list Dash sets on ``listed`` (the view
    links the page holds, in Dash's order); none unless the page holds just these links (a part that brings
    its links anew brings their addresses in it)."""
    addresses = answer.get(LINKS)
    names = [item["id"]["name"] for item in listed]
    if isinstance(addresses, dict) and names and set(names) == set(addresses):
        return answer | {LINKS: [addresses[name] for name in names]}
    return answer | {LINKS: [no_update] * len(names)}  # a wildcard's output is a list, item by item


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
    # only a view with links looks for them in the parts it sends (this runs on every answer)
    if LINKS in out and any(next(view_links(value), None) is not None for name, value in out.items() if name != LINKS):
        out[LINKS] = no_update  # a part sent anew holds its links' addresses
    return out


def on_change(view: View) -> Callable[..., dict[str, Any]]:
    """The view's callback: its update from the selection the filter controls choose (``state.control_change``),
    and, beside its answer, the address, the Store, the links and the summary that then say that selection.

    The controls are the view's inputs rather than the Store the address's callback writes, so a filter click
    waits for one answer, not two in a row (issue 21)."""
    update = full_update(view)

    def changed(
        controls: dict[str, Any],
        screen: object = None,
        stored: object = None,
        search: object = None,
        pathname: object = None,
        note_hidden: object = None,
        shown: object = None,
    ) -> dict[str, Any]:
        selection, changes = state.control_change(controls, stored, search, pathname, note_hidden)
        answer = update(selection, screen, shown)
        if LINKS in view.outputs:
            answer = link_addresses(answer, ctx.outputs_grouping[LINKS])
        state.publish(changes, controls)  # after the update: a failed one changes nothing on the page
        return answer

    changed.__doc__ = view.update.__doc__
    return changed


def register_view(app: Dash, view: View) -> None:
    """Wire one view: its update fills each of its parts from the selection and the width class, then its own extras;
    only the parts that change are sent (the page keeps their digests)."""
    app.callback(
        output={part: Output(_output_id(view, part), prop) for part, prop in view.outputs.items()}
        | {SHOWN: Output(ids.part(view.name, SHOWN), "data")},
        inputs={
            "controls": {name: Input(cid, "value") for name, cid in state.CONTROLS.items()},
            "screen": Input(ids.SCREEN, "data"),
            "stored": State(ids.SELECTION, "data"),
            "search": State(ids.URL, "search"),
            "pathname": State(ids.URL, "pathname"),
            "note_hidden": State(ids.LINK_NOTE, "hidden"),
            "shown": State(ids.part(view.name, SHOWN), "data"),
        },
    )(on_change(view))
    if view.wire is not None:
        view.wire(app)


def _output_id(view: View, part: str) -> str | dict[str, Any]:
    """The id of a view's part: its component's, or every view link's of the view (core.views.LINKS)."""
    return ids.view_link(view.name, ALL) if part == LINKS else ids.part(view.name, part)  # type: ignore[arg-type]


def register_all(app: Dash, extra: Sequence[View] = ()) -> None:
    """Register the pages (the views, ``extra`` ones after them, and the other pages), then wire the shell
    (state, the width class, pages, download, the briefing, /beheer) and every registered view to ``app``."""
    pages.register_pages(app, (*VIEWS, *extra))
    for module in (state, screen, pages, download, report, beheer):
        module.register(app)
    for view in views():
        register_view(app, view)
