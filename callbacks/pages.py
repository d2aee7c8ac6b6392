"""Which page is shown (dashboard, 'Over de cijfers', not found), the about page and the demo banner."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, html, no_update

from callbacks.common import db, editions, lang, metrics
from dashboard.i18n import fmt_period, fmt_timestamp, metric_label, t
from data_access import queries
from layouts import ids
from layouts.components import table
from layouts.views import VIEWS

ABOUT_PATH = "/over-de-cijfers"


def show_page(pathname: str | None) -> tuple[bool, bool, bool]:
    """hidden flags for (dashboard, about, not found) for the requested path."""
    path = (pathname or "/").rstrip("/") or "/"
    if path == "/":
        return False, True, True
    if path == ABOUT_PATH:
        return True, False, True
    return True, True, False


def render_view(selection: object, pathname: str | None, rendered: object) -> tuple:
    """Put the open view's skeleton on the page when it changed; nothing while another page shows."""
    if show_page(pathname)[0]:
        return no_update, no_update
    tab = selection.get("tab") if isinstance(selection, dict) else None
    if tab not in VIEWS:
        tab = "kaart"
    if tab == rendered:
        return no_update, no_update
    return VIEWS[tab](lang()), tab


def demo_banner(_pathname: str | None) -> object:
    """Announce synthetic demo rows, if the database holds any."""
    count = queries.synthetic_row_count(db())
    if not count:
        return None
    return dbc.Alert(t("demo_banner", lang(), n=count), color="warning", className="mt-3 demo-banner")


def about_content(pathname: str | None) -> object:
    """The 'Over de cijfers' page: sources, discrepancies, editions without totals, definitions."""
    if show_page(pathname)[1]:
        return no_update
    engine, language = db(), lang()
    sources = queries.sources(engine)
    counts = sources.filter(like="n_").sum(axis=1)
    source_rows = [
        (row.publisher, html.Em(row.title), row.published_label, row.contributed, int(n))
        for row, n in zip(sources.itertuples(), counts, strict=True)
    ]
    gaps = queries.discrepancies(engine)
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
        for row in gaps.itertuples()
    ]
    all_editions = editions()
    no_totals = all_editions[~all_editions["has_totals"].astype(bool)]
    no_total_items = [
        html.Li(
            f"{row.name}: {fmt_period(row.start_date, row.end_date) or t('dates_unknown', language)}; "
            f"{row.organiser or ''}. {row.notes or ''} ({t('source', language)}: {row.source_publisher}, "
            f"{row.source_date})"
        )
        for row in no_totals.itertuples()
    ]
    definitions = metrics()
    loaded = queries.dataset_loaded_at(engine)
    return html.Div(
        [
            html.H2(t("about_title", language)),
            html.P(t("about_intro", language), className="lead"),
            html.H3(t("about_sources", language)),
            table(
                [t(f"about_col_{c}", language) for c in ("publisher", "title", "date", "contributes", "rows")],
                source_rows,
            ),
            html.H3(t("about_discrepancies", language)),
            html.Ul(gap_items, className="discrepancies"),
            html.H3(t("about_no_totals", language)),
            html.Ul(no_total_items),
            html.H3(t("about_definitions", language)),
            table(
                [t(f"about_col_{c}", language) for c in ("metric", "programme", "unit", "definition")],
                [
                    (metric_label(r.metric, language), t(f"programme_{r.programme}", language), r.unit, r.definition)
                    for r in definitions.itertuples()
                ],
            ),
            html.P(t("about_loaded", language, when=fmt_timestamp(loaded)), className="text-muted"),
            html.P(t("map_credit", language), className="text-muted"),
        ],
        className="about py-3",
    )


def register(app: Dash) -> None:
    """Wire page switching, the view skeletons, the about page and the demo banner."""
    app.callback(
        Output(ids.DASHBOARD_PAGE, "hidden"),
        Output(ids.ABOUT_PAGE, "hidden"),
        Output(ids.NOT_FOUND_PAGE, "hidden"),
        Input(ids.URL, "pathname"),
    )(show_page)
    app.callback(
        Output(ids.VIEW, "children"),
        Output(ids.RENDERED_TAB, "data"),
        Input(ids.SELECTION, "data"),
        Input(ids.URL, "pathname"),
        State(ids.RENDERED_TAB, "data"),
    )(render_view)
    app.callback(Output(ids.DEMO_BANNER, "children"), Input(ids.URL, "pathname"))(demo_banner)
    app.callback(Output(ids.ABOUT_CONTENT, "children"), Input(ids.URL, "pathname"))(about_content)
