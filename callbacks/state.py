"""The URL query, the filter controls and the selection Store kept in step.

A link reproduces the view: on load (and on back/forward) the URL sets the controls; any
control change writes the URL. The view links carry the current filters.

Two callbacks share one pure function (``sync_and_restate``): the address's (``register``: load, back,
forward, a link, and the page's buttons) and, for a filter control, the open view's own update
(``callbacks.register_view``), which draws the view and restates the selection in one answer (``changes``
and ``publish``). A filter click then costs one round trip: the view waits for no other callback (issue 21).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, no_update, set_props

from callbacks.common import choices, lang, reference, runtime, runtime_of, selection_from, selection_words
from core.formatting import fmt_count
from core.i18n import t, tn
from core.selection import (
    ABOUT_PATH,
    ABSENT,
    MAX_SLOTS,
    PARAM_LANG,
    REPEATED,
    TOO_MANY,
    Choices,
    Ignored,
    Page,
    Reading,
    Selection,
    page_for,
    path_tab,
)
from layouts import ids
from layouts.page import CONTROL_GROUPS

#: The filter controls and their Selection fields, in the order the callback lists them.
CONTROLS = {
    "sze_editions": ids.EDITIONS,
    "predecessor_editions": ids.EDITIONS_PREDECESSOR,
    "region": ids.REGION,
    "week": ids.WEEK,
    "metric": ids.METRIC,
    "colour": ids.COLOUR,
    "compare": ids.COMPARE,
}
#: the trigger that means "the filter controls say what is chosen" (``control_change``)
FROM_CONTROLS = "controls"
SYNC_OUTPUTS = ("search", *CONTROLS, "selection", "note", "note_hidden")


def sync_selection(
    trigger: str | None,
    search: str | None,
    controls: dict[str, Any],
    *,
    choices: Choices,
    sze_years: list[int],
    on_dashboard: bool = True,
    stored: object = None,
    pathname: object = None,
) -> dict[str, Any]:
    """Work out the selection from whatever changed; return the URL search, control values and Store.

    ``controls`` holds the current control values by name (see ``CONTROLS``). Only the dashboard
    page reads and writes its state in the URL: another page (Over de cijfers) keeps its own
    address, so Back leads where the user came from, and the selection stays for the way back.
    """
    if not on_dashboard:
        unchanged: dict[str, Any] = dict.fromkeys(SYNC_OUTPUTS, no_update)
        if stored is None:
            # opened straight on another page: its address still says the language the links keep
            unchanged["selection"] = Selection.from_query(search, choices).to_store()
        return unchanged
    reading = Selection.read_query(search, choices, pathname)
    current = reading.selection
    # the note says what the address held that was not used: derived from the address when it is what
    # changed (load, back, forward, a link), and gone with the first change made on the page
    # the address changed (load, back, forward, a link: ``ADDRESS``), or a button or a filter control was used
    from_address = trigger not in (ids.RESET, ids.PRESENT, ids.FILTER_TOGGLE, FROM_CONTROLS, *CONTROLS.values())
    note = ignored_note(reading) if from_address else None
    if from_address:
        selection = current
    elif trigger == ids.RESET:
        selection = current.cleared()
    elif trigger == ids.PRESENT:
        selection = current.presenting(not current.present)
    elif trigger == ids.FILTER_TOGGLE:
        # the fold is in the URL, so a presenter's shared link opens as folded as her screen
        selection = current.with_filters_open(not current.filters_open)
    else:
        ticked = [*_as_years(controls.get("sze_editions")), *_as_years(controls.get("predecessor_editions"))]
        selection = Selection.parse(
            choices,
            # the last ticked edition cannot be unticked: a view is never empty by accident
            editions=ticked or list(current.shown_editions()),
            region=controls.get("region") or None,
            week=controls.get("week") or None,
            metric=controls.get("metric"),
            tab=current.tab,
            colour=controls.get("colour"),
            compare=controls.get("compare"),
            present=current.present,
            filters_open=current.filters_open,
            notes_open=current.notes_open,
            lang=current.lang,  # an English page stays English after a filter change
        )
    shown = selection.shown_editions()
    # on the root, a view other than the first is named in the query, or a reload would open the map
    new_search = selection.to_query(with_tab=_view_in_query(selection, pathname))
    return {
        "search": new_search if new_search != search else no_update,
        "sze_editions": [y for y in shown if y in sze_years],
        "predecessor_editions": [y for y in shown if y not in sze_years],
        "region": selection.region or "",
        "week": str(selection.week) if selection.week else "",
        "metric": selection.metric,
        "colour": selection.colour,
        "compare": [slot.token for slot in selection.compare],
        "selection": selection.to_store(),
        "note": note,
        "note_hidden": note is None,
    }


def _view_in_query(selection: Selection, pathname: object) -> bool:
    """Whether the address must name the view in its query: on a path that names none ('/'), for any view
    but the first (an old link that reached the page without the server's redirect, e.g. through Back)."""
    return path_tab(pathname, selection.choices.tabs) is None and selection.tab != selection.choices.default_tab


_IGNORED_WORDS = {ABSENT: "link_ignored_absent", TOO_MANY: "link_ignored_too_many", REPEATED: "link_ignored_repeated"}


def ignored_note(reading: Reading) -> str | None:
    """What a link held that the page did not use, in the page's language; None when it used everything.

    'Niet herkend in de link en genegeerd: editie 2025 (niet in de gegevens), regio ‘atlantis’.'
    """
    if reading.clean:
        return None
    language = reading.selection.lang
    listed = ", ".join(_ignored_words(item, language) for item in reading.ignored)
    if reading.more and listed:
        listed = t("link_ignored_more", language, items=listed, n=fmt_count(reading.more, lang=language))
    elif reading.more:  # only values beyond those looked at: counted, as none can be named
        listed = tn("link_ignored_count", reading.more, language)
    return t("link_ignored", language, items=listed)


def _ignored_words(item: Ignored, language: str) -> str:
    """One ignored value in words: its parameter's name, the value (quoted unless a number) and why."""
    key = _IGNORED_WORDS.get(item.reason or "", "link_ignored_value")
    return t(key, language, param=t(f"link_param.{item.param}", language), value=item.value, n=MAX_SLOTS)


def _as_years(value: object) -> list[int]:
    """Checkbox values as years; anything else is dropped (Selection.parse validates again)."""
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, int) and not isinstance(v, bool)]


