"""/beheer's part for the published record (issue 19): the workbook down and up, a form for an edition and one for
a figure, what either would change, and the history of changes with undo (and, with a second pair of eyes,
approve and decline). Only the component tree; the callbacks are in ``callbacks/beheer_published.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from core.i18n import t
from layouts import ids
from layouts.beheer import wrapping_table

#: the fields of the edition form, in order: (name, kind); a region's week is three fields, made below
EDITION_FIELDS = (
    ("year", "number"),
    ("programme", "select"),
    ("name", "text"),
    ("start_date", "date"),
    ("end_date", "date"),
    ("organiser", "text"),
    ("has_totals", "select"),
    ("source_id", "select"),
    ("quote", "textarea"),
    ("notes", "textarea"),
)
#: the fields of the figure form; a new definition and a new source are filled in only where chosen
FIGURE_FIELDS = (
    ("edition", "select"),
    ("metric", "select"),
    ("value", "number"),
    ("value_high", "number"),
    ("qualifier", "select"),
    ("published_text", "text"),
    ("region", "select"),
    ("week", "select"),
    ("basis", "select"),
    ("source_id", "select"),
    ("quote", "textarea"),
    ("note", "textarea"),
    ("new_metric", "text"),
    ("new_unit", "text"),
    ("new_definition", "textarea"),
    ("new_source_id", "text"),
    ("new_title", "text"),
    ("new_publisher", "text"),
    ("new_kind", "text"),
    ("new_date", "text"),
    ("new_label", "text"),
    ("new_url", "text"),
)
#: the choice in a definition or source list that opens the fields for a new one
NEW = "__nieuw__"
#: the value of a list's empty choice ("landelijk", "niet gepubliceerd"): a select shows an option whose value is
#: the empty text as no choice at all, so the empty choice has a value of its own, read as empty
NONE = "-"


@dataclass(frozen=True)
class Choices:
    """What the forms' lists offer: the record's editions, regions, definitions and sources, and the fixed lists."""

    editions: Sequence[tuple[str, str]]
    regions: Sequence[tuple[str, str]]
    metrics: Sequence[tuple[str, str]]
    sources: Sequence[tuple[str, str]]
    qualifiers: Sequence[str]
    programmes: Sequence[str]
    bases: Sequence[str]
    weeks: Sequence[int]


def empty_choices(regions: Sequence[str]) -> Choices:
    """Lists with nothing in them but ``regions``: enough to name every field (Dash's validation layout)."""
    return Choices([], [(region, region) for region in regions], [], [], (), (), (), ())


def edition_week_fields(region: str) -> tuple[str, str, str]:
    """The fields of a region's week in the edition form: its number, first and last day."""
    return (f"week_{region}", f"start_{region}", f"end_{region}")


def _options(pairs: Sequence[tuple[str, str]], empty: str | None = None) -> list[dict[str, str]]:
    options = [{"label": label, "value": value} for value, label in pairs]
    return ([{"label": empty, "value": NONE}] if empty is not None else []) + options


def select_options(form: str, name: str, choices: Choices, lang: str) -> list[dict[str, str]]:
    """The options of the form's list ``name``."""
    new_one = [(NEW, t("pub.new_choice", lang))]
    lists: dict[tuple[str, str], list[dict[str, str]]] = {
        ("edition", "programme"): _options([(p, t(f"pub.programme.{p}", lang)) for p in choices.programmes]),
        ("edition", "has_totals"): _options([("0", t("pub.no", lang)), ("1", t("pub.yes", lang))]),
        ("edition", "source_id"): _options(choices.sources, t("pub.choose", lang)),
        ("figure", "edition"): _options(choices.editions, t("pub.choose", lang)),
        ("figure", "metric"): _options([*choices.metrics, *new_one], t("pub.choose", lang)),
        ("figure", "qualifier"): _options([(q, t(f"pub.qualifier.{q}", lang)) for q in choices.qualifiers]),
        ("figure", "region"): _options(choices.regions, t("pub.national", lang)),
        ("figure", "week"): _options([(str(w), str(w)) for w in choices.weeks], t("pub.no_week", lang)),
        ("figure", "basis"): _options([(b, t(f"pub.basis.{b}", lang)) for b in choices.bases]),
        ("figure", "source_id"): _options([*choices.sources, *new_one], t("pub.choose", lang)),
    }
    return lists[(form, name)]


def _field(form: str, name: str, kind: str, lang: str, choices: Choices, label: str | None = None) -> dbc.Col:
    field_id = ids.beheer_pub_field(form, name)
    control: Any
    if kind in ("select", "select-week"):
        # select-week: a region's week number, or none: not published
        weeks = [(str(week), str(week)) for week in choices.weeks]
        listed = (
            select_options(form, name, choices, lang)
            if kind == "select"
            else _options(weeks, t("pub.not_published", lang))
        )
        # the first choice is the value, as the browser shows it (an empty value would show one and send none)
        control = dbc.Select(id=field_id, options=listed, value=listed[0]["value"] if listed else NONE)
    elif kind == "textarea":
        control = dbc.Textarea(id=field_id, rows=2)
    else:
        control = dbc.Input(id=field_id, type=kind, **({"step": "any"} if kind == "number" else {}))
    wide = kind == "textarea" or name in ("name", "organiser", "published_text", "new_title", "new_url")
    return dbc.Col(
        [dbc.Label(label or t(f"pub.field.{name}", lang), html_for=field_id, className="small mb-0"), control],
        md=12 if kind == "textarea" else 6 if wide else 3,
        className="mb-2",
    )


def _week_rows(lang: str, choices: Choices) -> html.Fieldset:
    """A region's week: its number and days, or left empty: 'niet gepubliceerd'."""
    rows = []
    for region, name in choices.regions:
        week, start, end = edition_week_fields(region)
        rows.append(
            dbc.Row(
                [
                    dbc.Col(html.Span(name, className="fw-semibold"), md=3, className="mb-2 pt-md-4"),
                    _field("edition", week, "select-week", lang, choices, t("pub.field.week_of", lang, region=name)),
                    _field("edition", start, "date", lang, choices, t("pub.field.start_date", lang)),
                    _field("edition", end, "date", lang, choices, t("pub.field.end_date", lang)),
                ]
            )
        )
    return html.Fieldset(
        [
            html.Legend(t("pub.weeks_legend", lang), className="h6 mt-2"),
            html.P(t("pub.weeks_hint", lang), className="small"),
            *rows,
        ]
    )


def _form(form: str, fields: Sequence[tuple[str, str]], lang: str, choices: Choices, extra: Any = None) -> html.Div:
    main = [_field(form, name, kind, lang, choices) for name, kind in fields if not name.startswith("new_")]
    parts: list[Any] = [dbc.Row(main)]
    if extra is not None:
        parts.append(extra)
    new = [_field(form, name, kind, lang, choices) for name, kind in fields if name.startswith("new_")]
    if new:
        parts.append(
            html.Fieldset(
                [
                    html.Legend(t("pub.new_legend", lang), className="h6 mt-2"),
                    html.P(t("pub.new_hint", lang), className="small"),
                    dbc.Row(new),
                ]
            )
        )
    button = ids.BEHEER_PUB_EDITION_CHECK if form == "edition" else ids.BEHEER_PUB_FIGURE_CHECK
    parts.append(html.Button(t("pub.check_button", lang), id=button, type="button", className="btn btn-primary btn-sm"))
    return html.Div(parts, className="beheer-pub-form")


def _details(summary: str, *content: Any, open_: bool = False) -> html.Details:
    return html.Details(
        [html.Summary(summary, className="h6"), html.Div(content, className="mt-2")], open=open_, className="mb-3"
    )


def published_section(lang: str, choices: Choices, review: bool, shown: Any = None) -> html.Section:
    """The published record: its workbook, the two forms, the preview and *Doorvoeren*, and its history."""
    # a real button inside the drop area, as the export's upload has: Tab reaches it, Enter opens the dialog
    pick = html.Button(t("pub.upload_pick", lang), type="button", className="btn btn-primary")
    upload = dcc.Upload(
        html.Div([pick, html.Span(" " + t("pub.upload", lang))]),
        id=ids.BEHEER_PUB_UPLOAD,
        accept=".xlsx",
        multiple=False,
        className="beheer-upload",
    )
    apply_label = t("pub.propose_button" if review else "pub.apply_button", lang)
    return html.Section(
        [
            html.H3(t("pub.title", lang), className="h4 mt-4", id="gepubliceerd"),
            html.P(t("pub.intro", lang)),
            dbc.Alert(t("pub.review_on", lang), color="info", className="py-2") if review else None,
            _details(
                t("pub.workbook_summary", lang),
                html.P(t("pub.workbook_hint", lang), className="small"),
                html.Button(
                    t("pub.download_button", lang),
                    id=ids.BEHEER_PUB_DOWNLOAD,
                    type="button",
                    className="btn btn-outline-dark btn-sm mb-2",
                ),
                dcc.Download(id=ids.BEHEER_PUB_FILE),
                upload,
                open_=True,
            ),
            _details(
                t("pub.edition_summary", lang),
                _form("edition", EDITION_FIELDS, lang, choices, _week_rows(lang, choices)),
            ),
            _details(t("pub.figure_summary", lang), _form("figure", FIGURE_FIELDS, lang, choices)),
            dcc.Store(id=ids.BEHEER_PUB_PENDING),
            html.Div(id=ids.BEHEER_PUB_PREVIEW, role="status"),
            html.Button(
                apply_label, id=ids.BEHEER_PUB_APPLY, type="button", disabled=True, className="btn btn-primary mt-2"
            ),
            html.Div(id=ids.BEHEER_PUB_RESULT, role="status", className="mt-3"),
            html.H4(t("pub.history_title", lang), className="h5 mt-4"),
            html.Div(shown, id=ids.BEHEER_PUB_HISTORY, className="beheer-history"),
        ],
        className="beheer-published",
    )


@dataclass(frozen=True)
class ChangeRow:
    """One change to the record as the history lists it, with the actions it allows."""

    cells: Sequence[str]
    actions: Sequence[tuple[str, str, str]]  # (action, button text, accessible name)
    change_id: int


def _labelled(column: str) -> dict[str, Any]:
    # data-label: on a phone each row is a card whose cells name their column (assets/app.css)
    return {"data-label": column}


def _act_button(action: str, text: str, name: str, change_id: int) -> html.Button:
    # its accessible name starts with what it shows and says which change it acts on
    named: dict[str, Any] = {"aria-label": name}
    colour = "btn-outline-success" if action == "approve" else "btn-outline-danger"
    return html.Button(
        text,
        id=ids.beheer_pub_act(action, change_id),
        type="button",
        className=f"btn btn-sm text-nowrap me-1 {colour}",
        **named,
    )


def history_table(columns: Sequence[str], rows: Sequence[ChangeRow], empty: str) -> Any:
    """Every change to the record, newest first, with *Ongedaan maken*, *Goedkeuren* or *Afwijzen* where it can."""
    if not rows:
        return html.P(empty, className="text-body-secondary")
    head = html.Thead(html.Tr([html.Th(column, scope="col") for column in columns]))
    body = []
    for row in rows:
        buttons = [_act_button(action, text, name, row.change_id) for action, text, name in row.actions]
        cells = [html.Td(cell, **_labelled(columns[i])) for i, cell in enumerate(row.cells)]
        body.append(html.Tr([*cells, html.Td(buttons, **_labelled(columns[-1]))]))
    return html.Table([head, html.Tbody(body)], className="table table-sm beheer-table beheer-history-table")


def preview(summary: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], color: str = "info") -> html.Div:
    """What the workbook or form would change (or its problems): a sentence and a table, a row per field."""
    return html.Div(
        [dbc.Alert(summary, color=color, className="mt-3 mb-2"), wrapping_table(columns, rows)],
        className="beheer-pub-changes",
    )
