"""Reach view: Zorg van Nu indicators with qualifier and period; the e-healthmonitor as context."""

from __future__ import annotations

from typing import Any, TypedDict

import pandas as pd
import plotly.graph_objects as go

from callbacks.common import db, lang, selection_from
from core.figures import monitor_figure, reach_figure
from core.figures.reach import drawn_monitor, drawn_reach
from core.formatting import is_missing
from core.i18n import indicator_label, t
from core.selection import Selection
from core.views import View
from data_access import queries
from layouts import ids
from layouts.components import notes, panel_outputs, source_note
from layouts.views import reach as layout

M = layout.MONITOR  # prefix of the context chart's parts

ReachParts = TypedDict(
    "ReachParts",
    {
        "graph": go.Figure,
        "text": Any,
        "sources": Any,
        "note": Any,
        "monitor-graph": go.Figure,
        "monitor-text": Any,
        "monitor-sources": Any,
    },
)


def _first_year(row: Any) -> float:
    """First year a reach figure covers (its end year when the start is not known)."""
    return _last_year(row) if is_missing(row.period_start) else float(row.period_start)


def _last_year(row: Any) -> float:
    """Last year a reach figure covers; 0 when unknown (then no edition falls within it)."""
    return 0.0 if is_missing(row.period_end) else float(row.period_end)


def reach_table(chosen: Selection) -> pd.DataFrame:
    """The Zorg van Nu indicators the chart draws, with unit and period as published; the same for any selection."""
    language = lang()
    rows = drawn_reach(queries.reach(db()))
    return rows.assign(what=[indicator_label(i, language) for i in rows["indicator"]], period=rows["period_label"])


def monitor_table(chosen: Selection) -> pd.DataFrame:
    """The e-healthmonitor values the context chart draws, as a percentage of their group."""
    language = lang()
    rows = drawn_monitor(queries.monitor(db()))
    return rows.assign(
        what=[indicator_label(i, language) for i in rows["indicator"]],
        unit=t("unit_percent", language),
        period=rows["period_label"],
    )


def update_reach(selection: object, narrow: bool = False) -> ReachParts:
    """Redraw the Zorg van Nu and e-healthmonitor charts (for a phone when ``narrow``), every indicator as text."""
    engine, language = db(), lang()
    chosen = selection_from(selection)
    reach = queries.reach(engine)
    monitor = queries.monitor(engine)
    periods = " / ".join(sorted(set(reach["period_label"])))
    messages = [t("reach_period_note", language, period=periods)]
    if chosen.editions:
        overlapping = [
            y for y in chosen.editions if any(_first_year(r) <= y <= _last_year(r) for r in reach.itertuples())
        ]
        if not overlapping:
            messages.append(t("reach_filter_note", language, period=periods))
    if chosen.is_local():
        messages.append(t("reach_national_note", language))
    reach_chart = reach_figure(reach, language, narrow=narrow)
    monitor_chart = monitor_figure(monitor, language, narrow=narrow)
    return {
        "graph": reach_chart,
        "text": layout.reach_cards(reach, language),
        "sources": source_note(reach, language),
        "note": notes(messages),
        "monitor-graph": monitor_chart,
        "monitor-text": layout.monitor_table(monitor, language),
        "monitor-sources": source_note(monitor, language),
    }


VIEW = View(
    name=layout.NAME,
    slug="bereik",
    label="tab_bereik",
    order=6,
    in_report=True,
    skeleton=layout.skeleton,
    update=update_reach,
    outputs=panel_outputs() | panel_outputs(M, note=False),
    figures=(reach_figure, monitor_figure),
    # Zorg van Nu reports national figures over its own period: no filter acts here
    controls=frozenset(),
    tables={"main": reach_table, ids.chart_key(M): monitor_table},
)
