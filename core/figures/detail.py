"""Figures of the registration detail (imported or demo activities and survey answers).

Sums of detail rows only: a published figure is never added to them, and the view shows the
published totals beside these sums, not inside them. Survey groups smaller than MIN_GROUP are
merged before they reach a figure (see ``merge_small_groups``).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.figures.map import MAP_LAT_RANGE, MAP_LON_RANGE
from core.figures.style import SZE_COLOUR, NarrowLayout, empty_figure, for_screen, styled, wrap
from core.formatting import fmt_count
from core.i18n import t, tn

#: the smallest group of respondents whose answers are shown (privacy)
MIN_GROUP = 5
THEME_ORDER = ("voorkomen", "verplaatsen", "vervangen")
FORMAT_ORDER = ("online", "fysiek", "hybride")
#: a phone's activity map: its height (px) and its largest point's diameter (px; 24 on a wide screen)
NARROW_MAP_HEIGHT, NARROW_POINT, WIDE_POINT = 480, 14.0, 24.0


def activity_map(
    by_province: pd.DataFrame,
    by_place: pd.DataFrame,
    provinces: list[str],
    *,
    geojson_url: str,
    lang: str = "nl",
    narrow: bool = False,
) -> go.Figure:
    """Provinces shaded by registered activities; places as points sized by their participants.

    ``by_province``: province, activities, participants. ``by_place``: place, province, lon, lat,
    activities, participants, with_participants. Provinces without registrations are drawn pale with 0.
    ``narrow`` (a phone): a lower map with its colour scale under it, not beside it (where it took a
    third of the width), and smaller points, so the provinces' shading still shows between them.
    """
    if by_province.empty:
        return empty_figure(t("detail_none", lang), height=560, lang=lang)
    counts = dict(zip(by_province["province"], by_province["activities"], strict=True))
    rows = {r.province: r for r in by_province.itertuples()}
    fig = go.Figure()
    fig.add_trace(
        go.Choropleth(
            geojson=geojson_url,
            featureidkey="properties.name",
            locations=provinces,
            z=[int(counts.get(p, 0)) for p in provinces],
            colorscale=[[0, "#EEF3F8"], [1, SZE_COLOUR]],
            zmin=0,
            marker=dict(line=dict(color="white", width=1.5)),
            colorbar=dict(title=dict(text=t("detail_activities", lang)), thickness=14, tickformat=",d", len=0.6),
            hovertext=[
                f"<b>{p}</b><br>{t('detail_activities', lang)}: {fmt_count(counts.get(p, 0), lang=lang)}"
                + (f"<br>{t('detail_participants', lang)}: {_participants(rows[p], lang)}" if p in rows else "")
                for p in provinces
            ],
            hoverinfo="text",
            name=t("detail_activities", lang),
            showlegend=False,
        )
    )
    if not by_place.empty:
        fig.add_trace(
            go.Scattergeo(
                lon=by_place["lon"],
                lat=by_place["lat"],
                mode="markers",
                name=t("detail_places_legend", lang),
                marker=dict(
                    size=by_place["participants"].astype(float),
                    sizemode="area",
                    sizeref=2.0 * _largest(by_place["participants"]) / (WIDE_POINT**2),
                    sizemin=3,
                    color="#E69F00",
                    opacity=0.7,
                    line=dict(color="#5a3d00", width=0.6),
                ),
                hovertext=[
                    f"<b>{r.place}</b> ({r.province})<br>"
                    f"{t('detail_activities', lang)}: {fmt_count(r.activities, lang=lang)}"
                    f"<br>{t('detail_participants', lang)}: {_participants(r, lang)}"
                    for r in by_place.itertuples()
                ],
                hoverinfo="text",
            )
        )
    fig.update_geos(
        visible=False,
        projection_type="mercator",
        bgcolor="white",
        lonaxis_range=MAP_LON_RANGE,
        lataxis_range=MAP_LAT_RANGE,
    )
    styled(fig, t("detail_map_title", lang), height=560, lang=lang)
    fig.update_layout(
        margin=dict(l=0, r=0, t=60, b=30), dragmode=False, legend=dict(orientation="h", y=0, yanchor="top", x=0.01)
    )
    phone = NarrowLayout(
        height=NARROW_MAP_HEIGHT,
        margin=dict(b=110),
        legend=dict(y=-0.22),  # under the colour scale
        # the colour scale under the map, across it; smaller points, so the shading still shows between them
        traces=dict(
            selector=dict(type="choropleth"),
            colorbar=dict(
                title_side="top", orientation="h", x=0, xanchor="left", y=-0.02, yanchor="top", len=0.9, nticks=4
            ),
        ),
        restyle=_smaller_points,
    )
    return for_screen(fig, narrow, phone)


def _participants(row: Any, lang: str) -> str:
    """The participants of a province's or place's activities as registered: 'niet opgegeven' where no activity
    gave a number (never 0), the sum with how many gave one where only some did."""
    if not row.with_participants:
        return t("detail_participants_unknown", lang)
    shown = fmt_count(row.participants, lang=lang)
    if row.with_participants < row.activities:
        shown += f" ({tn('detail_reported', int(row.with_participants), lang)})"
    return shown


def _smaller_points(fig: go.Figure) -> None:
    """A phone's places: the largest point NARROW_POINT px across instead of WIDE_POINT."""
    for trace in fig.select_traces(selector=dict(type="scattergeo")):
        trace.marker.sizeref = 2.0 * _largest(trace.marker.size) / (NARROW_POINT**2)


