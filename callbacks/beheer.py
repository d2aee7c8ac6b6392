"""/beheer (issue 18): an editor uploads an export, sees every problem (and gets the file back marked) or what it
would change, and imports it. Plain functions, then the wiring.

Who may: the server refuses every callback of this page to anyone who is not an editor, before it runs
(``dashboard.guard``, keyed on the callbacks' outputs); each callback here asks again (``editor()``), so a
hook left out would fail closed. The file's bytes stay in the browser (its upload Store) and are sent with the
check and again with *Importeren*, which checks them again in its own transaction: the server keeps nothing
between requests, so any worker of any instance may answer either, and a preview can never be imported
for another file than the one it showed (its SHA-256 must match).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from babel.lists import format_list
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate
from flask import Flask
from sqlalchemy.exc import SQLAlchemyError

from callbacks import beheer_asked as asking
from callbacks.common import (
    built_already,
    db,
    editor,
    job_request,
    lang,
    page_root,
    reference,
    runtime,
    signed_in_user,
)
from core.formatting import fmt_count, fmt_date, fmt_utc
from core.i18n import t, tn
from data_access import schema
from ingest import bundled, history, places
from ingest.importer import KINDS, FileProblems, Kind, Problem, import_file
from ingest.importer import preview as changes
from ingest.importer import upload as files
from ingest.importer.read import Sheet
from ingest.importer.template import write_template
from ingest.reference import read_reference
from layouts import beheer as page
from layouts import ids

log = logging.getLogger(__name__)


# --- the page ---------------------------------------------------------------------------------------------------


def beheer_layout(rendered: object = None, **_query: object) -> Any:
    """The page for an editor; for anyone else (answered 403) what it is and how to get in."""
    if built_already("beheer", rendered):
        return no_update
    language = lang()
    if editor():
        places.warm()  # before the editor has picked a file: the check's process inherits it
        from callbacks import beheer_published  # it builds on this module's refusals and acting user

        shown = page.beheer_page(
            language,
            history_component(language),
            asking.mappings_component(language),
            beheer_published.section(language),
        )
        return page_root("beheer", shown)
    user = signed_in_user()
    if user:
        return page_root("beheer", page.locked_page(language, "beheer.locked_reader", user=user))
    return page_root("beheer", page.locked_page(language, "beheer.locked_anonymous"))


# --- checking a file --------------------------------------------------------------------------------------------


def _size(size: int, language: str) -> str:
    return t("beheer.megabytes", language, mb=fmt_count(max(1, round(size / 1024 / 1024)), language))


def refusal_text(error: files.UploadRefused, language: str) -> str:
    """Why a file was refused before it was checked, in the page's language."""
    values = dict(error.values)
    for name in ("size", "limit"):
        if name in values and error.key in ("beheer.refused_size", "beheer.refused_inflated"):
            values[name] = _size(int(str(values[name])), language)
    for name in ("rows", "sheets"):
        if name in values:
            values[name] = fmt_count(values[name], language)
    if error.key in ("beheer.refused_rows", "beheer.refused_sheets"):
        values["limit"] = fmt_count(values["limit"], language)
    return t(error.key, language, **values)


def cell_value(sheet: Sheet, problem: Problem) -> str:
    """What the file holds in a problem's cell ('' for a problem of a row, a heading or the file)."""
    if problem.line <= 1:
        return ""
    headings = [heading.strip() for heading in sheet.headings]
    if problem.column.strip() not in headings:
        return ""
    index = headings.index(problem.column.strip())
    for line, cells in sheet.rows:
        if line == problem.line:
            value = cells[index] if index < len(cells) else None
            return "" if value is None else _shown(value)
    return ""


def _shown(value: object) -> str:
    """A cell as a person reads it: a date as dd-mm-jjjj, a whole number without '.0'."""
    if hasattr(value, "strftime"):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def problem_rows(sheet: Sheet, problems: Sequence[Problem], language: str) -> list[list[str]]:
    """A row of the problems table per problem: line, column, value, what is wrong. Every one of them."""
    rows = []
    for problem in problems:
        line = t("beheer.whole_file", language) if problem.line == 0 else str(problem.line)
        column = t("beheer.whole_row", language) if problem.column == "-" else problem.column
        rows.append([line, column, cell_value(sheet, problem), problem.message])
    return rows


