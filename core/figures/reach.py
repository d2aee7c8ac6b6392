"""Reach: Zorg van Nu indicators as dots on a log axis; e-healthmonitor context as separate lines."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from core.figures.style import (
    CONTEXT_COLOURS,
    REACH_COLOUR,
    NarrowLayout,
    empty_figure,
    for_screen,
    styled,
    wrap,
)
from core.formatting import cite, fmt_published
from core.i18n import indicator_label, t

#: a phone's chart (about 320 px): characters per line of an indicator's name and of a legend entry
NARROW_LABEL, NARROW_LEGEND = 38, 34
#: a phone's reach chart in px: above the plot (the title and the first name), per indicator (its dot and
#: the next one's name above it), under the plot (value ticks and legend), the value ticks alone
NARROW_TOP, NARROW_ROW, NARROW_BOTTOM, NARROW_TICKS = 60, 125, 130, 34


def drawn_reach(frame: pd.DataFrame) -> pd.DataFrame:
    """The reach indicators the chart draws: those counting people, with a number, smallest first."""
    return frame[frame["counts_people"].astype(bool) & ~frame["value"].isna()].sort_values("value")


def drawn_monitor(frame: pd.DataFrame) -> pd.DataFrame:
    """The e-healthmonitor values the chart draws: those with a year to place them at."""
    return frame.dropna(subset=["year"])


def _indicator_notes(people: pd.DataFrame, lang: str) -> list[dict[str, object]]:
    """A phone's words per indicator: its published value, period and name above its dot, from the left edge."""
    return [
        dict(
            text=f"<b>{fmt_published(r.published_text)}</b><br>"
            + wrap(f"({r.period_label})", NARROW_LABEL)
            + "<br>"
            + wrap(indicator_label(r.indicator, lang), NARROW_LABEL),
            xref="paper",
            x=0,
            xanchor="left",
            yref="y",
            y=indicator_label(r.indicator, lang),
            yanchor="bottom",
            yshift=14,  # clear of the dot
            align="left",
            showarrow=False,
            font=dict(size=14),
        )
        for r in people.itertuples()
    ]


def reach_figure(frame: pd.DataFrame, lang: str = "nl", *, narrow: bool = False) -> go.Figure:
    """Zorg van Nu indicators that count people, as dots on a log scale, each labelled as published.

    Dots, not bars: a bar on a log axis has no honest starting point. An open dot marks a figure
    published as a bound ("meer dan"), a filled dot one published as such. ``narrow`` (a phone): each
    indicator's name and published words stand above its dot, from the left edge, instead of beside it.
    """
    people = drawn_reach(frame)
    if people.empty:
        return empty_figure(t("not_published", lang), lang=lang)
    fig = go.Figure()
    for rounded in (False, True):
        part = people[(people["qualifier"] != "exact") == rounded]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                y=[indicator_label(i, lang) for i in part["indicator"]],
                x=list(part["value"]),
                mode="markers+text",
                marker=dict(
                    size=20, color=REACH_COLOUR, symbol="circle-open" if rounded else "circle", line=dict(width=4)
                ),
                text=[f"{fmt_published(r.published_text)} ({r.period_label})" for r in part.itertuples()],
                textposition="middle right",
                cliponaxis=False,
                textfont=dict(size=18),
                name=t("trend_rounded" if rounded else "trend_exact", lang),
                hovertext=[
                    f"{fmt_published(r.published_text)} · {r.period_label}<br>{t('source', lang)}: {cite(r)}"
                    for r in part.itertuples()
                ],
                hoverinfo="text",
            )
        )
    ticks = [1_000, 10_000, 100_000, 1_000_000]
    fig.update_xaxes(type="log", range=[3, 7], tickvals=ticks, ticktext=[f"{v:,}".replace(",", ".") for v in ticks])
    fig.update_yaxes(
        tickfont=dict(size=15),
        categoryorder="array",
        categoryarray=[indicator_label(i, lang) for i in people["indicator"]],
    )
    styled(fig, t("reach_title", lang), height=380, lang=lang)
    fig.update_layout(margin=dict(l=10, r=60, t=70, b=40), legend=dict(y=-0.3))
    rows = len(people)
    phone = NarrowLayout(
        height=NARROW_TOP + NARROW_ROW * rows + NARROW_BOTTOM,
        margin=dict(l=10, r=20, t=NARROW_TOP, b=NARROW_BOTTOM),
        legend=dict(orientation="h", yanchor="top", y=-NARROW_TICKS / (NARROW_ROW * rows), x=0, font=dict(size=14)),
        legend_width=NARROW_LEGEND,
        # the words stand in the line above the dot (the annotations), not beside it
        traces=dict(mode="markers"),
        xaxes=dict(tickfont=dict(size=13)),
        yaxes=dict(showticklabels=False),
        annotations=_indicator_notes(people, lang),
    )
    return for_screen(fig, narrow, phone)


def monitor_figure(frame: pd.DataFrame, lang: str = "nl", *, narrow: bool = False) -> go.Figure:
    """E-healthmonitor context: one line per indicator with a known year; never joined across indicators.

    ``narrow`` (a phone): the legend's longer names wrap instead of running off the chart's edge.
    """
    dated = drawn_monitor(frame)
    if dated.empty:
        return empty_figure(t("not_published", lang), lang=lang)
    fig = go.Figure()
    for i, (indicator, group) in enumerate(dated.groupby("indicator", sort=False)):
        group = group.sort_values("year")
        colour = CONTEXT_COLOURS[i % len(CONTEXT_COLOURS)]
        fig.add_trace(
            go.Scatter(
                x=list(group["year"].astype(int)),
                y=group["value"],
                mode="lines+markers+text",
                name=indicator_label(indicator, lang),
                text=[fmt_published(v) for v in group["published_text"]],
                textposition="top center",
                textfont=dict(size=16),
                cliponaxis=False,  # a label above a value near 100% stays whole instead of cut by the plot's edge
                marker=dict(size=11, color=colour),
                line=dict(width=3, color=colour),
                hovertext=[
                    f"{indicator_label(indicator, lang)}: {fmt_published(r.published_text)} ({r.period_label})<br>"
                    f"{t('source', lang)}: {cite(r)}"
                    for r in group.itertuples()
                ],
                hoverinfo="text",
            )
        )
    # half a year of room on either side: a value's words above the first or last point stay clear of the value
    # axis's own labels and of the chart's edge
    years = dated["year"].astype(int)
    fig.update_xaxes(
        tickvals=sorted(years.unique()),  # the years measured, not the room around them
        tickformat="d",
        gridcolor="#f0f0f0",
        range=[years.min() - 0.6, years.max() + 0.6],
    )
    fig.update_yaxes(range=[0, 105], ticksuffix="%", title=t("monitor_axis", lang))
    styled(fig, t("monitor_title", lang), height=440, lang=lang)
    fig.update_layout(legend=dict(orientation="v", y=-0.2, yanchor="top"), margin=dict(b=140))
    # a phone's chart has some 65 px a year: the words a size smaller, and a year's room left of the first point,
    # so neighbouring values ('94 procent', '90%') and the value axis's labels stay apart
    phone = NarrowLayout(
        legend=dict(font=dict(size=14)),
        legend_width=NARROW_LEGEND,
        traces=dict(textfont=dict(size=13)),
        xaxes=dict(range=[years.min() - 1, years.max() + 0.7]),
    )
    return for_screen(fig, narrow, phone)
