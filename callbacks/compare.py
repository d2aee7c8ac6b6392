"""Comparison view: two or more (edition, region or week) selections side by side, and regions × editions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from callbacks.common import chosen_editions, db, lang, reference, selection_from
from core.compare import SlotSummary, summarise
from core.figures.compare import mix_figure, rating_share_figure
from core.i18n import t
from core.selection import Selection, Slot
from core.views import View
from data_access import queries
from layouts.components import notes, panel_outputs, source_note
from layouts.views import compare as layout


def _summaries(chosen: Selection) -> tuple[tuple[Slot, ...], list[int], list[SlotSummary], pd.DataFrame]:
    """The compared slots (the chosen or the default ones), their editions, what each holds, and the
    published figures of their editions and the chosen ones (for the regions table)."""
    engine, ref = db(), reference()
    slots = chosen.compare or ref.default_slots()
    years = sorted({slot.edition for slot in slots})
    sze_years = chosen_editions(chosen, "sze")
    # one query per kind for every slot and the regions table at once; each part picks out its rows
    figures = queries.figures(engine, editions=sorted({*years, *sze_years}))
    activities = queries.activity_counts(engine, ["edition", "region", "week", "theme", "format"], years)
    places = queries.activity_counts(engine, ["edition", "region", "week", "province", "place"], years)
    summaries = summarise(
        slots,
        ref,
        activities,
        places,
        queries.response_counts(engine, years),
        figures[figures["edition"].isin(years)],
        lang(),
    )
    return slots, years, summaries, figures


def _slot_rows(rows: list[tuple[SlotSummary, str, int]], unit: str) -> pd.DataFrame:
    """One row per (slot, what, count), with the slot's scope and period and the imports as source."""
    language = lang()
    sources = queries.detail_sources(db(), sorted({s.slot.edition for s, _, _ in rows}) or [-1])
    cited = {
        column: "; ".join(dict.fromkeys(str(v) for v in sources[column].dropna()))
        for column in ("source_publisher", "source_title", "source_date")
    }
    return pd.DataFrame(
        {
            "edition": [s.slot.edition for s, _, _ in rows],
            "region": [s.slot.region for s, _, _ in rows],
            "week": [s.slot.week for s, _, _ in rows],
            "what": [t("export_what_slot", language, slot=s.label, what=what) for s, what, _ in rows],
            "value": [n for _, _, n in rows],
            "qualifier": "exact",
            "unit": unit,
            "period": [s.period for s, _, _ in rows],
        }
    ).assign(**cited)


def mix_table(chosen: Selection) -> pd.DataFrame:
    """Each compared slot's registered activities per theme and format: the counts behind the chart's shares."""
    language = lang()
    _, _, summaries, _ = _summaries(chosen)
    rows = [
        (summary, f"{t('detail_by_' + key, language)}: {t(f'{key}_{value}', language)}", n)
        for summary in summaries
        if summary.activities
        for key, counts in (("theme", summary.themes), ("format", summary.formats))
        for value, n in counts.items()
    ]
    return _slot_rows(rows, t("unit_activities", language))


def rating_table(chosen: Selection) -> pd.DataFrame:
    """Each compared slot's respondents per rating: the counts behind the chart's shares (small groups left out)."""
    language = lang()
    _, _, summaries, _ = _summaries(chosen)
    rows = [
        (summary, t("export_what_score", language, rating=rating), n)
        for summary in summaries
        for rating, n in sorted(summary.ratings.items())
    ]
    return _slot_rows(rows, t("unit_respondents", language))


def _messages(chosen: Selection, slots: Sequence[Slot], summaries: Sequence[SlotSummary], language: str) -> list[str]:
    """The notes above the comparison: which columns it shows by default, and what its figures are."""
    messages = []
    if not chosen.compare:
        messages.append(t("compare_default", language, slots=", ".join(s.label for s in summaries)))
    elif len(slots) == 1:
        messages.append(t("compare_one", language))
    if any(s.synthetic for s in summaries):
        messages.append(t("detail_synthetic", language))
    if not any(s.activities for s in summaries):
        messages.append(t("compare_published_only", language))
    return messages


def _slot_weeks(order: pd.DataFrame, slots: Sequence[Slot]) -> pd.DataFrame:
    """The weeks whose dates the table states (a column's region or week): their source is cited with them."""
    if not len(order):
        return order
    return order[
        [
            any(s.edition == e and (s.region == r or s.week == w) for s in slots)
            for e, r, w in order[["edition", "region", "week"]].itertuples(index=False)
        ]
    ]


def _matrix(chosen: Selection, slots: Sequence[Slot], figures: pd.DataFrame, language: str) -> list[Any]:
    """The regions x editions table, each cell a link adding it as a column, with its sources."""
    engine, ref = db(), reference()
    sze_years = chosen_editions(chosen, "sze")
    registered = queries.activity_counts(engine, ["region", "edition"], sze_years or [-1])
    published = figures[figures["edition"].isin(sze_years) & figures["region"].notna()]
    current = chosen.compare or tuple(slots)
    links = {
        (region, year): chosen.with_compare((*current, Slot(year, region=region))).to_path()
        for region in ref.regions["region"]
        for year in sze_years
        if Slot(year, region=region) not in current
    }
    region_links = {region: chosen.with_tab("regio").with_region(region).to_path() for region in ref.regions["region"]}
    order = ref.week_order
    matrix_weeks = order[order["edition"].isin(sze_years)] if len(order) else order
    return [
        layout.region_matrix(ref.regions, sze_years, order, registered, published, links, region_links, language),
        source_note(
            pd.concat([matrix_weeks, published, queries.detail_sources(engine, sze_years)], ignore_index=True),
            language,
        ),
    ]


def update_compare(selection: object, narrow: bool = False) -> dict[str, Any]:
    """Redraw the comparison for the selection's slots (or the default ones) and the region table.

    ``narrow``: the charts drawn for a phone.
    """
    language = lang()
    chosen = selection_from(selection)
    slots, years, summaries, figures = _summaries(chosen)
    detail = queries.detail_sources(db(), years)
    shown_published = pd.concat([s.published for s in summaries if not s.published.empty] or [pd.DataFrame()])
    table_sources = pd.concat([detail, shown_published, _slot_weeks(reference().week_order, slots)], ignore_index=True)
    return {
        "note": notes(_messages(chosen, slots, summaries, language)),
        "table": [layout.summary_table(summaries, language), source_note(table_sources, language)],
        "mix_graph": mix_figure(summaries, lang=language, narrow=narrow),
        "mix_sources": source_note(detail, language),
        "rating_graph": rating_share_figure(summaries, lang=language, narrow=narrow),
        "rating_sources": source_note(detail, language),
        "matrix": _matrix(chosen, slots, figures, language),
    }


VIEW = View(
    name=layout.NAME,
    slug="vergelijk",
    label="tab_vergelijk",
    order=2,
    skeleton=layout.skeleton,
    update=update_compare,
    outputs={"note": "children", "table": "children"}
    | panel_outputs("mix_", note=False, text=False)
    | panel_outputs("rating_", note=False, text=False)
    | {"matrix": "children"},
    figures=(mix_figure, rating_share_figure),
    # each column carries its own region or week; the editions narrow the regions table
    controls=frozenset({"compare", "sze_editions"}),
    tables={"mix": mix_table, "rating": rating_table},
)
