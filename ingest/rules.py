"""The rules a value must keep, read from the schema's column ``info``: stated once, used by every reader."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Column


@dataclass(frozen=True)
class Range:
    """The bounds a number must lie within, both included (``info={"range": (low, high)}`` on a column)."""

    low: int | float
    high: int | float

    def holds(self, value: float) -> bool:
        """Whether ``value`` lies within the bounds."""
        return self.low <= value <= self.high


def range_of(column: Column) -> Range | None:
    """The range ``column`` declares, if any (it is also the column's CHECK constraint)."""
    bounds = column.info.get("range")
    return Range(*bounds) if bounds else None


def choices_of(column: Column) -> tuple[str, ...]:
    """The values ``column`` allows, if it lists them (also its CHECK constraint); () if any value goes."""
    return tuple(column.info.get("choices", ()))
