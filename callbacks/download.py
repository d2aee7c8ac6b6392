"""Downloads: the data behind each chart (selection or whole set) as CSV or Excel, and the view's data at once.

CSV is written for the spreadsheets of the interface language: in Dutch semicolons and decimal commas,
in English commas and decimal points; UTF-8 with a byte-order mark, so Excel reads the accents.
Column headers are in that language too. A file without rows says why in its first line, and the
page says so too.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from dash import ALL, MATCH, ClientsideFunction, Dash, Input, Output, State, ctx, dcc, no_update

from callbacks.common import chosen_editions, db, lang, runtime, selection_from, selection_words
from core.figures.style import SOURCE_WIDTH, SOURCE_WIDTH_COLUMN, with_source
from core.formatting import fmt_number
from core.i18n import metric_label, t
from core.selection import Selection
from core.spreadsheet import CSV_SEPARATORS, inert
from core.views import View
from data_access import queries
from layouts import ids
from layouts.components import note_text

#: every figure of a selection: each column's header is ``export_col_<name>`` in the interface language
COLUMNS = (
    "edition",
    "level",
    "region",
    "week",
    "what",
    "value",
    "published_text",
    "qualifier",
    "source_publisher",
    "source_title",
    "source_date",
    "quote",
)
#: a chart's data: what each row is, its value as published with its qualifier, unit and period, and its source
CHART_COLUMNS = (
    "edition",
    "region",
    "week",
    "what",
    "value",
    "published_text",
    "qualifier",
    "unit",
    "period",
    "source_publisher",
    "source_title",
    "source_date",
    "quote",
)
#: the CSV dialect a spreadsheet in each language opens without a wizard: Dutch Excel splits on ';'
FORMATS = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
SCOPES = ("selection", "all")


def figures_table(selection_data: object) -> pd.DataFrame:
    """What the views show for the selection, one row per figure, source columns included.

    With a region or week chosen only the figures published for it; evaluations are national
    and come along only without such a filter.
    """
    engine, language = db(), lang()
    selection = selection_from(selection_data)
    years = chosen_editions(selection) or [-1]
    figures = queries.figures(engine, editions=years, region=selection.region, week=selection.week)
    figures = figures.assign(what=[metric_label(m, language) for m in figures["metric"]])
    parts = [figures]
    if not selection.is_local():
        evaluations = queries.evaluations(engine, editions=years)
        parts.append(
            evaluations.assign(  # national: no region or week
                what=[
                    f"{t('measure_' + m, language)}: {w}"
                    for m, w in zip(evaluations["measure"], evaluations["what_rated"], strict=True)
                ],
            )
        )
    table = pd.concat(parts, ignore_index=True)
    table = table.assign(
        level=[t("level_region" if isinstance(r, str) else "level_national", language) for r in table["region"]],
        value=[fmt_number(v, lang=language) for v in table["value"]],
        week=[fmt_number(w, lang=language) for w in table["week"]],
    )
    return headed(table, COLUMNS, language)


def headed(frame: pd.DataFrame, columns: Sequence[str], language: str) -> pd.DataFrame:
    """``frame``'s ``columns`` in that order (one it lacks stays empty), headed in ``language``."""
    return frame.reindex(columns=list(columns)).rename(columns={c: t(f"export_col_{c}", language) for c in columns})


