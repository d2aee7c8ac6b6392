"""Region view: each region on a page of its own, across the chosen editions."""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import get_relative_path

from callbacks.common import chosen_editions, db, lang, map_table, reference, selection_from
from core.figures import map_figure
from core.i18n import t
from core.selection import BOUNDARIES_PATH, Selection, Slot
from core.views import View
from data_access import queries
from layouts.components import initiatives_table, notes, panel_outputs, source_note
from layouts.views import region as layout


def region_rows(chosen: Selection) -> pd.DataFrame:
    """The rows the region's map draws: its weeks (all regions' without one chosen) and its initiatives."""
    engine = db()
    years = chosen_editions(chosen, "sze")
    weeks = queries.weeks(engine, years or [-1])
    weeks = weeks[weeks["region"] == chosen.region] if chosen.region else weeks
    return map_table(weeks, queries.initiatives(engine, editions=years or [-1], region=chosen.region))


def update_region(selection: object, narrow: bool = False) -> dict[str, Any]:
    """The chosen region's page; without a region, the four to choose from on the map."""
    engine, language, ref = db(), lang(), reference()
    chosen = selection_from(selection)
    years = chosen_editions(chosen, "sze")
    region = chosen.region
    regions = ref.regions
    links = {code: chosen.with_region(code).to_path() for code in regions["region"]}
    weeks = queries.weeks(engine, years or [-1])
    initiatives = queries.initiatives(engine, editions=years or [-1], region=region)
    provinces = ""
    if region:
        provinces = str(regions.loc[regions["region"] == region, "provinces"].iloc[0])
    figure = map_figure(
        queries.provinces(engine),
        regions,
        weeks[weeks["region"] == region] if region else weeks,
        initiatives,
        geojson_url=get_relative_path(BOUNDARIES_PATH),
        highlight=frozenset({region}) if region else None,
        lang=language,
        narrow=narrow,
    )
    messages = [] if region else [t("region_choose", language)]
    if chosen.week:
        messages.append(t("region_week_ignored", language))
    text: Any = None
    published = pd.DataFrame()
    if region:
        registered = queries.activity_counts(engine, ["edition"], years or [-1], region)
        if len(registered) and registered["synthetic"].any():
            messages.append(t("detail_synthetic", language))
        published = queries.figures(engine, editions=years or [-1], region=region)
        slots = tuple(Slot(year, region=region) for year in years)
        compare = chosen.with_compare(slots).with_tab("vergelijk").to_path() if len(slots) > 1 else None
        text = layout.editions_table(years, weeks[weeks["region"] == region], registered, published, compare, language)
    return {
        "intro": layout.intro(ref.region_name(region) if region else None, provinces, links, regions, language),
        "graph": figure,
        "sources": source_note(
            pd.concat([weeks, initiatives, published], ignore_index=True),
            language,
            extra=[t("map_boundaries_source", language)],
        ),
        "note": notes(messages),
        "text": text,
        "initiatives": initiatives_table(initiatives, language),
    }


VIEW = View(
    name=layout.NAME,
    slug="regio",
    label="tab_regio",
    order=1,
    skeleton=layout.skeleton,
    update=update_region,
    outputs={"intro": "children"} | panel_outputs(text=False) | {"text": "children", "initiatives": "children"},
    figures=(map_figure,),
    # a region has one week per edition: the week filter does nothing here
    controls=frozenset({"sze_editions", "region"}),
    tables={"main": region_rows},
    in_column=frozenset({"main"}),
)
