"""/beheer's part for the published record (issue 19): plain functions, then the wiring.

The workbook and the forms end in the same check (``ingest.published.flow``) and the same preview. What the
browser sends back with *Doorvoeren* is what it was shown (the form's fields, or the workbook's bytes), never
the changes themselves: the server checks it again in its own transaction and applies it only if it makes the
very changes the preview listed (their fingerprint), so a tampered Store can write nothing the check refuses.
Every callback asks ``editor()`` again, behind the guard that refuses /beheer's callbacks to anyone else.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Sequence
from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, dcc
from dash.exceptions import PreventUpdate
from sqlalchemy.exc import SQLAlchemyError

from callbacks.beheer import acting_user, refusal_text
from callbacks.common import editor, lang, runtime
from core.formatting import fmt_utc
from core.i18n import messages_in, t
from data_access import queries, schema
from data_access.engine import Bind, connected
from ingest import bundled, published
from ingest.importer import upload as files
from ingest.problems import Problem
from ingest.published import flow
from ingest.published.changes import Change, Entry
from ingest.published.record import BY_SHEET, heading, read_record
from layouts import beheer_published as page
from layouts import ids
from layouts.beheer import result

log = logging.getLogger(__name__)

EDITION_NAMES = [name for name, _ in page.EDITION_FIELDS]
FIGURE_NAMES = [name for name, _ in page.FIGURE_FIELDS]
#: the longest text a form field may send (a quote is a sentence or two; a definition a paragraph)
MAX_FIELD = 4000


def _review() -> bool:
    return runtime().review


# --- the page ---------------------------------------------------------------------------------------------------


def choices(bind: Bind) -> page.Choices:
    """What the forms' lists offer, from the record as ``bind`` holds it."""
    with connected(bind) as conn:
        record = read_record(conn)
    regions = queries.regions(bind)
    return page.Choices(
        editions=[(str(row["year"]), f"{row['year']} · {row['name']}") for _, row in reversed(record["edities"])],
        regions=[(row.region, row.name) for row in regions.itertuples()],
        metrics=[(row["metric"], f"{row['metric']} ({row['unit']})") for _, row in record["definities"]],
        sources=[
            (row["source_id"], f"{row['title']} ({row['publisher']}, {row['published_label']})")
            for _, row in record["bronnen"]
        ],
        qualifiers=schema.QUALIFIERS,
        programmes=schema.PROGRAMMES,
        bases=schema.BASES,
        weeks=tuple(range(1, 6)),
    )


def section(language: str) -> Any:
    """The published record's part of /beheer, for an editor."""
    engine = runtime().writer_engine()
    return page.published_section(language, choices(engine), _review(), history_component(language))


def _actions(entry: Entry, language: str) -> list[tuple[str, str, str]]:
    name = t(
        "pub.change_name", language, id=entry.change_id, summary=published.changes.summary_of(entry.changes, language)
    )
    if entry.status == published.changes.APPLIED:
        return [("undo", t("beheer.undo_button", language), f"{t('beheer.undo_button', language)}: {name}")]
    if entry.status == published.changes.PROPOSED:
        return [
            ("approve", t("pub.approve_button", language), f"{t('pub.approve_button', language)}: {name}"),
            ("decline", t("pub.decline_button", language), f"{t('pub.decline_button', language)}: {name}"),
        ]
    return []


def history_component(language: str) -> Any:
    """Every change to the record, newest first, with what each allows."""
    found = published.entries(runtime().writer_engine())
    columns = [
        t(f"pub.history.{name}", language)
        for name in ("id", "when", "who", "via", "status", "summary", "decided", "action")
    ]
    rows = [
        page.ChangeRow(
            cells=[
                str(entry.change_id),
                fmt_utc(entry.proposed_at),
                entry.proposed_by,
                entry.via,
                t(f"pub.status.{entry.status}", language),
                f"{published.changes.summary_of(entry.changes, language)}: {_changed_keys(entry.changes)}",
                f"{entry.decided_by} ({fmt_utc(entry.decided_at)})" if entry.decided_by and entry.decided_at else "",
            ],
            actions=_actions(entry, language),
            change_id=entry.change_id,
        )
        for entry in found[:100]
    ]
    return page.history_table(columns, rows, t("pub.history_empty", language))


