"""Small building blocks shared by the views: source notes, figure cards, tables, graph panels."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from core.figures import graph_config
from core.figures.describe import describe_figure, figure_rows
from core.formatting import cite, fmt_published, is_missing, source_text
from core.i18n import metric_label, t
from layouts import ids


def aria(**attributes: str) -> dict[str, Any]:
    """ARIA attributes for a component: aria(label="...") -> {"aria-label": "..."}."""
    return {f"aria-{name.replace('_', '-')}": value for name, value in attributes.items()}


def source_note(frame: pd.DataFrame, lang: str = "nl", extra: Iterable[str] = ()) -> html.Div:
    """'Bron: …' under a chart: every distinct source of the rows shown, with its date."""
    seen: list[str] = []
    if len(frame) and "source_publisher" in frame:
        for row in frame.dropna(subset=["source_publisher"]).itertuples():
            text = source_text(row.source_publisher, row.source_title, row.source_date)
            if text not in seen:
                seen.append(text)
    seen += [e for e in extra if e not in seen]
    if not seen:
        return html.Div()
    label = t("sources_line" if len(seen) > 1 else "source_line", lang)
    return html.Div(
        # the citations are the sources' own (Dutch) words, marked so a screen reader reads them in Dutch
        [html.Strong(f"{label}: "), html.Span("; ".join(seen), lang="nl")],
        className="source-note",
    )


def note_text(component: Any) -> str:
    """The words of a note as one line ('Bron: …'), for places that cannot hold components (a figure)."""
    if component is None:
        return ""
    if isinstance(component, str):
        return component
    if isinstance(component, (list, tuple)):
        return "".join(note_text(child) for child in component)
    return note_text(getattr(component, "children", None))


def graph_panel(
    view: str,
    prefix: str = "",
    *,
    note: bool = True,
    text: bool = True,
    lang: str = "nl",
    config: dict[str, Any] | None = None,
) -> html.Section:
    """A chart with its note above, its sources below and its figures as text below that.

    Ids are ``ids.part(view, prefix + "graph")`` and so on for "note", "sources", "text" and "alt".
    The "alt" part (``chart_alternative``) holds the chart's sentence, which the panel names as its
    description for screen readers, and the chart's values as a table behind a fold.
    """
    alt = ids.part(view, prefix + "alt")
    chart = ids.chart_key(prefix)
    # the toolbar's camera names its file after the chart, not plotly's 'newplot' (the Downloaden menu's
    # image also names the selection)
    camera = {
        **graph_config(lang)["toImageButtonOptions"],
        "filename": "-".join(["sze", view, chart][: 3 if chart != "main" else 2]),
    }
    # the chart first; under it its source line (once, in type a projector shows) with the download menu beside
    # it; then what explains it, folded under 'Toelichting' (open with toelichting=1 in the link)
    children: list[Any] = [
        dcc.Loading(
            dcc.Graph(
                id=ids.part(view, prefix + "graph"),
                config={**graph_config(lang), "toImageButtonOptions": camera, **(config or {})},  # type: ignore[arg-type]
                className="sze-graph",
                figure={"layout": {"height": 480}, "data": []},
            ),
            type="dot",
            delay_show=300,
        ),
        html.Div(
            [html.Div(id=ids.part(view, prefix + "sources"), className="sources"), export_menu(view, chart, lang)],
            className="chart-foot",
        ),
        html.Div(id=alt, className="chart-alternative"),
    ]
    if note:
        children.append(
            html.Details(
                [
                    html.Summary(t("explanation", lang)),
                    html.Div(id=ids.part(view, prefix + "note"), className="view-note", role="status"),
                ],
                id=ids.explanation(view, chart),
                className="explanation",
            )
        )
    if text:
        children.append(html.Div(id=ids.part(view, prefix + "text"), className="as-text"))
    attributes: dict[str, Any] = {
        **aria(label=t("chart_alt", lang), describedby=alt_sentence_id(alt)),
        "data-sze-chart": f"{view}/{ids.chart_key(prefix)}",  # where the image export finds the chart
    }
    return html.Section(children, className="graph-panel", **attributes)


#: the export menu's entries: (i18n key, id kind, id extras)
_EXPORTS = (
    ("export_data_csv", ids.CHART_DOWNLOAD, {"format": "csv", "scope": "selection"}),
    ("export_data_xlsx", ids.CHART_DOWNLOAD, {"format": "xlsx", "scope": "selection"}),
    ("export_all_csv", ids.CHART_DOWNLOAD, {"format": "csv", "scope": "all"}),
    ("export_all_xlsx", ids.CHART_DOWNLOAD, {"format": "xlsx", "scope": "all"}),
    ("export_png", ids.CHART_IMAGE, {"format": "png"}),
    ("export_svg", ids.CHART_IMAGE, {"format": "svg"}),
)


def export_menu(view: str, chart: str, lang: str = "nl") -> html.Div:
    """The chart's download menu: its data (selection or whole set) as CSV or Excel, its image as PNG or SVG.

    Every id is pattern-matching (``ids.chart_control``), so one callback in ``callbacks/download.py``
    serves every chart of every view.
    """
    items = [
        dbc.DropdownMenuItem(t(key, lang), id=ids.chart_control(kind, view, chart, **extra), n_clicks=0)
        for key, kind, extra in _EXPORTS
    ]
    return html.Div(
        [
            dbc.DropdownMenu(
                items,
                label=t("export_menu", lang),
                size="sm",
                color="secondary",
                align_end=True,
                toggle_class_name="chart-export-toggle",
            ),
            dcc.Download(id=ids.chart_control(ids.CHART_FILE, view, chart)),
            html.Div(id=ids.chart_control(ids.CHART_IMAGE_DONE, view, chart), hidden=True),
            html.Div(
                id=ids.chart_control(ids.CHART_EXPORT_NOTE, view, chart), className="chart-export-note", role="status"
            ),
        ],
        className="chart-export",
    )


def alt_sentence_id(alt: str) -> str:
    """Id of the sentence inside a panel's "alt" part (the panel's aria-describedby)."""
    return f"{alt}-sentence"


def chart_alternative(figure: go.Figure, alt: str, lang: str = "nl") -> list[Any]:
    """The "alt" part of a graph panel: the chart in one sentence for screen readers, and its values as a table.

    ``alt`` is the part's id. The sentence is visually hidden (the chart and its text say it for sighted
    readers); the table sits behind a fold that keyboard and screen reader users open like any other.
    """
    rows = figure_rows(figure, lang)
    parts: list[Any] = [html.P(describe_figure(figure, lang), id=alt_sentence_id(alt), className="chart-alt")]
    if rows:
        parts.append(
            html.Details(
                [
                    html.Summary(t("alt_table_summary", lang)),
                    markdown_table([t(f"alt_col_{c}", lang) for c in ("series", "label", "value")], rows),
                ],
                className="chart-table",
            )
        )
    return parts


def panel_outputs(prefix: str = "", *, note: bool = True, text: bool = True) -> dict[str, str]:
    """The parts ``graph_panel`` with the same arguments puts on the page, as a View's ``outputs``."""
    parts = {prefix + "graph": "figure", prefix + "alt": "children"}
    if text:
        parts[prefix + "text"] = "children"
    parts[prefix + "sources"] = "children"
    if note:
        parts[prefix + "note"] = "children"
    return parts  # this order is the callback's key in Dash: keep it stable