def problem_lines(problems: Sequence[Problem], language: str) -> str:
    """'Problemen op regel 4, 5 en 6': the lines to look at, each once."""
    lines = sorted({problem.line for problem in problems if problem.line > 0})
    if not lines:
        return t("beheer.problems_file", language)
    # '4, 5 en 6' / '4, 5 and 6'; a long list is cut: the table below names every one
    shown = format_list([str(line) for line in lines[:50]], locale=language) + (" …" if len(lines) > 50 else "")
    return tn("beheer.problems_lines", len(lines), language, lines=shown)


def _marked_download(upload: files.Upload, sheet: Sheet, problems: list[Problem], language: str) -> dict[str, Any]:
    """The marked file as ``dcc.Download`` takes it."""
    data = files.marked(upload, sheet, problems, language)
    return dcc.send_bytes(data, files.marked_name(upload.name, language))


def problems_answer(upload: files.Upload, sheet: Sheet, problems: list[Problem], language: str) -> dict[str, Any]:
    """The answer for a file with problems: all of them, the marked file, nothing to import."""
    columns = [t(f"beheer.column_{name}", language) for name in ("line", "column", "value", "problem")]
    shown = page.problems(
        tn("beheer.problems_title", len(problems), language, file=upload.name),
        problem_lines(problems, language) + " " + t("beheer.problems_nothing", language),
        columns,
        problem_rows(sheet, problems, language),
        t("beheer.marked_button", language),
        asking.asked_section(problems, language),
    )
    return {"check": shown, "checked": None, "marked": _marked_download(upload, sheet, problems, language)}


def _key_text(key: tuple[Any, ...]) -> str:
    return " · ".join(_shown(part) for part in key)


def preview_component(
    kind: Kind, name: str, found: changes.Preview, language: str, sheet: str = "", notes: Sequence[str] = ()
) -> Any:
    """What importing the file would change, as the page shows it (and the sheet read, where not the first)."""
    editions = ", ".join(str(edition) for edition in found.editions)
    summary_key = "beheer.preview_summary" if found.changes_anything else "beheer.preview_nothing"
    summary = t(summary_key, language, file=name, kind=kind.label(language), editions=editions)
    if sheet:
        summary += " " + t("ingest.report_sheet", language, sheet=sheet)
    if found.append:
        summary += " " + t("beheer.preview_append", language)
    for note in notes:  # how the file was read where it could have been read otherwise
        summary += " " + note
    counts = (
        [t(f"beheer.count_{name}", language) for name in ("new", "changed", "unchanged", "removed")],
        [[fmt_count(n, language) for n in (found.new, len(found.changed), found.unchanged, found.removed)]],
    )
    headings = {f.name: f.heading for f in kind.fields} | {
        "region": t("beheer.field_region", language),
        "week": t("beheer.field_week", language),
    }
    changed_rows = [
        [_key_text(change.key), headings.get(f.name, f.name), _shown(f.before or ""), _shown(f.after or "")]
        for change in found.changed
        for f in change.fields
    ]
    changed = (
        tn("beheer.changed_title", len(found.changed), language),
        [t(f"beheer.column_{name}", language) for name in ("row", "field", "before", "after")],
        changed_rows,
    )
    totals = (
        t("beheer.totals_title", language),
        [t(f"beheer.column_{name}", language) for name in ("region", "week", "before", "after")],
        [
            [
                _region(region),
                "–" if week is None else str(week),
                fmt_count(before, language),
                fmt_count(after, language),
            ]
            for (region, week), (before, after) in found.totals.items()
        ],
    )
    return page.preview(summary, counts, changed, totals)


def _region(code: str) -> str:
    """A region as the views name it ('Noord'); '–' for rows without one (a survey answer may have none)."""
    return "–" if code == "-" else reference().region_name(code)


