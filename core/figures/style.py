"""The dashboard's look, shared by every chart: a plotly template, colours and helpers.

Readable from the back of the room: large type, white ground, Dutch number notation. A chart
says why it is empty instead of showing empty axes.
"""

from __future__ import annotations

import textwrap
from typing import Any

import plotly.graph_objects as go

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
REGION_COLOURS = {"noord": "#56B4E9", "oost": "#E69F00", "west": "#009E73", "zuid": "#CC79A7"}
SZE_COLOUR = "#1F4E79"
#: One colour per separately counted SZE edition, so two editions never read as one series.
SZE_EDITION_COLOURS = (SZE_COLOUR, "#5B9BD5", "#0B2740", "#9DC3E6")
#: One colour per way the e-healthweek was counted (activiteiten, evenementen): never one series.
PREDECESSOR_COLOURS = ("#7F7F7F", "#8C6D31", "#4D4D4D")
UNPUBLISHED_COLOUR = "#D9D9D9"
RETURNING_COLOUR = "#2E7D32"
REACH_COLOUR = "#6A3D9A"
CONTEXT_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7")  # Okabe-Ito, distinct from the regions' fills
GRID_COLOUR = "#e5e5e5"
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"

#: Graph config: no plotly logo, no cloud buttons; a sharp PNG for slides.
GRAPH_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
    "toImageButtonOptions": {"scale": 2},
}

#: Every figure uses this template instead of plotly's default (which each figure would otherwise carry).
#: Two things it must keep from that default: axes that make room for their labels (automargin), and
#: hatching drawn over the bar's colour (fillmode overlay), or a rounded figure's bar is white on white.
TEMPLATE = go.layout.Template(
    data=dict(bar=[go.Bar(marker=dict(pattern=dict(fillmode="overlay", size=10, solidity=0.2)))]),
    layout=go.Layout(
        font=dict(family=FONT_FAMILY, size=16, color="#1a1a1a"),
        title=dict(x=0, xanchor="left", font=dict(size=20)),
        separators=",.",  # Dutch: decimal comma, thousands dot
        margin=dict(l=10, r=10, t=70, b=40),
        plot_bgcolor="white",
        paper_bgcolor="white",
        hoverlabel=dict(font_size=16),
        legend=dict(orientation="h", yanchor="bottom", y=-0.25, x=0),
        autotypenumbers="strict",
        xaxis=dict(gridcolor=GRID_COLOUR, zeroline=False, automargin=True, title=dict(standoff=15)),
        yaxis=dict(gridcolor=GRID_COLOUR, zeroline=False, automargin=True, title=dict(standoff=15)),
    ),
)


def styled(fig: go.Figure, title: str, height: int) -> go.Figure:
    """Apply the template, a left-aligned title and a height."""
    fig.update_layout(template=TEMPLATE, title_text=title, height=height)
    return fig


def wrap(text: str, width: int = 14) -> str:
    """Long published words on two or more lines, so a label stays above or beside its mark."""
    return "<br>".join(textwrap.wrap(text, width)) or text


def empty_figure(message: str, height: int = 300) -> go.Figure:
    """A blank chart that says why it is blank."""
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font=dict(size=18))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return styled(fig, "", height)
