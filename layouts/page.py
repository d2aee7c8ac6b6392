"""The page shell: header, filters, view tabs, the 'Over de cijfers' page and the footer."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from core.compare import slot_label
from core.i18n import LANGUAGES, metric_label, t
from core.reference import Reference
from core.selection import ABOUT_PATH, COLOUR_MODES, DASHBOARD_PATH, REPORT_PATH, Selection, Slot, view_path
from core.views import CONTROLS, LINKS, USUAL_CONTROLS, WIDE, View
from layouts import ids
from layouts.beheer import beheer_page
from layouts.beheer_published import empty_choices, published_section
from layouts.components import aria

#: Each filter control's group (label and control), by the control names of ``View.controls``.
CONTROL_GROUPS = {
    "sze_editions": ids.EDITIONS_GROUP,
    "predecessor_editions": ids.EDITIONS_PREDECESSOR_GROUP,
    "region": ids.REGION_GROUP,
    "week": ids.WEEK_GROUP,
    "metric": ids.METRIC_GROUP,
    "colour": ids.COLOUR_GROUP,
    "compare": ids.COMPARE_GROUP,
}


def _fieldset(legend: str, control: Any) -> html.Fieldset:
    """A labelled group of radio buttons or checkboxes (a legend, so screen readers name it)."""
    return html.Fieldset([html.Legend(legend, className="filter-legend"), control], className="filter-group")


#: the controls in the bar itself, one click away on every screen but a phone's (there the Filters panel has them)
QUICK_CONTROLS = ("region", "week")


def _segmented(component_id: str, options: list[dict[str, str]]) -> dbc.RadioItems:
    """Radio buttons drawn as one row of buttons (Bootstrap's btn-check): each a real radio input, so keyboard and
    screen readers use them as before, and a click on a region's name switches the view."""
    return dbc.RadioItems(
        id=component_id,
        options=options,
        value="",
        inline=True,
        class_name="btn-group segmented",
        input_class_name="btn-check",
        label_class_name="btn btn-outline-primary btn-sm",
        label_checked_class_name="active",
    )


def _checklist(component_id: str, years: Sequence[int]) -> dbc.Checklist:
    return dbc.Checklist(
        id=component_id, options=[{"label": str(y), "value": y} for y in years], value=list(years), inline=True
    )


def compare_options(reference: Reference, lang: str = "nl") -> list[dict[str, str]]:
    """Everything the comparison can hold: each SZE edition whole, per region and per published week."""
    options = []
    for year in reversed(reference.years("sze")):
        slots = [Slot(year)] + [Slot(year, region=str(r)) for r in reference.regions["region"]]
        order = reference.week_order
        if not order.empty:
            slots += [Slot(year, week=int(w)) for w in order.loc[order["edition"] == year, "week"]]
        options += [{"label": slot_label(slot, reference, lang), "value": slot.token} for slot in slots]
    return options


def filters(
    reference: Reference, lang: str = "nl", shown: Collection[str] = USUAL_CONTROLS, is_open: bool = True
) -> dbc.Card:
    """The filter bar; its values are set from the URL and written back to it.

    Each control stands in a group of its own (ids in ``CONTROL_GROUPS``) so a view shows only the
    controls that act on it; ``shown`` are those of the view a link without ``tab=`` opens.
    """
    sze = reference.years("sze")
    predecessor = [year for year in reference.years() if year not in sze]
    metrics = reference.choosable_metrics()
    region_options = [{"label": t("all", lang), "value": ""}] + [
        {"label": str(r.name), "value": str(r.region)} for r in reference.regions.itertuples()
    ]
    week_options = [{"label": t("all", lang), "value": ""}] + [
        {"label": str(w), "value": str(w)} for w in reference.weeks
    ]
    colour_options = [
        {"label": t(f"colour_{'region' if c == 'regio' else 'metric'}", lang), "value": c} for c in COLOUR_MODES
    ]
    # the actions as one small toolbar: link, briefing, presenting, the figures as a file, and starting over
    actions = html.Div(
        [
            dbc.Button(
                t("copy_link", lang),
                id=ids.COPY_LINK,
                color="primary",
                outline=True,
                size="sm",
                title=t("copy_link_help", lang),
            ),
            dbc.Button(t("download", lang), id=ids.DOWNLOAD_BUTTON, color="primary", outline=True, size="sm"),
            # the briefing of what is shown, for A4; its href follows the selection (callbacks/state.py)
            dcc.Link(
                t("report_link", lang),
                id=ids.REPORT_LINK,
                href=REPORT_PATH,
                className="btn btn-outline-primary btn-sm report-link",
                title=t("report_link_help", lang),
            ),
            dbc.Button(
                # both labels present, CSS shows the one that fits the mode: no round trip to relabel
                [
                    html.Span(t("present", lang), className="when-normal"),
                    html.Span(t("present_stop", lang), className="when-presenting"),
                ],
                id=ids.PRESENT,
                color="primary",
                outline=True,
                size="sm",
                title=t("present_help", lang),
                className="present-toggle",
            ),
            # not grey: a grey outline reads as a disabled button, and this one always works
            dbc.Button(t("reset", lang), id=ids.RESET, color="primary", outline=True, size="sm", className="reset"),
            html.Span(id=ids.COPY_LINK_STATUS, className="copy-link-status", **aria(live="polite")),
            dcc.Download(id=ids.DOWNLOAD),
        ],
        className="filter-actions",
        role="toolbar",
        **aria(label=t("actions_label", lang)),
    )
    strip = html.Div(
        [
            # a plain button: Dash's html components carry aria-expanded, dbc.Button does not
            html.Button(
                [
                    html.Span(t("filters_toggle", lang)),
                    html.Span(" ▾", className="toggle-caret", **aria(hidden="true")),
                ],
                id=ids.FILTER_TOGGLE,
                type="button",
                className="btn btn-outline-primary btn-sm filter-toggle",
                **aria(expanded="true" if is_open else "false", controls=ids.FILTER_COLLAPSE),
            ),
            html.Div(id=ids.FILTER_SUMMARY, className="filter-summary", **aria(live="polite")),
        ],
        className="filter-strip",
    )
    groups: dict[str, Any] = {
        "sze_editions": _fieldset(t("filter_editions", lang), _checklist(ids.EDITIONS, sze)),
        "predecessor_editions": _fieldset(
            t("filter_predecessor", lang), _checklist(ids.EDITIONS_PREDECESSOR, predecessor)
        ),
        "region": _fieldset(t("filter_region", lang), _segmented(ids.REGION, region_options)),
        "week": _fieldset(t("filter_week", lang), _segmented(ids.WEEK, week_options)),
        "metric": [
            dbc.Label(t("filter_metric", lang), html_for=ids.METRIC, className="filter-legend"),
            # a native select: keyboard and screen readers know it without help
            dbc.Select(
                id=ids.METRIC,
                options=[{"label": metric_label(m, lang), "value": m} for m in metrics],
                value=reference.default_metric,
            ),
        ],
        "colour": _fieldset(
            t("filter_colour", lang),
            dbc.RadioItems(id=ids.COLOUR, options=colour_options, value=COLOUR_MODES[0], inline=True),
        ),
        "compare": [
            dbc.Label(t("filter_compare", lang), html_for=ids.COMPARE, className="filter-legend"),
            dcc.Dropdown(
                id=ids.COMPARE,
                options=compare_options(reference, lang),
                value=[],
                multi=True,
                placeholder=t("compare_placeholder", lang),
                maxHeight=320,
                # the dropdown's own words, in the page's language (Dash's defaults are English)
                labels=dcc.Dropdown.Labels(
                    select_all=t("dropdown_select_all", lang),
                    deselect_all=t("dropdown_deselect_all", lang),
                    selected_count=t("dropdown_selected_count", lang),
                    search=t("dropdown_search", lang),
                    clear_search=t("dropdown_clear_search", lang),
                    clear_selection=t("dropdown_clear_selection", lang),
                    no_options_found=t("dropdown_no_options_found", lang),
                ),
                optionHeight=34,
            ),
        ],
    }

    def cell(name: str) -> html.Div:
        return html.Div(
            groups[name], id=CONTROL_GROUPS[name], hidden=name not in shown, className=f"filter-cell-{name}"
        )

    # region and week: presenters switch them live, so they stay one click away beside what is chosen
    quick = html.Div([cell(name) for name in CONTROLS if name in QUICK_CONTROLS], className="filter-quick")
    controls = html.Div(
        [cell(name) for name in CONTROLS if name not in QUICK_CONTROLS]
        + [html.P(t("filters_none", lang), id=ids.FILTERS_NONE, hidden=bool(shown), className="filters-none mb-0")],
        className="filter-controls",
    )
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div([strip, quick, actions], className="filter-bar"),
                link_note(lang),
                dbc.Collapse(controls, id=ids.FILTER_COLLAPSE, is_open=is_open, className="filter-more"),
            ]
        ),
        id=ids.FILTER_CARD,
        className="filters mb-2",
    )