def notes(items: Sequence[str]) -> html.Ul | None:
    """Notes above a chart as a list; nothing when there are none."""
    return html.Ul([html.Li(item) for item in items]) if items else None


def figure_card(
    title: str, value: str, detail: str | None, source: str | None, muted: bool = False, change: Any = None
) -> html.Div:
    """A key figure as text, with its qualifier (inside ``value``), its change (a component) and its source.

    Bootstrap's column and card as classes of two plain elements: the renderer mounts every component of an
    answer, and Trends sends its cards again with each filter change (issue 21).
    """
    body = [
        html.Div(title, className="card-title-small"),
        html.Div(value, className="figure-value" + (" text-muted" if muted else "")),
    ]
    if change is not None:
        body.append(change)
    if detail:
        body.append(html.Div(detail, className="figure-detail"))
    if source:
        body.append(html.Div(source, className="figure-source"))
    return html.Div(
        html.Div(body, className="card card-body figure-card h-100"), className="col-12 col-sm-6 col-lg-3 mb-3"
    )


def card_row(cards: Sequence[Any]) -> html.Div:
    """Cards (``figure_card``) in Bootstrap's row."""
    return html.Div(list(cards), className="row")


def headers(lang: str, *keys: str) -> list[str]:
    """Column headers from their i18n keys: headers(lang, "edition", "source") -> ['Editie', 'Bron']."""
    return [t(f"col_{key}", lang) for key in keys]


