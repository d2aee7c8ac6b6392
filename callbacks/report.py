"""The printable briefing (/rapport): the URL's selection, its key figures, each view's charts through the registry.

The charts are the views' own: each view's ``update`` is called with the selection, as the dashboard calls
it, and its figures, notes and source lines are laid out for A4. Nothing here draws or queries a chart.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from dash import Dash, Input, Output, no_update

from callbacks.common import choices, chosen_editions, headline, lang, reference, runtime
from core.figures.printed import has_data
from core.formatting import fmt_date, fmt_published
from core.i18n import metric_label, t
from core.key_figures import KeyFigure
from core.selection import Page, Selection, page_for
from core.views import View
from layouts import ids
from layouts.components import source_note
from layouts.key_figures import key_figure_tiles
from layouts.report import ReportChart, ReportSection, report, report_head


def selection_facts(selection: Selection) -> list[tuple[str, str]]:
    """The selection in words, as term and value: editions, region, week and the figure Trends follows."""
    language, ref = lang(), reference()
    shown = chosen_editions(selection)
    said = [] if selection.editions else [t("report_all_editions", language)]
    predecessor = [year for year in shown if year not in ref.years("sze")]
    if predecessor:
        said.append(t("report_predecessor", language, editions=", ".join(str(y) for y in predecessor)))
    editions = ", ".join(str(year) for year in shown) + (f" ({'; '.join(said)})" if said else "")
    region = ref.region_name(selection.region) if selection.region else t("report_all_regions", language)
    week = t("summary_week", language, week=selection.week) if selection.week else t("report_all_weeks", language)
    return [
        (t("report_editions", language), editions),
        (t("report_region", language), region),
        (t("report_week", language), week),
        (t("report_metric", language), metric_label(selection.metric, language)),
    ]


def _cited_rows(frame: pd.DataFrame, column: str, tile: KeyFigure) -> pd.DataFrame:
    """The rows a tile quotes: its value, and the previous edition's value its change names."""
    quoted = [(tile.edition, tile.words)]
    if tile.change is not None:
        quoted.append((tile.change.previous.edition, tile.change.previous.text))
    words = [fmt_published(text) if isinstance(text, str) else "" for text in frame["published_text"]]
    keep = [
        name == tile.name and (int(edition), said) in quoted
        for name, edition, said in zip(frame[column], frame["edition"], words, strict=True)
    ]
    return frame[keep]


def key_figure_parts(selection: Selection) -> tuple[Any, Any]:
    """The key-figure tiles of the selection (without links: paper has none) and the source line of what they quote."""
    language, found = lang(), headline(selection)
    tiles, figures, evaluations = found.tiles, found.figures, found.evaluations
    national = figures[figures["region"].isna() & figures["week"].isna()]
    section = key_figure_tiles(tiles, {}, {}, found.without, language, national_note=selection.is_local())
    quoted = [
        _cited_rows(national, "metric", tile) if tile.kind == "figure" else _cited_rows(evaluations, "measure", tile)
        for tile in tiles
    ]
    rows = pd.concat(quoted, ignore_index=True) if quoted else pd.DataFrame()
    return section, source_note(rows, language)


def view_charts(view: View, selection: Selection) -> tuple[ReportChart, ...]:
    """The charts of one view that draw something for the selection, each with its source line and notes."""
    parts = view.update(selection=selection.to_store())
    charts = []
    for name, figure in parts.items():
        if not (name.endswith("graph") and isinstance(figure, go.Figure) and has_data(figure)):
            continue
        prefix = name[: -len("graph")]
        get = parts.get
        charts.append(
            ReportChart(view.name, prefix, figure, get(prefix + "sources"), get(prefix + "note"), get(prefix + "text"))
        )
    return tuple(charts)


def report_sections(selection: Selection) -> tuple[list[ReportSection], list[str]]:
    """The briefing's views with their charts, and the names of those that draw nothing for the selection."""
    language = lang()
    sections, omitted = [], []
    # a view without ``in_report`` (the region page, the comparison) answers a question of its own
    # rather than restating the selection
    for view in (view for view in runtime().views if view.in_report):
        charts = view_charts(view, selection)
        if charts:
            sections.append(ReportSection(t(view.label, language), charts))
        else:
            omitted.append(t(view.label, language))
    return sections, omitted


def build_report(selection: Selection, today: dt.date | None = None) -> Any:
    """The whole briefing of ``selection``, dated ``today``."""
    language = lang()
    made = t("report_made", language, date=fmt_date(today or dt.date.today(), lang=language))
    tiles, key_sources = key_figure_parts(selection)
    sections, omitted = report_sections(selection)
    head = report_head(selection_facts(selection), made, language)
    return report(head, tiles, key_sources, sections, omitted, language)


def report_content(pathname: str | None, search: str | None) -> tuple[Any, Any]:
    """The briefing of the URL's selection and the way back to the same view; nothing while another page shows."""
    if page_for(pathname) is not Page.REPORT:
        return no_update, no_update
    selection = Selection.from_query(search, choices())
    return build_report(selection), selection.to_path()


def register(app: Dash) -> None:
    """Wire the briefing's content, its way back to the dashboard, and its print button."""
    app.callback(
        Output(ids.REPORT_CONTENT, "children"),
        Output(ids.REPORT_BACK, "href"),
        Input(ids.URL, "pathname"),
        Input(ids.URL, "search"),
    )(report_content)
    # the browser's own print dialog: the print stylesheet (assets/print.css) lays the page out for A4
    app.clientside_callback(
        "function (n) { if (n) { window.print(); } return n || 0; }",
        Output(ids.REPORT_PRINTED, "data"),
        Input(ids.REPORT_PRINT, "n_clicks"),
        prevent_initial_call=True,
    )