def link_note(lang: str = "nl") -> html.Div:
    """What the opened link held that the page did not use (callbacks/state.py fills it): outside the
    fold, so a folded link says it too; quiet in colour, as it is a remark and not a fault; closable."""
    return html.Div(
        [
            html.Span(id=ids.LINK_NOTE_TEXT),
            # a plain button with a label in the page's language: dbc.Alert's close button says 'Close'
            html.Button(
                id=ids.LINK_NOTE_CLOSE,
                type="button",
                className="btn-close",
                title=t("link_note_close", lang),
                **aria(label=t("link_note_close", lang)),
            ),
        ],
        id=ids.LINK_NOTE,
        hidden=True,
        role="status",
        className="link-note",
    )


def _shown_first(reference: Reference, views: Sequence[View]) -> frozenset[str]:
    """The controls acting on the view a link without ``tab=`` opens: shown from the start, no shift on load."""
    if not views:
        return frozenset()
    return views[0].acting_controls(Selection.default(reference.choices([view.slug for view in views])))


def tabs(views: Sequence[View], lang: str = "nl") -> dbc.Nav:
    """The views as links: keyboard-reachable, and each link carries the current filters."""
    return dbc.Nav(
        [
            dbc.NavItem(
                dbc.NavLink(
                    t(view.label, lang),
                    id=ids.tab_link(view.slug),
                    href=view_path(view.slug),
                    active=i == 0,
                )
            )
            for i, view in enumerate(views)
        ],
        id=ids.TABS,
        class_name="nav-tabs view-tabs",
    )


