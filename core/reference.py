"""The reference data every view needs (editions, figure definitions, regions) and the rules on it.

Built from query results once per request; the only place that says which figures a user may
choose and what a region is called.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from core.selection import Choices, Slot


@dataclass(frozen=True)
class Reference:
    """Editions, metric definitions, regions and week numbers as the database holds them."""

    editions: pd.DataFrame  # year, programme, name, start_date, end_date, has_totals, source columns ...
    metrics: pd.DataFrame  # metric, programme, unit, definition, editions_with_value
    regions: pd.DataFrame  # region, name, sort_order
    weeks: tuple[int, ...] = ()  # week numbers of any published week order
    # edition, week, region, region_name, start_date, end_date: who had which week, where published
    week_order: pd.DataFrame = field(default_factory=pd.DataFrame)

    def choosable_metrics(self) -> list[str]:
        """SZE figures with at least one published value: the ones a user may pick."""
        frame = self.metrics
        return list(frame.loc[(frame["programme"] == "sze") & (frame["editions_with_value"] > 0), "metric"])

    def choices(self, tabs: Sequence[str], languages: Sequence[str] = ("nl", "en")) -> Choices:
        """What a selection may hold, given these data, the views ``tabs`` and ``languages`` (the app's own first)."""
        return Choices(
            editions=tuple(int(y) for y in self.editions["year"]),
            metrics=tuple(self.choosable_metrics()),
            regions=tuple(str(r) for r in self.regions["region"]),
            weeks=self.weeks,
            tabs=tuple(tabs),
            languages=tuple(languages),
        )

    def years(self, programme: str | None = None) -> list[int]:
        """Edition years, oldest first, of one programme or all."""
        frame = self.editions if programme is None else self.editions[self.editions["programme"] == programme]
        return [int(y) for y in frame["year"]]

    @property
    def default_metric(self) -> str:
        """The figure shown when none is chosen."""
        return Choices(metrics=tuple(self.choosable_metrics())).default_metric

    @cached_property
    def _region_names(self) -> dict[str, str]:
        return {str(code): str(name) for code, name in zip(self.regions["region"], self.regions["name"], strict=True)}

    @cached_property
    def _editions_by_year(self) -> pd.DataFrame:
        return self.editions.set_index("year")

    def region_name(self, region: str) -> str:
        """A region's name as the data spell it ('Zuid'); the code if the region is unknown."""
        return self._region_names.get(region, region)

    def definition(self, metric: str) -> str:
        """The published definition of a metric, '' if unknown."""
        rows = self.metrics.loc[self.metrics["metric"] == metric, "definition"]
        return str(rows.iloc[0]) if len(rows) else ""

    def edition(self, year: int) -> pd.Series:
        """One edition's row."""
        return self._editions_by_year.loc[year]

    def slot_week(self, slot: Slot) -> tuple[int, str, object, object] | None:
        """The relay week a slot covers (week, region, start, end), if its edition's week order is published.

        A region slot is that region's week; a week slot that week; an edition slot none.
        """
        order = self.week_order
        if order.empty or not (slot.region or slot.week):
            return None
        rows = order[order["edition"] == slot.edition]
        rows = rows[rows["region"] == slot.region] if slot.region else rows[rows["week"] == slot.week]
        if rows.empty:
            return None
        row = rows.iloc[0]
        return int(row["week"]), str(row["region"]), row["start_date"], row["end_date"]

    def default_slots(self) -> tuple[Slot, ...]:
        """What the comparison shows before anything is chosen: the weeks of the latest ordered edition.

        That is what a regional lead asks first (her week beside the others); without any published
        week order, the last two SZE editions.
        """
        if not self.week_order.empty:
            latest = int(self.week_order["edition"].max())
            weeks = sorted(int(w) for w in self.week_order.loc[self.week_order["edition"] == latest, "week"])
            return tuple(Slot(latest, week=w) for w in weeks)
        return tuple(Slot(year) for year in self.years("sze")[-2:])
