"""The comparison: what each chosen (edition, region or week) holds, and how it differs from the first.

Pure: query results in, one ``SlotSummary`` per slot out. Registered detail and published figures
stay apart here as everywhere: a slot's registered sums are shown beside what was published for
the same scope, never added to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
from babel.numbers import format_decimal

from core.figures.detail import MIN_GROUP
from core.formatting import fmt_count, fmt_decimal, fmt_period
from core.i18n import t, tn
from core.reference import Reference
from core.selection import Slot

#: places named per slot: the ones with most activities
TOP_PLACES = 3


@dataclass(frozen=True)
class SlotSummary:
    """One column of the comparison. Counts are sums of registered activities; ``published`` is apart."""

    slot: Slot
    label: str  # 'SZE 2023 · week 2 (West)'
    period: str  # that week's dates, the edition's, or why there are none
    activities: int = 0
    participants: int = 0
    with_participants: int = 0  # activities that reported a number of participants
    places: int = 0
    top_places: tuple[tuple[str, int], ...] = ()
    themes: dict[str, int] = field(default_factory=dict)
    formats: dict[str, int] = field(default_factory=dict)
    ratings: dict[int, int] = field(default_factory=dict)  # empty when fewer than MIN_GROUP answered
    respondents: int = 0  # all who answered, also when too few to show
    would_return: int = 0
    synthetic: bool = False
    rating_note: str = ""  # why no ratings are shown, if none are
    published: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def mean_rating(self) -> float | None:
        """The mean of the ratings shown; None when they are not shown."""
        total = sum(self.ratings.values())
        return sum(r * n for r, n in self.ratings.items()) / total if total else None

    @property
    def return_share(self) -> float | None:
        """The share that would take part again, of the answers shown."""
        total = sum(self.ratings.values())
        return self.would_return / total if total else None


def slot_label(slot: Slot, reference: Reference, lang: str = "nl") -> str:
    """'SZE 2023', 'SZE 2023 · regio Zuid', 'SZE 2023 · week 2 (West)'."""
    programme = reference.edition(slot.edition)["programme"]
    name = f"{t(f'programme_{programme}', lang)} {slot.edition}"
    if slot.region:
        return f"{name} · {t('summary_region', lang, region=reference.region_name(slot.region))}"
    if slot.week:
        week = reference.slot_week(slot)
        where = f" ({reference.region_name(week[1])})" if week else ""
        return f"{name} · {t('summary_week', lang, week=slot.week)}{where}"
    return f"{name} · {t('compare_national', lang)}"


def slot_period(slot: Slot, reference: Reference, lang: str = "nl") -> str:
    """The dates a slot covers: its week's where it is a region or week, else the edition's."""
    edition = reference.edition(slot.edition)
    if slot.region or slot.week:
        week = reference.slot_week(slot)
        if week is None:
            return t("compare_week_unknown", lang)
        return f"{t('summary_week', lang, week=week[0])}: {fmt_period(week[2], week[3], lang=lang)}"
    return fmt_period(edition["start_date"], edition["end_date"], lang=lang) or t("dates_unknown", lang)


def _rows(frame: pd.DataFrame, slot: Slot, region: str | None = None) -> pd.DataFrame:
    """The rows of ``frame`` in the slot: its edition, and its region (or ``region``) or week."""
    if frame.empty:
        return frame
    rows = frame[frame["edition"] == slot.edition]
    if region:
        return rows[rows["region"] == region]
    if slot.week and "week" in rows:
        return rows[rows["week"] == slot.week]
    return rows


def _any(frame: pd.DataFrame, column: str) -> bool:
    return bool(len(frame) and frame[column].any())


def _published(figures: pd.DataFrame, slot: Slot) -> pd.DataFrame:
    """What was published for exactly the slot's scope: national, that region's or that week's figures."""
    if figures.empty:
        return figures
    rows = figures[figures["edition"] == slot.edition]
    if slot.region:
        return rows[rows["region"] == slot.region]
    if slot.week:
        return rows[rows["week"] == slot.week]
    return rows[rows["region"].isna() & rows["week"].isna()]


def _sum(frame: pd.DataFrame, column: str) -> int:
    """The column's total as a whole number; 0 for no rows."""
    return int(frame[column].sum()) if len(frame) else 0


def _slot_answers(slot: Slot, reference: Reference, responses: pd.DataFrame) -> pd.DataFrame:
    """The survey answers of a slot: answers name the region whose week was attended, not the week, so a
    week's answers are its region's; a week the data do not place has none."""
    week = reference.slot_week(slot)
    answer_region = slot.region or (week[1] if week else None)
    return _rows(responses, slot, answer_region) if answer_region or not slot.week else responses.iloc[0:0]


