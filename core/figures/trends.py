"""Trends: a figure per edition, the e-healthweek predecessor in its own panel, gaps as words."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.figures.style import (
    PREDECESSOR_COLOURS,
    SZE_EDITION_COLOURS,
    NarrowLayout,
    empty_figure,
    for_screen,
    styled,
    wrap,
)
from core.formatting import cite, fmt_published
from core.i18n import metric_label, t

#: a phone's chart (about 320 px): characters per line of a bar's words, a legend entry, a panel title and its note
NARROW_LABEL, NARROW_LEGEND, NARROW_PANEL_TITLE, NARROW_NOTE = 16, 30, 28, 36
#: a phone's value axis reaches this far past the longest bar, so the words beside it stay on the chart
NARROW_HEADROOM = 1.9
#: a phone's chart in px: per edition (a bar and its words), between panels, under the last for its value
#: ticks, per line of legend
NARROW_ROW, NARROW_PANEL_GAP, NARROW_TICKS, NARROW_LEGEND_LINE = 52, 110, 40, 26
#: the value axis reaches this much further where a range's words stand above its whisker
RANGE_WORDS_ROOM = 1.25
#: above a phone's first panel (px): the chart's title, then per line of the panel's title and note
NARROW_TITLE_ROOM, NARROW_TITLE_LINE = 46, 19


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


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column of ``frame``, or an empty one where a caller's frame predates it (value_high, basis)."""
    return frame[name] if name in frame.columns else pd.Series([None] * len(frame), index=frame.index, dtype=object)


def _words(row: pd.Series, lang: str) -> str:
    """A figure in its published words; one announced before the event says so, for it is not a reported count."""
    words = fmt_published(row["published_text"])
    return f"{words} ({t('figure_planned', lang)})" if row.get("basis") == "gepland" else words


def _range_above(frame: pd.DataFrame) -> list[float]:
    """How far each published range reaches above its lower end (0 for a single number): drawn as an error bar, so
    'tussen de 12.000 en 14.000' stands as the range it is, never as 13.000."""
    high = pd.to_numeric(_column(frame, "value_high"), errors="coerce")
    return [float(h - v) if pd.notna(h) else 0.0 for h, v in zip(high, frame["value"], strict=True)]


def _reach(frame: pd.DataFrame) -> list[float]:
    """The highest point of each published figure: the upper end of a range, else the value."""
    return [v + above for v, above in zip(frame["value"].astype(float), _range_above(frame), strict=True)]


def _short(metric: str, lang: str) -> str:
    """'activiteiten' for 'Activiteiten (e-healthweek)': what was counted, in a label or legend."""
    return metric_label(metric, lang).split(" (")[0].lower()


@dataclass(frozen=True)
class _Look:
    """What the bars and their words are on a screen: a phone's lie along the value axis, one edition a line."""

    horizontal: bool
    label_width: int  # characters per line of a bar's words
    text_size: int
    gap_words: str  # i18n key of the words an edition without a value shows
    gap_size: int
    headroom: float  # the value axis reaches this far past the longest bar, for its words
    edition_size: int  # the editions' tick labels
    panel_title_width: int | None = None  # characters per line of a panel's title, if it wraps
    note_width: int | None = None  # and of its note


_WIDE = _Look(False, 14, 18, "not_published_br", 15, 1.25, 17)
_NARROW = _Look(True, NARROW_LABEL, 15, "not_published", 14, NARROW_HEADROOM, 15, NARROW_PANEL_TITLE, NARROW_NOTE)


def _fit(text: str, width: int | None) -> str:
    """``text`` wrapped at ``width`` characters, or as it is where the screen has room for it."""
    return wrap(text, width) if width else text


def _placed(look: _Look, editions: list[str], values: list[float]) -> dict[str, object]:
    """Bars or marks placed on the screen's axes: editions along x and values up, or lying on a phone."""
    if look.horizontal:
        return dict(x=values, y=editions)
    return dict(x=editions, y=values)


