"""The dashboard's look, shared by every chart: a plotly template, colours and helpers.

Readable from the back of the room: large type, white ground, Dutch number notation. A chart
says why it is empty instead of showing empty axes.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go
from babel.numbers import get_decimal_symbol, get_group_symbol

from core.i18n import DEFAULT_LANG, t

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

#: an exported image is at least this wide, so the source's longest line fits whatever the screen (a phone)
IMAGE_WIDTH = 1200
#: The toolbar's only buttons: zoom for the charts that have axes or a map. Everything else (selection tools,
#: hover modes, spikes, the cloud) is noise on a shared screen; an image is the Downloaden menu's, under the chart,
#: which draws the source line the page shows under it (plotly's camera would leave it out).
TOOLBAR_KEPT = ("zoomIn2d", "zoomOut2d", "resetScale2d", "zoomInGeo", "zoomOutGeo", "resetGeo")
_TOOLBAR_DROPPED = (
    "toImage",
    "zoom2d",
    "pan2d",
    "select2d",
    "lasso2d",
    "autoScale2d",
    "hoverClosestCartesian",
    "hoverCompareCartesian",
    "toggleSpikelines",
    "panGeo",
    "hoverClosestGeo",
    "toggleHover",
    "resetViews",
    "sendDataToCloud",
    "editInChartStudio",
)
#: plotly's own words for the kept buttons -> i18n keys; plotly's bundled Dutch (assets/vendor) covers the rest,
#: but spells its PNG tooltip "Dowload" and does not say the image carries its source
_TOOLBAR_WORDS = {
    "Download plot as a PNG": "toolbar_png",
    "Download plot": "toolbar_png",
    "Zoom": "toolbar_zoom",
    "Pan": "toolbar_pan",
    "Zoom in": "toolbar_zoom_in",
    "Zoom out": "toolbar_zoom_out",
    "Autoscale": "toolbar_autoscale",
    "Reset axes": "toolbar_reset",
    "Reset view": "toolbar_reset",
}


def graph_config(lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """Graph config: the page's language in the toolbar, nothing that uploads, no logo; a sharp PNG for slides."""
    return {
        "displaylogo": False,
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "showLink": False,
        # plotly.js 4 has a Chart Studio address by default (cloud.plotly.com): none, so nothing could be sent
        "plotlyServerURL": "",
        "showTips": False,  # plotly's English first-visit hints
        "modeBarButtonsToRemove": list(_TOOLBAR_DROPPED),
        "toImageButtonOptions": {"format": "png", "scale": 2, "width": IMAGE_WIDTH},
        "locale": lang,
        "locales": {lang: {"dictionary": {words: t(key, lang) for words, key in _TOOLBAR_WORDS.items()}}},
    }


GRAPH_CONFIG: dict[str, Any] = graph_config()

#: Every figure uses this template instead of plotly's default (which each figure would otherwise carry).
#: Two things it must keep from that default: axes that make room for their labels (automargin), and
#: hatching drawn over the bar's colour (fillmode overlay), or a rounded figure's bar is white on white.
TEMPLATE = go.layout.Template(
    data=dict(bar=[go.Bar(marker=dict(pattern=dict(fillmode="overlay", size=10, solidity=0.2)))]),
    layout=go.Layout(
        font=dict(family=FONT_FAMILY, size=16, color="#1a1a1a"),
        title=dict(x=0, xanchor="left", font=dict(size=20)),
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


#: what every chart title drawn in the block ends with: the selection that narrows it ('regio Zuid, week 4')
_SCOPE: ContextVar[str] = ContextVar("sze_title_scope", default="")


@contextmanager
def titled(scope: str) -> Iterator[None]:
    """Within the block, every chart's title says for which selection it is drawn: ``scope`` after its own words
    ('Activiteiten per editie · 2021–2022, regio Zuid'), so a screenshot or a shared screen needs no filter bar."""
    token = _SCOPE.set(scope)
    try:
        yield
    finally:
        _SCOPE.reset(token)


def styled(fig: go.Figure, title: str, height: int, lang: str = "nl") -> go.Figure:
    """Apply the template, a left-aligned title (ending in the selection it shows, see ``titled``), a height and
    the language's decimal and group marks."""
    scope = _SCOPE.get()
    shown = f"{title} · {scope}" if title and scope else title
    fig.update_layout(template=TEMPLATE, title_text=shown, height=height, separators=separators(lang))
    return fig


def separators(lang: str) -> str:
    """Plotly's number marks for ``lang``: decimal then group (',.' in Dutch, '.,' in English), from CLDR."""
    return get_decimal_symbol(lang) + get_group_symbol(lang)


def wrap(text: str, width: int = 14) -> str:
    """Long published words on two or more lines, so a label stays above or beside its mark.

    A word longer than ``width`` stays whole on a line of its own: 'ziekenhuiszor' over 'g' reads worse
    than a line a few characters longer.
    """
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False)) or text


