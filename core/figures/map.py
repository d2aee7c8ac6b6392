"""The map: provinces coloured by SZE region (or by a figure per region), week labels, initiatives."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from core.figures.style import REGION_COLOURS, SZE_COLOUR, UNPUBLISHED_COLOUR, NarrowLayout, for_screen, styled
from core.formatting import cite, fmt_published, is_missing
from core.i18n import metric_label, t

#: Where each region's label stands: off the coast or beyond the border, never on a province or marker.
LABEL_POSITIONS = {"noord": (6.3, 53.66), "oost": (7.9, 52.45), "west": (3.45, 52.45), "zuid": (5.2, 50.55)}
MAP_LON_RANGE, MAP_LAT_RANGE = (2.35, 9.05), (50.3, 53.95)
EDITION_SYMBOLS = ("circle", "diamond", "square", "triangle-up", "star", "cross")
#: a phone's map (px): a 320 px wide Netherlands is about 290 px high, with the title above and the legend below
NARROW_HEIGHT = 440
NARROW_NORTH = 0.2  # degrees of latitude added above a phone's map: its labels are as tall, the map smaller


def _where(row: Any, lang: str) -> str:
    """Where an initiative is drawn, as precisely as its source says; a missing cell never reads 'nan'."""
    if not is_missing(row.place):
        return t("initiative_where_place", lang, place=row.place, province=row.province)
    if not is_missing(row.province):
        return t("initiative_where_province", lang, province=row.province)
    return t("initiative_where_none", lang)


def _week_words(weeks: pd.DataFrame, lang: str) -> tuple[dict[str, list[str]], dict[str, list[tuple[str, str]]]]:
    """Per region its weeks in words: for the hover ('week 3 (2021, 2023)') and as (week, editions) label lines."""
    week_text: dict[str, list[str]] = {}
    week_label: dict[str, list[tuple[str, str]]] = {}  # (week, editions): narrow lines, or a phone cuts them
    for (region, week), group in weeks.groupby(["region", "week"], sort=True) if len(weeks) else []:
        years = ", ".join(str(int(y)) for y in sorted(group["edition"]))
        week_text.setdefault(region, []).append(f"{t('week_label', lang, week=int(week))} ({years})")
        week_label.setdefault(region, []).append((t("week_label", lang, week=int(week)), years))
    return week_text, week_label


def _figure_words(row: Any, lang: str) -> str:
    """A region's figure in its published words; one announced before the event says so."""
    words = fmt_published(row.published_text)
    return f"{words} ({t('figure_planned', lang)})" if getattr(row, "basis", None) == "gepland" else words


def _add_provinces(
    fig: go.Figure,
    provinces: pd.DataFrame,
    region_names: dict[str, str],
    values: dict[str, Any] | None,
    week_text: dict[str, list[str]],
    *,
    geojson_url: str,
    highlight: frozenset[str] | None,
    lang: str,
) -> None:
    """One shape trace per region: its colour (or grey where its figure was not published) and hover words."""
    for region, group in provinces.groupby("region", sort=False):
        name = region_names.get(region, region)
        row = values.get(region) if values is not None else None
        if values is not None and row is None:
            colour, detail = UNPUBLISHED_COLOUR, t("not_published", lang)
        elif row is not None:
            colour, detail = REGION_COLOURS.get(region, SZE_COLOUR), _figure_words(row, lang)
        else:
            colour, detail = REGION_COLOURS.get(region, SZE_COLOUR), ", ".join(week_text.get(region, [])) or ""
        hover = [f"<b>{p}</b><br>{t('col_region', lang)} {name}<br>{detail}" for p in group["province"]]
        # None: no region or week chosen; an empty set: the choices exclude every region
        opacity = 1.0 if highlight is None or region in highlight else 0.25
        fig.add_trace(
            go.Choropleth(
                geojson=geojson_url,
                featureidkey="properties.name",
                locations=list(group["province"]),
                z=[1] * len(group),
                colorscale=[[0, colour], [1, colour]],
                showscale=False,
                marker=dict(line=dict(color="white", width=1.5), opacity=opacity),
                name=name,
                customdata=[region] * len(group),
                hovertext=hover,
                hoverinfo="text",
                showlegend=False,
            )
        )


def _label(region: Any, values: dict[str, Any] | None, week_label: dict[str, list[tuple[str, str]]], lang: str) -> str:
    """A region's label: its name, then its figure or its first two weeks with their editions."""
    lines = [f"<b>{region.name}</b>"]
    if values is not None:
        row = values.get(region.region)
        lines.append(_figure_words(row, lang) if row is not None else t("not_published", lang))
        return "<br>".join(lines)
    # 'Noord · week 3' over '2021, 2023': two short lines, so a phone's narrow map cuts nothing off
    for i, (week, years) in enumerate(week_label.get(region.region, [])[:2]):
        if i == 0:
            lines[0] += f" · {week}"
            lines.append(years)
        else:
            lines.append(f"{week}: {years}")
    return "<br>".join(lines)


