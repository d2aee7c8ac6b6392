"""Key figures ('Kerncijfers'): the headline published figures of the chosen SZE editions, each with its change.

Pure: query results in, plain records out. One key figure per headline figure, from the latest chosen
edition that published it; nothing is summed, rounded or filled in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from core.change import Change, Published, change
from core.formatting import fmt_published, is_missing

#: The figures an official asks for first, in the order they stand (national totals only).
HEADLINE_METRICS = ("bezoekers", "deelnemers", "activiteiten")
#: The evaluation results that stand beside them.
HEADLINE_MEASURES = ("cijfer", "doet_weer_mee")


@dataclass(frozen=True)
class KeyFigure:
    """One tile: a published value in its own words, its edition, source, and change against the edition before."""

    kind: str  # "figure" (a metric of figures.csv) or "evaluation" (a measure of evaluations.csv)
    name: str  # the metric or measure code
    edition: int
    words: str  # as published, qualifier included ('bijna 33.000')
    publisher: str
    date: str
    what_rated: str | None  # evaluations: what exactly was rated
    change: Change | None


def _published(row: pd.Series, definition: tuple[str, ...]) -> Published:
    return Published(
        edition=int(row["edition"]),
        value=row["value"],
        qualifier=row["qualifier"],
        text=fmt_published(row["published_text"]),
        definition=definition,
        note=row.get("note"),
    )


def _figure_definition(row: pd.Series) -> tuple[str, ...]:
    return (str(row["metric"]),)


def _evaluation_definition(row: pd.Series) -> tuple[str, ...]:
    # the same score means the same thing only when the same thing was rated by the same people
    rated_by = "" if is_missing(row["rated_by"]) else str(row["rated_by"])
    return (str(row["measure"]), str(row["what_rated"]), rated_by)


def _previous(editions: Sequence[int], year: int) -> int | None:
    """The edition before ``year`` in the programme, chosen or not: the change belongs to the value."""
    earlier = [y for y in editions if y < year]
    return earlier[-1] if earlier else None


def _pick(
    frame: pd.DataFrame, column: str, name: str, chosen: Sequence[int], all_editions: Sequence[int], kind: str
) -> KeyFigure | None:
    definition_of = _figure_definition if kind == "figure" else _evaluation_definition
    rows = frame[(frame[column] == name) & frame["value"].notna() & frame["edition"].isin(list(chosen))]
    if rows.empty:
        return None
    latest = rows[rows["edition"] == rows["edition"].max()].iloc[0]
    current = _published(latest, definition_of(latest))
    return KeyFigure(
        kind=kind,
        name=name,
        edition=current.edition,
        words=current.text,
        publisher=str(latest["source_publisher"]),
        date=str(latest["source_date"]),
        what_rated=None if kind == "figure" else str(latest["what_rated"]),
        change=_row_change(frame, column, latest, all_editions, definition_of),
    )


def _row_change(
    frame: pd.DataFrame,
    column: str,
    row: pd.Series,
    all_editions: Sequence[int],
    definition_of: Callable[[pd.Series], tuple[str, ...]],
) -> Change | None:
    """The change of ``row`` against what the edition before published for the same ``column`` value."""
    current = _published(row, definition_of(row))
    before = _previous(all_editions, current.edition)
    candidates = frame[(frame[column] == row[column]) & (frame["edition"] == before)]
    previous = [_published(r, definition_of(r)) for _, r in candidates.iterrows()]
    # of several values the edition before published, the one counted like this one, if any
    alike = next((p for p in previous if p.definition == current.definition), previous[0] if previous else None)
    return change(current, alike)


def evaluation_changes(evaluations: pd.DataFrame, all_editions: Sequence[int]) -> list[Change | None]:
    """Each evaluation row's change against the edition before (same measure, same thing rated by the same
    people), in the rows' order; ``evaluations`` must hold the edition before too, chosen or not."""
    return [
        None if is_missing(r["value"]) else _row_change(evaluations, "measure", r, all_editions, _evaluation_definition)
        for _, r in evaluations.iterrows()
    ]


def key_figures(
    figures: pd.DataFrame, evaluations: pd.DataFrame, chosen: Sequence[int], all_editions: Sequence[int]
) -> list[KeyFigure]:
    """The key figures of the ``chosen`` SZE editions; ``all_editions`` (the programme's, oldest first) set
    which edition comes before which.

    ``figures`` as ``queries.figures`` returns them (regional rows are left out here: a key figure is
    national); ``evaluations`` as ``queries.evaluations``.
    """
    national = figures[figures["region"].isna() & figures["week"].isna()] if len(figures) else figures
    tiles = [_pick(national, "metric", m, chosen, all_editions, "figure") for m in HEADLINE_METRICS]
    tiles += [_pick(evaluations, "measure", m, chosen, all_editions, "evaluation") for m in HEADLINE_MEASURES]
    return [tile for tile in tiles if tile is not None]


def without_key_figures(figures: pd.DataFrame, evaluations: pd.DataFrame, chosen: Sequence[int]) -> list[int]:
    """The chosen editions that published none of the headline figures (said in words, never a zero)."""
    national = figures[figures["region"].isna() & figures["week"].isna()] if len(figures) else figures
    published = set(national.loc[national["metric"].isin(HEADLINE_METRICS) & national["value"].notna(), "edition"])
    published |= set(
        evaluations.loc[evaluations["measure"].isin(HEADLINE_MEASURES) & evaluations["value"].notna(), "edition"]
    )
    return [year for year in chosen if year not in published]