@dataclass(frozen=True)
class NarrowLayout:
    """How one chart changes on a phone (about 320 px of chart), declared beside its builder.

    A builder draws its chart once, for a wide screen, and hands this to ``for_screen`` at the end: the
    phone's heights, margins, legend, type sizes, tick density and label lines live here, not in forks
    through the builder. Mappings are merged into what the chart already has; ``restyle`` is the chart's
    own last step, for what no field says (labels moved above their bars).
    """

    height: int | None = None
    margin: Mapping[str, int] = field(default_factory=dict)
    legend: Mapping[str, Any] = field(default_factory=dict)
    #: characters per line of a legend entry: longer names wrap instead of running off the chart's edge
    legend_width: int | None = None
    #: characters per line of a horizontal bar's category name, so the bars keep room beside it
    category_width: int | None = None
    xaxes: Mapping[str, Any] = field(default_factory=dict)
    yaxes: Mapping[str, Any] = field(default_factory=dict)
    traces: Mapping[str, Any] = field(default_factory=dict)
    annotations: Sequence[Mapping[str, Any]] = ()
    layout: Mapping[str, Any] = field(default_factory=dict)
    restyle: Callable[[go.Figure], None] | None = None


def rewrap(text: str, width: int) -> str:
    """``text`` wrapped at ``width`` characters, whatever lines it had: a phone's label from a wide screen's."""
    return wrap(text.replace("<br>", " "), width)


def for_screen(fig: go.Figure, narrow: bool, phone: NarrowLayout) -> go.Figure:
    """The chart as drawn for the screen: unchanged on a wide one, adjusted by ``phone`` on a phone."""
    if not narrow:
        return fig
    for trace in fig.data:
        if phone.legend_width and trace.showlegend is not False and trace.name:
            trace.name = wrap(trace.name, phone.legend_width)
        if phone.category_width and getattr(trace, "orientation", None) == "h":
            trace.y = [rewrap(str(label), phone.category_width) for label in trace.y]
    if phone.traces:
        fig.update_traces(**phone.traces)
    if phone.xaxes:
        fig.update_xaxes(**phone.xaxes)
    if phone.yaxes:
        fig.update_yaxes(**phone.yaxes)
    for annotation in phone.annotations:
        fig.add_annotation(**annotation)
    fig.update_layout(**phone.layout)
    fig.update_layout(legend=dict(phone.legend), margin=dict(phone.margin))
    if phone.height:
        fig.update_layout(height=phone.height)
    if phone.restyle is not None:
        phone.restyle(fig)
    return fig


def empty_figure(message: str, height: int = 300, lang: str = "nl") -> go.Figure:
    """A blank chart that says why it is blank."""
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font=dict(size=18))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return styled(fig, "", height, lang)


