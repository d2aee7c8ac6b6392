"""The /beheer page (issue 18): upload an export, see every problem or what it would change, then import it.

Only the component tree; the callbacks are in ``callbacks/beheer.py``. Every id starts with ``ids.BEHEER_PREFIX``:
the server refuses those callbacks to anyone who is not an editor (``dashboard.guard``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from core.i18n import t
from layouts import ids
from layouts.components import markdown_table, table

#: the kinds of export, in the order the page offers them
KINDS = ("activities", "evaluations")
#: the template formats offered beside the upload
TEMPLATE_SUFFIXES = ("xlsx", "csv")
#: at most this many changed rows are listed; the count says how many there are
MAX_CHANGED_LISTED = 500
#: up to this many rows a table is made of cells; more are one Markdown component (the renderer spends
#: milliseconds on each component it mounts; see layouts.components.markdown_table)
MAX_CELL_ROWS = 200


def _kind_choice(lang: str) -> html.Fieldset:
    options = [{"label": t("beheer.kind_auto", lang), "value": "auto"}] + [
        {"label": t(f"ingest.kind.{kind}", lang).capitalize(), "value": kind} for kind in KINDS
    ]
    return html.Fieldset(
        [
            html.Legend(t("beheer.kind_legend", lang), className="h6"),
            dbc.RadioItems(id=ids.BEHEER_KIND, options=options, value="auto", inline=True),
        ],
        className="mb-3",
    )


#: what an import does to the edition's earlier imported rows: replace them (the default) or add to them
MODES = ("replace", "append")


def _mode_choice(lang: str) -> html.Fieldset:
    """Replace or add: a corrected export replaces the edition's rows; adding (keeping the rows the file lacks)
    is a choice the editor makes, never the default."""
    options = [{"label": t(f"beheer.mode_{mode}", lang), "value": mode} for mode in MODES]
    return html.Fieldset(
        [
            html.Legend(t("beheer.mode_legend", lang), className="h6"),
            dbc.RadioItems(id=ids.BEHEER_MODE, options=options, value=MODES[0]),
        ],
        className="mb-3",
    )


def _templates(lang: str) -> html.Div:
    """The empty templates to fill, beside the upload."""
    buttons = [
        html.Button(
            t("beheer.template_button", lang, kind=t(f"ingest.kind.{kind}", lang), suffix=suffix),
            id=ids.beheer_template(kind, suffix),
            type="button",
            className="btn btn-outline-dark btn-sm",
        )
        for kind in KINDS
        for suffix in TEMPLATE_SUFFIXES
    ]
    return html.Div(
        [
            html.H3(t("beheer.templates_title", lang), className="h6"),
            html.Div(buttons, className="d-flex flex-wrap gap-2"),
            dcc.Download(id=ids.BEHEER_TEMPLATE_FILE),
        ],
        className="beheer-templates mb-3",
    )


def _upload(lang: str) -> dcc.Upload:
    # a real button inside the drop area: Tab reaches it and Enter opens the file dialog (its click reaches the
    # upload), where the area itself takes no keyboard focus
    pick = html.Button(t("beheer.upload_pick", lang), type="button", className="btn btn-primary")
    return dcc.Upload(
        html.Div([pick, html.Span(" " + t("beheer.upload_drop", lang))]),
        id=ids.BEHEER_UPLOAD,
        accept=".xlsx,.csv",
        multiple=False,
        className="beheer-upload",
    )


@dataclass(frozen=True)
class HistoryRow:
    """One import as the history table shows it: its cells as text (what a file or user name says is shown as
    text, never read as HTML), its full fingerprint for the tooltip, and its number where it can be undone."""

    cells: Sequence[str]
    sha256: str
    undo: int | None = None
    undo_label: str = ""


#: the column of the history that holds the short SHA-256 (its full value is the cell's tooltip)
SHA_COLUMN = 5


def _labelled(column: str) -> dict[str, Any]:
    # data-label: on a phone each row is a card whose cells name their column (assets/app.css)
    return {"data-label": column}


def _history_cell(column: str, index: int, cell: str, row: HistoryRow) -> html.Td:
    content: Any = html.Span(cell, title=row.sha256, className="font-monospace") if index == SHA_COLUMN else cell
    return html.Td(content, **_labelled(column))


def _undo_cell(column: str, row: HistoryRow, button: str) -> html.Td:
    if row.undo is None:
        return html.Td(None, **_labelled(column))
    # its accessible name starts with what it shows and says which import it undoes
    named: dict[str, Any] = {"aria-label": row.undo_label}
    pressed = html.Button(
        button,
        id=ids.beheer_undo(row.undo),
        type="button",
        className="btn btn-outline-danger btn-sm text-nowrap",
        **named,
    )
    return html.Td(pressed, **_labelled(column))


def history_table(columns: Sequence[str], rows: Sequence[HistoryRow], button: str, empty: str) -> Any:
    """Every import, newest first, a row each, with *Ongedaan maken* where it can be undone."""
    if not rows:
        return html.P(empty, className="text-body-secondary")
    head = html.Thead(html.Tr([html.Th(column, scope="col") for column in columns]))
    body = html.Tbody(
        [
            html.Tr(
                [_history_cell(columns[i], i, cell, row) for i, cell in enumerate(row.cells)]
                + [_undo_cell(columns[-1], row, button)]
            )
            for row in rows
        ]
    )
    return html.Table([head, body], className="table table-sm beheer-table beheer-history-table")


def _undo_modal(lang: str) -> dbc.Modal:
    """The question before an undo: which import, and 'Ja, ongedaan maken' or 'Annuleren'."""
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle(t("beheer.undo_title", lang))),
            dbc.ModalBody(html.P(id=ids.BEHEER_UNDO_QUESTION)),
            dbc.ModalFooter(
                [
                    html.Button(
                        t("beheer.undo_cancel", lang),
                        id=ids.BEHEER_UNDO_CANCEL,
                        type="button",
                        className="btn btn-outline-dark",
                    ),
                    html.Button(
                        t("beheer.undo_confirm", lang),
                        id=ids.BEHEER_UNDO_CONFIRM,
                        type="button",
                        className="btn btn-danger",
                    ),
                ]
            ),
        ],
        id=ids.BEHEER_UNDO_ASK,
        is_open=False,
    )


def history_section(lang: str, shown: Any = None) -> html.Section:
    """The history of imports (``shown``: its table, as the callbacks make it), the undo's question and answer,
    and the audit log to download."""
    return html.Section(
        [
            html.H3(t("beheer.history_title", lang), className="h4 mt-4"),
            html.P(t("beheer.history_intro", lang) + " " + t("history.legend", lang), className="small"),
            html.Button(
                t("beheer.audit_button", lang),
                id=ids.BEHEER_AUDIT_BUTTON,
                type="button",
                className="btn btn-outline-dark btn-sm mb-3",
            ),
            dcc.Download(id=ids.BEHEER_AUDIT_FILE),
            html.Div(id=ids.BEHEER_UNDO_RESULT, role="status"),
            dcc.Store(id=ids.BEHEER_UNDO_TARGET),
            _undo_modal(lang),
            html.Div(shown, id=ids.BEHEER_HISTORY, className="beheer-history"),
        ],
        className="beheer-history-section",
    )


@dataclass(frozen=True)
class Asked:
    """One unknown value as the page asks about it: where, as written, on how many lines, what it may mean."""

    value_kind: str
    written: str
    label: str  # 'Plaats: bergen (2 regels)'
    candidates: Sequence[str]
    #: how each candidate reads, where it says more than the candidate itself ('09-02-2021 (9 februari 2021)')
    shown: Sequence[str] = ()


def questions(lang: str, asked: Sequence[Asked]) -> html.Section:
    """'Onbekende waarden': a dropdown of candidates per unknown value, and the button that remembers the choices and
    checks the file again."""
    rows = [
        html.Div(
            [
                html.Label(item.label, className="form-label mb-1"),
                dcc.Dropdown(
                    id=ids.beheer_answer(item.value_kind, item.written),
                    options=[
                        {"label": label, "value": option}
                        for option, label in zip(item.candidates, item.shown or item.candidates, strict=True)
                    ],
                    placeholder=t("beheer.question_choose", lang),
                    clearable=True,
                ),
            ],
            className="mb-2",
        )
        for item in asked
    ]
    button = html.Button(
        t("beheer.remember_button", lang), id=ids.BEHEER_REMEMBER, type="button", className="btn btn-primary"
    )
    intro = html.P(t("beheer.questions_intro", lang), className="small")
    return html.Section([html.H3(t("beheer.questions_title", lang), className="h5 mt-3"), intro, *rows, button])


@dataclass(frozen=True)
class MappingRow:
    """One remembered answer as the table shows it."""

    value_kind: str
    written: str
    cells: Sequence[str]  # column, written, meaning, by, when


def mappings_table(lang: str, rows: Sequence[MappingRow]) -> Any:
    """The remembered answers, each with a button that deletes it (the next upload then asks again)."""
    if not rows:
        return html.P(t("beheer.mappings_empty", lang), className="small")
    names = ("column", "written", "meaning", "by", "at", "action")
    head = html.Thead(html.Tr([html.Th(t(f"beheer.mapping_col_{name}", lang), scope="col") for name in names]))
    body = html.Tbody([html.Tr([*(html.Td(cell) for cell in row.cells), _forget_cell(lang, row)]) for row in rows])
    return html.Table([head, body], className="table table-sm table-striped beheer-table")


def _forget_cell(lang: str, row: MappingRow) -> html.Td:
    # its accessible name says which value it forgets, not only 'Verwijderen'
    named: dict[str, Any] = {"aria-label": t("beheer.forget_label", lang, written=row.written)}
    button = html.Button(
        t("beheer.forget_button", lang),
        id=ids.beheer_forget(row.value_kind, row.written),
        type="button",
        className="btn btn-outline-danger btn-sm",
        **named,
    )
    return html.Td(button)


def mappings_section(lang: str, shown: Any = None) -> html.Section:
    """'Vertalingen': what editors said unknown values mean (``shown``: its table, as the callbacks make it)."""
    return html.Section(
        [
            html.H3(t("beheer.mappings_title", lang), className="h4 mt-4"),
            html.P(t("beheer.mappings_intro", lang), className="small"),
            html.Div(id=ids.BEHEER_MAPPINGS_RESULT, role="status"),
            html.Div(shown, id=ids.BEHEER_MAPPINGS, className="beheer-mappings"),
        ],
        className="beheer-mappings-section",
    )


def _checking(lang: str) -> html.Div:
    """While a file is checked (a background job): how far it is, and a button to stop it."""
    named: dict[str, Any] = {"aria-labelledby": ids.BEHEER_PROGRESS_TEXT}
    return html.Div(
        [
            # the browser's own progress bar, named by the sentence under it (a screen reader says both)
            html.Progress(
                id=ids.BEHEER_PROGRESS,
                value="0",
                max="100",
                className="beheer-progress mb-2",
                **named,
            ),
            html.Div(id=ids.BEHEER_PROGRESS_TEXT, role="status", className="small"),
            html.Button(
                t("beheer.cancel_button", lang),
                id=ids.BEHEER_CANCEL,
                type="button",
                className="btn btn-outline-dark btn-sm mt-2",
            ),
        ],
        id=ids.BEHEER_CHECKING,
        hidden=True,
        className="beheer-checking mt-3",
    )


def beheer_page(lang: str = "nl", history: Any = None, mappings: Any = None, published: Any = None) -> html.Div:
    """The page for an editor: kind, upload and templates; what the check found; the import and its result; the
    history of imports (``history``: its table) with undo and the audit log; then the published record
    (``published``: its section, ``layouts.beheer_published``)."""
    return html.Div(
        [
            html.H2(t("beheer.title", lang)),
            html.P(t("beheer.intro", lang)),
            _templates(lang),  # first: an editor fills one in before there is anything to upload
            # side by side on a wide screen: the upload, its progress and its answer then fit on a shared one
            dbc.Row([dbc.Col(_kind_choice(lang), lg=5), dbc.Col(_mode_choice(lang), lg=7)]),
            _upload(lang),
            html.P(t("beheer.limits", lang), className="small text-body-secondary mt-2"),
            dcc.Store(id=ids.BEHEER_FILE),
            dcc.Store(id=ids.BEHEER_CHECKED),
            dcc.Store(id=ids.BEHEER_RECHECK),
            dcc.Store(id=ids.BEHEER_MARKED),
            dcc.Download(id=ids.BEHEER_MARKED_FILE),
            _checking(lang),
            html.Div(id=ids.BEHEER_CHECK, role="status"),
            html.Button(
                t("beheer.import_button", lang),
                id=ids.BEHEER_IMPORT,
                type="button",
                disabled=True,
                className="btn btn-primary mt-3",
            ),
            html.Div(
                [dbc.Spinner(size="sm", spinner_class_name="me-2"), t("beheer.importing", lang)],
                id=ids.BEHEER_IMPORTING,
                hidden=True,
                role="status",
                className="mt-3",
            ),
            html.Div(id=ids.BEHEER_RESULT, role="status", className="mt-3"),
            mappings_section(lang, mappings),
            history_section(lang, history),
            published,
        ],
        id=ids.BEHEER_PAGE,
        className="beheer-page py-3",
    )


def locked_page(lang: str, how_key: str, **values: object) -> html.Div:
    """What a visitor who is no editor sees (with status 403): that the page is for editors, and how to get in."""
    return html.Div(
        [html.H2(t("beheer.title", lang)), dbc.Alert(t(how_key, lang, **values), color="warning")],
        id=ids.BEHEER_PAGE,
        className="beheer-page py-3",
    )


def refused(message: str) -> dbc.Alert:
    """A file refused before it was checked (too large, no xlsx or csv, ...)."""
    return dbc.Alert(message, color="danger", className="mt-3 beheer-refused")


def problems(
    heading: str, lines: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], button: str, asked: Any = None
) -> html.Div:
    """Every problem of a file, a row each (one Markdown table however many), and the marked file to download;
    under them (``asked``) the unknown values to explain."""
    return html.Div(
        [
            dbc.Alert([html.H3(heading, className="h5"), html.P(lines, className="mb-0")], color="danger"),
            html.Button(button, id=ids.BEHEER_MARKED_BUTTON, type="button", className="btn btn-danger mb-3"),
            html.Div(wrapping_table(columns, rows), className="beheer-problems"),
            asked,
        ],
        className="mt-3",
    )


def wrapping_table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> Any:
    """A table whose cells wrap (a long place name or message breaks rather than pushing the page sideways on a
    phone); Markdown, one component, when it has many rows."""
    if len(rows) > MAX_CELL_ROWS:
        return markdown_table(columns, rows)
    head = html.Thead(html.Tr([html.Th(column, scope="col") for column in columns]))
    body = html.Tbody([html.Tr([html.Td(cell) for cell in row]) for row in rows])
    return html.Table([head, body], className="table table-sm table-striped beheer-table")


def section(title: str, *content: Any) -> html.Section:
    return html.Section([html.H3(title, className="h5 mt-3"), *content])


def preview(
    summary: str,
    counts: tuple[Sequence[str], Sequence[Sequence[Any]]],
    changed: tuple[str, Sequence[str], Sequence[Sequence[Any]]],
    totals: tuple[str, Sequence[str], Sequence[Sequence[Any]]],
) -> html.Div:
    """What the file would change: counts of rows, the changed rows field by field, rows per region and week."""
    changed_title, changed_columns, changed_rows = changed
    totals_title, totals_columns, totals_rows = totals
    parts: list[Any] = [dbc.Alert(summary, color="info", className="mt-3 mb-2"), table(*counts)]
    if changed_rows:
        parts.append(section(changed_title, wrapping_table(changed_columns, changed_rows[:MAX_CHANGED_LISTED])))
    parts.append(section(totals_title, table(totals_columns, totals_rows)))
    return html.Div(parts, className="beheer-preview")


def result(message: Any, color: str = "success") -> dbc.Alert:
    """What the import did, or why it did not."""
    return dbc.Alert(message, color=color, className="beheer-done")