def chart_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A table builder's rows in the export's columns and order, headed in the interface language."""
    return headed(frame, CHART_COLUMNS, lang())


def empty_reason(selection: Selection) -> str:
    """Why a file holds no rows, naming the selection: 'Geen gegevens: voor deze selectie (editie 2021, week 1) …'."""
    return t("export_empty", lang(), scope=", ".join(selection_words(selection, "export_scope_all")))


def file_name(view: View, chart: str, selection: Selection, scope: str = "selection", extension: str = "") -> str:
    """'sze-trends-activiteiten-2021-2022.csv': the view, the chart (beside the view's main one), the selection."""
    language = lang()
    words = ["sze", view.slug]
    if chart != "main":
        words.append(t(f"export_chart_{chart}", language))  # the chart's name in Dutch, as users read it
    if view.named_by_metric:
        words.append(selection.metric)
    if scope == "all":
        words.append(t("export_file_all", language))
    else:
        words.append("-".join(str(y) for y in selection.editions) or t("export_file_all_editions", language))
        if selection.region:
            words.append(selection.region)
        if selection.week:
            words.append(t("export_file_week", language, week=selection.week))
    stem = "-".join(words).replace("_", "-")
    return f"{stem}.{extension}" if extension else stem


def stamp(
    view: View, parts: Mapping[str, Any], selection_data: object, made: str, *, narrow: bool = False
) -> dict[str, Any]:
    """Every chart of a view's update with its source line and ``made`` on the figure, and its image's file name.

    The source line is the one under the chart on the page (its "sources" part), so image and page agree;
    on a phone (``narrow``) it is kept for the image only (``with_source``).
    """
    selection = selection_from(selection_data)
    stamped = dict(parts)
    for name, figure in parts.items():
        if not (name.endswith("graph") and isinstance(figure, go.Figure)):
            continue
        prefix = name[: -len("graph")]
        width = SOURCE_WIDTH_COLUMN if ids.chart_key(prefix) in view.in_column else SOURCE_WIDTH
        with_source(figure, note_text(parts.get(prefix + "sources")), made, narrow=narrow, width=width)
        figure.update_layout(
            meta={
                **figure.layout.meta,
                "export_name": file_name(view, ids.chart_key(prefix), selection),
            }
        )
    return stamped


def to_csv(table: pd.DataFrame, reason: str | None = None) -> str:
    """The table as a spreadsheet in the interface language reads it; an empty one starts with the line saying why."""
    language = lang()
    numeric = [t(f"export_col_{c}", language) for c in ("edition", "week", "value")]
    # numbers in the language's notation; cells already written as text (figures_table) stay as they are
    shown = table.assign(
        **{
            column: [v if isinstance(v, str) else fmt_number(v, lang=language) for v in table[column]]
            for column in numeric
            if column in table
        }
    )
    lead = f"{reason}\r\n" if reason and table.empty else ""
    # imported text is whoever's wrote it: no cell of ours may start a formula in the reader's spreadsheet
    shown = shown.map(inert).rename(columns=inert)
    # CRLF between rows, as RFC 4180 and Excel write them: a carriage return inside a cell is then quoted too,
    # instead of ending the row where a spreadsheet reads it
    return "\ufeff" + lead + shown.to_csv(index=False, sep=CSV_SEPARATORS.get(language, ";"), lineterminator="\r\n")


def to_xlsx(table: pd.DataFrame, reason: str | None = None) -> bytes:
    """The table as an Excel workbook, numbers as numbers; an empty one says why above its headings."""
    sheet = t("export_sheet", lang())
    lead = bool(reason and table.empty)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        table.to_excel(writer, index=False, sheet_name=sheet, startrow=1 if lead else 0)
        if lead:
            writer.sheets[sheet]["A1"] = reason
        _as_text(writer.sheets[sheet])
    return buffer.getvalue()


def _as_text(sheet: Any) -> None:
    """Every text cell stored as text: openpyxl writes a string that starts with '=' as a formula, which Excel
    would run; imported titles and places may start so. (A text cell Excel never runs, whatever it starts with.)"""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def send(table: pd.DataFrame, name: str, extension: str, reason: str) -> dict[str, Any]:
    """The file for dcc.Download in the chosen format."""
    if extension == "xlsx":
        return dcc.send_bytes(to_xlsx(table, reason), name, type=FORMATS["xlsx"])
    return dcc.send_string(to_csv(table, reason), name, type=FORMATS["csv"])


def _requested(request: object, views: Sequence[View]) -> tuple[View, str, str, str] | None:
    """The view, chart, format and scope a clicked menu entry names; None for anything unknown."""
    if not isinstance(request, Mapping):
        return None
    by_name = {view.name: view for view in views}
    view = by_name.get(str(request.get("view")))
    chart, extension, scope = request.get("chart"), request.get("format"), request.get("scope")
    if view is None or chart not in view.tables or extension not in FORMATS or scope not in SCOPES:
        return None
    return view, str(chart), str(extension), str(scope)


def _undeclared(request: object, views: Sequence[View]) -> Any:
    """A word for a known chart whose view declares no table for it yet (the menu is on every chart)."""
    if isinstance(request, Mapping) and any(
        view.name == request.get("view") and request.get("format") in FORMATS and request.get("scope") in SCOPES
        for view in views
    ):
        return t("export_no_table", lang())
    return no_update


def download_chart(request: object, selection_data: object) -> tuple[Any, Any]:
    """The file a chart's menu entry asks for, and what the page then says (why a file is empty, or nothing).

    ``request`` is the clicked entry's id, as the browser sent it: validated against the registry.
    """
    asked = _requested(request, runtime().views)
    if asked is None:
        return no_update, _undeclared(request, runtime().views)
    view, chart, extension, scope = asked
    selection = selection_from(selection_data)
    chosen = selection.unfiltered() if scope == "all" else selection
    table = chart_table(view.tables[chart](chosen))
    reason = empty_reason(chosen)
    note = reason if table.empty else None
    return send(table, file_name(view, chart, selection, scope, extension), extension, reason), note


def view_table(selection: Selection) -> tuple[pd.DataFrame, View] | None:
    """The data behind every chart of the selection's view, one table, and the view; None when it declares none."""
    view = next((v for v in runtime().views if v.slug == selection.tab and v.tables), None)
    if view is None:
        return None
    parts = [chart_table(build(selection)) for build in view.tables.values()]
    return pd.concat(parts, ignore_index=True), view


def download(n_clicks: int | None, selection_data: object) -> dict[str, Any] | None:
    """Send the current view's data (or, for a view without charts' tables, every figure) when pressed."""
    if not n_clicks:
        return None
    selection = selection_from(selection_data)
    declared = view_table(selection)
    if declared is None:
        table, name = figures_table(selection_data), "sze-cijfers.csv"
    else:
        table, name = declared[0], file_name(declared[1], "main", selection, extension="csv")
    return dcc.send_string(to_csv(table, empty_reason(selection)), name, type=FORMATS["csv"])


def _on_chart_download(clicks: list[int | None], selection_data: object) -> tuple[Any, Any]:
    """A menu entry was clicked: the one that was (Dash names it) decides the file."""
    if not any(clicks):
        return no_update, no_update
    return download_chart(ctx.triggered_id, selection_data)


# wiring only: exercised end to end by the browser tests brdl001 and brexp001, not by the unit tests mutmut runs
def register(app: Dash) -> None:  # pragma: no mutate block
    """Wire the filter bar's download, every chart's data downloads and image exports."""
    app.callback(
        Output(ids.DOWNLOAD, "data"),
        Input(ids.DOWNLOAD_BUTTON, "n_clicks"),
        State(ids.SELECTION, "data"),
        prevent_initial_call=True,
    )(download)
    app.callback(
        Output(ids.chart_control(ids.CHART_FILE, MATCH, MATCH), "data"),
        Output(ids.chart_control(ids.CHART_EXPORT_NOTE, MATCH, MATCH), "children"),
        Input(ids.chart_control(ids.CHART_DOWNLOAD, MATCH, MATCH, format=ALL, scope=ALL), "n_clicks"),
        State(ids.SELECTION, "data"),
        prevent_initial_call=True,
    )(_on_chart_download)
    app.clientside_callback(
        ClientsideFunction(namespace="sze", function_name="chartImage"),
        Output(ids.chart_control(ids.CHART_IMAGE_DONE, MATCH, MATCH), "children"),
        Input(ids.chart_control(ids.CHART_IMAGE, MATCH, MATCH, format=ALL), "n_clicks"),
        prevent_initial_call=True,
    )
