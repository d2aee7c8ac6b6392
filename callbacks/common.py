"""What every callback needs: the request's database engine, language and validated selection."""

from __future__ import annotations

import pandas as pd
from flask import current_app
from sqlalchemy import Engine

from dashboard.selection import Selection
from data_access import queries
from data_access.engine import engine_for


def db() -> Engine:
    """The engine of the app handling this request."""
    return engine_for(current_app.config["DATABASE_URL"])


def lang() -> str:
    """The interface language of this app (Dutch unless configured)."""
    return current_app.config.get("SZE_LANG", "nl")


def sze_metrics(engine: Engine) -> list[str]:
    """Metric codes a user may choose: SZE figures with at least one published value."""
    frame = queries.metrics(engine)
    return list(frame.loc[(frame["programme"] == "sze") & (frame["editions_with_value"] > 0), "metric"])


def selection_from(data: object, engine: Engine) -> Selection:
    """Validate the stored selection again: the browser can send anything."""
    known_editions = [int(y) for y in queries.editions(engine)["year"]]
    return Selection.from_store(
        data if isinstance(data, dict) else None, known_editions=known_editions, known_metrics=sze_metrics(engine)
    )


def chosen_editions(selection: Selection, editions: pd.DataFrame, programme: str | None = None) -> list[int]:
    """The selected edition years (all when none chosen), optionally of one programme only."""
    frame = editions if programme is None else editions[editions["programme"] == programme]
    years = [int(y) for y in frame["year"]]
    return [y for y in years if not selection.editions or y in selection.editions]
