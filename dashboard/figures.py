"""Figure builders: DataFrame in, plotly Figure out. Pure functions, no database, no Dash.

Readable from the back of the room: large type, direct labels with the published words
("ruim 3500") on every mark, and gaps drawn as gaps with the words "niet gepubliceerd".
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.i18n import cite, fmt_published, indicator_label, metric_label, t

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
REGION_COLOURS = {"noord": "#56B4E9", "oost": "#E69F00", "west": "#009E73", "zuid": "#CC79A7"}
SZE_COLOUR = "#1F4E79"
PREDECESSOR_COLOUR = "#7F7F7F"
PREDECESSOR_COLOUR_2 = "#4D4D4D"
UNPUBLISHED_COLOUR = "#D9D9D9"
#: Where each region's label stands: off the coast or beyond the border, never on a province or marker.
LABEL_POSITIONS = {"noord": (6.3, 53.66), "oost": (7.9, 52.45), "west": (3.45, 52.45), "zuid": (5.2, 50.55)}
MAP_LON_RANGE, MAP_LAT_RANGE = (2.35, 9.05), (50.3, 53.95)
CONTEXT_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7")  # Okabe-Ito, distinct from the regions' fills
EDITION_SYMBOLS = ("circle", "diamond", "square", "triangle-up", "star", "cross")
FONT = dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif", size=16, color="#1a1a1a")
#: Graph config: no plotly logo, no cloud buttons, and no topojson from a CDN (we draw our own GeoJSON).
GRAPH_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
    "toImageButtonOptions": {"scale": 2},
}


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _wrap(text: str, width: int = 14) -> str:
    """Long published words on two or more lines, so a bar's label stays above its bar."""
    return "<br>".join(textwrap.wrap(text, width)) or text


def _base_layout(fig: go.Figure, title: str, height: int = 480) -> go.Figure:
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left", font=dict(size=20)),
        font=FONT,
        separators=",.",  # Dutch: decimal comma, thousands dot
        height=height,
        margin=dict(l=10, r=10, t=70, b=40),
        plot_bgcolor="white",
        paper_bgcolor="white",
        hoverlabel=dict(font_size=16),
        legend=dict(orientation="h", yanchor="bottom", y=-0.25, x=0),
    )
    return fig


def empty_figure(message: str, height: int = 300) -> go.Figure:
    """A blank chart that says why it is blank."""
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font=dict(size=18))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _base_layout(fig, "", height)