def _initiative_hover(row: Any, edition: object, lang: str) -> str:
    """An initiative's hover: its name, organisation, where, edition and source, without empty lines."""
    lines = (
        f"<b>{row.name}</b>",
        "" if is_missing(row.organisation) else str(row.organisation),
        _where(row, lang),
        f"SZE {edition}",
        f"{t('source', lang)}: {cite(row)}",
    )
    return "<br>".join(line for line in lines if line)


def _add_initiatives(fig: go.Figure, initiatives: pd.DataFrame, lang: str) -> None:
    """The initiatives with a place on the map, one marker shape per edition."""
    located = initiatives.dropna(subset=["lon", "lat"]) if len(initiatives) else initiatives
    for i, (edition, group) in enumerate(located.groupby("edition", sort=True) if len(located) else []):
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
                hovertext=[_initiative_hover(r, edition, lang) for r in group.itertuples()],
                hoverinfo="text",
            )
        )


def _title(metric: str | None, value_edition: int | None, by_metric: bool, lang: str) -> str:
    """'Regio's en weken', or the figure the regions are coloured by and its edition."""
    if not (by_metric and metric):
        return t("map_title", lang)
    if value_edition:
        return t("map_title_metric", lang, metric=metric_label(metric, lang), edition=value_edition)
    return t("map_title_metric_none", lang, metric=metric_label(metric, lang))


def _gaps_on_two_lines(lang: str) -> Callable[[go.Figure], None]:
    """A phone's labels: no room for 'niet gepubliceerd' on one line beside the coast or the border."""
    gap, broken = t("not_published", lang), t("not_published_br", lang)

    def restyle(fig: go.Figure) -> None:
        for trace in fig.select_traces(selector=dict(name="labels")):
            trace.text = [
                "<br>".join(broken if line == gap else line for line in str(text).split("<br>")) for text in trace.text
            ]

    return restyle


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
    narrow: bool = False,
) -> go.Figure:
    """The provinces coloured by SZE region (or by a regional figure), week labels and initiatives.

    ``provinces``: province, region. ``regions``: region, name, lon, lat. ``weeks``: edition, week,
    region. ``initiatives``: name, edition, lon, lat, region, place, province, organisation.
    ``regional_values`` (region, value, published_text) switches to colouring by that figure.
    Every trace carries the region code in customdata so a click can filter on it. ``narrow`` (a phone):
    a lower map, as a phone's width draws the country smaller, with more sea above it for the northern
    label, and the region labels in smaller type, so those beside the coast and the border stay on it.
    """
    fig = go.Figure()
    region_names = dict(zip(regions["region"], regions["name"], strict=True))
    week_text, week_label = _week_words(weeks, lang)
    values = None
    if regional_values is not None:
        values = {r.region: r for r in regional_values.itertuples() if not is_missing(r.value)}
    _add_provinces(
        fig, provinces, region_names, values, week_text, geojson_url=geojson_url, highlight=highlight, lang=lang
    )
    places = [LABEL_POSITIONS.get(r.region, (r.lon, r.lat)) for r in regions.itertuples()]
    fig.add_trace(
        go.Scattergeo(
            lon=[lon for lon, _ in places],
            lat=[lat for _, lat in places],
            text=[_label(r, values, week_label, lang) for r in regions.itertuples()],
            mode="text",
            textfont=dict(size=17, color="#111"),
            customdata=list(regions["region"]),
            hoverinfo="skip",
            showlegend=False,
            name="labels",
        )
    )
    _add_initiatives(fig, initiatives, lang)
    # fixed bounds (not fitbounds): room around the country for the region labels
    fig.update_geos(
        visible=False,
        projection_type="mercator",
        bgcolor="white",
        lonaxis_range=MAP_LON_RANGE,
        lataxis_range=MAP_LAT_RANGE,
    )
    styled(fig, _title(metric, value_edition, values is not None, lang), height=640, lang=lang)
    fig.update_layout(
        margin=dict(l=0, r=0, t=60, b=40),
        clickmode="event",
        dragmode=False,
        legend=dict(orientation="h", y=0, yanchor="top", x=0.01),
    )
    phone = NarrowLayout(
        height=NARROW_HEIGHT,
        traces=dict(textfont_size=13, selector=dict(name="labels")),
        layout=dict(geo_lataxis_range=(MAP_LAT_RANGE[0], MAP_LAT_RANGE[1] + NARROW_NORTH)),
        restyle=_gaps_on_two_lines(lang),
    )
    return for_screen(fig, narrow, phone)
