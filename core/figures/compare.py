"""Figures of the comparison: themes, formats and ratings of each chosen selection, side by side.

Shares, not counts: a week of 40 activities and an edition of 300 are compared on what part of
each went to a theme; the counts are in the hover and in the table beside the chart. One share
axis (0–100%) for every panel, so equal bars mean equal shares everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.compare import SlotSummary
from core.figures.detail import FORMAT_ORDER, THEME_ORDER
from core.figures.style import NarrowLayout, empty_figure, for_screen, styled
from core.formatting import fmt_count
from core.i18n import t

#: one colour per column of the comparison (Okabe-Ito: safe for colour-blind viewers), in chosen order
SLOT_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
#: and a pattern each, so the columns are told apart without colour too
SLOT_PATTERNS = ("", "/", ".", "x", "-", "+")
#: a phone's rating chart in px: above the plot (its title), the plot, under it the ticks and axis title, per
#: legend entry (two lines)
NARROW_TOP, NARROW_PLOT, NARROW_AXIS, NARROW_ENTRY = 70, 260, 85, 40
#: px of chart per bar of the themes and formats: room for its words in type that reads from the back of a room
#: (plotly shrinks the words beside a bar to the bar's thickness; at 16 px they were 9 px high)
BAR_PX = 24


def _share(part: int, whole: int) -> float:
    return 100 * part / whole if whole else 0.0


def _bar_style(i: int) -> dict[str, object]:
    return {"color": SLOT_COLOURS[i % len(SLOT_COLOURS)], "pattern": {"shape": SLOT_PATTERNS[i % len(SLOT_PATTERNS)]}}


def mix_figure(summaries: Sequence[SlotSummary], *, lang: str = "nl", narrow: bool = False) -> go.Figure:
    """Per theme and per format the share of each selection's registered activities: two panels, one axis.

    ``narrow`` (a phone): the labels on two lines.
    """
    drawn = [s for s in summaries if s.activities]
    if not drawn:
        return empty_figure(t("compare_no_activities", lang), height=320, lang=lang)
    panels = (
        ("theme", THEME_ORDER, t("detail_by_theme", lang), lambda s: s.themes),
        ("format", FORMAT_ORDER, t("detail_by_format", lang), lambda s: s.formats),
    )
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, subplot_titles=[title for _, _, title, _ in panels], vertical_spacing=0.12
    )
    for row, (key, order, _, counts_of) in enumerate(panels, start=1):
        labels = [t(f"{key}_{value}", lang) for value in order]
        for i, summary in enumerate(drawn):
            counts = counts_of(summary)
            shares = [_share(counts.get(value, 0), summary.activities) for value in order]
            fig.add_trace(
                go.Bar(
                    x=shares,
                    y=labels,
                    orientation="h",
                    name=summary.label,
                    legendgroup=summary.label,
                    showlegend=row == 1,
                    marker=_bar_style(i),
                    text=[f"{round(v)}%" for v in shares],
                    textposition="outside",
                    textfont=dict(size=13),
                    constraintext="none",
                    cliponaxis=False,
                    customdata=[fmt_count(counts.get(value, 0), lang=lang) for value in order],
                    hovertemplate=f"{summary.label}<br>%{{y}}: %{{x:.0f}}% (%{{customdata}} "
                    + t("detail_activities", lang).lower()
                    + ")<extra></extra>",
                ),
                row=row,
                col=1,
            )
    fig.update_yaxes(autorange="reversed")
    # no axis title: the chart's title says these are shares, and a long title is cut off on a phone
    fig.update_xaxes(range=[0, 110], ticksuffix="%")
    fig.update_layout(barmode="group", bargap=0.25)
    height = 260 + 2 * len(order) * len(drawn) * BAR_PX
    styled(fig, t("compare_mix_title", lang), height=height, lang=lang)
    fig.update_layout(legend=dict(orientation="h", y=-0.12, yanchor="top", x=0), margin=dict(l=10, r=20, t=90, b=120))
    # a phone: the labels on two lines, so the bars keep room for their words
    return for_screen(fig, narrow, NarrowLayout(legend=dict(font=dict(size=14)), category_width=10))


def rating_share_figure(summaries: Sequence[SlotSummary], *, lang: str = "nl", narrow: bool = False) -> go.Figure:
    """Per rating (1–10) the share of each selection's respondents; selections too small to show are left out.

    ``narrow`` (a phone): a legend entry's number of respondents on a line of its own, or it runs off the chart.
    """
    drawn = [s for s in summaries if s.ratings]
    if not drawn:
        return empty_figure(t("compare_no_ratings", lang), height=320, lang=lang)
    fig = go.Figure()
    for i, summary in enumerate(drawn):
        total = sum(summary.ratings.values())
        fig.add_trace(
            go.Bar(
                x=list(range(1, 11)),
                y=[_share(summary.ratings.get(r, 0), total) for r in range(1, 11)],
                name=f"{summary.label} (n = {fmt_count(total, lang=lang)})",
                marker=_bar_style(i),
                customdata=[fmt_count(summary.ratings.get(r, 0), lang=lang) for r in range(1, 11)],
                hovertemplate=f"{summary.label}<br>"
                + t("detail_rating", lang)
                + " %{x}: %{y:.0f}% (%{customdata})<extra></extra>",
            )
        )
    fig.update_layout(barmode="group")
    fig.update_xaxes(title_text=t("detail_rating_axis", lang), tickmode="linear", dtick=1, range=[0.5, 10.5])
    fig.update_yaxes(title_text=t("compare_share_respondents", lang), ticksuffix="%", rangemode="tozero")
    styled(fig, t("compare_rating_title", lang), height=480, lang=lang)
    fig.update_layout(legend=dict(orientation="h", y=-0.25, yanchor="top", x=0), margin=dict(b=130))
    # a phone: a legend entry a line pair each (its number of respondents on a line of its own), under the axis
    # title; the plot keeps its height in pixels, the legend's room below it grows with the number of selections
    bottom = NARROW_AXIS + NARROW_ENTRY * len(drawn)
    phone = NarrowLayout(
        height=NARROW_TOP + NARROW_PLOT + bottom,
        legend=dict(font_size=14, y=-NARROW_AXIS / NARROW_PLOT),
        margin=dict(t=NARROW_TOP, b=bottom),
        restyle=_respondents_below,
    )
    return for_screen(fig, narrow, phone)


def _respondents_below(fig: go.Figure) -> None:
    """A legend entry's number of respondents on a line of its own, or a phone's legend runs off the chart."""
    for trace in fig.data:
        label, _, respondents = str(trace.name).rpartition(" (n = ")
        trace.name = f"{label}<br>(n = {respondents}"
