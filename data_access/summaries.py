"""The summary tables: the imported rows counted once per write, so a view never groups them all.

``ingest.writer.refresh_summaries`` rebuilds every summary from the detail rows, with these measures,
inside the writer's transaction (as part of every new data version), so a reader's snapshot sees
summaries and rows of the same state. Every measure adds up (counts, sums, a maximum for "any
synthetic row"), so a view's grouping is the sum over the summary rows of its groups: exact, not an
estimate.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Table, case, cast, func

from data_access import schema as s

#: columns an activities grouping may use from each summary; a grouping that fits neither reads the rows
ACTIVITY_KEYS = ("edition", "region", "week", "theme", "format", "domain")
PLACE_KEYS = ("edition", "region", "week", "province", "place")


def _synthetic(table: Table) -> ColumnElement[Any]:
    return func.max(case((table.c.is_synthetic, 1), else_=0))


def activity_measures() -> list[ColumnElement[Any]]:
    """What is counted of the activities in a group (their summary rows hold the same, to be added up)."""
    a = s.activities
    return [
        func.count().label("activities"),
        func.coalesce(func.sum(a.c.participants), 0).label("participants"),
        func.count(a.c.participants).label("with_participants"),
        _synthetic(a).label("synthetic"),
    ]


def place_measures() -> list[ColumnElement[Any]]:
    """What is counted of the activities at a place: the activity measures and the coordinates, to be averaged."""
    a = s.activities
    return [*activity_measures(), func.sum(a.c.lon).label("lon_sum"), func.sum(a.c.lat).label("lat_sum")]


def response_measures() -> list[ColumnElement[Any]]:
    """What is counted of the survey answers in a group."""
    return [func.count().label("answers"), _synthetic(s.responses).label("synthetic")]


def total(column: ColumnElement[Any], label: str) -> ColumnElement[Any]:
    """The sum of a summary's count over a group, as an integer on every backend.

    PostgreSQL's SUM of a bigint is a numeric, which would reach pandas as Decimal objects.
    """
    return cast(func.coalesce(func.sum(column), 0), BigInteger).label(label)
