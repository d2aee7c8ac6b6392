"""Charts for paper: a view's figure at a fixed size that fits the text width of an A4 page in portrait.

A view's figure is made for a wide screen (long labels beside the plot, 16 px type). Drawn at 640 px, the
text width of A4, its labels would run off its side; so it is drawn at ``DRAWN_WIDTH`` and shown at
``PRINT_WIDTH`` (``PRINT_ZOOM``), which prints its 16 px type at about 8 pt; long category names at its side
are wrapped onto more lines, and lines get patterns for black-and-white print. Nothing else changes:
paper shows the screen's chart.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import plotly.graph_objects as go

from core.figures.style import wrap

#: CSS pixels (96 per inch) across the chart on paper: 170 mm, inside the print stylesheet's 15 mm page margins
PRINT_WIDTH = 640
#: the width the chart is drawn at, before it is shown at ``PRINT_WIDTH``
DRAWN_WIDTH = 1000
PRINT_ZOOM = PRINT_WIDTH / DRAWN_WIDTH
#: drawn at most this tall, so a chart with its heading, notes and source line stays on one page
DRAWN_MAX_HEIGHT = 900
#: what a figure without a height of its own is given
DRAWN_DEFAULT_HEIGHT = 440
#: a category name at the side of a plot longer than this is wrapped, so the plot keeps its room
CATEGORY_WIDTH = 26
#: line patterns and marker shapes: printed in black and white, colour alone no longer tells two lines apart
LINE_DASHES = ("solid", "dash", "dot", "dashdot")
MARKER_SYMBOLS = ("circle", "square", "diamond", "triangle-up")


def _side_categories(figure: go.Figure) -> dict[str, list[str]]:
    """The category names on each vertical axis ('yaxis', 'yaxis2', ...), in the order the traces give them."""
    found: dict[str, list[str]] = defaultdict(list)
    for trace in figure.data:
        values = getattr(trace, "y", None)
        if values is None or not all(isinstance(v, str) for v in values):
            continue
        anchor = getattr(trace, "yaxis", None) or "y"
        axis = "yaxis" + anchor[1:]
        found[axis] += [v for v in values if v not in found[axis]]
    return found


def printable(figure: go.Figure, width: int = DRAWN_WIDTH, max_height: int = DRAWN_MAX_HEIGHT) -> go.Figure:
    """A copy of ``figure`` drawn ``width`` pixels wide and at most ``max_height`` tall, never resized by the page.

    Long category names beside the plot are wrapped (the axis's tick texts, not the data), and lines differ
    in pattern and marker shape as well as colour.
    """
    printed = go.Figure(figure)
    height = int(printed.layout.height or DRAWN_DEFAULT_HEIGHT)
    printed.update_layout(width=width, height=min(height, max_height), autosize=False)
    for axis, names in _side_categories(printed).items():
        if any(len(name) > CATEGORY_WIDTH and "<br>" not in name for name in names):
            ticks: dict[str, Any] = {"tickmode": "array", "tickvals": names}
            ticks["ticktext"] = [name if "<br>" in name else wrap(name, CATEGORY_WIDTH) for name in names]
            printed.update_layout({axis: ticks})
    lines = [trace for trace in printed.data if trace.type == "scatter" and "lines" in (trace.mode or "")]
    if len(lines) > 1:
        for i, trace in enumerate(lines):
            trace.update(
                line_dash=LINE_DASHES[i % len(LINE_DASHES)], marker_symbol=MARKER_SYMBOLS[i % len(LINE_DASHES)]
            )
    return printed


def has_data(figure: go.Figure) -> bool:
    """True when the figure draws something: a chart that only says why it is empty has no trace."""
    return len(figure.data) > 0