def describe_selection(selection: Selection) -> str:
    """One sentence saying what the views show, read out by screen readers when it changes."""
    return t("summary", lang(), parts="; ".join(selection_words(selection, "summary_all_editions")))


def restate_selection(data: object) -> dict[str, Any]:
    """Everything that only restates the selection: the view links, which one is open, the briefing's link,
    the not-found page's links, the summary, which filter controls act on the open view, and whether the
    filter card is folded."""
    selection = selection_from(data)
    other = next(code for code in selection.choices.languages if code != selection.lang)
    out: dict[str, Any] = {
        "dashboard": selection.to_path(),
        "report": selection.to_report_path(),
        # the about page in the page's language; the same view in the other one
        "about": ABOUT_PATH
        + (f"?{PARAM_LANG}={selection.lang}" if selection.lang != selection.choices.default_lang else ""),
        "other_language": selection.in_language(other).to_path(),
    }
    views = runtime().views
    for view in views:
        out[f"href-{view.slug}"] = selection.with_tab(view.slug).to_path()
        out[f"active-{view.slug}"] = view.slug == selection.tab
    out["summary"] = describe_selection(selection)
    shown = next((view.acting_controls(selection) for view in views if view.slug == selection.tab), frozenset())
    for name in CONTROL_GROUPS:
        out[f"hidden-{name}"] = name not in shown
    out["none_hidden"] = bool(shown)
    out["filters_open"] = selection.filters_open
    out["notes_open"] = selection.notes_open
    out["toggle_expanded"] = "true" if selection.filters_open else "false"
    # presentation mode is a class on the page's outermost element: CSS and assets/presentation.js do the rest
    out["shell_class"] = "presenting" if selection.present else ""
    return out