def _largest(sizes: object) -> float:
    """The largest point's value, at least 1 (so that no point is drawn infinitely large)."""
    return max(float(pd.Series(sizes).max()), 1.0)


def _ordered(frame: pd.DataFrame, key: str, order: tuple[str, ...]) -> pd.DataFrame:
    rank = {value: i for i, value in enumerate(order)}
    return frame.assign(_rank=frame[key].map(lambda v: rank.get(v, len(rank)))).sort_values(["_rank", key])


def breakdown_figure(
    theme: pd.DataFrame, formats: pd.DataFrame, domain: pd.DataFrame, *, lang: str = "nl", narrow: bool = False
) -> go.Figure:
    """Registered activities by theme, by format and by domain: three panels on one shared count axis.

    ``narrow`` (a phone): shorter label lines in smaller type, so the bars keep room beside them.
    """
    if theme.empty:
        return empty_figure(t("detail_none", lang), height=420, lang=lang)
    panels = (
        (_ordered(theme, "theme", THEME_ORDER), "theme", t("detail_by_theme", lang)),
        (_ordered(formats, "format", FORMAT_ORDER), "format", t("detail_by_format", lang)),
        (domain.sort_values("activities"), "domain", t("detail_by_domain", lang)),
    )
    # stacked, not side by side: readable on a phone, and one count axis for the three panels
    fig = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        subplot_titles=[title for _, _, title in panels],
        vertical_spacing=0.08,
        row_heights=[0.22, 0.22, 0.56],
    )
    for row, (frame, key, title) in enumerate(panels, start=1):
        labels = [wrap(t(f"{key}_{value}", lang) if key != "domain" else str(value), 30) for value in frame[key]]
        fig.add_trace(
            go.Bar(
                x=frame["activities"],
                y=labels,
                orientation="h",
                marker_color=SZE_COLOUR,
                text=[fmt_count(v, lang=lang) for v in frame["activities"]],
                textposition="auto",
                name=title,
                hovertemplate="%{y}: %{x:,d} " + t("detail_activities", lang).lower() + "<extra></extra>",
                showlegend=False,
            ),
            row=row,
            col=1,
        )
    top = max(int(f["activities"].max()) for f, _, _ in panels)
    fig.update_xaxes(range=[0, top * 1.12], tickformat=",d")
    styled(fig, t("detail_breakdown_title", lang), height=760, lang=lang)
    fig.update_layout(margin=dict(l=10, r=10, t=90, b=40))
    # a phone: shorter label lines a size smaller, fewer and upright value ticks
    phone = NarrowLayout(
        height=820, category_width=16, xaxes=dict(nticks=4, tickangle=0), yaxes=dict(tickfont=dict(size=13))
    )
    return for_screen(fig, narrow, phone)


def merge_small_groups(frame: pd.DataFrame, lang: str = "nl") -> tuple[pd.DataFrame, list[str], list[str]]:
    """Survey counts with every role of fewer than MIN_GROUP respondents merged into one group.

    Returns the counts (role, rating, would_return, n), the roles merged, and the roles hidden
    (when even the merged group is smaller than MIN_GROUP).
    """
    if frame.empty:
        return frame, [], []
    sizes = frame.groupby("role")["n"].sum()
    small = sorted(sizes[sizes < MIN_GROUP].index)
    if not small:
        return frame, [], []
    merged_label = t("detail_merged_roles", lang)
    if int(sizes[small].sum()) >= MIN_GROUP:
        out = frame.assign(role=frame["role"].where(~frame["role"].isin(small), merged_label))
        out = out.groupby(["role", "rating", "would_return"], as_index=False)["n"].sum()
        return out, small, []
    return frame[~frame["role"].isin(small)], [], small


def rating_figure(frame: pd.DataFrame, *, lang: str = "nl", narrow: bool = False) -> go.Figure:
    """How many respondents gave each rating (1 to 10, as the survey asks), stacked by role.

    ``narrow`` (a phone): the legend in smaller type, so a long role's name stays on the chart.
    """
    if frame.empty:
        return empty_figure(t("detail_no_answers", lang), height=420, lang=lang)
    fig = go.Figure()
    palette = ("#1F4E79", "#5B9BD5", "#E69F00", "#009E73", "#CC79A7", "#8C6D31", "#7F7F7F", "#4D4D4D")
    for i, (role, group) in enumerate(frame.groupby("role", sort=True)):
        per_rating = group.groupby("rating")["n"].sum().reindex(range(1, 11), fill_value=0)
        fig.add_trace(
            go.Bar(
                x=list(per_rating.index),
                y=list(per_rating.values),
                name=str(role),
                marker_color=palette[i % len(palette)],
                hovertemplate=f"{role}<br>" + t("detail_rating", lang) + " %{x}: %{y:,d}<extra></extra>",
            )
        )
    total = int(frame["n"].sum())
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title_text=t("detail_rating_axis", lang), tickmode="linear", dtick=1, range=[0.5, 10.5])
    fig.update_yaxes(title_text=t("detail_respondents", lang), tickformat=",d")
    styled(fig, t("detail_rating_title", lang, n=fmt_count(total, lang=lang)), height=460, lang=lang)
    # the legend below the axis title, not on it
    fig.update_layout(legend=dict(orientation="h", y=-0.32, yanchor="top", x=0), margin=dict(b=140), height=520)
    return for_screen(fig, narrow, NarrowLayout(legend=dict(font=dict(size=14))))
