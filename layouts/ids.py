"""Every component id of the dashboard: named constants for the shell, ``part()`` for a view's own."""

from typing import Any

URL = "url"
SELECTION = "selection"  # dcc.Store: the validated Selection, which the views draw
# dcc.Store: what a view's answer to a filter click changes beside the view (the address, the Store, the links),
# set on the page once the controls still say what was sent (callbacks.state.publish)
PUBLISHED = "published"
# dcc.Stores: the address (path and query) the page says already, and the last one it did not, which the address's
# callback follows (callbacks.state: a query the page wrote itself is not read back)
ADDRESS_SEEN = "address-seen"
ADDRESS = "address"
#: dcc.Store: whether the address opens every chart's explanation (``toelichting=1``); set only when that changes,
#: so a filter click sets off no callback of the explanations (issue 21)
NOTES_OPEN = "notes-open"
#: dcc.Store: which page (and in which language) the page container holds, as the router last built it
RENDERED_PAGE = "rendered-page"
SCREEN = "screen"  # dcc.Store: the window's width class, "narrow" or "wide" (core.views; set in the browser)
ERROR_ALERT = "error-alert"
#: dcc.Interval on the page shown while the database is down: it asks /healthz and reloads once it answers
RETRY = "retry-when-back"
DEMO_BANNER = "demo-banner"
DASHBOARD_PAGE = "dashboard-page"
ABOUT_PAGE = "about-page"
NOT_FOUND_PAGE = "not-found-page"
NOT_FOUND_DASHBOARD = "not-found-dashboard"  # its ways on: the dashboard and the about page
NOT_FOUND_ABOUT = "not-found-about"
REPORT_PAGE = "report-page"  # the printable briefing (/rapport)
REPORT_CONTENT = "report-content"
REPORT_PRINT = "report-print"  # its 'Afdrukken' button
REPORT_PRINTED = "report-printed"  # dcc.Store: the print dialog's (unused) clientside output
REPORT_BACK = "report-back"  # its link back to the dashboard with the same selection
REPORT_LINK = "report-link"  # on the dashboard: the briefing of the current selection
NAV_DASHBOARD = "nav-dashboard"
NAV_ABOUT = "nav-about"
LANG_TOGGLE = "lang-toggle"  # a plain link to the same view in the other language: the page loads anew in it
SHOWN = "shown"  # a view's part (a Store) that holds a digest of each of its other parts
COPY_LINK = "copy-link"  # copies the address of the current view
COPY_LINK_STATUS = "copy-link-status"  # says (to eyes and screen readers) whether it was copied

EDITIONS = "filter-editions"
EDITIONS_PREDECESSOR = "filter-editions-predecessor"
REGION = "filter-region"
FILTER_CARD = "filter-card"  # the filter bar's card: its class says whether the Filters panel is open (a phone)
WEEK = "filter-week"
METRIC = "filter-metric"
COLOUR = "filter-colour"
COMPARE = "filter-compare"
COMPARE_GROUP = "filter-compare-group"
# each control with its label, shown only on the views it acts on (View.controls)
EDITIONS_GROUP = "filter-editions-group"
EDITIONS_PREDECESSOR_GROUP = "filter-editions-predecessor-group"
REGION_GROUP = "filter-region-group"
WEEK_GROUP = "filter-week-group"
METRIC_GROUP = "filter-metric-group"
COLOUR_GROUP = "filter-colour-group"
FILTERS_NONE = "filters-none"  # said instead when no control acts on the view
RESET = "filter-reset"
PRESENT = "present-toggle"  # enter or leave presentation mode
SHELL = "shell"  # the page's outermost element: carries the presentation class
FILTER_SUMMARY = "filter-summary"
#: beside the summary: what the opened link held that the page did not use, until the first change
LINK_NOTE = "link-note"
LINK_NOTE_TEXT = "link-note-text"
LINK_NOTE_CLOSE = "link-note-close"
FILTER_TOGGLE = "filter-toggle"
FILTER_COLLAPSE = "filter-collapse"
DOWNLOAD_BUTTON = "download-button"
DOWNLOAD = "download"
#: per-chart exports: pattern-matching ids, one set per graph_panel (see chart_control)
CHART_DOWNLOAD = "chart-download"  # a data file: format csv/xlsx, scope selection/all
CHART_IMAGE = "chart-image"  # an image drawn in the browser: format png/svg
CHART_FILE = "chart-file"  # the panel's dcc.Download
CHART_EXPORT_NOTE = "chart-export-note"  # says why a file holds no rows
CHART_IMAGE_DONE = "chart-image-done"  # the clientside image export's (unused) output