def sync_and_restate(
    trigger: str | None,
    search: str | None,
    controls: dict[str, Any],
    stored: object,
    tabs: Sequence[str],
    **context: Any,
) -> dict[str, Any]:
    """The selection and everything that restates it, in one answer: one round trip for a filter change, not
    two (issue 21). Only what differs from what the page shows is sent: Dash's renderer redraws every output
    it is given, and a control given its own value again sets off its callbacks again.

    ``stored`` is the selection the page holds, which its links, tabs and summary restate already; ``tabs``
    the views' slugs; ``context``: ``choices``, ``sze_years``, ``on_dashboard``, ``pathname`` as
    ``sync_selection`` takes them.
    """
    out = sync_selection(trigger, search, controls, stored=stored, **context)
    for name, value in controls.items():
        if out[name] == value:
            out[name] = no_update
    if out["selection"] is not no_update and stored is not None and out["selection"] == stored:
        # nothing changed (the address the view's own answer wrote, coming back): restate nothing
        return out | {"selection": no_update} | dict.fromkeys(restated(tabs), no_update)
    if out["selection"] is no_update:
        return out | dict.fromkeys(restated(tabs), no_update)
    new = restate_selection(out["selection"])
    if stored is None:
        return out | new
    old = restate_selection(stored)
    return out | {key: value if old.get(key) != value else no_update for key, value in new.items()}


def _sync(**values: Any) -> dict[str, Any]:
    search, pathname, stored = values.pop("search"), values.pop("pathname"), values.pop("stored")
    note_hidden = values.pop("note_hidden")
    for name in ("address", "reset", "present", "toggle"):
        values.pop(name, None)
    out = sync_and_restate(
        ctx.triggered_id,
        search,
        values,
        stored,
        runtime().tabs,
        choices=choices(),
        sze_years=reference().years("sze"),
        on_dashboard=page_for(pathname, runtime().tabs) is Page.DASHBOARD,
        pathname=pathname,
    )
    if out["note"] is None and note_hidden is True:  # no note, and none shown: nothing to redraw
        out["note"] = out["note_hidden"] = no_update
    # the address through the page's publishing (not an output: the address is this callback's input)
    search = out.pop("search")
    out["published"] = no_update if search is no_update else published({ids.URL: {"search": search}})
    return out


def restated(tabs: Sequence[str]) -> dict[str, Output]:
    """Where ``restate_selection``'s values go: the links, the tabs, the summary and the filter groups."""
    return (
        {
            "dashboard": Output(ids.NAV_DASHBOARD, "href"),
            "report": Output(ids.REPORT_LINK, "href"),
            "about": Output(ids.NAV_ABOUT, "href"),
            "other_language": Output(ids.LANG_TOGGLE, "href"),
        }
        | {f"href-{slug}": Output(ids.tab_link(slug), "href") for slug in tabs}
        | {f"active-{slug}": Output(ids.tab_link(slug), "active") for slug in tabs}
        | {"summary": Output(ids.FILTER_SUMMARY, "children")}
        | {f"hidden-{name}": Output(group, "hidden") for name, group in CONTROL_GROUPS.items()}
        | {
            "none_hidden": Output(ids.FILTERS_NONE, "hidden"),
            "filters_open": Output(ids.FILTER_COLLAPSE, "is_open"),
            "notes_open": Output(ids.NOTES_OPEN, "data"),
            "toggle_expanded": Output(ids.FILTER_TOGGLE, "aria-expanded"),
            "shell_class": Output(ids.SHELL, "className"),
        }
    )


def targets(tabs: Sequence[str]) -> dict[str, Output]:
    """Where ``sync_and_restate``'s values go, by name: the address, the controls, the Store, the link note, and
    what restates the selection."""
    return (
        {"search": Output(ids.URL, "search")}
        | {name: Output(cid, "value") for name, cid in CONTROLS.items()}
        | {
            "selection": Output(ids.SELECTION, "data"),
            "note": Output(ids.LINK_NOTE_TEXT, "children"),
            "note_hidden": Output(ids.LINK_NOTE, "hidden"),
        }
        | restated(tabs)
    )


