"""Registration view: the imported (or demo) activities and survey answers, beside the published totals."""

from __future__ import annotations

import pandas as pd
from dash import get_asset_url, html

from core.formatting import fmt_count
from core.i18n import t
from layouts import ids
from layouts.components import graph_panel, published_list, table

NAME = "detail"


def skeleton(lang: str = "nl") -> html.Div:
    """Map of registered activities with the published totals beside it; breakdowns; ratings."""
    config = {"topojsonURL": get_asset_url("topojson/")}
    return html.Div(
        [
            # the map takes the first screen; the registration beside the published totals under it, where its
            # table has the width its columns need
            graph_panel(NAME, "map_", text=False, lang=lang, config=config),
            html.Div(id=ids.part(NAME, "side"), className="as-text"),
            graph_panel(NAME, "breakdown_", note=False, text=False, lang=lang),
            graph_panel(NAME, "rating_", lang=lang),
        ]
    )


def side_panel(compare: list[tuple[int, int, int, str]], weeks: pd.DataFrame, lang: str = "nl") -> html.Div:
    """Per edition the registration's sums beside the published total; per week its activities.

    ``compare``: (edition, registered activities, registered participants, published words with source).
    ``weeks``: edition, week, region_name, activities, participants.
    """
    if not compare:
        return html.Div()
    rows = [
        (edition, fmt_count(n, lang=lang), fmt_count(p, lang=lang), published) for edition, n, p, published in compare
    ]
    week_rows = [
        (
            int(r.edition),
            t("detail_unknown_week", lang) if pd.isna(r.week) else int(r.week),
            "" if pd.isna(r.region_name) else r.region_name,
            fmt_count(r.activities, lang=lang),
            fmt_count(r.participants, lang=lang),
        )
        for r in weeks.itertuples()
    ]
    return html.Div(
        [
            html.H3(t("detail_compare_heading", lang)),
            html.P(t("detail_sum_note", lang), className="hint"),
            table(
                [
                    t("detail_table_edition", lang),
                    t("detail_table_registered", lang),
                    t("detail_table_participants", lang),
                    t("detail_table_published", lang),
                ],
                rows,
            ),
            html.H3(t("detail_week_heading", lang)),
            table(
                [
                    t("detail_table_edition", lang),
                    t("detail_table_week", lang),
                    t("detail_table_region", lang),
                    t("detail_table_registered", lang),
                    t("detail_table_participants", lang),
                ],
                week_rows,
            ),
        ]
    )


def published_words(frame: pd.DataFrame, lang: str = "nl") -> str:
    """The published national totals of activities (and visitors or participants) of one edition, cited."""
    return published_list(frame, lang) or t("not_published", lang)


def return_share(frame: pd.DataFrame, lang: str = "nl") -> html.P | None:
    """The share that would take part again, of the answers shown."""
    total = int(frame["n"].sum()) if len(frame) else 0
    if not total:
        return None
    yes = int(frame.loc[frame["would_return"] == "ja", "n"].sum())
    share = f"{round(100 * yes / total)}%"
    return html.P(t("detail_would_return", lang, share=share, n=fmt_count(total, lang=lang)))