def map_figure(
    provinces: pd.DataFrame,
    regions: pd.DataFrame,
    weeks: pd.DataFrame,
    initiatives: pd.DataFrame,
    *,
    geojson_url: str,
    highlight: frozenset[str] | None = None,
    regional_values: pd.DataFrame | None = None,
    metric: str | None = None,
    value_edition: int | None = None,
    lang: str = "nl",
) -> go.Figure:
    """The provinces coloured by SZE region (or by a regional figure), week labels and initiatives.

    ``provinces``: province, region. ``regions``: region, name, lon, lat. ``weeks``: edition, week,
    region. ``initiatives``: name, edition, lon, lat, region, place, province, organisation.
    ``regional_values`` (region, value, published_text) switches to colouring by that figure.
    Every trace carries the region code in customdata so a click can filter on it.
    """
    fig = go.Figure()
    region_names = dict(zip(regions["region"], regions["name"], strict=True))

    def opacity(region: str) -> float:
        # None: no region or week chosen; an empty set: the choices exclude every region
        return 1.0 if highlight is None or region in highlight else 0.25

    week_text: dict[str, list[str]] = {}
    for (region, week), group in weeks.groupby(["region", "week"], sort=True) if len(weeks) else []:
        years = ", ".join(str(int(y)) for y in sorted(group["edition"]))
        week_text.setdefault(region, []).append(f"{t('week_label', lang, week=int(week))} ({years})")

    by_metric = regional_values is not None
    values = {}
    if by_metric:
        values = {r.region: r for r in regional_values.itertuples() if not _is_missing(r.value)}

    for region, group in provinces.groupby("region", sort=False):
        name = region_names.get(region, region)
        row = values.get(region)
        if by_metric and row is None:
            colour, detail = UNPUBLISHED_COLOUR, t("not_published", lang)
        elif by_metric:
            colour, detail = REGION_COLOURS.get(region, SZE_COLOUR), fmt_published(row.published_text)
        else:
            colour, detail = REGION_COLOURS.get(region, SZE_COLOUR), ", ".join(week_text.get(region, [])) or ""
        hover = [f"<b>{p}</b><br>{t('col_region', lang)} {name}<br>{detail}" for p in group["province"]]
        fig.add_trace(
            go.Choropleth(
                geojson=geojson_url,
                featureidkey="properties.name",
                locations=list(group["province"]),
                z=[1] * len(group),
                colorscale=[[0, colour], [1, colour]],
                showscale=False,
                marker=dict(line=dict(color="white", width=1.5), opacity=opacity(region)),
                name=name,
                customdata=[region] * len(group),
                hovertext=hover,
                hoverinfo="text",
                showlegend=False,
            )
        )

    label_lines = []
    for r in regions.itertuples():
        lines = [f"<b>{r.name}</b>"]
        if by_metric:
            row = values.get(r.region)
            lines.append(fmt_published(row.published_text) if row is not None else t("not_published", lang))
        else:
            lines += week_text.get(r.region, [])[:2]
        label_lines.append("<br>".join(lines))
    fig.add_trace(
        go.Scattergeo(
            lon=[LABEL_POSITIONS.get(r.region, (r.lon, r.lat))[0] for r in regions.itertuples()],
            lat=[LABEL_POSITIONS.get(r.region, (r.lon, r.lat))[1] for r in regions.itertuples()],
            text=label_lines,
            mode="text",
            textfont=dict(size=17, color="#111"),
            customdata=list(regions["region"]),
            hoverinfo="skip",
            showlegend=False,
            name="labels",
        )
    )

    located = initiatives.dropna(subset=["lon", "lat"]) if len(initiatives) else initiatives
    for i, (edition, group) in enumerate(located.groupby("edition", sort=True) if len(located) else []):
        hover = [
            f"<b>{r.name}</b><br>{r.organisation or ''}<br>"
            f"{r.place or t('initiative_where_province', lang, province=r.province)}<br>SZE {edition}<br>"
            f"{t('source', lang)}: {cite(r)}"
            for r in group.itertuples()
        ]
        fig.add_trace(
            go.Scattergeo(
                lon=group["lon"],
                lat=group["lat"],
                mode="markers",
                name=f"{t('initiatives_heading', lang)} {edition}",
                marker=dict(
                    size=14,
                    symbol=EDITION_SYMBOLS[i % len(EDITION_SYMBOLS)],
                    color="#222",
                    line=dict(color="white", width=2),
                ),
                customdata=list(group["region"]),
                hovertext=hover,
                hoverinfo="text",
            )
        )

    title = t("map_title", lang)
    if by_metric and metric:
        title = (
            t("map_title_metric", lang, metric=metric_label(metric, lang), edition=value_edition)
            if value_edition
            else t("map_title_metric_none", lang, metric=metric_label(metric, lang))
        )
    # fixed bounds (not fitbounds): room around the country for the region labels
    fig.update_geos(
        visible=False,
        projection_type="mercator",
        bgcolor="white",
        lonaxis_range=MAP_LON_RANGE,
        lataxis_range=MAP_LAT_RANGE,
    )
    _base_layout(fig, title, height=640)
    fig.update_layout(
        margin=dict(l=0, r=0, t=60, b=40),
        clickmode="event",
        dragmode=False,
        legend=dict(orientation="h", y=0, yanchor="top", x=0.01),
    )
    return fig


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
                    text=[_wrap(fmt_published(v)) + suffix for v in part["published_text"]],
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
    colours = [PREDECESSOR_COLOUR, PREDECESSOR_COLOUR_2]
    panels = []
    if predecessor:
        series = [(m, f, colours[i % 2]) for i, (m, f) in enumerate(predecessor)]
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
    fig.update_yaxes(gridcolor="#e5e5e5", tickformat=",d", rangemode="tozero")
    for annotation in fig.layout.annotations[: len(panels)]:
        annotation.font = dict(size=16)
    _base_layout(fig, t("trend_title", lang, metric=metric_label(metric, lang)), height=500)
    fig.update_layout(bargap=0.3, barmode="overlay", margin=dict(l=10, r=50, t=90, b=40))
    return fig