def _key_text(change: Change) -> str:
    return " · ".join("–" if value is None else str(value) for value in change.key)


def _changed_keys(changes: Sequence[Change]) -> str:
    shown = [f"{change.sheet} {_key_text(change)}" for change in changes[:5]]
    return "; ".join(shown) + (" …" if len(changes) > 5 else "")


# --- what a workbook or form would change -----------------------------------------------------------------------


def _shown(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def change_rows(changes: Sequence[Change], language: str) -> list[list[str]]:
    """The preview's rows: per changed field its sheet, row, field, value before and after."""
    rows: list[list[str]] = []
    for change in changes:
        what = "new" if change.before is None else "removed" if change.after is None else "changed"
        for name in change.fields:
            if name in ("origin", "is_synthetic"):
                continue
            before = None if change.before is None else change.before.get(name)
            after = None if change.after is None else change.after.get(name)
            if what != "changed" and before is None and after is None:
                continue
            rows.append(
                [
                    change.sheet,
                    _key_text(change),
                    t(f"pub.what.{what}", language),
                    heading(name),
                    _shown(before),
                    _shown(after),
                ]
            )
    return rows


def problem_rows(problems: Sequence[Problem], language: str) -> list[list[str]]:
    """The problems' rows: sheet (or form), line, column, what is wrong."""
    return [
        [
            p.file or t("pub.form", language),
            t("pub.form", language) if p.line == flow.FORM_LINE else str(p.line),
            p.column,
            p.message,
        ]
        for p in problems
    ]


def fingerprint(changes: Sequence[Change]) -> str:
    """What the preview showed, so *Doorvoeren* applies that and nothing else."""
    encoded = json.dumps([change.encoded() for change in changes], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def answer(checked: flow.Checked, pending: dict[str, Any], language: str) -> dict[str, Any]:
    """The preview of a check (problems, or the changes and *Doorvoeren* on), and what to send back with it."""
    if checked.problems:
        summary = t("pub.problems", language, n=len(checked.problems))
        columns = [t(f"pub.problem.{name}", language) for name in ("sheet", "line", "column", "message")]
        shown = page.preview(summary, columns, problem_rows(checked.problems, language), "danger")
        return {"preview": shown, "pending": None, "ready": True, "result": None}
    if not checked.changes:
        return {
            "preview": result(t("pub.nothing", language), "secondary"),
            "pending": None,
            "ready": True,
            "result": None,
        }
    found = published.changes.counts(checked.changes)
    summary = t("pub.would_change", language, **found)
    columns = [t(f"pub.change.{name}", language) for name in ("sheet", "row", "what", "field", "before", "after")]
    shown = page.preview(summary, columns, change_rows(checked.changes, language))
    return {
        "preview": shown,
        "pending": {**pending, "sha": fingerprint(checked.changes)},
        "ready": False,
        "result": None,
    }


def _text(value: object) -> str:
    """A form field as text: what the browser sent, if it is text or a number, within bounds; else nothing."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)) or value == page.NONE:
        return ""
    return str(value).strip()[:MAX_FIELD]


def edition_rows(values: dict[str, str], regions: Sequence[str]) -> tuple[dict[str, list[dict[str, str]]], int | None]:
    """The edition form as rows of the record: the edition, and a week per region that has one."""
    year = values.get("year", "")
    edition = {name: values.get(name, "") for name in BY_SHEET["edities"].columns}
    weeks = []
    for region in regions:
        number, start, end = (values.get(field, "") for field in page.edition_week_fields(region))
        if number or start or end:
            weeks.append(
                {
                    "edition": year,
                    "week": number,
                    "region": region,
                    "start_date": start,
                    "end_date": end,
                    "source_id": edition["source_id"],
                }
            )
    weeks_of = int(year) if year.isdigit() else None
    return {"edities": [edition], "weken": weeks}, weeks_of


def figure_rows(values: dict[str, str]) -> dict[str, list[dict[str, str]]]:
    """The figure form as rows of the record: the figure, and a new definition or source where one was chosen."""
    rows: dict[str, list[dict[str, str]]] = {}
    figure = {name: values.get(name, "") for name in BY_SHEET["cijfers"].columns}
    if values.get("metric") == page.NEW:
        figure["metric"] = values.get("new_metric", "")
        programme = "ehealthweek" if "ehw" in figure["metric"] else "sze"
        rows["definities"] = [
            {
                "metric": figure["metric"],
                "programme": programme,
                "unit": values.get("new_unit", ""),
                "definition": values.get("new_definition", ""),
            }
        ]
    if values.get("source_id") == page.NEW:
        figure["source_id"] = values.get("new_source_id", "")
        rows["bronnen"] = [
            {
                "source_id": figure["source_id"],
                "title": values.get("new_title", ""),
                "publisher": values.get("new_publisher", ""),
                "kind": values.get("new_kind", "") or "nieuwsbericht",
                "published_date": values.get("new_date", ""),
                "published_label": values.get("new_label", ""),
                "url": values.get("new_url", ""),
                "contributed": values.get("published_text", ""),
            }
        ]
    rows["cijfers"] = [figure]
    return rows


def _form_values(names: Sequence[str], values: Sequence[object]) -> dict[str, str]:
    return {name: _text(value) for name, value in zip(names, values, strict=False)}


def _edition_names(regions: Sequence[str]) -> list[str]:
    """The edition form's fields in the order the wiring sends them: its own, then each region's week."""
    fields = list(EDITION_NAMES)
    for region in regions:
        fields += page.edition_week_fields(region)
    return fields


def check_form(form: str, values: dict[str, str]) -> tuple[flow.Checked, dict[str, Any]]:
    """A form's rows checked against the record; and what to send back to apply them."""
    engine = runtime().writer_engine()
    if form == "edition":
        rows, weeks_of = edition_rows(values, bundled.region_codes())
    else:
        rows, weeks_of = figure_rows(values), None
    with messages_in(lang()):
        checked = flow.check_rows(engine, rows, weeks_of)
    return checked, {"form": form, "values": values}


def check_upload(contents: object, name: object) -> tuple[flow.Checked, dict[str, Any]] | str:
    """The uploaded workbook checked against the record; or why it was refused before it was read."""
    language = lang()
    try:
        upload = files.decode(contents, name)
        if upload.suffix != ".xlsx":
            return t("pub.xlsx_only", language)
        files.check_xlsx(upload.data)
    except files.UploadRefused as error:
        return refusal_text(error, language)
    with files.on_disk(upload) as path, messages_in(language):
        checked = flow.check_workbook(runtime().writer_engine(), path)
    return checked, {"workbook": contents, "name": upload.name}


def _again(pending: object) -> tuple[flow.Checked, str] | None:
    """The pending workbook or form checked again now, with the name the history gives it; None if unusable."""
    if not isinstance(pending, dict):
        return None
    if "workbook" in pending:
        found = check_upload(pending.get("workbook"), pending.get("name"))
        if isinstance(found, str):
            return None
        return found[0], str(found[1]["name"])
    form, values = pending.get("form"), pending.get("values")
    if form not in ("edition", "figure") or not isinstance(values, dict):
        return None
    cleaned = {str(key): _text(value) for key, value in values.items() if isinstance(key, str)}
    return check_form(str(form), cleaned)[0], t(f"pub.via.{form}", "nl")


def apply_pending(pending: object, language: str) -> Any:
    """Apply (or propose) what the preview showed, if checking it again makes exactly those changes."""
    again = _again(pending)
    if again is None or not isinstance(pending, dict):
        return result(t("pub.stale", language), "danger")
    checked, via = again
    if checked.problems or fingerprint(checked.changes) != pending.get("sha"):
        return result(t("pub.stale", language), "danger")
    try:
        entry = published.submit(
            runtime().writer_engine(), checked.changes, user=acting_user(), via=via, review=_review()
        )
    except published.ChangeRefused as refused:
        return result(str(refused), "danger")
    except SQLAlchemyError:
        log.exception("a change to the published record from /beheer failed")
        return result(t("pub.failed", language), "danger")
    key = "pub.proposed" if entry.status == published.changes.PROPOSED else "pub.applied"
    return result(t(key, language, id=entry.change_id, summary=published.changes.summary_of(entry.changes, language)))


def act(action: str, change_id: int, language: str) -> Any:
    """Undo, approve or decline a change; what happened, or why not."""
    operation = {"undo": published.undo, "approve": published.approve, "decline": published.decline}.get(action)
    if operation is None:
        raise PreventUpdate
    try:
        with messages_in(language):
            entry = operation(runtime().writer_engine(), change_id, user=acting_user())
    except published.ChangeRefused as refused:
        return result(str(refused), "danger")
    except SQLAlchemyError:
        log.exception("%s of a published change from /beheer failed", action)
        return result(t("pub.failed", language), "danger")
    summary = published.changes.summary_of(entry.changes, language)
    return result(t(f"pub.done.{action}", language, id=entry.change_id, summary=summary))


# --- the wiring -------------------------------------------------------------------------------------------------


def download(n_clicks: object, _search: object) -> Any:
    """Wiring: *Werkboek downloaden*: the record as it is now."""
    if not editor() or not n_clicks:
        raise PreventUpdate
    with connected(runtime().writer_engine()) as conn:
        data = published.write_workbook(read_record(conn))
    name = f"sze-gepubliceerd-record-{dt.date.today().isoformat()}.xlsx"
    return dcc.send_bytes(data, name, type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def run_check(
    contents: object, _edition: object, _figure: object, name: object, _search: object, *values: object
) -> dict[str, Any]:
    """Wiring: a workbook uploaded, or a form's *Controleren*: its preview."""
    if not editor() or not ctx.triggered or not ctx.triggered[0].get("value"):
        raise PreventUpdate
    language = lang()
    pressed = ctx.triggered_id
    if pressed == ids.BEHEER_PUB_UPLOAD:
        found = check_upload(contents, name)
        if isinstance(found, str):
            return {"preview": result(found, "danger"), "pending": None, "ready": True, "result": None}
        checked, pending = found
    else:
        form = "edition" if pressed == ids.BEHEER_PUB_EDITION_CHECK else "figure"
        # the regions the wiring made the form's fields for (``register``), not a query per request
        names = _edition_names(bundled.region_codes())
        edition_values, figure_values = values[: len(names)], values[len(names) :]
        filled = _form_values(names, edition_values) if form == "edition" else _form_values(FIGURE_NAMES, figure_values)
        checked, pending = check_form(form, filled)
    return answer(checked, pending, language)


def _refreshed(language: str) -> dict[str, Any]:
    engine = runtime().writer_engine()
    current = choices(engine)
    return {
        "history": history_component(language),
        "editions": page.select_options("figure", "edition", current, language),
        "sources": page.select_options("figure", "source_id", current, language),
        "edition_sources": page.select_options("edition", "source_id", current, language),
        "metrics": page.select_options("figure", "metric", current, language),
    }


def run_apply(n_clicks: object, pending: object, _search: object) -> dict[str, Any]:
    """Wiring: *Doorvoeren*: apply what the preview showed, then the history and the forms' lists anew."""
    if not editor() or not n_clicks:
        raise PreventUpdate
    language = lang()
    return {
        "result": apply_pending(pending, language),
        "ready": True,
        "preview": None,
        "pending": None,
        **_refreshed(language),
    }


def run_act(_clicks: object, _search: object) -> dict[str, Any]:
    """Wiring: a change's *Ongedaan maken*, *Goedkeuren* or *Afwijzen*."""
    pressed = ctx.triggered_id
    if not editor() or not ctx.triggered or not ctx.triggered[0].get("value") or not isinstance(pressed, dict):
        raise PreventUpdate  # a history drawn anew adds buttons that were never pressed
    change_id = pressed.get("index")
    if not isinstance(change_id, int) or isinstance(change_id, bool):
        raise PreventUpdate
    language = lang()
    return {"result": act(str(pressed.get("action")), change_id, language), **_refreshed(language)}


def _refresh_outputs() -> dict[str, Output]:
    return {
        "history": Output(ids.BEHEER_PUB_HISTORY, "children", allow_duplicate=True),
        "editions": Output(ids.beheer_pub_field("figure", "edition"), "options", allow_duplicate=True),
        "sources": Output(ids.beheer_pub_field("figure", "source_id"), "options", allow_duplicate=True),
        "edition_sources": Output(ids.beheer_pub_field("edition", "source_id"), "options", allow_duplicate=True),
        "metrics": Output(ids.beheer_pub_field("figure", "metric"), "options", allow_duplicate=True),
    }


def register(app: Dash, regions: Sequence[str]) -> None:
    """Wire the published record's part of /beheer (``regions``: whose weeks the edition form has fields for)."""
    app.callback(
        Output(ids.BEHEER_PUB_FILE, "data"),
        Input(ids.BEHEER_PUB_DOWNLOAD, "n_clicks"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(download)
    edition_fields = _edition_names(regions)
    app.callback(
        output={
            "preview": Output(ids.BEHEER_PUB_PREVIEW, "children"),
            "pending": Output(ids.BEHEER_PUB_PENDING, "data"),
            "ready": Output(ids.BEHEER_PUB_APPLY, "disabled"),
            "result": Output(ids.BEHEER_PUB_RESULT, "children"),
        },
        inputs=[
            Input(ids.BEHEER_PUB_UPLOAD, "contents"),
            Input(ids.BEHEER_PUB_EDITION_CHECK, "n_clicks"),
            Input(ids.BEHEER_PUB_FIGURE_CHECK, "n_clicks"),
            State(ids.BEHEER_PUB_UPLOAD, "filename"),
            State(ids.URL, "search"),
            *(State(ids.beheer_pub_field("edition", name), "value") for name in edition_fields),
            *(State(ids.beheer_pub_field("figure", name), "value") for name in FIGURE_NAMES),
        ],
        prevent_initial_call=True,
    )(run_check)
    app.callback(
        output={
            "result": Output(ids.BEHEER_PUB_RESULT, "children", allow_duplicate=True),
            "ready": Output(ids.BEHEER_PUB_APPLY, "disabled", allow_duplicate=True),
            "preview": Output(ids.BEHEER_PUB_PREVIEW, "children", allow_duplicate=True),
            "pending": Output(ids.BEHEER_PUB_PENDING, "data", allow_duplicate=True),
            **_refresh_outputs(),
        },
        inputs=[
            Input(ids.BEHEER_PUB_APPLY, "n_clicks"),
            State(ids.BEHEER_PUB_PENDING, "data"),
            State(ids.URL, "search"),
        ],
        prevent_initial_call=True,
    )(run_apply)
    app.callback(
        output={"result": Output(ids.BEHEER_PUB_RESULT, "children", allow_duplicate=True), **_refresh_outputs()},
        inputs=[Input({"type": ids.BEHEER_PUB_ACT, "action": ALL, "index": ALL}, "n_clicks"), State(ids.URL, "search")],
        prevent_initial_call=True,
    )(run_act)