def _add_series(
    fig: go.Figure, series: _Series, *, row: int, col: int, lang: str, name_metric: bool, look: _Look
) -> None:
    """A series as bars, hatched where rounded; each trace its own legend entry, so its swatch is its bars."""
    published = _published(series.frame).assign(x=lambda f: f["edition"].astype(int).astype(str))
    suffix = f"<br>{_short(series.metric, lang)}" if name_metric else ""
    if name_metric and not look.horizontal:
        # a panel of several counts names each bar's count under its words: narrower lines in a size smaller, so
        # neighbours at about the same height ('250 activiteiten', 'meer dan 270 evenementen') do not touch
        look = replace(look, label_width=min(look.label_width, 10), text_size=look.text_size - 3)
    announced = _column(published, "basis").eq("gepland")
    for rounded, planned in ((False, False), (True, False), (False, True), (True, True)):
        part = published[((published["qualifier"] != "exact") == rounded) & (announced == planned)]
        if part.empty:
            continue
        name = f"{series.label} · {t('trend_rounded_short', lang)}" if rounded else series.label
        # an announcement is drawn hollow, its own legend entry: not a reported count
        name = f"{name} · {t('figure_planned', lang)}" if planned else name
        above = _range_above(part)
        ranges = (
            dict(type="data", symmetric=False, array=above, arrayminus=[0.0] * len(above), color="#222", thickness=2)
            if any(above)
            else None
        )
        words = [_words(r, lang) for _, r in part.iterrows()]
        fig.add_trace(
            go.Bar(
                **_placed(look, list(part["x"]), list(part["value"])),
                **({"error_x" if look.horizontal else "error_y": ranges} if ranges else {}),
                orientation="h" if look.horizontal else "v",
                # a range's words stand above its whisker (a mark of their own), not on it
                text=["" if a else wrap(w, look.label_width) + suffix for w, a in zip(words, above, strict=True)],
                textposition="outside",
                constraintext="none",
                cliponaxis=False,
                textfont=dict(size=look.text_size),
                marker=dict(
                    color="white" if planned else series.colour,
                    line=dict(color=series.colour, width=3) if planned else None,
                    pattern=dict(shape="/" if rounded else "", fgcolor=series.colour if planned else "white", size=10),
                ),
                name=name,
                legendgroup=name,
                showlegend=True,
                meta=series.metric,
                hovertext=[
                    f"{metric_label(series.metric, lang)} {r.x}: {w}<br>{t('source', lang)}: {cite(r)}"
                    for r, w in zip(part.itertuples(), words, strict=True)
                ],
                hoverinfo="text",
            ),
            row=row,
            col=col,
        )
        if ranges:
            ends = [v + a for v, a in zip(part["value"], above, strict=True)]
            ranged = [
                (x, end, wrap(w, look.label_width) + suffix)
                for x, end, w, a in zip(part["x"], ends, words, above, strict=True)
                if a
            ]
            _add_range_words(fig, ranged, row=row, col=col, look=look)


def _add_range_words(fig: go.Figure, ranged: list[tuple[str, float, str]], *, row: int, col: int, look: _Look) -> None:
    """A published range's words just beyond its upper end, where a bar's words would cover its whisker."""
    xs, ends, words = (list(column) for column in zip(*ranged, strict=True))
    fig.add_trace(
        go.Scatter(
            **_placed(look, xs, ends),
            mode="text",
            # lying on a phone, a little space keeps the words off the whisker's cap
            text=[f"\u2002{w}" for w in words] if look.horizontal else words,
            textposition="middle right" if look.horizontal else "top center",
            textfont=dict(size=look.text_size),
            cliponaxis=False,
            showlegend=False,
            hoverinfo="skip",
            name="range words",
        ),
        row=row,
        col=col,
    )


