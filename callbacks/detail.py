"""Registration view: activities per province, place and week, breakdowns and rating distributions."""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import get_relative_path

from callbacks.common import chosen_editions, db, lang, reference, selection_from
from core.figures.detail import activity_map, breakdown_figure, merge_small_groups, rating_figure
from core.formatting import fmt_count
from core.i18n import t
from core.selection import BOUNDARIES_PATH, Selection
from core.views import View
from data_access import queries
from layouts.components import notes, panel_outputs, source_note
from layouts.views import detail as layout

#: the published national figures a registration is set beside (never summed with it)
PUBLISHED_BESIDE = ("activiteiten", "bezoekers", "deelnemers")


def _scope(chosen: Selection) -> tuple[list[int], str | None, int | None]:
    """The SZE editions, region and week whose registration the view counts."""
    return chosen_editions(chosen, "sze") or [-1], chosen.region, chosen.week


def _registration_rows(chosen: Selection, rows: pd.DataFrame) -> pd.DataFrame:
    """Counts of the registration with the selection's scope and the imports they come from as source."""
    years, region, week = _scope(chosen)
    sources = queries.detail_sources(db(), years)
    cited = {
        column: "; ".join(dict.fromkeys(str(v) for v in sources[column].dropna()))
        for column in ("source_publisher", "source_title", "source_date")
    }
    editions = ", ".join(str(y) for y in years if y > 0)
    return rows.assign(edition=editions, region=region, week=week, qualifier="exact", **cited)


def places_table(chosen: Selection) -> pd.DataFrame:
    """The registered activities and participants per place, as the registration map draws them."""
    language = lang()
    years, region, week = _scope(chosen)
    by_place = queries.activity_counts(db(), ["province", "place"], years, region, week)
    what = [
        t("export_what_place", language, place=p, province=v)
        for p, v in zip(by_place["place"], by_place["province"], strict=True)
    ]
    rows = pd.concat(
        [
            pd.DataFrame({"what": what, "value": by_place["activities"], "unit": t("unit_activities", language)}),
            pd.DataFrame({"what": what, "value": by_place["participants"], "unit": t("unit_participants", language)}),
        ],
        ignore_index=True,
    )
    return _registration_rows(chosen, rows)


def breakdown_table(chosen: Selection) -> pd.DataFrame:
    """The registered activities per theme, format and domain, as the three panels draw them."""
    language = lang()
    years, region, week = _scope(chosen)
    parts = []
    for key in ("theme", "format", "domain"):
        counts = queries.activity_counts(db(), [key], years, region, week)
        named = [t(f"{key}_{v}", language) if key != "domain" else str(v) for v in counts[key]]
        parts.append(
            pd.DataFrame(
                {
                    "what": [f"{t('detail_by_' + key, language)}: {n}" for n in named],
                    "value": counts["activities"],
                    "unit": t("unit_activities", language),
                }
            )
        )
    return _registration_rows(chosen, pd.concat(parts, ignore_index=True))


def ratings_table(chosen: Selection) -> pd.DataFrame:
    """Respondents per role and rating as the chart draws them: small roles merged, too small ones left out."""
    language = lang()
    years, region, _ = _scope(chosen)
    shown, _, _ = merge_small_groups(queries.rating_counts(db(), years, region), language)
    counts = shown.groupby(["role", "rating"], as_index=False)["n"].sum() if len(shown) else shown
    rows = pd.DataFrame(
        {
            "what": [
                t("export_what_rating", language, role=r, rating=g)
                for r, g in zip(counts.get("role", []), counts.get("rating", []), strict=True)
            ],
            "value": list(counts.get("n", [])),
            "unit": t("unit_respondents", language),
        }
    )
    return _registration_rows(chosen, rows).assign(week=None)


def update_detail(selection: object, narrow: bool = False) -> dict[str, Any]:
    """Redraw the registration view for the selection (its charts for a phone when ``narrow``)."""
    engine, language = db(), lang()
    chosen = selection_from(selection)
    years = chosen_editions(chosen, "sze") or [-1]
    region, week = chosen.region, chosen.week
    by_place = queries.activity_counts(engine, ["province", "place"], years, region, week)
    by_week = queries.activity_counts(engine, ["edition", "week", "region"], years, region, week)
    # the sums per province and per edition follow from those two: no further queries
    sums = {"activities": "sum", "participants": "sum", "with_participants": "sum", "synthetic": "max"}
    by_province = by_place.groupby("province", as_index=False).agg(sums)
    by_edition = by_week.groupby("edition", as_index=False).agg(sums)
    regions = reference().regions
    names = dict(zip(regions["region"], regions["name"], strict=True))
    by_week = by_week.assign(region_name=by_week["region"].map(names))
    answers = queries.rating_counts(engine, years, region)
    shown, merged, hidden = merge_small_groups(answers, language)
    sources = queries.detail_sources(engine, years)
    published = queries.figures(engine, editions=years)
    published = published[published["region"].isna() & published["metric"].isin(PUBLISHED_BESIDE)]

    messages: list[str] = []
    synthetic = bool(by_edition["synthetic"].any()) or bool(answers["synthetic"].any() if len(answers) else False)
    if synthetic:
        messages.append(t("detail_synthetic", language))
    compare = []
    for r in by_edition.itertuples():
        own = published[published["edition"] == r.edition]
        compare.append((int(r.edition), int(r.activities), int(r.participants), layout.published_words(own, language)))
        total = own[own["metric"] == "activiteiten"]
        if len(total) and not (region or week) and float(total["value"].iloc[0]) != float(r.activities):
            messages.append(
                t(
                    "detail_differs",
                    language,
                    edition=int(r.edition),
                    detail=fmt_count(r.activities, lang=language),
                    published=str(total["published_text"].iloc[0]),
                )
            )
    rating_notes = []
    if merged:
        rating_notes.append(t("detail_privacy_merged", language, roles=", ".join(merged)))
    if hidden:
        rating_notes.append(t("detail_privacy_hidden", language, roles=", ".join(hidden)))
    provinces = list(queries.provinces(engine)["province"])
    activities = activity_map(
        by_province,
        by_place,
        provinces,
        geojson_url=get_relative_path(BOUNDARIES_PATH),
        lang=language,
        narrow=narrow,
    )
    breakdown = breakdown_figure(
        queries.activity_counts(engine, ["theme"], years, region, week),
        queries.activity_counts(engine, ["format"], years, region, week),
        queries.activity_counts(engine, ["domain"], years, region, week),
        lang=language,
        narrow=narrow,
    )
    ratings = rating_figure(shown, lang=language, narrow=narrow)
    return {
        "map_graph": activities,
        "map_sources": source_note(sources, language),
        "map_note": notes(messages),
        "side": layout.side_panel(compare, by_week, language),
        "breakdown_graph": breakdown,
        "breakdown_sources": source_note(sources, language),
        "rating_graph": ratings,
        "rating_text": layout.return_share(shown, language),
        "rating_sources": source_note(sources, language),
        "rating_note": notes(rating_notes),
    }


VIEW = View(
    name=layout.NAME,
    slug="activiteiten",
    label="tab_activiteiten",
    order=3,
    in_report=True,
    skeleton=layout.skeleton,
    update=update_detail,
    outputs=panel_outputs("map_", text=False)
    | {"side": "children"}
    | panel_outputs("breakdown_", note=False, text=False)
    | panel_outputs("rating_"),
    figures=(activity_map, breakdown_figure, rating_figure),
    controls=frozenset({"sze_editions", "region", "week"}),
    tables={"map": places_table, "breakdown": breakdown_table, "rating": ratings_table},
    in_column=frozenset({"map"}),
)
