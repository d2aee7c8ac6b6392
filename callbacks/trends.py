"""Trends view: the chosen figure per edition, the e-healthweek predecessor in its own panel."""

from __future__ import annotations

from typing import Any, TypedDict

import pandas as pd
import plotly.graph_objects as go

from callbacks.common import chosen_editions, db, lang, reference, scope_words, selection_from
from core.figures import trend_figure
from core.i18n import metric_label, t
from core.views import View
from data_access import queries
from layouts.components import notes, panel_outputs, source_note
from layouts.views import trends as layout


class TrendParts(TypedDict):
    """What the trends view shows, by part."""

    graph: go.Figure
    text: Any
    sources: Any
    note: Any


def update_trends(selection: object) -> TrendParts:
    """Redraw the trend chart, its figures as cards, sources and notes for the selection."""
    engine, language, ref = db(), lang(), reference()
    chosen = selection_from(selection)
    sze_years = chosen_editions(chosen, "sze")
    ehw_years = chosen_editions(chosen, "ehealthweek")
    sze = queries.metric_by_edition(engine, chosen.metric, region=chosen.region, week=chosen.week)
    sze = sze[sze["edition"].isin(sze_years)]
    messages = []
    if chosen.region:
        messages.append(t("trend_region_note", language, region=ref.region_name(chosen.region)))
    if chosen.week:
        messages.append(t("trend_week_note", language, week=chosen.week))
    predecessor: list[tuple[str, pd.DataFrame]] = []
    predecessor_metrics = queries.PREDECESSOR_METRICS.get(chosen.metric, ())
    if ehw_years and chosen.is_local():
        messages.append(t("predecessor_national_note", language))
    elif ehw_years and not predecessor_metrics:
        messages.append(t("no_comparable_predecessor", language))
    elif ehw_years:
        for metric in predecessor_metrics:
            frame = queries.metric_by_edition(engine, metric)
            predecessor.append((metric, frame[frame["edition"].isin(ehw_years)]))
    for metric in ([chosen.metric] if sze_years else []) + [m for m, _ in predecessor]:
        label = metric_label(metric, language).lower()
        messages.append(f"{t('definition', language)} {label}: {ref.definition(metric)}")

    scope = "".join(f" · {words}" for words in scope_words(chosen))
    cards = [
        layout.edition_card(ref.edition(row.edition), chosen.metric, row, language, scope) for row in sze.itertuples()
    ]
    for year in ehw_years if predecessor else []:
        rows = [
            (m, r)
            for m, f in predecessor
            for r in f[f["edition"] == year].itertuples()
            if isinstance(r.published_text, str)
        ]
        metric, row = rows[0] if rows else (predecessor[0][0], None)
        cards.append(layout.edition_card(ref.edition(year), metric, row, language))
    shown = pd.concat([sze, *(f for _, f in predecessor)], ignore_index=True)
    return {
        "graph": trend_figure(sze, predecessor, metric=chosen.metric, lang=language),
        "text": layout.edition_cards(chosen.metric, cards, language),
        "sources": source_note(shown, language),
        "note": notes(messages),
    }


VIEW = View(
    name=layout.NAME,
    slug="trends",
    label="tab_trends",
    skeleton=layout.skeleton,
    update=update_trends,
    outputs=panel_outputs(),
    figures=(trend_figure,),
)