def _rating_note(slot: Slot, reference: Reference, respondents: int, lang: str) -> str:
    """Why a slot shows no ratings: its week is unknown, too few answered, or none did; '' when they are shown."""
    if slot.week and not reference.slot_week(slot):
        return t("compare_ratings_no_week", lang)
    if 0 < respondents < MIN_GROUP:
        return t("compare_ratings_small", lang, n=MIN_GROUP)
    if not respondents:
        return t("compare_ratings_none", lang)
    return ""


def _counts(frame: pd.DataFrame, by: str, column: str) -> dict[str, int]:
    """The column's total per value of ``by``."""
    return {str(k): int(v) for k, v in frame.groupby(by)[column].sum().items()}


def _summary(
    slot: Slot,
    reference: Reference,
    activities: pd.DataFrame,
    places: pd.DataFrame,
    responses: pd.DataFrame,
    figures: pd.DataFrame,
    lang: str,
) -> SlotSummary:
    """One slot's column: its registered sums, its places, its answers (if enough) and what was published."""
    rows = _rows(activities, slot, slot.region)
    where = _rows(places, slot, slot.region)
    answers = _slot_answers(slot, reference, responses)
    respondents = _sum(answers, "n")
    shown = respondents >= MIN_GROUP
    per_place = where.groupby(["province", "place"])["activities"].sum().sort_values(ascending=False, kind="stable")
    return SlotSummary(
        slot=slot,
        label=slot_label(slot, reference, lang),
        period=slot_period(slot, reference, lang),
        activities=_sum(rows, "activities"),
        participants=_sum(rows, "participants"),
        with_participants=_sum(rows, "with_participants"),
        places=len(per_place),
        top_places=tuple((str(place), int(n)) for (_, place), n in per_place.head(TOP_PLACES).items()),
        themes=_counts(rows, "theme", "activities"),
        formats=_counts(rows, "format", "activities"),
        ratings={int(k): int(v) for k, v in answers.groupby("rating")["n"].sum().items()} if shown else {},
        respondents=respondents,
        would_return=int(answers.loc[answers["would_return"] == "ja", "n"].sum()) if shown else 0,
        synthetic=_any(rows, "synthetic") or _any(answers, "synthetic"),
        rating_note=_rating_note(slot, reference, respondents, lang),
        published=_published(figures, slot),
    )


def summarise(
    slots: Sequence[Slot],
    reference: Reference,
    activities: pd.DataFrame,
    places: pd.DataFrame,
    responses: pd.DataFrame,
    figures: pd.DataFrame,
    lang: str = "nl",
) -> list[SlotSummary]:
    """One summary per slot.

    ``activities``: activity counts by edition, region, week, theme, format. ``places``: by edition,
    region, week, province, place. ``responses``: answers by edition, region, rating, would_return.
    ``figures``: published figures with edition, region, week.
    """
    return [_summary(slot, reference, activities, places, responses, figures, lang) for slot in slots]


def difference(
    value: float | None, reference_value: float | None, lang: str = "nl", *, percent: bool = False, count: bool = False
) -> str:
    """A difference in words with an arrow, never in colour alone: '▲ 12 meer (+8%)'; '' where not comparable.

    ``count``: the values are counts ('12 more', '3 fewer' in English), else measures ('0.2 higher').
    """
    if value is None or reference_value is None:
        return ""
    delta = value - reference_value
    if percent:
        points = round(100 * delta)
        if points == 0:
            return t("compare_same", lang)
        key = "compare_points_more" if points > 0 else "compare_points_less"
        return f"{'▲' if points > 0 else '▼'} {tn(key, abs(points), lang)}"
    if round(delta, 1) == 0:
        return t("compare_same", lang)
    amount = fmt_count(abs(delta), lang=lang) if float(delta).is_integer() else fmt_decimal(abs(delta), lang)
    key = ("compare_more" if delta > 0 else "compare_less") + ("_count" if count else "")
    words = t(key, lang, n=amount)
    share = ""
    if reference_value:
        change = 100 * abs(delta) / reference_value
        # under one percent a whole number would read '+0%' beside a real difference
        amount = format_decimal(float(f"{change:.1g}"), locale=lang) if change < 1 else str(round(change))
        share = f" ({'+' if delta > 0 else '−'}{amount}%)"
    return f"{'▲' if delta > 0 else '▼'} {words}{share}"
