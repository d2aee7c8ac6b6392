"""Trends: a figure per edition, the e-healthweek predecessor in its own panel, gaps as words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.figures.style import PREDECESSOR_COLOURS, SZE_EDITION_COLOURS, empty_figure, styled, wrap
from core.formatting import cite, fmt_published
from core.i18n import metric_label, t


@dataclass(frozen=True)
class _Series:
    """Bars counted one way: one colour and one legend entry (a second, hatched, for rounded values)."""

    label: str
    metric: str
    frame: pd.DataFrame
    colour: str


@dataclass(frozen=True)
class _Panel:
    """One side-by-side panel: its title, its series and every edition on its axis."""

    title: str
    series: list[_Series]
    editions: list[str]
    name_metric: bool  # bar labels say what was counted (the predecessor counted two things)


def _published(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows with a published value."""
    return frame[~frame["value"].isna()]


def _short(metric: str, lang: str) -> str:
    """'activiteiten' for 'Activiteiten (e-healthweek)': what was counted, in a label or legend."""
    return metric_label(metric, lang).split(" (")[0].lower()


def _add_series(fig: go.Figure, series: _Series, *, col: int, lang: str, name_metric: bool) -> None:
    """A series as bars, hatched where rounded; each trace its own legend entry, so its swatch is its bars."""
    published = _published(series.frame).assign(x=lambda f: f["edition"].astype(int).astype(str))
    suffix = f"<br>{_short(series.metric, lang)}" if name_metric else ""
    for rounded in (False, True):
        part = published[(published["qualifier"] != "exact") == rounded]
        if part.empty:
            continue
        name = f"{series.label} · {t('trend_rounded_short', lang)}" if rounded else series.label
        fig.add_trace(
            go.Bar(
                x=list(part["x"]),
                y=list(part["value"]),
                text=[wrap(fmt_published(v)) + suffix for v in part["published_text"]],
                textposition="outside",
                constraintext="none",
                cliponaxis=False,
                textfont=dict(size=18),
                marker=dict(color=series.colour, pattern=dict(shape="/" if rounded else "", fgcolor="white", size=10)),
                name=name,
                legendgroup=name,
                showlegend=True,
                meta=series.metric,
                hovertext=[
                    f"{metric_label(series.metric, lang)} {r.x}: {fmt_published(r.published_text)}<br>"
                    f"{t('source', lang)}: {cite(r)}"
                    for r in part.itertuples()
                ],
                hoverinfo="text",
            ),
            row=1,
            col=col,
        )


def _add_gaps(fig: go.Figure, gaps: list[str], *, y: float, col: int, lang: str) -> None:
    """Words, not a zero: a text mark keeps the edition on the axis and says why it is empty."""
    fig.add_trace(
        go.Scatter(
            x=gaps,
            y=[y] * len(gaps),
            mode="text",
            text=[t("not_published_br", lang)] * len(gaps),
            textfont=dict(size=15, color="#444"),
            cliponaxis=False,
            showlegend=False,
            hoverinfo="skip",
            name="gaps",
        ),
        row=1,
        col=col,
    )


def _panels(sze: pd.DataFrame, predecessor: Sequence[tuple[str, pd.DataFrame]], metric: str, lang: str) -> list[_Panel]:
    """The predecessor panel (one series per way of counting) and the SZE panel (one series per edition)."""
    panels = []
    if predecessor:
        series = [
            _Series(
                f"{t('programme_ehealthweek', lang)}: {_short(m, lang)}",
                m,
                f,
                PREDECESSOR_COLOURS[i % len(PREDECESSOR_COLOURS)],
            )
            for i, (m, f) in enumerate(predecessor)
        ]
        editions = sorted({str(int(e)) for _, f in predecessor for e in f["edition"]})
        panels.append(_Panel(t("predecessor_title", lang), series, editions, name_metric=len(predecessor) > 1))
    if len(sze):
        # no source says two editions were counted the same way (2021: '210 digitale activiteiten',
        # 2022: '300 activiteiten'), so each edition is a series of its own, not one line of bars
        series = [
            _Series(
                f"{t('programme_sze', lang)} {int(edition)}",
                metric,
                group,
                SZE_EDITION_COLOURS[i % len(SZE_EDITION_COLOURS)],
            )
            for i, (edition, group) in enumerate(_published(sze).groupby("edition", sort=True))
        ]
        editions = sorted({str(int(e)) for e in sze["edition"]})
        panels.append(
            _Panel(f"{t('sze_title', lang)}: {metric_label(metric, lang)}", series, editions, name_metric=False)
        )
    return panels


def trend_figure(
    sze: pd.DataFrame,
    predecessor: Sequence[tuple[str, pd.DataFrame]] = (),
    *,
    metric: str,
    lang: str = "nl",
) -> go.Figure:
    """A metric per edition; the e-healthweek predecessor in its own panel, never joined to the SZE series.

    ``predecessor`` holds (metric, frame) pairs: the e-healthweek counted differently over the years.
    Frames have columns edition, value (NaN = not published), qualifier, published_text,
    source_publisher, source_date. The panels share one y-scale: equal heights are equal numbers.
    """
    panels = _panels(sze, [(m, f) for m, f in predecessor if len(f)], metric, lang)
    if not panels:
        return empty_figure(t("trend_nothing", lang), lang=lang)
    titles = []
    for panel in panels:
        counted = [s for s in panel.series if len(_published(s.frame))]
        # more than one way of counting in one panel: the chart itself says they are not one series
        note = f"<br><span style='font-size:13px'>{t('trend_not_one_series', lang)}</span>" if len(counted) > 1 else ""
        titles.append(panel.title + note)
    fig = make_subplots(
        rows=1,
        cols=len(panels),
        column_widths=[0.42, 0.58] if len(panels) == 2 else None,
        horizontal_spacing=0.12,
        subplot_titles=titles,
    )
    values = [float(v) for p in panels for s in p.series for v in _published(s.frame)["value"]]
    top = max(values, default=0.0)
    for col, panel in enumerate(panels, start=1):
        for series in panel.series:
            _add_series(fig, series, col=col, lang=lang, name_metric=panel.name_metric)
        shown = {str(int(e)) for s in panel.series for e in _published(s.frame)["edition"]}
        gaps = [e for e in panel.editions if e not in shown]
        if gaps:
            _add_gaps(fig, gaps, y=(top or 1.0) * 0.08, col=col, lang=lang)
        # one scale for every panel: 'circa 50.000' never stands as high as 'bijna 33.000'
        fig.update_yaxes(range=[0, top * 1.25 if top else 1.0], row=1, col=col)
        if col > 1:
            fig.update_yaxes(matches="y", row=1, col=col)
        if not shown:  # nothing published here: no axis that suggests a value
            fig.update_yaxes(showticklabels=False, showgrid=False, row=1, col=col)
    fig.update_xaxes(
        type="category", categoryorder="category ascending", showline=True, linecolor="#444", tickfont=dict(size=17)
    )
    fig.update_yaxes(tickformat=",d", rangemode="tozero")
    for annotation in fig.layout.annotations[: len(panels)]:
        annotation.font = dict(size=16)
    styled(fig, t("trend_title", lang, metric=metric_label(metric, lang)), height=560, lang=lang)
    fig.update_layout(
        bargap=0.3,
        barmode="overlay",
        showlegend=True,
        # hung below the tick labels: a legend of several series grows downwards, never over the years
        legend=dict(orientation="h", yanchor="top", y=-0.1, x=0),
        margin=dict(l=10, r=50, t=110, b=40),
    )
    return fig