def table(columns: Sequence[str], rows: Iterable[Sequence[Any]], caption: str | None = None) -> html.Div:
    """A plain, accessible table that scrolls sideways in its own box where a phone is too narrow for it: a box
    the keyboard reaches (axe: a scrollable region must be), named by the table's caption or columns.

    A table of text is one Markdown component (the same <table>, its headers in <thead>): Dash's renderer
    re-mounts every component of an answer's ``children`` and each mount costs it a pass over the whole
    page, so the map's tables as Tr and Td components (about 250 of them) held a filter change for longer than
    drawing the map did (issue 21). A cell that is a component (a link, a span in another language) keeps
    the table of components, header cells scoped to columns.
    """
    rows = [tuple(row) for row in rows]
    named: dict[str, Any] = {"aria-label": caption or ", ".join(str(column) for column in columns)}
    if all(isinstance(cell, (str, int, float)) for row in rows for cell in row):
        body: Any = markdown_table(columns, rows, className="data-table")
        if caption:
            body = [html.P(caption, className="table-caption"), body]
    else:
        head = html.Thead(html.Tr([html.Th(c, scope="col") for c in columns]))
        cells = html.Tbody([html.Tr([html.Td(cell) for cell in row]) for row in rows])
        parts = ([html.Caption(caption)] if caption else []) + [head, cells]
        body = dbc.Table(parts, bordered=False, striped=True, hover=True, size="sm", className="data-table")
    return html.Div(body, className="table-responsive", tabIndex="0", role="region", **named)


def _markdown_cell(value: object) -> str:
    """A cell's text as Markdown that shows it literally: every ASCII punctuation mark escaped, on one line."""
    text = " ".join(str(value).split())
    return "".join(f"\\{c}" if c in MARKDOWN_PUNCTUATION else c for c in text)


#: what dcc.Markdown's parser (remark, GitHub flavour) lets a backslash escape, and so all that can start Markdown:
#: CommonMark's other punctuation ('&', ',', ':') it shows with the backslash in front
MARKDOWN_PUNCTUATION = frozenset("\\`*{}[]()#+-.!_>~|")


def markdown_table(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], className: str = "data-table chart-values"
) -> dcc.Markdown:
    """A table of many rows as one component: the same <table> for the reader, written by one Markdown component.

    Dash's renderer spends milliseconds on every component it mounts: a chart's values as a table of
    Tr and Td components (the activity map's 350 places are 1400 of them) held the page still for
    seconds after each answer. Markdown is one component however long the table.
    """
    lines = [
        "| " + " | ".join(_markdown_cell(c) for c in columns) + " |",
        "|" + " --- |" * len(columns),
        *("| " + " | ".join(_markdown_cell(c) for c in row) + " |" for row in rows),
    ]
    return dcc.Markdown("\n".join(lines), className=className)


def published_list(frame: pd.DataFrame, lang: str = "nl") -> str:
    """Published figures in words, each cited: 'Activiteiten: ruim vijftig (CIC West-Brabant, 2021); …'."""
    return "; ".join(
        f"{metric_label(r.metric, lang)}: {fmt_published(r.published_text)} ({cite(r)})" for r in frame.itertuples()
    )


def _text(value: object) -> str:
    """A text cell; empty, never 'nan', where the source says nothing."""
    return "" if is_missing(value) else str(value)


def _where(row: Any, lang: str) -> str:
    """Where an initiative took place, as precisely as its source says."""
    if row.precision == "plaats":
        return t("initiative_where_place", lang, place=row.place, province=row.province)
    if row.precision == "provincie":
        return t("initiative_where_province", lang, province=row.province)
    return t("initiative_where_none", lang)


def initiatives_table(initiatives: pd.DataFrame, lang: str = "nl") -> html.Div:
    """The highlighted initiatives with where, when, how big (as published) and their source."""
    rows: Sequence[tuple[Any, ...]] = [
        (r.name, _text(r.organisation), _where(r, lang), int(r.edition), r.kind, _text(r.size_text), cite(r))
        for r in initiatives.itertuples()
    ]
    return html.Div(
        [
            html.H3(t("initiatives_heading", lang)),
            table(headers(lang, "name", "organisation", "where", "edition", "kind", "size", "source"), rows)
            if rows
            else html.P(t("initiatives_none", lang)),
        ]
    )