def control_change(
    controls: dict[str, Any], stored: object, search: object, pathname: object, note_hidden: object
) -> tuple[object, dict[str, Any]]:
    """What the open view draws, and what else on the page changes with it (by the names of ``targets``): the
    selection the filter controls choose. A new one the address, the Store, the links and the summary then say,
    and the link note goes; where the controls only say what the Store holds already (the address set them on
    load, back or forward; the window's width class changed), nothing else changes.

    ``stored``, ``search``, ``pathname``, ``note_hidden``: the Store's selection, the address and whether the link
    note is hidden, as the page holds them; the browser may send anything (``sync_and_restate`` validates).
    """
    if all(value is None for value in controls.values()):
        return stored, {}  # a request without the controls (the page always sends them): the Store's selection
    # whatever set the view off (a control, or the width class while a click is on its way), the controls say what
    # is chosen: the Store may lag behind them by an answer not yet (or never) published
    out = sync_and_restate(
        FROM_CONTROLS,
        search if isinstance(search, str) else None,
        controls,
        stored,
        runtime().tabs,
        choices=choices(),
        sze_years=reference().years("sze"),
        pathname=pathname,
    )
    if out["selection"] is no_update or note_hidden is True:
        # the note goes with the first change made on the page, and a control set to what it was is none
        out["note"] = out["note_hidden"] = no_update
    changed = {name: value for name, value in out.items() if value is not no_update}
    return changed.get("selection", stored), changed


def publish(changed: dict[str, Any], controls: dict[str, Any]) -> None:
    """Have the page set ``control_change``'s changes beside the view's own answer, if the filter controls still
    hold ``controls`` (what the answer was asked for) by then.

    Through ``dash.set_props``, not outputs: no callback of the address's then waits for them, so the view's answer
    is the only round trip of a filter click. Dash drops an answer overtaken by a later click, but not what it
    sets that way: so the page sets them (``_PUBLISH_SCRIPT``) only while the controls are as they were sent.
    """
    outputs = targets(runtime().tabs)
    props: dict[str, dict[str, Any]] = {}
    for name, value in changed.items():
        props.setdefault(str(outputs[name].component_id), {})[outputs[name].component_property] = value
    if props:
        set_props(ids.PUBLISHED, {"data": published(props, [controls.get(name) for name in CONTROLS])})


def published(props: dict[str, dict[str, Any]], controls: list[Any] | None = None) -> dict[str, Any]:
    """What ``_PUBLISH_SCRIPT`` sets on the page: ``props`` by component id, while the filter controls hold
    ``controls`` (in ``CONTROLS``' order; None: whatever they hold)."""
    return {"controls": controls, "props": props}


# the controls compared as JSON, as the page holds them and as the answer was asked for them (none: the address's
# callback, whose answer Dash drops itself when overtaken); a query written here is marked as said (``ADDRESS_SEEN``)
# before it is written, so the address's callback does not read it back
_PUBLISH_SCRIPT = """function (published) {{
    const controls = Array.prototype.slice.call(arguments, 1);
    if (!published || (published.controls && JSON.stringify(published.controls) !== JSON.stringify(controls))) {{
        return;
    }}
    const address = published.props[{url}];
    if (address && typeof address.search === "string") {{
        window.dash_clientside.set_props({seen}, {{data: window.location.pathname + address.search}});
    }}
    Object.keys(published.props).forEach(function (id) {{
        window.dash_clientside.set_props(id, published.props[id]);
    }});
}}"""

# an address the page does not say yet (load, back, forward, a link, a presentation key) goes to the address's
# callback, marked as said; the time makes the Store change even when the address is one it held before
_ADDRESS_SCRIPT = """function (search, pathname, seen) {{
    const address = (pathname || "") + (search || "");
    if (address === seen) {{ return window.dash_clientside.no_update; }}
    window.dash_clientside.set_props({seen}, {{data: address}});
    return {{address: address, at: Date.now()}};
}}"""