#: /beheer (issue 18): every component id starts with this; the server refuses their callbacks to non-editors
BEHEER_PREFIX = "beheer-"
BEHEER_PAGE = "beheer-page"
BEHEER_KIND = "beheer-kind"  # which export: recognised from the headings, or picked
BEHEER_CHECKING = "beheer-checking"  # shown while a file is checked: its progress and a button to stop
BEHEER_PROGRESS = "beheer-progress"
BEHEER_PROGRESS_TEXT = "beheer-progress-text"
BEHEER_CANCEL = "beheer-cancel"
BEHEER_RECHECK = "beheer-recheck"  # set when the editor's answers are saved: the file is checked again
BEHEER_IMPORTING = "beheer-importing"  # shown while Importeren runs
BEHEER_MODE = "beheer-mode"  # replace the edition's imported rows (the default) or, explicitly, add to them
BEHEER_UPLOAD = "beheer-upload"  # dcc.Upload: the file, read in the browser
BEHEER_FILE = "beheer-file"  # dcc.Store: the file as the server is sent it (or its size, when too large)
BEHEER_TEMPLATE_FILE = "beheer-template-file"  # its dcc.Download
BEHEER_CHECK = "beheer-check"  # what the check found: problems, or the preview
BEHEER_CHECKED = "beheer-checked"  # dcc.Store: the checked file's fingerprint, kind and whether it is clean
BEHEER_MARKED = "beheer-marked"  # dcc.Store: the file back with its problem cells marked (base64 xlsx)
BEHEER_MARKED_BUTTON = "beheer-marked-button"
BEHEER_MARKED_FILE = "beheer-marked-file"  # its dcc.Download
BEHEER_IMPORT = "beheer-import"  # the 'Importeren' button
BEHEER_RESULT = "beheer-result"  # what the import did
BEHEER_HISTORY = "beheer-history"  # every import, newest first, with its undo button
BEHEER_UNDO = "beheer-undo"  # the type of an import's 'Ongedaan maken' button: {"type": BEHEER_UNDO, "index": id}
BEHEER_UNDO_ASK = "beheer-undo-ask"  # dbc.Modal: which import is about to be undone, and 'Ja' or 'Annuleren'
BEHEER_UNDO_QUESTION = "beheer-undo-question"  # the modal's text naming the import
BEHEER_UNDO_TARGET = "beheer-undo-target"  # dcc.Store: the import the modal asks about
BEHEER_UNDO_CONFIRM = "beheer-undo-confirm"  # 'Ja, ongedaan maken'
BEHEER_UNDO_CANCEL = "beheer-undo-cancel"  # 'Annuleren'
BEHEER_UNDO_RESULT = "beheer-undo-result"  # what the undo did, or why it was refused
BEHEER_AUDIT_BUTTON = "beheer-audit-button"  # 'Auditlog downloaden'
BEHEER_AUDIT_FILE = "beheer-audit-file"  # its dcc.Download
BEHEER_ANSWER = "beheer-answer"  # type of an unknown value's dcc.Dropdown: {"type", "kind", "written"}
BEHEER_REMEMBER = "beheer-remember"  # 'Onthouden en opnieuw controleren', under the unknown values
BEHEER_MAPPINGS = "beheer-mappings"  # the remembered answers ('Vertalingen'), a delete button each
BEHEER_FORGET = "beheer-forget"  # type of a mapping's delete button: {"type", "kind", "written"}
BEHEER_MAPPINGS_RESULT = "beheer-mappings-result"  # what a delete did
# the published record (issue 19): editions, weeks, figures and sources, by workbook or by form
BEHEER_PUB_DOWNLOAD = "beheer-pub-download"  # 'Werkboek downloaden'
BEHEER_PUB_FILE = "beheer-pub-file"  # its dcc.Download
BEHEER_PUB_UPLOAD = "beheer-pub-upload"  # dcc.Upload: the workbook back
BEHEER_PUB_EDITION_CHECK = "beheer-pub-edition-check"  # the edition form's 'Controleren'
BEHEER_PUB_FIGURE_CHECK = "beheer-pub-figure-check"  # the figure form's 'Controleren'
BEHEER_PUB_PREVIEW = "beheer-pub-preview"  # what the workbook or form would change, or its problems
BEHEER_PUB_PENDING = "beheer-pub-pending"  # dcc.Store: the rows (form) or file (workbook) the preview showed
BEHEER_PUB_APPLY = "beheer-pub-apply"  # 'Doorvoeren' (or 'Voorstellen' with a second pair of eyes)
BEHEER_PUB_RESULT = "beheer-pub-result"  # what it did
BEHEER_PUB_HISTORY = "beheer-pub-history"  # every change to the record, with undo, approve, decline
BEHEER_PUB_ACT = "beheer-pub-act"  # type of a change's button: {"type", "action": undo/approve/decline, "index"}

