"""Evaluation: published scores and the share that will take part again, labelled with what was rated."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.figures.style import RETURNING_COLOUR, SZE_COLOUR, NarrowLayout, empty_figure, for_screen, styled, wrap
from core.formatting import cite, fmt_published
from core.i18n import t

#: a phone's chart in px: per score (its label of up to three lines, then its bar), the bar, per share
#: of returning participants (its edition, then its bar), between the two panels, above the first (title and
#: panel title), under the last, above each panel's first bar for its label
NARROW_SCORE, NARROW_BAR, NARROW_RETURN, NARROW_GAP, NARROW_TOP, NARROW_BOTTOM = 100, 40, 70, 80, 70, 40
NARROW_LABEL_ROOM = 36


def _row_heights(scores: pd.DataFrame, returning: pd.DataFrame, narrow: bool) -> tuple[list[int], float]:
    """The panels' relative heights and the gap between them: a phone's in pixels per bar, so they are known."""
    if not narrow:
        return [max(len(scores), 1), max(len(returning), 1)], 0.16
    rows = [max(len(scores), 1) * NARROW_SCORE, max(len(returning), 1) * NARROW_RETURN]
    return rows, NARROW_GAP / (sum(rows) + NARROW_GAP)


def _labels_above(fig: go.Figure) -> None:
    """A phone: each bar's label (what was rated; the edition) above it, from the left edge."""
    for row, trace in enumerate(fig.data, start=1):
        for position, label in enumerate(trace.y):
            fig.add_annotation(
                text=label,
                xref="paper",
                x=0,
                xanchor="left",
                yref="y" if row == 1 else "y2",
                y=position,  # the category's place: plotly reads a label such as '2021' as a place, not a name
                yanchor="bottom",
                yshift=NARROW_BAR / 2,
                align="left",
                showarrow=False,
                font=dict(size=14),
            )
        band = NARROW_SCORE if row == 1 else NARROW_RETURN
        # the first label stands above the panel's first bar: room for it under the panel's title
        fig.update_yaxes(autorange=False, range=[len(trace.y) - 0.5, -0.5 - NARROW_LABEL_ROOM / band], row=row, col=1)
        fig.update_traces(width=NARROW_BAR / band, row=row, col=1)
    fig.update_yaxes(showticklabels=False)


def evaluation_figure(frame: pd.DataFrame, lang: str = "nl", *, narrow: bool = False) -> go.Figure:
    """Scores per edition and rated item, and the share that will take part again.

    No source states the scale of the scores, so the score axis has no ticks that would suggest one
    (a 1-10 grid would be our assumption); the published words stand beside each bar. ``narrow`` (a
    phone): what was rated stands above its bar, from the left edge, so the bars keep the chart's width
    instead of shrinking to slivers beside three lines of label.
    """
    if frame.empty:
        return empty_figure(t("eval_none", lang), lang=lang)
    scores = frame[frame["measure"] == "cijfer"]
    returning = frame[frame["measure"] == "doet_weer_mee"]
    # stacked, not side by side: each panel gets the full width, so a phone shows bars, not slivers
    rows, spacing = _row_heights(scores, returning, narrow)
    fig = make_subplots(
        rows=2,
        cols=1,
        row_heights=rows,
        vertical_spacing=spacing,
        subplot_titles=(t("eval_score", lang), t("eval_return", lang)),
    )
    panels = (
        (
            scores,
            [f"{r.edition} · {r.what_rated} ({r.source_publisher.split(' (')[0]})" for r in scores.itertuples()],
            SZE_COLOUR,
        ),
        (returning, [str(e) for e in returning["edition"]], RETURNING_COLOUR),
    )
    for row, (part, labels, colour) in enumerate(panels, start=1):
        if part.empty:
            continue
        fig.add_trace(
            go.Bar(
                y=[wrap(label, 26) for label in labels],
                x=list(part["value"]),
                orientation="h",
                # no legend, but a name: the chart's sentence for screen readers says which panel it is
                name=(t("eval_score", lang), t("eval_return", lang))[row - 1],
                marker_color=colour,
                text=[fmt_published(v) for v in part["published_text"]],
                # a score's bar has no scale to be read against: its words inside it, where a phone has room
                textposition="inside" if row == 1 else "outside",
                insidetextanchor="start",
                cliponaxis=False,
                textfont=dict(size=17, color="white" if row == 1 else "#1a1a1a"),
                showlegend=False,
                hovertext=[
                    f"{r.what_rated}<br>{fmt_published(r.published_text)}<br>{t('source', lang)}: {cite(r)}"
                    for r in part.itertuples()
                ],
                hoverinfo="text",
            ),
            row=row,
            col=1,
        )
    top = float(scores["value"].max()) if len(scores) else 1.0
    fig.update_xaxes(range=[0, top * 1.02], showticklabels=False, showgrid=False, row=1, col=1)
    fig.update_xaxes(range=[0, 135], tickvals=[0, 25, 50, 75, 100], ticksuffix="%", row=2, col=1)
    fig.update_yaxes(autorange="reversed", type="category", tickfont=dict(size=14))
    styled(fig, t("eval_title", lang), height=max(420, 170 + 75 * (len(scores) + len(returning))), lang=lang)
    fig.update_layout(margin=dict(l=10, r=40, t=80, b=30))
    # panel titles from the left edge: centred over a narrow panel, a phone cuts their ends off
    fig.update_annotations(x=0, xanchor="left")
    phone = NarrowLayout(
        height=NARROW_TOP + sum(rows) + NARROW_GAP + NARROW_BOTTOM,
        margin=dict(l=10, r=10, t=NARROW_TOP, b=NARROW_BOTTOM),
        category_width=38,
        traces=dict(textfont_size=16),
        restyle=_labels_above,
    )
    return for_screen(fig, narrow, phone)
