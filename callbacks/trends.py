"""Trends view: the chosen figure per edition, the e-healthweek predecessor in its own panel."""

from __future__ import annotations

from typing import Any, TypedDict

import pandas as pd
import plotly.graph_objects as go

from callbacks.common import chosen_editions, db, lang, reference, scope_words, selection_from
from core.change import Published, edition_changes
from core.figures import trend_figure
from core.formatting import fmt_period, fmt_published
from core.i18n import metric_label, t
from core.selection import Selection
from core.views import View
from data_access import queries
from layouts.components import notes, panel_outputs, source_note
from layouts.views import trends as layout


def _short(metric: str, lang: str) -> str:
    """'activiteiten' for 'Activiteiten (e-healthweek)': the card's edition name already says which programme."""
    return metric_label(metric, lang).split(" (")[0].lower()


def _capitalised(text: str) -> str:
    """The first letter as a capital: a card title."""
    return text[:1].upper() + text[1:]


def _series(chosen: Selection) -> tuple[pd.DataFrame, list[tuple[str, pd.DataFrame]]]:
    """What the chart draws: the SZE figure per chosen edition, and the e-healthweek's counterparts per metric.

    The e-healthweek published national figures only: with a region or week it is left out.
    """
    engine = db()
    sze = queries.metric_by_edition(engine, chosen.metric, region=chosen.region, week=chosen.week)
    sze = sze[sze["edition"].isin(chosen_editions(chosen, "sze"))]
    ehw_years = chosen_editions(chosen, "ehealthweek")
    predecessor: list[tuple[str, pd.DataFrame]] = []
    if ehw_years and not chosen.is_local():
        for metric in queries.PREDECESSOR_METRICS.get(chosen.metric, ()):
            frame = queries.metric_by_edition(engine, metric)
            predecessor.append((metric, frame[frame["edition"].isin(ehw_years)]))
    return sze, predecessor


def trend_table(chosen: Selection) -> pd.DataFrame:
    """The rows the trend chart draws, an edition without a published value included as 'niet gepubliceerd'."""
    language, ref = lang(), reference()
    sze, predecessor = _series(chosen)
    units = dict(zip(ref.metrics["metric"], ref.metrics["unit"], strict=True))
    frames = [
        frame.assign(
            what=metric_label(metric, language),
            unit=units.get(metric, ""),
            region=chosen.region,
            week=chosen.week,
        )
        for metric, frame in [(chosen.metric, sze), *predecessor]
    ]
    rows = pd.concat(frames, ignore_index=True).sort_values("edition", kind="stable")
    editions = ref.editions.set_index("year")
    return rows.assign(
        published_text=[
            text if isinstance(text, str) else t("not_published", language) for text in rows["published_text"]
        ],
        period=[
            fmt_period(editions.at[y, "start_date"], editions.at[y, "end_date"], lang=language) for y in rows["edition"]
        ],
    )


class TrendParts(TypedDict):
    """What the trends view shows, by part."""

    graph: go.Figure
    text: Any
    sources: Any
    note: Any


def update_trends(selection: object, narrow: bool = False) -> TrendParts:
    """Redraw the trend chart (for a phone when ``narrow``), its figures as cards, sources and notes."""
    engine, language, ref = db(), lang(), reference()
    chosen = selection_from(selection)
    sze_years = chosen_editions(chosen, "sze")
    ehw_years = chosen_editions(chosen, "ehealthweek")
    sze = queries.metric_by_edition(engine, chosen.metric, region=chosen.region, week=chosen.week)
    # against the edition before, chosen or not: the change belongs to the value (core.change says when)
    changes = edition_changes(
        [
            Published(int(r.edition), r.value, r.qualifier, fmt_published(r.published_text), (chosen.metric,), r.note)
            for r in sze.itertuples()
        ]
    )
    sze = sze[sze["edition"].isin(sze_years)]
    sze, predecessor = _series(chosen)
    messages = []
    if chosen.region:
        messages.append(t("trend_region_note", language, region=ref.region_name(chosen.region)))
    if chosen.week:
        messages.append(t("trend_week_note", language, week=chosen.week))
    predecessor_metrics = queries.PREDECESSOR_METRICS.get(chosen.metric, ())
    if ehw_years and chosen.is_local():
        messages.append(t("predecessor_national_note", language))
    elif ehw_years and not predecessor_metrics:
        messages.append(t("no_comparable_predecessor", language))
    for metric in ([chosen.metric] if sze_years else []) + [m for m, _ in predecessor]:
        label = metric_label(metric, language).lower()
        definition = t("definition_text", language, definition=ref.definition(metric))
        messages.append(f"{t('definition', language)} {label}: {definition}")

    scope = "".join(f" · {words}" for words in scope_words(chosen))
    label = metric_label(chosen.metric, language)
    # a card of one region or week shows that week's dates, not the whole edition's
    order = queries.weeks(engine, sze_years) if chosen.is_local() else None
    cards = [
        layout.edition_card(
            ref.edition(row.edition),
            label,
            row,
            language,
            scope,
            None
            if order is None
            else layout.week_dates(order[order["edition"] == row.edition], chosen.region, chosen.week, language),
            changes.get(int(row.edition)),
        )
        for row in sze.itertuples()
    ]
    for year in ehw_years if predecessor else []:
        rows = [
            (m, r)
            for m, f in predecessor
            for r in f[f["edition"] == year].itertuples()
            if isinstance(r.published_text, str)
        ]
        # an edition without a value is titled with every way the e-healthweek was counted, not the first one's
        counted = [m for m, _ in rows[:1]] or [m for m, _ in predecessor]
        title = _capitalised(" / ".join(_short(m, language) for m in counted))
        cards.append(layout.edition_card(ref.edition(year), title, rows[0][1] if rows else None, language))
    # the e-healthweek's partner counts have no SZE counterpart: cards of their own, never in the chart
    partners = pd.DataFrame(columns=["edition"])
    if ehw_years and not chosen.is_local():
        partners = queries.metric_by_edition(engine, "partners")
        partners = partners[partners["edition"].isin(ehw_years)]
    partner_cards = [
        layout.edition_card(ref.edition(row.edition), _capitalised(_short("partners", language)), row, language)
        for row in partners.itertuples()
    ]
    if partner_cards:
        definition = t("definition_text", language, definition=ref.definition("partners"))
        messages.append(f"{t('definition', language)} {_short('partners', language)}: {definition}")
    week_order = [] if order is None or not len(order) else [order[order["edition"].isin(sze["edition"])]]
    shown = pd.concat(
        [sze, *(f for _, f in predecessor), *([partners] if len(partners) else []), *week_order], ignore_index=True
    )
    figure = trend_figure(sze, predecessor, metric=chosen.metric, lang=language, narrow=narrow)
    return {
        "graph": figure,
        "text": layout.edition_cards(chosen.metric, cards, language, partner_cards),
        "sources": source_note(shown, language),
        "note": notes(messages),
    }


VIEW = View(
    name=layout.NAME,
    slug="trends",
    label="tab_trends",
    order=4,
    in_report=True,
    skeleton=layout.skeleton,
    update=update_trends,
    outputs=panel_outputs(),
    figures=(trend_figure,),
    controls=frozenset({"sze_editions", "predecessor_editions", "region", "week", "metric"}),
    tables={"main": trend_table},
    named_by_metric=True,
)
