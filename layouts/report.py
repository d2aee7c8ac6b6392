"""The printable briefing (/rapport): the selection in words, the key figures, each view's charts with their sources.

Pure component trees: the callback (``callbacks/report.py``) gathers the views' parts through the registry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go
from dash import dcc, get_asset_url, html

from core.figures import graph_config
from core.figures.printed import PRINT_ZOOM, printable
from core.i18n import t
from layouts import ids
from layouts.components import alt_sentence_id, aria, chart_alternative, note_text


@dataclass(frozen=True)
class ReportChart:
    """One chart of a view as the briefing shows it, with the parts the view's update returned beside it."""

    view: str  # the view's name (its ids' prefix)
    prefix: str  # the chart's panel prefix within the view: '' or e.g. 'monitor-'
    figure: go.Figure
    sources: Any  # the view's "sources" part: its source_note
    note: Any = None  # the view's "note" part, if it has one for this chart
    text: Any = None  # the view's "text" part: the chart's figures in words, with what they count and their sources


@dataclass(frozen=True)
class ReportSection:
    """One view in the briefing: its name and the charts that draw something for the selection."""

    heading: str
    charts: tuple[ReportChart, ...]


def cited(note: Any) -> list[str]:
    """The sources a source note names, one by one: 'Bronnen: a; b' -> ['a', 'b'] (see ``source_note``)."""
    children = getattr(note, "children", None)
    if not isinstance(children, list) or not children:
        return []
    # the note is the label in bold, then the sources joined by '; ' (no source title holds '; ')
    return [source for source in note_text(children[-1]).split("; ") if source.strip()]


def print_config(lang: str = "nl") -> dict[str, Any]:
    """A chart on paper: drawn once, at its own size, without toolbar or hover; the map's world from our assets."""
    return {
        **graph_config(lang),
        "staticPlot": True,
        "displayModeBar": False,
        "responsive": False,
        "topojsonURL": get_asset_url("topojson/"),
    }


def report_chart(chart: ReportChart, lang: str = "nl") -> html.Section | html.Div:
    """A chart at its printed size with its notes above and its source line below, kept on one page together;
    then its figures in words, as on the dashboard.

    Like the dashboard's panels, it is described for screen readers by the chart's own sentence, and its
    values stand in a table behind a fold.
    """
    figure = printable(chart.figure)
    alt = ids.report_part(chart.view, chart.prefix + "alt")
    children: list[Any] = []
    if chart.note is not None:
        children.append(html.Div(chart.note, className="view-note"))
    children += [
        dcc.Graph(
            id=ids.report_part(chart.view, chart.prefix + "graph"),
            figure=figure,
            config=print_config(lang),  # type: ignore[arg-type]
            className="report-graph",
            # drawn wide, shown at A4's text width (core/figures/printed.py)
            style={"width": f"{figure.layout.width}px", "height": f"{figure.layout.height}px", "zoom": PRINT_ZOOM},
        ),
        html.Div(chart_alternative(chart.figure, alt, lang), id=alt, className="chart-alternative"),
        html.Div(chart.sources, className="sources"),
    ]
    panel = html.Section(
        children,
        className="report-chart",
        **aria(label=t("chart_alt", lang), describedby=alt_sentence_id(alt)),
    )
    if chart.text is None:
        return panel
    # the figures in words may run over a page: outside the chart's unbreakable block
    return html.Div([panel, html.Div(chart.text, className="as-text report-text")])


def report_section(section: ReportSection, lang: str = "nl") -> html.Section:
    """A view's heading and its charts."""
    return html.Section(
        [html.H2(section.heading, className="report-view-heading")]
        + [report_chart(chart, lang) for chart in section.charts],
        className="report-view",
    )


def report_head(facts: Sequence[tuple[str, str]], made: str, lang: str = "nl") -> html.Header:
    """The briefing's title, what it holds, the selection as term and value, and when it was made."""
    return html.Header(
        [
            html.H2(t("report_title", lang), className="report-title"),
            html.P(t("report_lead", lang), className="report-lead"),
            html.Dl(
                [part for term, value in facts for part in (html.Dt(term), html.Dd(value))],
                className="report-selection",
            ),
            html.P(made, className="report-made"),
        ],
        className="report-head",
    )


def sources_section(sources: Sequence[str], lang: str = "nl") -> html.Section:
    """Every source the briefing cites, once each, in the order first cited."""
    return html.Section(
        [
            html.H2(t("report_sources_heading", lang)),
            html.Ol([html.Li(source) for source in dict.fromkeys(sources)])
            if sources
            else html.P(t("report_sources_none", lang)),
        ],
        className="report-sources",
    )


def report(
    head: html.Header,
    key_figures: Any,
    key_sources: Any,
    sections: Sequence[ReportSection],
    omitted: Sequence[str],
    lang: str = "nl",
) -> html.Article:
    """The whole briefing; ``omitted`` names the views that draw nothing for the selection."""
    parts: list[Any] = [head, html.Div([key_figures, key_sources], className="report-key-figures")]
    parts += [report_section(section, lang) for section in sections]
    if omitted:
        parts.append(html.P(t("report_omitted", lang, views=", ".join(omitted)), className="report-omitted"))
    sources = cited(key_sources) + [source for s in sections for c in s.charts for source in cited(c.sources)]
    parts.append(sources_section(sources, lang))
    return html.Article(parts, className="report")
