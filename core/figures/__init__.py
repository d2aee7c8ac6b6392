"""Figure builders, one module per view: DataFrame in, plotly Figure out; pure, no database, no Dash."""

from core.figures.evaluation import evaluation_figure
from core.figures.map import map_figure
from core.figures.reach import monitor_figure, reach_figure
from core.figures.style import (
    GRAPH_CONFIG,
    REGION_COLOURS,
    TEMPLATE,
    UNPUBLISHED_COLOUR,
    empty_figure,
    graph_config,
    with_source,
)
from core.figures.trends import trend_figure

__all__ = [
    "GRAPH_CONFIG",
    "REGION_COLOURS",
    "TEMPLATE",
    "UNPUBLISHED_COLOUR",
    "empty_figure",
    "evaluation_figure",
    "graph_config",
    "map_figure",
    "monitor_figure",
    "reach_figure",
    "trend_figure",
    "with_source",
]
