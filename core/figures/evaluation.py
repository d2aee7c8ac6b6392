"""Evaluation: published scores and the share that will take part again, labelled with what was rated."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.figures.style import RETURNING_COLOUR, SZE_COLOUR, empty_figure, styled, wrap
from core.formatting import cite, fmt_published
from core.i18n import t


def evaluation_figure(frame: pd.DataFrame, lang: str = "nl") -> go.Figure:
    """Scores per edition and rated item, and the share that will take part again.

    No source states the scale of the scores, so the score axis has no ticks that would suggest one
    (a 1-10 grid would be our assumption); the published words stand beside each bar.
    """
    if frame.empty:
        return empty_figure(t("eval_none", lang))
    scores = frame[frame["measure"] == "cijfer"]
    returning = frame[frame["measure"] == "doet_weer_mee"]
    fig = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.6, 0.4],
        horizontal_spacing=0.14,
        subplot_titles=(t("eval_score", lang), t("eval_return", lang)),
    )
    panels = (
        (
            scores,
            [
                wrap(f"{r.edition} · {r.what_rated} ({r.source_publisher.split(' (')[0]})", 34)
                for r in scores.itertuples()
            ],
            SZE_COLOUR,
        ),
        (returning, [str(e) for e in returning["edition"]], RETURNING_COLOUR),
    )
    for col, (part, labels, colour) in enumerate(panels, start=1):
        if part.empty:
            continue
        fig.add_trace(
            go.Bar(
                y=labels,
                x=list(part["value"]),
                orientation="h",
                # no legend, but a name: the chart's sentence for screen readers says which panel it is
                name=(t("eval_score", lang), t("eval_return", lang))[col - 1],
                marker_color=colour,
                text=[fmt_published(v) for v in part["published_text"]],
                textposition="outside",
                cliponaxis=False,
                textfont=dict(size=18),
                showlegend=False,
                hovertext=[
                    f"{r.what_rated}<br>{fmt_published(r.published_text)}<br>{t('source', lang)}: {cite(r)}"
                    for r in part.itertuples()
                ],
                hoverinfo="text",
            ),
            row=1,
            col=col,
        )
    top = float(scores["value"].max()) if len(scores) else 1.0
    fig.update_xaxes(range=[0, top * 1.6], showticklabels=False, showgrid=False, row=1, col=1)
    fig.update_xaxes(range=[0, 135], tickvals=[0, 25, 50, 75, 100], ticksuffix="%", row=1, col=2)
    fig.update_yaxes(autorange="reversed", type="category", tickfont=dict(size=14))
    styled(fig, t("eval_title", lang), height=max(360, 110 + 70 * max(len(scores), len(returning))))
    fig.update_layout(margin=dict(l=10, r=40, t=80, b=30))
    return fig