#: the source line's type: small and grey, so it reads as a caption and never competes with the title
SOURCE_FONT = dict(size=12, color="#4d4d4d")
#: characters per source line before it wraps; long lists of sources stay inside a 1280 px chart
SOURCE_WIDTH = 120
#: and for a chart in a column beside a table (a map): inside the narrowest, a region's map at 1280 px
#: (half the width: about 590 px at SOURCE_FONT)
SOURCE_WIDTH_COLUMN = 90
SOURCE_LINE = 16  # px per line of the source at SOURCE_FONT
SOURCE_GAP = 12  # px between the source line and what follows it
TITLE_HALF = 12  # px: half a title's height at the template's title size
#: a phone's chart is about 320 px wide: its title, a size smaller, wraps at this many characters
NARROW_TITLE_WIDTH = 28
NARROW_TITLE_SIZE = 18
NARROW_TITLE_LINE = 23  # px per line of a title at NARROW_TITLE_SIZE
NARROW_TITLE_PAD = 10  # px above a phone's title: the top margin's room goes to what stands under it


def _merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` laid over ``base`` as plotly's ``update_layout`` does: nested dicts merged, other values replaced."""
    out = dict(base)
    for key, value in over.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def with_source(
    fig: go.Figure, source: str, made: str, *, narrow: bool = False, width: int = SOURCE_WIDTH
) -> go.Figure:
    """Put the source line and the date on the figure itself, so an exported PNG or SVG carries them.

    Plotly's image export draws only what is in the figure. The line is the title's subtitle: placed
    by plotly above the plot area, it is never clipped by axis labels or legends below the plot,
    whatever their size. The top margin grows by the lines it takes, of ``width`` characters each.

    ``narrow`` (a phone): the line is not drawn, as a dozen lines of small type would push the chart off
    the screen, and the page says it under the chart anyway; ``meta["export"]`` holds the layout that draws
    it, which the image export (assets/exports.js) lays over the figure.
    """
    text = " · ".join(part for part in (source, made) if part)
    lines = textwrap.wrap(text, width) or [""]
    top = fig.layout.margin.t if fig.layout.margin.t is not None else TEMPLATE.layout.margin.t
    grown = top + SOURCE_LINE * len(lines) + SOURCE_GAP
    drawn = dict(
        # the title stays where plotly put it in the old margin (its middle), now pinned to the top, so
        # the growth is all below it: the subtitle, then whatever sat above the plot (panel titles) as before
        title=dict(
            yref="container",
            y=1,
            yanchor="top",
            pad=dict(t=max(top / 2 - TITLE_HALF, 4)),
            subtitle=dict(text="<br>".join(lines), font=SOURCE_FONT),
        ),
        margin_t=grown,
        # the plot keeps its size: the source line adds to the figure's height instead of taking from the plot
        height=fig.layout.height + grown - top if fig.layout.height else None,
    )
    meta = {**(fig.layout.meta or {}), "source": text}
    # the exported title and margin: the figure's own with the line's changes laid over them (not a validated copy
    # of the whole layout, which cost a map or a grid of charts more than building it did)
    export: dict[str, Any] = {
        "title": _merged(fig.layout.title.to_plotly_json(), drawn["title"]),
        "margin": {**fig.layout.margin.to_plotly_json(), "t": grown},
    }
    if drawn["height"]:
        export["height"] = drawn["height"]
    if not narrow:
        # on the page the line stands once, under the chart, in type a projector shows (issue 20): the figure
        # keeps it for the image export only
        fig.update_layout(meta={**meta, "export": export})
        return fig
    # the title wraps instead of running off the phone's chart; the lines it gains are added above the plot
    title = fig.layout.title.text or ""
    lines = [title] if "<br>" in title else textwrap.wrap(title, NARROW_TITLE_WIDTH, break_long_words=False) or [""]
    # plotly sets a title of several lines higher than one of one line (by about half a line): pad it down
    shift = NARROW_TITLE_LINE // 2 + 1 if len(lines) > 1 else 0
    extra = NARROW_TITLE_LINE * (len(lines) - 1) + shift
    fig.update_layout(
        title=dict(
            text="<br>".join(lines),
            font_size=NARROW_TITLE_SIZE,
            yref="container",
            y=1,
            yanchor="top",
            pad=dict(t=NARROW_TITLE_PAD + shift),
        ),
        margin_t=top + extra,
        height=fig.layout.height + extra if fig.layout.height else None,
        meta={**meta, "export": export},
    )
    return fig
