"""Comparison view: the chosen selections side by side with their differences, and regions × editions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
from dash import dcc, html

from core.compare import SlotSummary, difference
from core.formatting import fmt_count, fmt_decimal, fmt_period
from core.i18n import t, tn
from layouts import ids
from layouts.components import graph_panel, published_list, table

NAME = "compare"


def skeleton(lang: str = "nl") -> html.Div:
    """The key figures as a table (one column per selection), the mix of themes and formats, the ratings."""
    return html.Div(
        [
            # the charts first; what is compared, in figures and words, after them
            graph_panel(NAME, "mix_", note=False, text=False, lang=lang),
            graph_panel(NAME, "rating_", note=False, text=False, lang=lang),
            html.P(t("compare_hint", lang), className="hint"),
            html.Div(id=ids.part(NAME, "note"), className="view-note", role="status"),
            html.Div(id=ids.part(NAME, "table"), className="as-text"),
            html.Div(id=ids.part(NAME, "matrix"), className="as-text"),
        ]
    )


def _cell(value: str, change: str = "") -> Any:
    """A value, with its difference from the first column on a line of its own."""
    if not change:
        return value
    return html.Span([value, html.Br(), html.Small(change, className="difference")])


def _participants(summary: SlotSummary, lang: str) -> str:
    """The sum of participants, and how many activities reported one where not all did."""
    text = fmt_count(summary.participants, lang=lang)
    if summary.with_participants < summary.activities:
        text += f" ({tn('detail_reported', summary.with_participants, lang)})"
    return text


def _rating(summary: SlotSummary, lang: str) -> str:
    mean = summary.mean_rating
    if mean is None:
        return summary.rating_note
    return f"{fmt_decimal(mean, lang)} (n = {fmt_count(sum(summary.ratings.values()), lang=lang)})"


def _return(summary: SlotSummary) -> str:
    share = summary.return_share
    return "" if share is None else f"{round(100 * share)}%"


def _published(summary: SlotSummary, lang: str) -> str:
    frame = summary.published
    if frame.empty:
        return t("compare_nothing_published", lang)
    return published_list(frame, lang)


def summary_table(summaries: Sequence[SlotSummary], lang: str = "nl") -> html.Div:
    """Rows of key figures, one column per selection; from the second column on, the difference from the first."""
    if not summaries:
        return html.Div()
    first = summaries[0]

    def row(
        label: str,
        value: Callable[[SlotSummary], str],
        number: Callable[[SlotSummary], float | None] | None = None,
        percent: bool = False,
        count: bool = False,
    ) -> list[Any]:
        """A row: each column's value, from the second column on with its difference from the first."""
        cells: list[Any] = [html.Th(label, scope="row")]
        for i, summary in enumerate(summaries):
            change = (
                difference(number(summary), number(first), lang, percent=percent, count=count) if number and i else ""
            )
            cells.append(_cell(value(summary), change))
        return cells

    rows = [
        row(t("compare_row_period", lang), lambda s: s.period),
        row(
            t("compare_row_activities", lang),
            lambda s: fmt_count(s.activities, lang=lang),
            lambda s: s.activities,
            count=True,
        ),
        row(
            t("compare_row_participants", lang), lambda s: _participants(s, lang), lambda s: s.participants, count=True
        ),
        row(t("compare_row_places", lang), lambda s: fmt_count(s.places, lang=lang), lambda s: s.places, count=True),
        row(
            t("compare_row_top_places", lang),
            lambda s: ", ".join(f"{place} ({fmt_count(n, lang=lang)})" for place, n in s.top_places),
        ),
        row(t("compare_row_rating", lang), lambda s: _rating(s, lang), lambda s: s.mean_rating),
        row(t("compare_row_return", lang), _return, lambda s: s.return_share, percent=True),
        row(t("compare_row_published", lang), lambda s: _published(s, lang)),
    ]
    head = html.Thead(
        html.Tr(
            [html.Th(t("compare_row_heading", lang), scope="col")] + [html.Th(s.label, scope="col") for s in summaries]
        )
    )
    body = html.Tbody([html.Tr([cells[0], *[html.Td(c) for c in cells[1:]]]) for cells in rows])
    named: dict[str, Any] = {"aria-label": t("compare_heading", lang)}
    return html.Div(
        [
            html.H2(t("compare_heading", lang), className="h4"),
            html.P(t("compare_difference_note", lang), className="hint"),
            # its own scrolling box on a phone, which the keyboard reaches (axe: a scrollable region must be)
            html.Div(
                html.Table([head, body], className="table table-sm table-striped data-table compare-table"),
                className="table-responsive",
                tabIndex="0",
                role="region",
                **named,
            ),
        ]
    )


def region_matrix(
    regions: pd.DataFrame,
    years: Sequence[int],
    weeks: pd.DataFrame,
    registered: pd.DataFrame,
    published: pd.DataFrame,
    links: dict[tuple[str, int], str],
    region_links: dict[str, str],
    lang: str = "nl",
) -> html.Div:
    """Regions × editions: each region's week and dates, its registered activities and what was published for it.

    ``links`` maps (region, edition) to the address that adds that cell to the comparison (none for a
    cell already in it);
    ``region_links`` each region to its own view.
    """
    if not years:
        return html.Div(html.P(t("weeks_none_chosen", lang)))
    counts = {(r.region, int(r.edition)): r for r in registered.itertuples()}
    rows = []
    for region in regions.itertuples():
        cells: list[Any] = [dcc.Link(region.name, href=region_links[region.region])]
        for year in years:
            parts: list[Any] = []
            week = weeks[(weeks["edition"] == year) & (weeks["region"] == region.region)]
            if len(week):
                w = week.iloc[0]
                parts.append(
                    f"{t('summary_week', lang, week=int(w['week']))}: "
                    f"{fmt_period(w['start_date'], w['end_date'], lang=lang)}"
                )
            else:
                parts.append(t("compare_week_unknown", lang))
            count = counts.get((region.region, year))
            if count is not None:
                parts += [
                    html.Br(),
                    t(
                        "compare_cell_registered",
                        lang,
                        n=fmt_count(count.activities, lang=lang),
                        p=fmt_count(count.participants, lang=lang),
                    ),
                ]
            said = published_list(
                published[(published["edition"] == year) & (published["region"] == region.region)], lang
            )
            if said:
                parts += [html.Br(), said]
            link = links.get((region.region, year))
            if link is None:  # already a column of the comparison
                parts += [html.Br(), html.Span(t("compare_in", lang), className="compare-in")]
            else:
                words = t("compare_add_cell", lang, region=region.name, edition=year)
                parts += [html.Br(), dcc.Link(t("compare_add", lang), href=link, className="compare-add", title=words)]
            cells.append(html.Span(parts))
        rows.append(cells)
    return html.Div(
        [
            html.H2(t("compare_matrix_heading", lang), className="h4"),
            html.P(t("compare_matrix_note", lang), className="hint"),
            table([t("col_region", lang), *[str(y) for y in years]], rows),
        ]
    )