def language_link(lang: str) -> html.A:
    """A link to this page in the other language, named in that language (and marked as such)."""
    other = next(code for code in LANGUAGES if code != lang)
    return html.A(
        t("lang_switch", lang),
        id=ids.LANG_TOGGLE,
        # a plain link, not dcc.Link: the page is built anew in the other language
        href=f"{DASHBOARD_PATH}?taal={other}",
        lang=other,
        hrefLang=other,
        title=t("lang_switch_help", lang),
        className="nav-link lang-toggle",
    )


def header(lang: str = "nl") -> html.Header:
    """Title bar with the two pages and the other language."""
    return html.Header(
        dbc.Container(
            html.Div(
                [
                    html.Div(
                        [
                            html.H1(t("app_title", lang), className="app-title"),
                            html.P(t("app_subtitle", lang), className="app-subtitle"),
                        ]
                    ),
                    html.Nav(
                        [
                            dcc.Link(
                                t("nav_dashboard", lang),
                                href=DASHBOARD_PATH,
                                id=ids.NAV_DASHBOARD,
                                className="nav-link",
                            ),
                            dcc.Link(t("nav_about", lang), href=ABOUT_PATH, id=ids.NAV_ABOUT, className="nav-link"),
                            language_link(lang),
                        ],
                        className="app-nav",
                        **aria(label=t("nav_label", lang)),
                    ),
                ],
                className="d-flex flex-wrap justify-content-between align-items-center gap-2",
            ),
            fluid=True,
        ),
        className="app-header",
    )


def page(reference: Reference, views: Sequence[View], lang: str = "nl", filters_open: bool = True) -> html.Div:
    """The whole page around Dash's page container, where the open page (a view, the about page, ...) stands."""
    return html.Div(
        [
            # refresh=False: a query this Location is given is pushed to the address without telling Dash's page
            # router (its own Location, which a path change goes through: links, assets/presentation.js), so a
            # filter change costs no request of the router's (issue 21)
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.SELECTION),
            dcc.Store(id=ids.PUBLISHED),
            dcc.Store(id=ids.ADDRESS_SEEN),
            dcc.Store(id=ids.ADDRESS),
            dcc.Store(id=ids.NOTES_OPEN),
            dcc.Store(id=ids.RENDERED_PAGE),
            dcc.Store(id=ids.SCREEN, data=WIDE),
            html.A(t("skip_link", lang), href="#main", className="skip-link"),
            header(lang),
            html.Main(
                dbc.Container(
                    [
                        dbc.Alert(
                            id=ids.ERROR_ALERT, is_open=False, color="danger", dismissable=True, className="mt-3"
                        ),
                        html.Div(id=ids.DEMO_BANNER),
                        html.Div(
                            [
                                filters(reference, lang, views[0].controls if views else (), filters_open),
                                tabs(views, lang),
                            ],
                            id=ids.DASHBOARD_PAGE,
                        ),
                        dash.page_container,
                    ],
                    fluid=True,
                ),
                id="main",
                tabIndex="-1",  # the skip link moves keyboard focus here, not only the scroll position
            ),
            html.Footer(dbc.Container(html.P(t("footer", lang)), fluid=True), className="app-footer"),
        ],
        id=ids.SHELL,
    )