def _kind(choice: object, sheet: Sheet) -> Kind:
    """The kind the editor picked, else the one the headings say; UploadRefused when neither tells."""
    if isinstance(choice, str) and choice in KINDS:
        return KINDS[choice]
    found = files.recognise(sheet.headings)
    if found is None:
        raise files.UploadRefused("beheer.refused_kind")
    return found


def fingerprint(upload: files.Upload) -> str:
    return hashlib.sha256(upload.data).hexdigest()


def appending(mode: object) -> bool:
    """Whether the editor chose to add the file's rows (True) or to replace the edition's (False); UploadRefused
    for anything else the browser sends."""
    if mode not in page.MODES:
        raise files.UploadRefused("beheer.refused_mode")
    return mode == "append"


class Progress:
    """How far a check is, for the page's bar: reading the file, its rows one by one, comparing with the database
    (or marking the problem cells). Reported at most every ``EVERY`` seconds: each report is a write to the jobs'
    cache and an answer to the browser's next poll."""

    EVERY = 0.25

    def __init__(self, report: Callable[[tuple[int, str]], None] | None, language: str) -> None:
        self._report = report
        self._language = language
        self._last = 0.0

    def step(self, percent: int, key: str, **values: object) -> None:
        if self._report is not None:
            self._report((percent, t(key, self._language, **values)))
            self._last = time.monotonic()

    def rows(self, done: int, total: int) -> None:
        """``done`` of ``total`` rows checked: 10 % to 90 % of the bar."""
        if done and self._report is not None and time.monotonic() - self._last >= self.EVERY:
            shown = {"done": fmt_count(done, self._language), "total": fmt_count(total, self._language)}
            self.step(10 + 80 * done // max(total, 1), "beheer.progress_rows", **shown)


def check_upload(
    file_data: object, kind_choice: object, language: str, mode: object = "replace", progress: Progress | None = None
) -> dict[str, Any]:
    """What the page shows for an uploaded file: why it was refused, every problem, or what it would change
    (``mode``: replacing the edition's imported rows, or adding to them; ``progress``: told how far it is)."""
    refused: dict[str, Any] = {"checked": None, "marked": None}
    progress = progress or Progress(None, language)
    try:
        append = appending(mode)
        upload = _upload_of(file_data)
    except files.UploadRefused as error:
        return refused | {"check": page.refused(refusal_text(error, language))}
    sheet = Sheet([], [], "")  # until it is read: a file calamine cannot read has its problem on no line
    try:
        progress.step(3, "beheer.progress_reading", file=upload.name)
        sheet = files.read(upload)
        kind = _kind(kind_choice, sheet)
        conn = db()
        parsed = files.check(kind, sheet, read_reference(conn), language, progress.rows)
    except files.UploadRefused as error:
        return refused | {"check": page.refused(refusal_text(error, language))}
    except FileProblems as error:
        progress.step(92, "beheer.progress_marking", n=fmt_count(len(error.problems), language))
        return problems_answer(upload, sheet, error.problems, language)
    progress.step(92, "beheer.progress_comparing")
    found = changes.preview(conn, kind, parsed, append=append)
    checked = {"sha256": fingerprint(upload), "kind": kind.name, "name": upload.name, "mode": mode}
    shown = preview_component(kind, upload.name, found, language, sheet.name, parsed.notes)
    return {"check": shown, "checked": checked, "marked": None}


def _upload_of(file_data: object) -> files.Upload:
    """The file the browser's Store holds; UploadRefused for anything else (or a file it found too large)."""
    if not isinstance(file_data, dict):
        raise files.UploadRefused("beheer.refused_unreadable")
    size = file_data.get("size")
    if isinstance(size, int) and not isinstance(size, bool):
        files.check_size(size)
    return files.decode(file_data.get("contents"), file_data.get("name"))


def check(
    file_data: object,
    kind_choice: object,
    mode: object,
    _search: object,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Wiring: check the file the browser hands over (again when the editor picked another kind or mode, or
    answered questions about its values); nothing to import until a clean check."""
    if not editor() or file_data is None:  # the kind or mode picked before any file: nothing to check yet
        raise PreventUpdate
    answer = check_upload(file_data, kind_choice, lang(), mode, progress)
    return answer | {"ready": answer["checked"] is None, "result": None}


def checking(server: Flask) -> Callable[..., dict[str, Any]]:
    """The check as a background job of ``server``'s app: in a process of its own, its progress on the page."""

    def job(
        set_progress: Callable[[tuple[int, str]], None],
        file_data: object,
        kind_choice: object,
        mode: object,
        _recheck: object,
        _search: object,
    ) -> dict[str, Any]:
        with job_request(server, _search, ctx.headers or {}):
            try:
                return check(file_data, kind_choice, mode, _search, Progress(set_progress, lang()))
            except PreventUpdate:
                raise
            except Exception:  # Dash would keep the traceback for the browser: the editor is told plainly instead
                log.exception("checking an upload on /beheer failed")
                failed = page.refused(t("beheer.check_failed", lang()))
                return {"check": failed, "checked": None, "marked": None, "ready": True, "result": None}

    return job


# --- who writes -------------------------------------------------------------------------------------------------

#: who the history and audit log name for a write from the editor link's session: it signs a browser in, not a
#: person (no login is configured), and the server's own login name would name no one who was there
EDITOR_LINK_USER = "redacteur (editorlink)"


def acting_user() -> str:
    """The user an editor's import or undo is recorded for: the login's user, else the editor link's session."""
    return signed_in_user() or EDITOR_LINK_USER


# --- importing it -----------------------------------------------------------------------------------------------


def _same_file(upload: files.Upload, checked: object) -> tuple[Kind, bool] | None:
    """The kind the preview checked ``upload`` as and whether it added or replaced, if the preview was of this
    very file; else None."""
    if not isinstance(checked, dict) or checked.get("sha256") != fingerprint(upload):
        return None
    name, mode = checked.get("kind"), checked.get("mode")
    if not isinstance(name, str) or name not in KINDS or mode not in page.MODES:
        return None
    return KINDS[name], mode == "append"


def import_upload(file_data: object, checked: object, language: str) -> Any:
    """Import the previewed file in one transaction through the importer; what it did, or why it did not."""
    try:
        upload = _upload_of(file_data)
    except files.UploadRefused as error:
        return page.result(refusal_text(error, language), "danger")
    previewed = _same_file(upload, checked)
    if previewed is None:
        return page.result(t("beheer.import_stale", language), "danger")
    kind, append = previewed
    engine = runtime().writer_engine()
    try:
        with files.on_disk(upload) as path:
            outcome = import_file(engine, kind.name, path, user=acting_user(), append=append)
    except FileProblems as error:  # the database changed since the preview: checked again, refused whole
        return page.result(t("beheer.import_refused", language, n=len(error.problems)), "danger")
    except SQLAlchemyError:  # one transaction: rolled back whole (no owner's URL for a read-only role, say)
        log.exception("the import from /beheer failed")
        return page.result(t("beheer.import_failed", language), "danger")
    lines = outcome.report(language).splitlines()
    made = t("beheer.import_done", language, file=upload.name, when=fmt_date(dt.date.today(), lang=language))
    return page.result([html.P(made, className="mb-1"), *(html.Div(line) for line in lines)])


def run_import(n_clicks: object, file_data: object, checked: object, _search: object) -> dict[str, Any]:
    """Wiring: *Importeren*, then the button off until the next clean check, and the history with the import
    (an earlier undo's message cleared: it would read as if it were about this import)."""
    if not editor() or not n_clicks:
        raise PreventUpdate
    language = lang()
    result = import_upload(file_data, checked, language)
    return {"result": result, "ready": True, "history": history_component(language), "undo_result": None}


# --- ask, never guess: the unknown values, and what editors said they mean ---------------------------------------


def _asked(file_data: object, kind_choice: object, language: str) -> asking.Asked:
    """The unknown values the check finds in this very file, with their candidates (none: nothing to ask)."""
    try:
        upload = _upload_of(file_data)
        sheet = files.read(upload)
        files.check(_kind(kind_choice, sheet), sheet, read_reference(db()), language)
    except FileProblems as error:
        return asking.asked_of(error.problems)
    except files.UploadRefused:
        pass
    return {}


def remember(
    n_clicks: object, file_data: object, kind_choice: object, values: object, where: object, _search: object
) -> dict[str, Any]:
    """Wiring: 'Onthouden en opnieuw controleren': keep the answers picked for this file's unknown values, draw the
    mappings anew, and have the same file checked again (with them: a background job, as any check)."""
    if not editor() or not n_clicks:
        raise PreventUpdate
    language = lang()
    picked = values if isinstance(values, list) else []
    answers = asking.chosen(_asked(file_data, kind_choice, language), where if isinstance(where, list) else [], picked)
    said = asking.save(answers, acting_user(), language)
    return {"recheck": n_clicks, "mappings": asking.mappings_component(language), "mappings_result": said}


def forget(_clicks: object, _search: object) -> dict[str, Any]:
    """Wiring: a mapping's delete button; the table drawn anew (the next check asks about that value again)."""
    if not editor() or not ctx.triggered or not ctx.triggered[0].get("value"):
        raise PreventUpdate  # a table drawn anew adds buttons that were never pressed
    language = lang()
    said = asking.forget_mapping(ctx.triggered_id, acting_user(), language)
    return {"result": said, "mappings": asking.mappings_component(language)}


# --- history, undo and the audit log ----------------------------------------------------------------------------


def _kind_name(entry: history.Entry, language: str) -> str:
    name = t(f"ingest.kind.{entry.kind}", language) if entry.kind in KINDS else entry.kind
    if history.appended(entry.summary):
        name = t("beheer.kind_appended", language, kind=name)
    return t("beheer.kind_demo", language, kind=name) if entry.origin == schema.ORIGIN_DEMO else name


def _status(entry: history.Entry, language: str) -> str:
    if entry.status == history.UNDONE:
        return t("history.status_undone", language, at=fmt_utc(entry.undone_at), user=entry.undone_by or "")
    return t("history.status_applied", language)


def may_undo(entry: history.Entry) -> bool:
    """Whether the history offers *Ongedaan maken* for ``entry``: an applied import that kept what it replaced.
    One with a later import on top is offered too; the undo then says why it cannot be done, and changes nothing."""
    return entry.status == history.APPLIED and entry.origin == schema.ORIGIN_IMPORT and entry.summary is not None


def history_row(entry: history.Entry, language: str) -> page.HistoryRow:
    """One import as the history shows it."""
    cells = [
        fmt_utc(entry.imported_at),
        entry.imported_by or t("history.unknown_user", language),
        _kind_name(entry, language),
        str(entry.edition),
        entry.file_name,
        entry.sha256[:12],
        fmt_count(entry.row_count, language),
        history.summary_line(entry.summary),
        _status(entry, language),
    ]
    label = t("beheer.undo_label", language, id=entry.import_id, file=entry.file_name)
    return page.HistoryRow(cells, entry.sha256, entry.import_id if may_undo(entry) else None, label)


HISTORY_COLUMNS = ("when", "who", "kind", "edition", "file", "sha256", "rows", "summary", "status")


def history_component(language: str) -> Any:
    """The history table, newest first, as the owner's connection reads it (the same the imports write through)."""
    try:
        found = history.entries(runtime().writer_engine())
    except SQLAlchemyError:
        log.exception("the import history could not be read")
        return page.result(t("beheer.history_unavailable", language), "warning")
    columns = [t(f"history.col_{name}", language) for name in HISTORY_COLUMNS] + [t("beheer.column_action", language)]
    rows = [history_row(entry, language) for entry in found]
    return page.history_table(columns, rows, t("beheer.undo_button", language), t("history.empty", language))


def _entry(import_id: object) -> history.Entry | None:
    if not isinstance(import_id, int) or isinstance(import_id, bool):
        return None
    found = history.entries(runtime().writer_engine(), import_id)
    return found[0] if found else None


def undo_question(entry: history.Entry, language: str) -> str:
    """'Weet u het zeker? Import 3 van ... door ... wordt ongedaan gemaakt: goed.xlsx (...)': what the undo undoes."""
    return t(
        "beheer.undo_question",
        language,
        id=entry.import_id,
        when=fmt_utc(entry.imported_at),
        user=entry.imported_by or t("history.unknown_user", language),
        file=entry.file_name,
        kind=_kind_name(entry, language),
        edition=entry.edition,
        rows=fmt_count(entry.row_count, language),
        summary=history.summary_line(entry.summary),
    )


def ask_undo(_clicks: object, _cancel: object, _search: object) -> dict[str, Any]:
    """Wiring: *Ongedaan maken* opens the question naming the import; *Annuleren* closes it, nothing done."""
    pressed = ctx.triggered_id
    if not editor() or not ctx.triggered or not ctx.triggered[0].get("value"):
        raise PreventUpdate  # a history drawn anew adds buttons that were never pressed
    if pressed == ids.BEHEER_UNDO_CANCEL:
        return {"open": False, "target": None, "question": no_update}
    entry = _entry(pressed.get("index")) if isinstance(pressed, dict) else None
    if entry is None:
        raise PreventUpdate
    return {"open": True, "target": entry.import_id, "question": undo_question(entry, lang())}


def undo_import(import_id: object, language: str) -> Any:
    """Undo import ``import_id`` for the editor, through the owner's connection: what was undone, or why not."""
    entry = _entry(import_id)
    if entry is None:
        return page.result(t("beheer.undo_nothing", language), "danger")
    try:
        history.undo(runtime().writer_engine(), entry.import_id, acting_user(), language)
    except history.UndoRefused as refused:  # its own transaction, rolled back: nothing changed
        return page.result(str(refused), "danger")
    except SQLAlchemyError:
        log.exception("the undo from /beheer failed")
        return page.result(t("beheer.undo_failed", language), "danger")
    done = t(
        "beheer.undo_done",
        language,
        id=entry.import_id,
        file=entry.file_name,
        kind=_kind_name(entry, language),
        edition=entry.edition,
    )
    return page.result(done)


def run_undo(n_clicks: object, target: object, _search: object) -> dict[str, Any]:
    """Wiring: 'Ja, ongedaan maken': undo the import the question named, say what happened, draw the history."""
    if not editor() or not n_clicks:
        raise PreventUpdate
    language = lang()
    answer = undo_import(target, language)
    return {"result": answer, "history": history_component(language), "open": False, "target": None}


def audit_name() -> str:
    return f"sze-auditlog-{dt.date.today().isoformat()}.csv"


def audit_file(n_clicks: object, _search: object) -> dict[str, Any]:
    """Wiring: the audit log as CSV for the page's language, with a byte-order mark so Excel reads the accents."""
    if not editor() or not n_clicks:
        raise PreventUpdate
    text, _rows = history.audit_csv(runtime().writer_engine(), lang())
    return dcc.send_bytes(text.encode("utf-8-sig"), audit_name())


# --- templates --------------------------------------------------------------------------------------------------


def template_file(kind: str, suffix: str, language: str) -> dict[str, Any]:
    """An empty export of ``kind`` (its headings; an xlsx explains each column on a second sheet)."""
    upload = files.Upload(b"", f"template.{suffix}")
    with files.on_disk(upload) as path:
        write_template(kind, path)
        data = path.read_bytes()
    name = t("beheer.template_name", language, kind=t(f"ingest.kind.{kind}", language))
    return dcc.send_bytes(data, f"{name}.{suffix}")


def template(*args: object) -> Any:
    """Wiring: the template whose button was pressed."""
    pressed = ctx.triggered_id
    if not editor() or not isinstance(pressed, str):
        raise PreventUpdate
    for kind in page.KINDS:
        for suffix in page.TEMPLATE_SUFFIXES:
            if pressed == ids.beheer_template(kind, suffix):
                return template_file(kind, suffix, lang())
    raise PreventUpdate


# --- wiring -----------------------------------------------------------------------------------------------------

#: in the browser: the file as the server is sent it, or only its size when it is over the limit (sending 30 MB
#: to hear it is too large helps nobody; the server checks the size again whatever it is sent)
_HAND_OVER = """function (contents, name) {{
    var no = window.dash_clientside.no_update;
    if (!contents) {{ return [no, no, no, no]; }}
    // the upload at the top of the screen: its progress and answer come right below it, in view on a phone too
    var zone = document.getElementById("{zone}");
    if (zone) {{ zone.scrollIntoView({{block: "start"}}); }}
    var size = Math.floor((contents.length - contents.indexOf(",") - 1) * 3 / 4);
    var file = size > {limit} ? {{name: name, size: size}} : {{name: name, contents: contents}};
    // the last file's answer goes with it: nothing to import until this one is checked (or if its check is stopped)
    return [file, null, true, null];
}}"""

#: in the browser: the marked file, already made by the check, downloaded when its button is pressed
_SEND_MARKED = """function (clicks, marked) {
    if (!clicks || !marked) { return window.dash_clientside.no_update; }
    return marked;
}"""


def register(app: Dash) -> None:
    """Wire the upload, the check, the marked file, the import and the templates."""
    app.clientside_callback(
        _HAND_OVER.format(limit=json.dumps(files.MAX_FILE_BYTES), zone=ids.BEHEER_UPLOAD),
        Output(ids.BEHEER_FILE, "data"),
        Output(ids.BEHEER_CHECKED, "data", allow_duplicate=True),
        Output(ids.BEHEER_IMPORT, "disabled", allow_duplicate=True),
        Output(ids.BEHEER_CHECK, "children", allow_duplicate=True),
        Input(ids.BEHEER_UPLOAD, "contents"),
        State(ids.BEHEER_UPLOAD, "filename"),
        prevent_initial_call=True,
    )
    app.callback(
        output={
            "check": Output(ids.BEHEER_CHECK, "children"),
            "checked": Output(ids.BEHEER_CHECKED, "data"),
            "marked": Output(ids.BEHEER_MARKED, "data"),
            "ready": Output(ids.BEHEER_IMPORT, "disabled"),
            "result": Output(ids.BEHEER_RESULT, "children"),
        },
        inputs={
            "file_data": Input(ids.BEHEER_FILE, "data"),
            "kind_choice": Input(ids.BEHEER_KIND, "value"),
            "mode": Input(ids.BEHEER_MODE, "value"),
            "_recheck": Input(ids.BEHEER_RECHECK, "data"),
            "_search": State(ids.URL, "search"),
        },
        # a large file takes seconds: checked in a process of its own (dashboard.jobs), so no worker is held
        # while the other users' pages wait, and the bar says how far it is
        background=True,
        progress=[Output(ids.BEHEER_PROGRESS, "value"), Output(ids.BEHEER_PROGRESS_TEXT, "children")],
        progress_default=[0, ""],
        running=[
            (Output(ids.BEHEER_CHECKING, "hidden"), False, True),
            (Output(ids.BEHEER_UPLOAD, "disabled"), True, False),
        ],
        cancel=[Input(ids.BEHEER_CANCEL, "n_clicks")],
        interval=300,  # the answer of a small file is there within a poll or two
        prevent_initial_call=True,
    )(checking(app.server))
    app.clientside_callback(
        _SEND_MARKED,
        Output(ids.BEHEER_MARKED_FILE, "data"),
        Input(ids.BEHEER_MARKED_BUTTON, "n_clicks"),
        State(ids.BEHEER_MARKED, "data"),
        prevent_initial_call=True,
    )
    app.callback(
        output={
            "result": Output(ids.BEHEER_RESULT, "children", allow_duplicate=True),
            "ready": Output(ids.BEHEER_IMPORT, "disabled", allow_duplicate=True),
            "history": Output(ids.BEHEER_HISTORY, "children", allow_duplicate=True),
            "undo_result": Output(ids.BEHEER_UNDO_RESULT, "children", allow_duplicate=True),
        },
        inputs={
            "n_clicks": Input(ids.BEHEER_IMPORT, "n_clicks"),
            "file_data": State(ids.BEHEER_FILE, "data"),
            "checked": State(ids.BEHEER_CHECKED, "data"),
            "_search": State(ids.URL, "search"),
        },
        running=[(Output(ids.BEHEER_IMPORTING, "hidden"), False, True)],
        prevent_initial_call=True,
    )(run_import)
    register_history(app)
    register_asking(app)
    from callbacks import beheer_published

    beheer_published.register(app, bundled.region_codes())
    app.callback(
        Output(ids.BEHEER_TEMPLATE_FILE, "data"),
        *[
            Input(ids.beheer_template(kind, suffix), "n_clicks")
            for kind in page.KINDS
            for suffix in page.TEMPLATE_SUFFIXES
        ],
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(template)


def register_history(app: Dash) -> None:
    """Wire the undo's question, the undo, and the audit log's download."""
    app.callback(
        output={
            "open": Output(ids.BEHEER_UNDO_ASK, "is_open"),
            "target": Output(ids.BEHEER_UNDO_TARGET, "data"),
            "question": Output(ids.BEHEER_UNDO_QUESTION, "children"),
        },
        inputs={
            "_clicks": Input(ids.beheer_undo(ALL), "n_clicks"),
            "_cancel": Input(ids.BEHEER_UNDO_CANCEL, "n_clicks"),
            "_search": State(ids.URL, "search"),
        },
        prevent_initial_call=True,
    )(ask_undo)
    app.callback(
        output={
            "result": Output(ids.BEHEER_UNDO_RESULT, "children"),
            "history": Output(ids.BEHEER_HISTORY, "children", allow_duplicate=True),
            "open": Output(ids.BEHEER_UNDO_ASK, "is_open", allow_duplicate=True),
            "target": Output(ids.BEHEER_UNDO_TARGET, "data", allow_duplicate=True),
        },
        inputs={
            "n_clicks": Input(ids.BEHEER_UNDO_CONFIRM, "n_clicks"),
            "target": State(ids.BEHEER_UNDO_TARGET, "data"),
            "_search": State(ids.URL, "search"),
        },
        prevent_initial_call=True,
    )(run_undo)
    app.callback(
        Output(ids.BEHEER_AUDIT_FILE, "data"),
        Input(ids.BEHEER_AUDIT_BUTTON, "n_clicks"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(audit_file)


def register_asking(app: Dash) -> None:
    """Wire the answers to the unknown values and the mappings' delete buttons."""
    answer, mapping = ids.beheer_answer(ALL, ALL), ids.beheer_forget(ALL, ALL)  # type: ignore[arg-type]
    app.callback(
        output={
            "recheck": Output(ids.BEHEER_RECHECK, "data"),
            "mappings": Output(ids.BEHEER_MAPPINGS, "children", allow_duplicate=True),
            "mappings_result": Output(ids.BEHEER_MAPPINGS_RESULT, "children", allow_duplicate=True),
        },
        inputs={
            "n_clicks": Input(ids.BEHEER_REMEMBER, "n_clicks"),
            "file_data": State(ids.BEHEER_FILE, "data"),
            "kind_choice": State(ids.BEHEER_KIND, "value"),
            "values": State(answer, "value"),
            "where": State(answer, "id"),
            "_search": State(ids.URL, "search"),
        },
        prevent_initial_call=True,
    )(remember)
    app.callback(
        output={
            "result": Output(ids.BEHEER_MAPPINGS_RESULT, "children"),
            "mappings": Output(ids.BEHEER_MAPPINGS, "children"),
        },
        inputs={"_clicks": Input(mapping, "n_clicks"), "_search": State(ids.URL, "search")},
        prevent_initial_call=True,
    )(forget)
