"""A chart in words and as rows: the text alternative screen readers get for every figure (WCAG 1.1.1).

Read from the finished Figure, not from the frames it was drawn from, so the sentence says exactly what
the chart shows, in the words it shows (the published ones), whichever view drew it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from core.formatting import fmt_number, is_missing
from core.i18n import t

#: more points than this in one series are summed up as 'and n more (see the table)'
MAX_POINTS = 15
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Point:
    """One value a chart shows: its series, what it is of (category, place, year) and its value in words."""

    series: str
    label: str
    value: str
    area: bool = False  # a shape on a map: areas with the same words are named together


def plain(text: object) -> str:
    """Chart markup as plain text: line breaks become spaces, tags go, whitespace is single."""
    if is_missing(text):
        return ""
    return " ".join(_TAG.sub(" ", str(text).replace("<br>", " ")).split())


def _values(trace: Any, name: str) -> list[Any]:
    value = getattr(trace, name, None)
    if value is None or isinstance(value, str):
        return []
    return list(value)


def _at(values: Sequence[Any], i: int) -> Any:
    return values[i] if i < len(values) else None


def _number(value: object, suffix: str = "", lang: str = "nl") -> str:
    """A plotted number in the language's notation with its axis' unit, when no published words label it."""
    if is_missing(value) or isinstance(value, str):
        return plain(value)
    return fmt_number(round(float(str(value)), 1), lang=lang) + suffix


def _suffix(fig: go.Figure, trace: Any, axis: str) -> str:
    """The unit an axis puts after its numbers ('%'), for the trace's value axis."""
    name = getattr(trace, f"{axis}axis", None) or axis
    layout_axis = fig.layout[name.replace(axis, f"{axis}axis", 1)] if name else None
    return str(getattr(layout_axis, "ticksuffix", None) or "")


def _area_points(trace: Any, series: str, lang: str) -> list[Point]:
    """A map's shapes: each location with what its colour stands for."""
    locations, z, hovers = _values(trace, "locations"), _values(trace, "z"), _values(trace, "hovertext")
    points = []
    for i, location in enumerate(locations):
        hover = plain(_at(hovers, i))
        # the hover's first line repeats the location; the rest is what the colour stands for
        detail = hover[len(str(location)) :].strip(" ,") if hover.startswith(str(location)) else hover
        points.append(Point(series, str(location), detail or _number(_at(z, i), lang=lang), area=True))
    return points


def _place_points(trace: Any, series: str) -> list[Point]:
    """A map's places: a place's name is the first line of its hover text (or its label)."""
    names = [str(h).split("<br>")[0] for h in _values(trace, "hovertext")] or [str(x) for x in _values(trace, "text")]
    return [Point(series, plain(n), "") for n in names if plain(n)]


def _is_horizontal(trace: Any) -> bool:
    """Categories up the side: a lying bar, or text marks placed at named categories on the y axis."""
    if trace.type == "bar":
        return bool(trace.orientation == "h")
    ys = _values(trace, "y")
    return trace.type == "scatter" and bool(ys) and all(isinstance(y, str) for y in ys)


def _axis_points(fig: go.Figure, trace: Any, series: str, lang: str) -> list[Point]:
    """A chart with axes: each category with the words beside its mark, else its number and the axis' unit."""
    horizontal = _is_horizontal(trace)
    labels, numbers = (_values(trace, "y"), _values(trace, "x")) if horizontal else (trace.x, trace.y)
    suffix = _suffix(fig, trace, "x" if horizontal else "y")
    labels, numbers = list(labels if labels is not None else []), list(numbers if numbers is not None else [])
    texts = _values(trace, "text")
    points = []
    for i, label in enumerate(labels):
        words = plain(_at(texts, i)) or _number(_at(numbers, i), suffix, lang)
        if words:
            points.append(Point(series, plain(label), words))
    return points


def _trace_points(fig: go.Figure, trace: Any, lang: str) -> list[Point]:
    """The points of one trace, each with the words the chart puts beside it (else its number)."""
    series = plain(trace.name)
    if trace.type == "choropleth":
        return _area_points(trace, series, lang)
    if trace.type == "scattergeo":
        return _place_points(trace, series)
    return _axis_points(fig, trace, series, lang)


