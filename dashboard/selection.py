"""What the user has chosen (editions, region, week, figure, view), parsed in exactly one place.

The URL query is the shareable form of a Selection. Anything the browser sends goes through
``Selection.parse``: unknown or malformed values fall back to defaults, never to an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlencode

TABS = ("kaart", "trends", "evaluatie", "bereik")
REGIONS = ("noord", "oost", "west", "zuid")
WEEKS = (1, 2, 3, 4)
COLOUR_MODES = ("regio", "cijfer")
DEFAULT_METRIC = "activiteiten"

#: URL query parameters (Dutch, as users see them) -> Selection fields.
PARAM_EDITIONS, PARAM_REGION, PARAM_WEEK, PARAM_METRIC, PARAM_TAB, PARAM_COLOUR = (
    "editie",
    "regio",
    "week",
    "cijfer",
    "tab",
    "kleur",
)


_DIGITS = re.compile(r"[0-9]{1,6}")


def _as_list(value: object) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def _int_or_none(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    # ASCII digits only: str.isdigit() also accepts '²', which int() then refuses
    if isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
        return int(value.strip())
    return None


@dataclass(frozen=True)
class Selection:
    """A validated view state. ``editions`` is sorted; empty means every edition."""

    editions: tuple[int, ...] = ()
    region: str | None = None
    week: int | None = None
    metric: str = DEFAULT_METRIC
    tab: str = TABS[0]
    colour: str = COLOUR_MODES[0]

    @classmethod
    def parse(
        cls,
        *,
        editions: object = None,
        region: object = None,
        week: object = None,
        metric: object = None,
        tab: object = None,
        colour: object = None,
        known_editions: Iterable[int] = (),
        known_metrics: Iterable[str] = (),
    ) -> Selection:
        """Build a Selection from untrusted values; anything unknown becomes the default."""
        known = tuple(sorted(set(known_editions)))
        chosen: set[int] = set()
        for item in _as_list(editions):
            for part in str(item).split(",") if isinstance(item, str) else [item]:
                year = _int_or_none(part)
                if year is not None and (not known or year in known):
                    chosen.add(year)
        if known and chosen == set(known):
            chosen = set()  # all chosen is the default: keep URLs short
        metrics = set(known_metrics)
        week_number = _int_or_none(week)
        return cls(
            editions=tuple(sorted(chosen)),
            region=region if region in REGIONS else None,
            week=week_number if week_number in WEEKS else None,
            metric=metric
            if isinstance(metric, str) and (metric in metrics if metrics else metric == DEFAULT_METRIC)
            else DEFAULT_METRIC,
            tab=tab if tab in TABS else TABS[0],
            colour=colour if colour in COLOUR_MODES else COLOUR_MODES[0],
        )

    @classmethod
    def from_query(
        cls, search: str | None, *, known_editions: Iterable[int] = (), known_metrics: Iterable[str] = ()
    ) -> Selection:
        """Parse a URL query string such as ``?tab=trends&editie=2021,2022&regio=zuid``."""
        query = parse_qs((search or "").lstrip("?"), keep_blank_values=False)

        def first(name: str) -> str | None:
            values = query.get(name)
            return values[0] if values else None

        return cls.parse(
            editions=query.get(PARAM_EDITIONS),
            region=first(PARAM_REGION),
            week=first(PARAM_WEEK),
            metric=first(PARAM_METRIC),
            tab=first(PARAM_TAB),
            colour=first(PARAM_COLOUR),
            known_editions=known_editions,
            known_metrics=known_metrics,
        )

    @classmethod
    def from_store(
        cls, data: Mapping | None, *, known_editions: Iterable[int] = (), known_metrics: Iterable[str] = ()
    ) -> Selection:
        """Re-validate a Selection kept in a dcc.Store (the browser may send anything)."""
        data = data if isinstance(data, Mapping) else {}
        return cls.parse(
            editions=data.get("editions"),
            region=data.get("region"),
            week=data.get("week"),
            metric=data.get("metric"),
            tab=data.get("tab"),
            colour=data.get("colour"),
            known_editions=known_editions,
            known_metrics=known_metrics,
        )

    def to_store(self) -> dict:
        """JSON-ready form for a dcc.Store."""
        return {
            "editions": list(self.editions),
            "region": self.region,
            "week": self.week,
            "metric": self.metric,
            "tab": self.tab,
            "colour": self.colour,
        }

    def with_tab(self, tab: str) -> Selection:
        """The same selection in another view."""
        return replace(self, tab=tab if tab in TABS else self.tab)

    def to_query(self) -> str:
        """The URL query that reproduces this view; defaults are left out."""
        params: list[tuple[str, str]] = [(PARAM_TAB, self.tab)]
        if self.editions:
            params.append((PARAM_EDITIONS, ",".join(str(y) for y in self.editions)))
        if self.region:
            params.append((PARAM_REGION, self.region))
        if self.week:
            params.append((PARAM_WEEK, str(self.week)))
        if self.metric != DEFAULT_METRIC:
            params.append((PARAM_METRIC, self.metric))
        if self.colour != COLOUR_MODES[0]:
            params.append((PARAM_COLOUR, self.colour))
        return "?" + urlencode(params, safe=",")

    def editions_or(self, every: Iterable[int]) -> tuple[int, ...]:
        """The chosen editions, or ``every`` edition when none is chosen."""
        return self.editions or tuple(sorted(every))
