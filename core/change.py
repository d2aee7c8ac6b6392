"""Change against the previous edition: when two published figures may be compared, and which way they went.

Pure rules, no Dash and no database. A change is only stated when both values were published, were
counted the same way and their published words (bijna, ruim, meer dan ...) leave no doubt about the
direction; otherwise nothing is said, as a wrong arrow misleads more than a missing one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from core.formatting import is_missing

#: How the dataset records, in a figure's note, that two editions were not counted the same way
#: (figures.csv: 2021's '210 digitale activiteiten' against 2022's '300'; see discrepancies.csv).
NOT_COUNTED_ALIKE = "niet gelijk geteld"

#: Qualifiers that publish the value itself (a mean is still the published value, not a rounding).
_EXACT = frozenset({"exact", "gemiddeld"})
#: Qualifiers that put the true value below the number ('bijna 33.000' is under 33.000) ...
_BELOW = frozenset({"bijna"})
#: ... or above it ('ruim 3500', 'meer dan 270').
_ABOVE = frozenset({"ruim", "meer_dan"})


class Direction(Enum):
    """Which way a figure went against the previous edition."""

    MORE = "more"
    LESS = "less"
    SAME = "same"


@dataclass(frozen=True)
class Published:
    """One published value as the change rule needs it.

    ``definition`` says what was counted or rated (for a figure its metric; for an evaluation what was
    rated and by whom); ``note`` is the dataset's note on the value, which may say it was counted otherwise.
    """

    edition: int
    value: object
    qualifier: object
    text: str
    definition: tuple[str, ...]
    note: object = None


@dataclass(frozen=True)
class Change:
    """The change of a value against the previous edition, with that edition's published words."""

    direction: Direction
    previous: Published


def _bounds(value: float, qualifier: object) -> tuple[float, float, bool]:
    """The range the published words allow: (low, high, exact); 'bijna' and 'ruim' leave one side open."""
    if qualifier in _EXACT:
        return value, value, True
    if qualifier in _BELOW:
        return -math.inf, value, False
    if qualifier in _ABOVE:
        return value, math.inf, False
    # 'naar schatting circa' or anything unknown: either side is possible
    return -math.inf, math.inf, False


def _unknown(definition: tuple[str, ...]) -> bool:
    """A definition part the source left open ('niet vermeld') says nothing about sameness."""
    return not definition or any(not part or part == "niet vermeld" for part in definition)


def comparable(current: Published, previous: Published) -> bool:
    """True when both values were published and counted the same way, as far as the data say."""
    if is_missing(current.value) or is_missing(previous.value):
        return False
    if current.definition != previous.definition or _unknown(current.definition):
        return False
    return not any(isinstance(p.note, str) and NOT_COUNTED_ALIKE in p.note for p in (current, previous))


def change(current: Published, previous: Published | None) -> Change | None:
    """The change of ``current`` against ``previous``; None where it cannot honestly be stated."""
    if previous is None or not comparable(current, previous):
        return None
    now_low, now_high, now_exact = _bounds(float(str(current.value)), current.qualifier)
    then_low, then_high, then_exact = _bounds(float(str(previous.value)), previous.qualifier)
    if now_exact and then_exact and now_low == then_low:
        return Change(Direction.SAME, previous)
    if now_low > then_high or (now_low == then_high and not (now_exact and then_exact)):
        return Change(Direction.MORE, previous)
    if now_high < then_low or (now_high == then_low and not (now_exact and then_exact)):
        return Change(Direction.LESS, previous)
    return None  # the published words overlap: 'ruim 300' against 'bijna 400' may have gone either way


def edition_changes(values: list[Published]) -> dict[int, Change | None]:
    """Each edition's change against the edition just before it in ``values`` (one per edition, any order).

    The edition before is the previous one in the list, published or not: a gap is not bridged.
    """
    ordered = sorted(values, key=lambda p: p.edition)
    return {now.edition: change(now, before) for before, now in zip([None, *ordered], ordered, strict=False)}