def evaluation_figure(frame: pd.DataFrame, lang: str = "nl") -> go.Figure:
    """Scores (1-10) per edition and rated item, and the share that will take part again."""
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
                _wrap(f"{r.edition} · {r.what_rated} ({r.source_publisher.split(' (')[0]})", 34)
                for r in scores.itertuples()
            ],
            SZE_COLOUR,
        ),
        (returning, [str(e) for e in returning["edition"]], "#2E7D32"),
    )
    for col, (part, labels, colour) in enumerate(panels, start=1):
        if part.empty:
            continue
        fig.add_trace(
            go.Bar(
                y=labels,
                x=list(part["value"]),
                orientation="h",
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
    fig.update_xaxes(range=[0, 12.5], tickvals=list(range(11)), row=1, col=1, gridcolor="#e5e5e5")
    fig.update_xaxes(range=[0, 135], tickvals=[0, 25, 50, 75, 100], ticksuffix="%", row=1, col=2, gridcolor="#e5e5e5")
    fig.update_yaxes(autorange="reversed", type="category", tickfont=dict(size=14))
    _base_layout(fig, t("eval_title", lang), height=max(360, 110 + 70 * max(len(scores), len(returning))))
    fig.update_layout(margin=dict(l=10, r=40, t=80, b=30))
    return fig


def reach_figure(frame: pd.DataFrame, lang: str = "nl") -> go.Figure:
    """Zorg van Nu indicators that count people, as dots on a log scale, each labelled as published.

    Dots, not bars: a bar on a log axis has no honest starting point. An open dot marks a figure
    published as a bound ("meer dan"), a filled dot one published as such.
    """
    people = frame[frame["counts_people"].astype(bool) & ~frame["value"].isna()].sort_values("value")
    if people.empty:
        return empty_figure(t("not_published", lang))
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
                    size=20, color="#6A3D9A", symbol="circle-open" if rounded else "circle", line=dict(width=4)
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
    fig.update_xaxes(
        type="log",
        range=[3, 7],
        gridcolor="#e5e5e5",
        tickvals=ticks,
        ticktext=[f"{v:,}".replace(",", ".") for v in ticks],
    )
    fig.update_yaxes(
        tickfont=dict(size=15),
        categoryorder="array",
        categoryarray=[indicator_label(i, lang) for i in people["indicator"]],
    )
    _base_layout(fig, t("reach_title", lang), height=380)
    fig.update_layout(margin=dict(l=10, r=60, t=70, b=40), legend=dict(y=-0.3))
    return fig


def monitor_figure(frame: pd.DataFrame, lang: str = "nl") -> go.Figure:
    """E-healthmonitor context: one line per indicator with a known year; never joined across indicators."""
    dated = frame.dropna(subset=["year"])
    if dated.empty:
        return empty_figure(t("not_published", lang))
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
    fig.update_xaxes(dtick=1, tickformat="d", gridcolor="#f0f0f0")
    fig.update_yaxes(range=[0, 105], ticksuffix="%", title=t("monitor_axis", lang), gridcolor="#e5e5e5")
    _base_layout(fig, t("monitor_title", lang), height=440)
    fig.update_layout(legend=dict(orientation="v", y=-0.2, yanchor="top"), margin=dict(b=140))
    return fig


__all__ = [
    "GRAPH_CONFIG",
    "REGION_COLOURS",
    "empty_figure",
    "evaluation_figure",
    "map_figure",
    "monitor_figure",
    "reach_figure",
    "trend_figure",
]
