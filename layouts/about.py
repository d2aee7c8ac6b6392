"""The 'Over de cijfers' page: every source, where sources disagree, editions without totals, definitions."""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import html

from core.formatting import fmt_period, fmt_timestamp
from core.i18n import metric_label, t
from layouts.components import table


def _source_title(row: Any, lang: str) -> Any:
    """The source's title, as a link to the document itself where its address is known."""
    url = getattr(row, "url", None)
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        return html.Em(row.title)
    return html.A(html.Em(row.title), href=url, title=t("about_source_link", lang, title=row.title))


def _dutch(text: object) -> html.Span:
    """Words from the dataset, which are Dutch whatever the page's language."""
    return html.Span("" if text is None else str(text), lang="nl")


def _statement(text: str, is_quote: object, lang: str) -> Any:
    """A source's own words in quotation marks; a paraphrase said to be one, never dressed as a quote."""
    if bool(is_quote):
        return html.Q(text, lang="nl")
    return html.Span([html.Em(t("about_paraphrase", lang)), " ", _dutch(text)], className="paraphrase")


def _said(publisher: str, date: str, text: str, is_quote: object, lang: str) -> html.Span:
    """'<publisher> (<date>): "<words>".' or its paraphrase, a statement with its source and date."""
    return html.Span([f"{publisher} (", _dutch(date), "): ", _statement(text, is_quote, lang), ". "])


def _differing_items(differing: pd.DataFrame | None, lang: str) -> list[Any]:
    """Every pair of figures of one scope whose sources give different values: both, each with its source."""
    if differing is None:
        return []
    items = []
    for row in differing.itertuples():
        scope = " · ".join(
            str(part) for part in (row.edition, metric_label(row.metric, lang), row.region, row.week) if pd.notna(part)
        )
        items.append(
            html.Li(
                [
                    html.Strong(f"{scope}: "),
                    _said(row.source_a_publisher, row.source_a_date, row.published_a, True, lang),
                    _said(row.source_b_publisher, row.source_b_date, row.published_b, True, lang),
                    t("about_differing_kept", lang),
                ]
            )
        )
    return items


def about_page(
    sources: pd.DataFrame,
    discrepancies: pd.DataFrame,
    editions: pd.DataFrame,
    metrics: pd.DataFrame,
    loaded_at: str | None,
    lang: str = "nl",
    differing: pd.DataFrame | None = None,
) -> html.Div:
    """The about page from what the database holds; ``sources`` has a ``rows`` count per source."""
    # the dataset's own words (titles, summaries, statements, definitions) are Dutch: marked so, for
    # screen readers' pronunciation and for an English reader, who is told so above them
    source_rows = [
        (row.publisher, _source_title(row, lang), _dutch(row.published_label), _dutch(row.contributed), int(row.rows))
        for row in sources.itertuples()
    ]
    gap_items = [
        html.Li(
            lang="nl",
            children=[
                html.Strong(f"{row.topic} ({row.edition}). "),
                # a statement in the source's own words is a quote, in quotation marks; any other is a paraphrase
                _said(row.source_a_publisher, row.source_a_date, row.statement_a, row.a_is_quote, lang),
                _said(row.source_b_publisher, row.source_b_date, row.statement_b, row.b_is_quote, lang),
                html.Span(row.explanation),
            ],
        )
        for row in discrepancies.itertuples()
    ]
    no_totals = editions[~editions["has_totals"].astype(bool)]
    no_total_items = [
        html.Li(
            [
                f"{row.name}: {fmt_period(row.start_date, row.end_date, lang=lang) or t('dates_unknown', lang)}; ",
                _dutch(f"{row.organiser or ''}. {row.notes or ''}"),
                f" ({t('source', lang)}: {row.source_publisher}, ",
                _dutch(row.source_date),
                ")",
            ]
        )
        for row in no_totals.itertuples()
    ]
    definition_rows = [
        (metric_label(r.metric, lang), t(f"programme_{r.programme}", lang), _dutch(r.unit), _dutch(r.definition))
        for r in metrics.itertuples()
    ]
    return html.Div(
        [
            html.H2(t("about_title", lang)),
            html.P(t("about_intro", lang), className="lead"),
            html.P(t("about_dutch_content", lang)),
            html.H3(t("about_sources", lang)),
            table(
                [t(f"about_col_{c}", lang) for c in ("publisher", "title", "date", "contributes", "backed")],
                source_rows,
            ),
            html.H3(t("about_discrepancies", lang)),
            html.Ul(gap_items, className="discrepancies"),
            html.H4(t("about_differing", lang)),
            html.P(t("about_differing_intro", lang)),
            html.Ul(_differing_items(differing, lang), className="differing-figures"),
            html.H3(t("about_no_totals", lang)),
            html.Ul(no_total_items),
            html.P(t("about_no_totals_editors", lang), className="no-totals-editors"),
            html.H3(t("about_definitions", lang)),
            table(
                [t(f"about_col_{c}", lang) for c in ("metric", "programme", "unit", "definition")],
                definition_rows,
            ),
            html.P(t("about_loaded", lang, when=fmt_timestamp(loaded_at, lang=lang)), className="text-muted"),
            html.P(t("map_credit", lang), className="text-muted"),
        ],
        className="about py-3",
    )