def _add_gaps(fig: go.Figure, gaps: list[str], *, at: float, row: int, col: int, lang: str, look: _Look) -> None:
    """Words, not a zero: a text mark keeps the edition on the axis and says why it is empty."""
    fig.add_trace(
        go.Scatter(
            **_placed(look, gaps, [at] * len(gaps)),
            mode="text",
            text=[t(look.gap_words, lang)] * len(gaps),
            textposition="middle right" if look.horizontal else "middle center",
            textfont=dict(size=look.gap_size, color="#444"),
            cliponaxis=False,
            showlegend=False,
            hoverinfo="skip",
            name="gaps",
        ),
        row=row,
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


def _titles(panels: list[_Panel], look: _Look, lang: str) -> list[str]:
    """Each panel's title; with more than one way of counting in it, a note that they are not one series."""
    titles = []
    for panel in panels:
        counted = [s for s in panel.series if len(_published(s.frame))]
        words = _fit(t("trend_not_one_series", lang), look.note_width)
        note = f"<br><span style='font-size:13px'>{words}</span>" if len(counted) > 1 else ""
        titles.append(_fit(panel.title, look.panel_title_width) + note)
    return titles


def _plot_height(panels: list[_Panel]) -> int:
    """A phone's panels in px: a fixed height per edition, so their gap (for the upper one's value ticks and the
    lower one's title) is known in pixels, whatever the legend under them takes."""
    return NARROW_ROW * sum(len(p.editions) for p in panels) + NARROW_PANEL_GAP * (len(panels) - 1)


def _grid(panels: list[_Panel], titles: list[str], look: _Look) -> go.Figure:
    """The panels side by side, or on a phone one above the other, so each gets the phone's whole width."""
    if look.horizontal:
        plot = _plot_height(panels)
        return make_subplots(
            rows=len(panels),
            cols=1,
            row_heights=[len(p.editions) for p in panels],
            vertical_spacing=NARROW_PANEL_GAP / plot if len(panels) > 1 else 0.0,
            subplot_titles=titles,
        )
    return make_subplots(
        rows=1,
        cols=len(panels),
        column_widths=[0.42, 0.58] if len(panels) == 2 else None,
        horizontal_spacing=0.12,
        subplot_titles=titles,
    )


def _draw_panel(fig: go.Figure, panel: _Panel, i: int, *, top: float, look: _Look, lang: str) -> None:
    """One panel's bars, its gaps in words, and its two axes (the value axis shared with the first panel)."""
    row, col = (i, 1) if look.horizontal else (1, i)
    for series in panel.series:
        _add_series(fig, series, row=row, col=col, lang=lang, name_metric=panel.name_metric, look=look)
    shown = {str(int(e)) for s in panel.series for e in _published(s.frame)["edition"]}
    gaps = [e for e in panel.editions if e not in shown]
    if gaps:
        _add_gaps(fig, gaps, at=0 if look.horizontal else (top or 1.0) * 0.08, row=row, col=col, lang=lang, look=look)
    _panel_axes(fig, panel, i, top=top, drawn=bool(shown), look=look)


def _panel_axes(fig: go.Figure, panel: _Panel, i: int, *, top: float, drawn: bool, look: _Look) -> None:
    """A panel's value axis (one scale for every panel) and its editions' axis, every edition on it."""
    row, col = (i, 1) if look.horizontal else (1, i)
    update_values = fig.update_xaxes if look.horizontal else fig.update_yaxes
    update_editions = fig.update_yaxes if look.horizontal else fig.update_xaxes
    # one scale for every panel ('circa 50.000' never stands as high as 'bijna 33.000'), with room beyond
    # the longest bar for its words
    update_values(range=[0, top * look.headroom if top else 1.0], row=row, col=col)
    if i > 1:
        update_values(matches="x" if look.horizontal else "y", row=row, col=col)
    if not drawn:  # nothing published here: no axis that suggests a value
        update_values(showticklabels=False, showgrid=False, row=row, col=col)
    # the earliest first (on a phone: at the top); beside the value ticks a little room, so the first bar's
    # words (wider than the bar) stay clear of them
    update_editions(
        type="category",
        categoryorder="array",
        categoryarray=list(reversed(panel.editions)) if look.horizontal else panel.editions,
        range=None if look.horizontal else [-0.7, len(panel.editions) - 0.5],
        row=row,
        col=col,
    )


def _panel_titles_left(count: int) -> Callable[[go.Figure], None]:
    """A phone's panel titles from the chart's left edge, over their own panel: centred, a phone cuts both ends off."""

    def restyle(fig: go.Figure) -> None:
        for annotation in fig.layout.annotations[:count]:
            annotation.update(x=0, xanchor="left", align="left", font=dict(size=15))

    return restyle


def _phone(fig: go.Figure, panels: list[_Panel], titles: list[str]) -> NarrowLayout:
    """The trend chart's phone layout: heights in pixels from its editions, its title and its legend's lines."""
    plot = _plot_height(panels)
    legend_lines = sum(1 + wrap(str(trace.name), NARROW_LEGEND).count("<br>") for trace in fig.data if trace.showlegend)
    bottom = NARROW_TICKS + NARROW_LEGEND_LINE * legend_lines
    top = NARROW_TITLE_ROOM + NARROW_TITLE_LINE * (1 + titles[0].count("<br>"))
    return NarrowLayout(
        height=top + plot + bottom,
        margin=dict(l=10, r=10, t=top, b=bottom),
        legend=dict(orientation="h", yanchor="top", y=-NARROW_TICKS / plot, x=0, font=dict(size=14)),
        # a phone's legend wraps its longer names onto a second line rather than off the chart's edge
        legend_width=NARROW_LEGEND,
        # a phone's value axis is short: few ticks, or '20.000' lies on '40.000'
        xaxes=dict(nticks=4, tickfont=dict(size=13)),
        layout=dict(bargap=0.25),
        restyle=_panel_titles_left(len(panels)),
    )


def trend_figure(
    sze: pd.DataFrame,
    predecessor: Sequence[tuple[str, pd.DataFrame]] = (),
    *,
    metric: str,
    lang: str = "nl",
    narrow: bool = False,
) -> go.Figure:
    """A metric per edition; the e-healthweek predecessor in its own panel, never joined to the SZE series.

    ``predecessor`` holds (metric, frame) pairs: the e-healthweek counted differently over the years.
    Frames have columns edition, value (NaN = not published), qualifier, published_text,
    source_publisher, source_date. The panels share one value scale: equal heights are equal numbers.
    ``narrow`` (a phone): the panels stand one above the other and their bars lie along the value axis,
    so titles, words and years each get the phone's whole width; the scale is still one for both.
    """
    panels = _panels(sze, [(m, f) for m, f in predecessor if len(f)], metric, lang)
    if not panels:
        return empty_figure(t("trend_nothing", lang), lang=lang)
    look = _NARROW if narrow else _WIDE
    titles = _titles(panels, look, lang)
    fig = _grid(panels, titles, look)
    values = [v for p in panels for s in p.series for v in _reach(_published(s.frame))]
    ranged = any(
        any(_range_above(_published(s.frame))) or _column(s.frame, "basis").eq("gepland").any()
        for p in panels
        for s in p.series
    )
    # a range's words above its whisker, or an announcement's label, run to several lines: room under the title
    top = max(values, default=0.0) * (RANGE_WORDS_ROOM if ranged else 1.0)
    for i, panel in enumerate(panels, start=1):
        _draw_panel(fig, panel, i, top=top, look=look, lang=lang)
    update_values = fig.update_xaxes if look.horizontal else fig.update_yaxes
    update_editions = fig.update_yaxes if look.horizontal else fig.update_xaxes
    update_editions(showline=True, linecolor="#444", tickfont=dict(size=look.edition_size))
    update_values(tickformat=",d", rangemode="tozero")
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
    return for_screen(fig, narrow, _phone(fig, panels, titles))