TABS = "view-tabs"
VIEW = "view"


def beheer_template(kind: str, suffix: str) -> str:
    """The button on /beheer that downloads the empty template of ``kind`` as ``suffix`` (xlsx, csv)."""
    return f"{BEHEER_PREFIX}template-{kind}-{suffix}"


def beheer_answer(value_kind: str, written: str) -> dict[str, object]:
    """The dropdown that asks what ``written`` in a ``value_kind`` column means."""
    return {"type": BEHEER_ANSWER, "kind": value_kind, "written": written}


def beheer_forget(value_kind: str, written: str) -> dict[str, object]:
    """The delete button of the mapping of ``written`` in a ``value_kind`` column."""
    return {"type": BEHEER_FORGET, "kind": value_kind, "written": written}


#: the type of a chart's folded explanation (html.Details 'Toelichting'): {"type", "view", "chart"}
EXPLANATION = "explanation"


def explanation(view: str, chart: str) -> dict[str, str]:
    """A chart's 'Toelichting', opened together with every other by toelichting=1 in the link."""
    return {"type": EXPLANATION, "view": view, "chart": chart}


def beheer_pub_field(form: str, name: str) -> str:
    """A field of /beheer's edition or figure form (a plain id: its label names it with ``for``)."""
    return f"{BEHEER_PREFIX}pub-{form}-{name}"


def beheer_pub_act(action: str, change_id: int) -> dict[str, object]:
    """Undo, approve or decline change ``change_id`` of the published record."""
    return {"type": BEHEER_PUB_ACT, "action": action, "index": change_id}


def beheer_undo(import_id: object) -> dict[str, object]:
    """The 'Ongedaan maken' button of import ``import_id`` (a pattern id: one per row of the history)."""
    return {"type": BEHEER_UNDO, "index": import_id}


def tab_link(slug: str) -> str:
    """Id of the link that opens the view with URL value ``slug``."""
    return f"view-tab-{slug}"


#: a link inside a view's part that carries the selection (a key figure's 'Trends'): its address is an output of
#: the view's own (core.views.LINKS), so a filter click changes the address, not the part around it (issue 21)
VIEW_LINK = "view-link"


def view_link(view: str, name: str) -> dict[str, str]:
    """Id of link ``name`` (a key figure's name) in a part of view ``view``."""
    return {"type": VIEW_LINK, "view": view, "name": name}


def part(view: str, name: str) -> str:
    """Id of part ``name`` ('graph', 'text', ...) of view ``view``: 'map-graph'."""
    return f"{view}-{name}"


def report_part(view: str, name: str) -> str:
    """Id of a view's part as the briefing shows it: 'report-map-graph', never the dashboard's own id."""
    return f"report-{part(view, name)}"


def chart_key(prefix: str) -> str:
    """The name of a chart within its view: 'main', or its panel prefix without the separator ('monitor')."""
    return prefix.rstrip("-_") or "main"


def chart_control(kind: str, view: Any, chart: Any, **extra: Any) -> dict[str, Any]:
    # view, chart and extras may be Dash wildcards (MATCH, ALL) in callback declarations
    """Pattern-matching id of one of a chart's export parts: {'type': kind, 'view': ..., 'chart': ..., ...}."""
    return {"type": kind, "view": view, "chart": chart, **extra}