def figure_points(fig: go.Figure, lang: str = "nl") -> list[Point]:
    """Every value the figure shows, series by series (gap labels such as 'niet gepubliceerd' included).

    Text-only traces are labels repeating what the shapes show (a region's name on the map), except
    the gaps' 'niet gepubliceerd', which is the only trace saying so.
    """
    gap = t("not_published", lang)
    points = []
    for trace in fig.data:
        if trace.visible is False:
            continue
        own = _trace_points(fig, trace, lang)
        if getattr(trace, "mode", None) == "text" and any(p.value != gap for p in own):
            continue
        points += own
    return points


def _kind(fig: go.Figure, lang: str) -> str:
    types = {trace.type for trace in fig.data}
    if types & {"choropleth", "scattergeo", "choroplethmap", "scattermap"}:
        return t("alt_kind_map", lang)
    if "bar" in types:
        return t("alt_kind_bar", lang)
    if any("lines" in str(getattr(trace, "mode", "")) for trace in fig.data):
        return t("alt_kind_line", lang)
    return t("alt_kind_points", lang)


def _join(items: Sequence[str], lang: str) -> str:
    """'a, b en c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + t("words_and", lang) + items[-1]


def _series_sentence(points: Sequence[Point], lang: str) -> str:
    """'2021: 210 digitale activiteiten, 2022: 300; 2023 en 2024 niet gepubliceerd'."""
    gap = t("not_published", lang)
    gaps = [p.label for p in points if p.value == gap]
    shown = [p for p in points if p.value != gap]
    # places on a map are listed by name; several places with the same words are listed once
    grouped: dict[str, list[str]] = {}
    for point in shown:
        key = point.value if point.area else f"{point.value}\x00{len(grouped)}"
        grouped.setdefault(key, []).append(point.label)
    items = []
    for key, labels in grouped.items():
        value = key.split("\x00")[0]
        if not value:
            items.extend(labels)
        elif len(labels) > 1 and all(p.area for p in shown):
            items.append(f"{_join(labels, lang)}: {value}")
        else:
            items.extend(f"{label}: {value}" for label in labels)
    more = len(items) - MAX_POINTS
    items = items[:MAX_POINTS] + ([t("alt_more", lang, n=more)] if more > 0 else [])
    parts = [", ".join(items)] if items else []
    if gaps:
        parts.append(f"{_join(gaps, lang)} {gap}")
    return "; ".join(parts)


def _in_order(points: Iterable[Point]) -> list[Point]:
    """Editions in time order, whichever trace drew them; other categories as drawn."""
    points = list(points)
    if all(p.label.isdigit() for p in points):
        return sorted(points, key=lambda p: int(p.label))
    return points


def _body(fig: go.Figure, points: list[Point], lang: str) -> list[str]:
    """The sentences of the values: one for the whole chart where each category is drawn once, else one a series."""
    labels = [p.label for p in points]
    upright_bars = all(
        trace.type == "bar" and trace.orientation != "h" for trace in fig.data if getattr(trace, "mode", None) != "text"
    )
    if upright_bars and len(labels) == len(set(labels)):
        # each category drawn once (the trends chart: one bar per edition, coloured by how it was counted)
        return [_series_sentence(_in_order(points), lang)]
    series = list(dict.fromkeys(p.series for p in points))
    body = []
    for name in series:
        sentence = _series_sentence([p for p in points if p.series == name], lang)
        body.append(f"{name}: {sentence}" if name and len(series) > 1 else sentence)
    return body


def describe_figure(fig: go.Figure, lang: str = "nl") -> str:
    """One sentence of what the chart shows: its kind, its title, then every value in its published words.

    'Staafdiagram: Activiteiten per editie. 2021: 210 digitale activiteiten, 2022: 300; 2023 en 2024
    niet gepubliceerd.' A chart without data says why (the message it shows instead).
    """
    title = plain(fig.layout.title.text) if fig.layout.title and fig.layout.title.text else ""
    points = figure_points(fig, lang)
    if not points:
        message = "; ".join(plain(a.text) for a in fig.layout.annotations or () if a.text)
        return f"{t('alt_kind_empty', lang)}: {title + '. ' if title else ''}{message or t('alt_no_data', lang)}"
    head = f"{_kind(fig, lang)}: {title}" if title else _kind(fig, lang)
    body = _body(fig, points, lang)
    return f"{head}. {'. '.join(b[:1].upper() + b[1:] for b in body if b)}."


def figure_rows(fig: go.Figure, lang: str = "nl") -> list[tuple[str, str, str]]:
    """The figure's values as table rows: (series, what, value); the data table beside the chart."""
    return [(p.series, p.label, p.value) for p in figure_points(fig, lang)]
