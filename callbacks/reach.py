"""Reach view: Zorg van Nu indicators with qualifier and period; the e-healthmonitor as context."""

from __future__ import annotations

from typing import Any, TypedDict

import plotly.graph_objects as go

from callbacks.common import db, lang, selection_from
from core.figures import monitor_figure, reach_figure
from core.i18n import t
from core.views import View
from data_access import queries
from layouts.components import notes, source_note
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


def update_reach(selection: object) -> ReachParts:
    """Redraw the Zorg van Nu and e-healthmonitor charts with every indicator as text."""
    engine, language = db(), lang()
    chosen = selection_from(selection)
    reach = queries.reach(engine)
    monitor = queries.monitor(engine)
    periods = " / ".join(sorted(set(reach["period_label"])))
    messages = [t("reach_period_note", language, period=periods)]
    if chosen.editions:
        overlapping = [
            y
            for y in chosen.editions
            if any((r.period_start or r.period_end or 0) <= y <= (r.period_end or 0) for r in reach.itertuples())
        ]
        if not overlapping:
            messages.append(t("reach_filter_note", language, period=periods))
    if chosen.is_local():
        messages.append(t("reach_national_note", language))
    return {
        "graph": reach_figure(reach, language),
        "text": layout.reach_cards(reach, language),
        "sources": source_note(reach, language),
        "note": notes(messages),
        "monitor-graph": monitor_figure(monitor, language),
        "monitor-text": layout.monitor_table(monitor, language),
        "monitor-sources": source_note(monitor, language),
    }


VIEW = View(
    name=layout.NAME,
    slug="bereik",
    label="tab_bereik",
    skeleton=layout.skeleton,
    update=update_reach,
    outputs={
        "graph": "figure",
        "text": "children",
        "sources": "children",
        "note": "children",
        M + "graph": "figure",
        M + "text": "children",
        M + "sources": "children",
    },
    figures=(reach_figure, monitor_figure),
)
