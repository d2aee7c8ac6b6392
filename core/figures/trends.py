"""Trends: a figure per edition, the e-healthweek predecessor in its own panel, gaps as words."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.figures.style import PREDECESSOR_COLOURS, SZE_COLOUR, empty_figure, styled, wrap
from core.formatting import cite, fmt_published
from core.i18n import metric_label, t


def _edition_bars(
    fig: go.Figure, series: Sequence[tuple[str, pd.DataFrame, str]], *, col: int, lang: str, name_metric: bool
) -> None:
    """Bars per (metric, frame, colour), hatched when rounded; 'niet gepubliceerd' where none has a value.

    Each metric is its own trace: two definitions never become one series, even in one panel.
    """
    top, published_editions, editions = 0.0, set(), set()
    for metric, frame, colour in series:
        frame = frame.assign(x=frame["edition"].astype(str))
        editions |= set(frame["x"])
        published = frame[~frame["value"].isna()]
        published_editions |= set(published["x"])
        if len(published):
            top = max(top, float(published["value"].max()))
        suffix = f"<br>{metric_label(metric, lang).split(' (')[0].lower()}" if name_metric else ""
        for rounded in (False, True):
            part = published[(published["qualifier"] != "exact") == rounded]
            if part.empty:
                continue
            name = t("trend_rounded" if rounded else "trend_exact", lang)
            fig.add_trace(
                go.Bar(
                    x=list(part["x"]),
                    y=list(part["value"]),
                    text=[wrap(fmt_published(v)) + suffix for v in part["published_text"]],
                    textposition="outside",
                    constraintext="none",
                    cliponaxis=False,
                    textfont=dict(size=18),
                    marker=dict(color=colour, pattern=dict(shape="/" if rounded else "", fgcolor="white", size=10)),
                    name=name,
                    legendgroup=name,
                    showlegend=name not in {trace.name for trace in fig.data if trace.showlegend is not False},
                    meta=metric,
                    hovertext=[
                        f"{metric_label(metric, lang)}: {fmt_published(r.published_text)}<br>"
                        f"{t('source', lang)}: {cite(r)}"
                        for r in part.itertuples()
                    ],
                    hoverinfo="text",
                ),
                row=1,
                col=col,
            )
    gaps = sorted(editions - published_editions)
    if gaps:
        # words, not a zero: a text mark keeps the edition on the axis and says why it is empty
        fig.add_trace(
            go.Scatter(
                x=gaps,
                y=[(top or 1.0) * 0.08] * len(gaps),
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
    if published_editions:
        fig.update_yaxes(range=[0, top * 1.25], row=1, col=col)
    else:  # nothing published here: no axis that suggests a scale
        fig.update_yaxes(range=[0, 1], showticklabels=False, showgrid=False, row=1, col=col)


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
    source_publisher, source_date.
    """
    predecessor = [(m, f) for m, f in predecessor if len(f)]
    panels = []
    if predecessor:
        series = [(m, f, PREDECESSOR_COLOURS[i % 2]) for i, (m, f) in enumerate(predecessor)]
        panels.append((t("predecessor_title", lang), series, len(predecessor) > 1))
    if len(sze):
        panels.append((f"{t('sze_title', lang)}: {metric_label(metric, lang)}", [(metric, sze, SZE_COLOUR)], False))
    if not panels:
        return empty_figure(t("trend_nothing", lang))
    fig = make_subplots(
        rows=1,
        cols=len(panels),
        column_widths=[0.42, 0.58] if len(panels) == 2 else None,
        horizontal_spacing=0.12,
        subplot_titles=[title for title, _, _ in panels],
    )
    for col, (_title, series, name_metric) in enumerate(panels, start=1):
        _edition_bars(fig, series, col=col, lang=lang, name_metric=name_metric)
    fig.update_xaxes(
        type="category", categoryorder="category ascending", showline=True, linecolor="#444", tickfont=dict(size=17)
    )
    fig.update_yaxes(tickformat=",d", rangemode="tozero")
    for annotation in fig.layout.annotations[: len(panels)]:
        annotation.font = dict(size=16)
    styled(fig, t("trend_title", lang, metric=metric_label(metric, lang)), height=500)
    fig.update_layout(bargap=0.3, barmode="overlay", margin=dict(l=10, r=50, t=90, b=40))
    return fig
