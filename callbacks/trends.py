"""Trends view: the chosen figure per edition, the e-healthweek predecessor in its own panel."""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class TrendData:
    """What the trends view reads for a selection, once: its chart, cards, notes and download all use it."""

    chosen: Selection
    every_sze: pd.DataFrame  # the SZE figure in every edition: a change is against the edition before, chosen or not
    sze: pd.DataFrame  # ... in the chosen editions: what the chart draws
    predecessor: list[tuple[str, pd.DataFrame]]  # the e-healthweek's counterparts per metric, chosen editions
    partners: pd.DataFrame  # the e-healthweek's partner counts: cards of their own, never in the chart
    order: pd.DataFrame | None  # the week order, for a card of one region or week (its week's dates)


def trend_data(chosen: Selection) -> TrendData:
    """Read what the view shows for ``chosen``.

    The e-healthweek published national figures only: with a region or week it is left out.
    """
    engine = db()
    every_sze = queries.metric_by_edition(engine, chosen.metric, region=chosen.region, week=chosen.week)
    sze_years, ehw_years = chosen_editions(chosen, "sze"), chosen_editions(chosen, "ehealthweek")
    national_predecessor = bool(ehw_years) and not chosen.is_local()
    predecessor: list[tuple[str, pd.DataFrame]] = []
    partners = pd.DataFrame(columns=["edition"])
    if national_predecessor:
        for metric in queries.PREDECESSOR_METRICS.get(chosen.metric, ()):
            frame = queries.metric_by_edition(engine, metric)
            predecessor.append((metric, frame[frame["edition"].isin(ehw_years)]))
        partners = queries.metric_by_edition(engine, "partners")
        partners = partners[partners["edition"].isin(ehw_years)]
    return TrendData(
        chosen=chosen,
        every_sze=every_sze,
        sze=every_sze[every_sze["edition"].isin(sze_years)],
        predecessor=predecessor,
        partners=partners,
        order=queries.weeks(engine, sze_years) if chosen.is_local() else None,
    )


def trend_table(chosen: Selection) -> pd.DataFrame:
    """The rows the trend chart draws, an edition without a published value included as 'niet gepubliceerd'."""
    language, ref = lang(), reference()
    data = trend_data(chosen)
    units = dict(zip(ref.metrics["metric"], ref.metrics["unit"], strict=True))
    frames = [
        frame.assign(
            what=metric_label(metric, language),
            unit=units.get(metric, ""),
            region=chosen.region,
            week=chosen.week,
        )
        for metric, frame in [(chosen.metric, data.sze), *data.predecessor]
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


def _definition(metric: str, label: str, language: str) -> str:
    """'Definitie activiteiten: …' for a figure the view shows."""
    definition = t("definition_text", language, definition=reference().definition(metric))
    return f"{t('definition', language)} {label}: {definition}"


def _messages(data: TrendData, language: str) -> list[str]:
    """The notes under the chart: what a region or week narrows, why the predecessor is missing, the definitions."""
    chosen, ref = data.chosen, reference()
    ehw_years = chosen_editions(chosen, "ehealthweek")
    messages = []
    if chosen.region:
        messages.append(t("trend_region_note", language, region=ref.region_name(chosen.region)))
    if chosen.week:
        messages.append(t("trend_week_note", language, week=chosen.week))
    if ehw_years and chosen.is_local():
        messages.append(t("predecessor_national_note", language))
    elif ehw_years and not queries.PREDECESSOR_METRICS.get(chosen.metric, ()):
        messages.append(t("no_comparable_predecessor", language))
    shown = ([chosen.metric] if chosen_editions(chosen, "sze") else []) + [m for m, _ in data.predecessor]
    messages += [_definition(metric, metric_label(metric, language).lower(), language) for metric in shown]
    if len(data.partners):
        messages.append(_definition("partners", _short("partners", language), language))
    drawn = [data.sze, *(f for _, f in data.predecessor)]
    if any("value_high" in f.columns and f["value_high"].notna().any() for f in drawn):
        messages.append(t("trend_range_note", language))
    return messages


def _planned(frame: pd.DataFrame) -> pd.Series:
    """Which rows were announced before the event rather than reported after it."""
    return frame["basis"].eq("gepland") if "basis" in frame.columns else pd.Series(False, index=frame.index)


def _as_shown(frame: pd.DataFrame, language: str) -> pd.DataFrame:
    """Figures as a card shows them: one announced beforehand says so first under its published words."""
    planned = _planned(frame)
    if not planned.any():
        return frame
    label = t("figure_planned", language)
    label = label[:1].upper() + label[1:]
    notes = [
        f"{label}. {note}" if p and isinstance(note, str) else label if p else note
        for note, p in zip(frame["note"], planned, strict=True)
    ]
    return frame.assign(note=notes)


def _sze_cards(data: TrendData, language: str) -> list[Any]:
    """One card per chosen SZE edition: its value in words, the change against the edition before, its dates."""
    chosen, ref = data.chosen, reference()
    # an announcement is no reported count: no change is worked out from it
    reported = data.every_sze[~_planned(data.every_sze)]
    changes = edition_changes(
        [
            Published(int(r.edition), r.value, r.qualifier, fmt_published(r.published_text), (chosen.metric,), r.note)
            for r in reported.itertuples()
        ]
    )
    scope = "".join(f" · {words}" for words in scope_words(chosen))
    label, order = metric_label(chosen.metric, language), data.order

    def dates(edition: int) -> Any:
        # a card of one region or week shows that week's dates, not the whole edition's
        if order is None:
            return None
        return layout.week_dates(order[order["edition"] == edition], chosen.region, chosen.week, language)

    return [
        layout.edition_card(
            ref.edition(row.edition), label, row, language, scope, dates(row.edition), changes.get(int(row.edition))
        )
        for row in _as_shown(data.sze, language).itertuples()
    ]


def _predecessor_cards(data: TrendData, language: str) -> list[Any]:
    """One card per chosen e-healthweek edition, titled with every way it was counted when it has no value."""
    if not data.predecessor:
        return []
    ref, cards = reference(), []
    for year in chosen_editions(data.chosen, "ehealthweek"):
        rows = [
            (m, r)
            for m, f in data.predecessor
            for r in f[f["edition"] == year].itertuples()
            if isinstance(r.published_text, str)
        ]
        counted = [m for m, _ in rows[:1]] or [m for m, _ in data.predecessor]
        title = _capitalised(" / ".join(_short(m, language) for m in counted))
        cards.append(layout.edition_card(ref.edition(year), title, rows[0][1] if rows else None, language))
    return cards


def update_trends(selection: object, narrow: bool = False) -> TrendParts:
    """Redraw the trend chart (for a phone when ``narrow``), its figures as cards, sources and notes."""
    language, ref = lang(), reference()
    data = trend_data(selection_from(selection))
    partner_cards = [
        layout.edition_card(ref.edition(row.edition), _capitalised(_short("partners", language)), row, language)
        for row in data.partners.itertuples()
    ]
    order = data.order
    week_order = [] if order is None or not len(order) else [order[order["edition"].isin(data.sze["edition"])]]
    partners = [data.partners] if len(data.partners) else []
    shown = pd.concat([data.sze, *(f for _, f in data.predecessor), *partners, *week_order], ignore_index=True)
    metric = data.chosen.metric
    return {
        "graph": trend_figure(data.sze, data.predecessor, metric=metric, lang=language, narrow=narrow),
        "text": layout.edition_cards(
            metric, _sze_cards(data, language) + _predecessor_cards(data, language), language, partner_cards
        ),
        "sources": source_note(shown, language),
        "note": notes(_messages(data, language)),
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
