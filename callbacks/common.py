"""What every callback needs: the request's database engine, language, reference data and selection."""

from __future__ import annotations

import pandas as pd
from flask import current_app, g
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


def editions() -> pd.DataFrame:
    """Every edition, read once per request however many helpers ask."""
    if "sze_editions" not in g:
        g.sze_editions = queries.editions(db())
    return g.sze_editions


def metrics() -> pd.DataFrame:
    """Every metric definition, read once per request."""
    if "sze_metrics" not in g:
        g.sze_metrics = queries.metrics(db())
    return g.sze_metrics


def sze_metrics() -> list[str]:
    """Metric codes a user may choose: SZE figures with at least one published value."""
    frame = metrics()
    return list(frame.loc[(frame["programme"] == "sze") & (frame["editions_with_value"] > 0), "metric"])


def selection_from(data: object) -> Selection:
    """Validate the stored selection again: the browser can send anything."""
    return Selection.from_store(
        data if isinstance(data, dict) else None,
        known_editions=[int(y) for y in editions()["year"]],
        known_metrics=sze_metrics(),
    )


def chosen_editions(selection: Selection, programme: str | None = None) -> list[int]:
    """The selected edition years (all when none chosen), optionally of one programme only."""
    frame = editions() if programme is None else editions()[editions()["programme"] == programme]
    years = [int(y) for y in frame["year"]]
    return [y for y in years if not selection.editions or y in selection.editions]