def not_found_page(lang: str = "nl", query: str = "") -> html.Div:
    """For an address that is no page of the app (answered with 404): says so, and offers the ways on.

    ``query`` (the language's, if not the app's own) goes on its links, so they keep the page's language.
    """
    return html.Div(
        [
            html.H2(t("not_found", lang)),
            html.P(t("not_found_help", lang)),
            html.Ul(
                [
                    html.Li(
                        dcc.Link(
                            t("not_found_dashboard", lang), href=DASHBOARD_PATH + query, id=ids.NOT_FOUND_DASHBOARD
                        )
                    ),
                    html.Li(dcc.Link(t("not_found_about", lang), href=ABOUT_PATH + query, id=ids.NOT_FOUND_ABOUT)),
                ],
                className="not-found-links",
            ),
        ],
        id=ids.NOT_FOUND_PAGE,
        className="not-found py-4",
    )


def report_page(lang: str = "nl") -> html.Div:
    """The briefing's page: its print button and way back (never printed), and the briefing a callback fills."""
    toolbar = html.Div(
        [
            html.Button(t("report_print", lang), id=ids.REPORT_PRINT, type="button", className="btn btn-primary"),
            dcc.Link(
                t("report_back", lang), href=DASHBOARD_PATH, id=ids.REPORT_BACK, className="btn btn-outline-primary"
            ),
            dcc.Store(id=ids.REPORT_PRINTED),
        ],
        className="report-toolbar d-flex flex-wrap gap-2 mb-3",
    )
    content = dcc.Loading(html.Div(id=ids.REPORT_CONTENT), type="dot", delay_show=300)
    return html.Div([toolbar, content], id=ids.REPORT_PAGE, className="report-page")


#: how often the page shown while the database is down asks whether it is back
RETRY_MS = 10_000


def unavailable(lang: str = "nl") -> html.Div:
    """Shown instead of the page when the database cannot be read: a message, never a trace; it reloads itself
    once the database answers again (callbacks/pages.py), so a screen left open recovers without a hand."""
    return html.Div(
        [
            header(lang),
            dbc.Container(
                html.Div(  # a status: read out when the page shows it
                    dbc.Alert(
                        [html.H2(t("unavailable_title", lang), className="h4"), html.P(t("unavailable_body", lang))],
                        color="warning",
                        className="mt-4 unavailable",
                    ),
                    role="status",
                )
            ),
            dcc.Interval(id=ids.RETRY, interval=RETRY_MS),
        ]
    )


def view_body(view: View, lang: str = "nl") -> list[Any]:
    """A view's components on its page: its skeleton, and the Store of what each of its parts holds (a filter
    change sends only the parts that change: callbacks.only_changed)."""
    return [view.skeleton(lang), dcc.Store(id=ids.part(view.name, ids.SHOWN))]


def validation_layout(
    reference: Reference, views: Sequence[View], lang: str = "nl", regions: Sequence[str] = ()
) -> html.Div:
    """Every component any callback names: the page with every page's components (Dash checks ids against it);
    ``regions``: the regions whose weeks /beheer's edition form asks for."""
    retry = dcc.Interval(id=ids.RETRY)  # of the page shown while the database is down
    pages = [
        report_page(lang),
        not_found_page(lang),
        beheer_page(lang),
        html.Button(id=ids.BEHEER_MARKED_BUTTON),  # shown with a file's problems only
        html.Button(id=ids.beheer_undo(0)),  # one per import that can be undone, in the history
        dcc.Dropdown(id=ids.beheer_answer("place", "")),  # one per unknown value of a checked file
        html.Button(id=ids.BEHEER_REMEMBER),  # under the unknown values only
        html.Button(id=ids.beheer_forget("place", "")),  # one per remembered answer
        published_section(lang, empty_choices(regions), review=False),  # /beheer's published record
        html.Button(id=ids.beheer_pub_act("undo", 0)),  # one per change to the record it can act on
        html.Div(id=ids.ABOUT_PAGE),
        html.Div(id=ids.VIEW),
    ]
    bodies = [part for view in views for part in view_body(view, lang)]
    # a view's links that carry the selection stand in parts its update fills (a key figure's 'Trends')
    links = [dcc.Link(id=ids.view_link(view.name, ""), href="") for view in views if LINKS in view.outputs]
    return html.Div([page(reference, views, lang), retry, *pages, *bodies, *links])