def register(app: Dash) -> None:
    """Wire the URL/filter synchronisation (the filter fold included) with the view links, the summary and
    which filter controls show, in one callback: what the address and the page's buttons change. A filter
    control's change is the open view's callback's (``control_change``, ``callbacks.register_view``).

    The address's callback follows ``ids.ADDRESS``, which a script sets only for an address the page does not
    say already (``_ADDRESS_SCRIPT``): a query the page wrote itself (a filter click, published) is not read back,
    which would cost a request after each click, and the page's every control would show as loading meanwhile.
    """
    app.callback(
        output={name: out for name, out in targets(runtime_of(app).tabs).items() if name != "search"}
        | {"published": Output(ids.PUBLISHED, "data")},
        inputs={
            "address": Input(ids.ADDRESS, "data"),
            "reset": Input(ids.RESET, "n_clicks"),
            "present": Input(ids.PRESENT, "n_clicks"),
            "toggle": Input(ids.FILTER_TOGGLE, "n_clicks"),
            "search": State(ids.URL, "search"),
            # a view link changes the path (and the view) alone when the filters stay
            "pathname": State(ids.URL, "pathname"),
        }
        | {name: State(cid, "value") for name, cid in CONTROLS.items()}
        | {
            "stored": State(ids.SELECTION, "data"),
            "note_hidden": State(ids.LINK_NOTE, "hidden"),
        },
    )(_sync)
    app.clientside_callback(
        _ADDRESS_SCRIPT.format(seen=json.dumps(ids.ADDRESS_SEEN)),
        Output(ids.ADDRESS, "data"),
        Input(ids.URL, "search"),
        Input(ids.URL, "pathname"),
        State(ids.ADDRESS_SEEN, "data"),
    )
    # what a view's answer to a filter click (or the address's callback) has the page set beside it: the address,
    # the Store and the links, once the controls still agree
    app.clientside_callback(
        _PUBLISH_SCRIPT.format(url=json.dumps(ids.URL), seen=json.dumps(ids.ADDRESS_SEEN)),
        Input(ids.PUBLISHED, "data"),
        *(State(cid, "value") for cid in CONTROLS.values()),
        prevent_initial_call=True,
    )
    # closing the note leaves the keyboard where it was reading: at the fold's button beside the summary
    app.clientside_callback(
        f"function () {{ document.getElementById({json.dumps(ids.FILTER_TOGGLE)}).focus(); return true; }}",
        Output(ids.LINK_NOTE, "hidden", allow_duplicate=True),
        Input(ids.LINK_NOTE_CLOSE, "n_clicks"),
        prevent_initial_call=True,
    )
    # every chart's 'Toelichting' opens with toelichting=1 in the link (a property, not a script patching the page):
    # when the address changes that, and when a view's explanations appear (their ids); not on a filter click, which
    # would cost a callback after each answer (issue 21), or close an explanation its reader opened
    # (and only when one differs: an output given its own value again is redrawn all the same)
    explanations = {"type": ids.EXPLANATION, "view": ALL, "chart": ALL}
    app.clientside_callback(
        "function (notesOpen, shown, opened) { var wanted = Boolean(notesOpen);"
        " if (opened.every(function (o) { return Boolean(o) === wanted; })) {"
        " return window.dash_clientside.no_update; }"
        " return opened.map(function () { return wanted; }); }",
        Output(explanations, "open"),
        Input(ids.NOTES_OPEN, "data"),
        Input(explanations, "id"),
        State(explanations, "open"),
    )
    # the address is the view (one place parses it: core.selection), so sharing is copying it
    app.clientside_callback(
        _COPY_SCRIPT.format(
            texts=json.dumps(
                {
                    code: {"done": t("copy_link_done", code), "manual": t("copy_link_manual", code, url="{url}")}
                    for code in runtime_of(app).languages
                }
            ),
            default=json.dumps(runtime_of(app).lang),
            status=json.dumps(ids.COPY_LINK_STATUS),
        ),
        Output(ids.COPY_LINK_STATUS, "children"),
        Input(ids.COPY_LINK, "n_clicks"),
        State(ids.SELECTION, "data"),
        prevent_initial_call=True,
    )


# cleared first, then set: a second copy is announced again by screen readers (aria-live)
_COPY_SCRIPT = """function (clicks, data) {{
    const texts = {texts}[(data && data.lang) || {default}] || {texts}[{default}];
    const url = window.location.href;
    window.dash_clientside.sze.copyText(url).then(function (ok) {{
        const said = ok ? texts.done : texts.manual.replace("{{url}}", url);
        window.dash_clientside.set_props({status}, {{children: said}});
    }});
    return "";
}}"""
