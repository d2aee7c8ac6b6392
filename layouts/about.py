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


def about_page(
    sources: pd.DataFrame,
    discrepancies: pd.DataFrame,
    editions: pd.DataFrame,
    metrics: pd.DataFrame,
    loaded_at: str | None,
    lang: str = "nl",
) -> html.Div:
    """The about page from what the database holds; ``sources`` has a ``rows`` count per source."""
    source_rows = [
        (row.publisher, _source_title(row, lang), row.published_label, row.contributed, int(row.rows))
        for row in sources.itertuples()
    ]
    gap_items = [
        html.Li(
            [
                html.Strong(f"{row.topic} ({row.edition}). "),
                # the statements are summaries, not quotations: no quotation marks
                html.Span(f"{row.source_a_publisher} ({row.source_a_date}): {row.statement_a}. "),
                html.Span(f"{row.source_b_publisher} ({row.source_b_date}): {row.statement_b}. "),
                html.Span(row.explanation),
            ]
        )
        for row in discrepancies.itertuples()
    ]
    no_totals = editions[~editions["has_totals"].astype(bool)]
    no_total_items = [
        html.Li(
            f"{row.name}: {fmt_period(row.start_date, row.end_date, lang=lang) or t('dates_unknown', lang)}; "
            f"{row.organiser or ''}. {row.notes or ''} ({t('source', lang)}: {row.source_publisher}, "
            f"{row.source_date})"
        )
        for row in no_totals.itertuples()
    ]
    definition_rows = [
        (metric_label(r.metric, lang), t(f"programme_{r.programme}", lang), r.unit, r.definition)
        for r in metrics.itertuples()
    ]
    return html.Div(
        [
            html.H2(t("about_title", lang)),
            html.P(t("about_intro", lang), className="lead"),
            html.H3(t("about_sources", lang)),
            table(
                [t(f"about_col_{c}", lang) for c in ("publisher", "title", "date", "contributes", "backed")],
                source_rows,
            ),
            html.H3(t("about_discrepancies", lang)),
            html.Ul(gap_items, className="discrepancies"),
            html.H3(t("about_no_totals", lang)),
            html.Ul(no_total_items),
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
