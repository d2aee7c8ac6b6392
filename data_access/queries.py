"""Query functions: plain arguments in, pandas DataFrame out; the only module that reads tables.

Bound parameters only. Published figures are never summed or averaged here: a rounded
"ruim 3500" added to anything would no longer be a published figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Table, and_, case, func, literal, or_, select
from sqlalchemy.sql import ColumnElement, Select

from data_access import schema as s
from data_access import summaries
from data_access.engine import Bind, connected


def _cited(src: Table) -> tuple[ColumnElement[Any], ...]:
    """The columns that cite a source under a figure: publisher, title and date as published."""
    return (
        src.c.publisher.label("source_publisher"),
        src.c.title.label("source_title"),
        src.c.published_label.label("source_date"),
    )


def _frame(bind: Bind, statement: Select[Any]) -> pd.DataFrame:
    """Run ``statement`` and return its rows as a DataFrame."""
    with connected(bind) as conn:
        result = conn.execute(statement)
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def ping(bind: Bind) -> bool:
    """True when the database answers and holds the dataset."""
    with connected(bind) as conn:
        return conn.execute(select(func.count()).select_from(s.editions)).scalar_one() > 0


def editions(bind: Bind) -> pd.DataFrame:
    """All editions, oldest first, with the title and date of the source of their dates."""
    e, src = s.editions, s.sources
    stmt = (
        select(
            e.c.year,
            e.c.programme,
            e.c.name,
            e.c.start_date,
            e.c.end_date,
            e.c.opening_date,
            e.c.closing_date,
            e.c.organiser,
            e.c.has_totals,
            e.c.notes,
            e.c.is_synthetic,
            *_cited(src),
        )
        .join(src, src.c.source_id == e.c.source_id)
        .order_by(e.c.year)
    )
    return _frame(bind, stmt)


def metrics(bind: Bind) -> pd.DataFrame:
    """Metric definitions with how many editions have a published value for each."""
    m, f = s.metrics, s.figures
    stmt = (
        select(
            m.c.metric,
            m.c.programme,
            m.c.unit,
            m.c.definition,
            func.count(func.distinct(f.c.edition)).label("editions_with_value"),
        )
        # an announcement made before the event ('gepland') is not a published value of the edition
        .outerjoin(f, and_(f.c.metric == m.c.metric, f.c.basis == s.BASES[0]))
        .group_by(m.c.metric, m.c.programme, m.c.unit, m.c.definition)
        .order_by(m.c.programme.desc(), m.c.metric)
    )
    return _frame(bind, stmt)


def regions(bind: Bind) -> pd.DataFrame:
    """The four SZE regions with their provinces (comma-separated) and label position."""
    r, p = s.regions, s.provinces
    stmt = (
        select(
            r.c.region,
            r.c.name,
            r.c.sort_order,
            func.avg(p.c.centroid_lon).label("lon"),
            func.avg(p.c.centroid_lat).label("lat"),
            func.count(p.c.province).label("province_count"),
        )
        .join(p, p.c.region == r.c.region)
        .group_by(r.c.region, r.c.name, r.c.sort_order)
        .order_by(r.c.sort_order)
    )
    frame = _frame(bind, stmt)
    names = _frame(bind, select(p.c.region, p.c.province).order_by(p.c.region, p.c.province))
    joined = names.groupby("region")["province"].agg(", ".join)
    frame["provinces"] = frame["region"].map(joined)
    return frame


def provinces(bind: Bind) -> pd.DataFrame:
    """The twelve provinces with their SZE region and centroid."""
    p = s.provinces
    return _frame(
        bind, select(p.c.province, p.c.hasc, p.c.region, p.c.centroid_lon, p.c.centroid_lat).order_by(p.c.province)
    )


def week_numbers(bind: Bind) -> tuple[int, ...]:
    """The week numbers of every published week order (what the week filter offers)."""
    w = s.edition_weeks
    with connected(bind) as conn:
        return tuple(int(n) for n in conn.execute(select(w.c.week).distinct().order_by(w.c.week)).scalars())


def weeks(bind: Bind, editions: Sequence[int] | None = None) -> pd.DataFrame:
    """Which region had which week in each of ``editions`` (default: every edition), with dates and source.

    Editions whose week order was not published have no rows.
    """
    w, r, src = s.edition_weeks, s.regions, s.sources
    stmt = (
        select(
            w.c.edition,
            w.c.week,
            w.c.region,
            r.c.name.label("region_name"),
            w.c.start_date,
            w.c.end_date,
            *_cited(src),
        )
        .join(r, r.c.region == w.c.region)
        .join(src, src.c.source_id == w.c.source_id)
        .order_by(w.c.edition, w.c.week)
    )
    if editions is not None:
        stmt = stmt.where(w.c.edition.in_(list(editions)))
    return _frame(bind, stmt)


def _figure_columns() -> tuple[ColumnElement[Any], ...]:
    f, src = s.figures, s.sources
    return (
        f.c.value,
        f.c.value_high,  # the upper end of a published range; ``value`` is then its lower end
        f.c.qualifier,
        f.c.published_text,
        f.c.quote,
        f.c.note,
        f.c.basis,  # 'gepland': announced before the event, not a reported count
        f.c.is_synthetic,
        *_cited(src),
    )


#: The e-healthweek figure shown beside an SZE figure, in its own panel: related, not the same measure.
PREDECESSOR_METRICS = {
    "activiteiten": ("activiteiten_ehw", "evenementen"),
    "bezoekers": ("bezoekers_ehw",),
    "deelnemers": ("deelnemers_ehw",),
}


def metric_by_edition(bind: Bind, metric: str, region: str | None = None, week: int | None = None) -> pd.DataFrame:
    """One row per edition of the metric's programme; value is NULL where nothing was published.

    With ``region`` or ``week`` only figures published for that region or week count;
    without either, national figures.
    """
    e, f, m, src = s.editions, s.figures, s.metrics, s.sources
    if region or week:
        region_match = and_(
            f.c.region == region if region else f.c.region.is_not(None), f.c.week == week if week else literal(True)
        )
    else:
        region_match = f.c.region.is_(None)
    stmt = (
        select(e.c.year.label("edition"), e.c.programme, e.c.has_totals, *_figure_columns())
        .select_from(e)
        .join(m, and_(m.c.metric == metric, m.c.programme == e.c.programme))
        .outerjoin(f, and_(f.c.edition == e.c.year, f.c.metric == metric, region_match))
        .outerjoin(src, src.c.source_id == f.c.source_id)
        .order_by(e.c.year)
    )
    return _frame(bind, stmt)


def figures(
    bind: Bind, editions: Sequence[int] | None = None, region: str | None = None, week: int | None = None
) -> pd.DataFrame:
    """Published figures of ``editions``: all of them, or with ``region``/``week`` only those published for it."""
    f, e, r = s.figures, s.editions, s.regions
    stmt = (
        select(
            f.c.edition,
            e.c.programme,
            f.c.region,
            r.c.name.label("region_name"),
            f.c.week,
            f.c.metric,
            *_figure_columns(),
        )
        .join(e, e.c.year == f.c.edition)
        .outerjoin(r, r.c.region == f.c.region)
        .join(s.sources, s.sources.c.source_id == f.c.source_id)
        .order_by(f.c.edition, f.c.metric, f.c.region)
    )
    if editions:
        stmt = stmt.where(f.c.edition.in_(list(editions)))
    if region:
        stmt = stmt.where(f.c.region == region)
    if week:
        stmt = stmt.where(f.c.week == week)
    return _frame(bind, stmt)


def regional_figures(bind: Bind, edition: int, metric: str) -> pd.DataFrame:
    """The metric per region for one edition: one row per region, value NULL if unpublished."""
    r, f = s.regions, s.figures
    stmt = (
        select(r.c.region, r.c.name, *_figure_columns())
        .select_from(r)
        .outerjoin(f, and_(f.c.region == r.c.region, f.c.edition == edition, f.c.metric == metric))
        .outerjoin(s.sources, s.sources.c.source_id == f.c.source_id)
        .order_by(r.c.sort_order)
    )
    return _frame(bind, stmt)


def evaluations(bind: Bind, editions: Sequence[int] | None = None) -> pd.DataFrame:
    """Evaluation results (score as published, scale not stated; share returning) with what exactly was rated."""
    v, src = s.evaluations, s.sources
    stmt = (
        select(
            v.c.edition,
            v.c.measure,
            v.c.value,
            v.c.qualifier,
            v.c.published_text,
            v.c.what_rated,
            v.c.rated_by,
            v.c.quote,
            v.c.is_synthetic,
            *_cited(src),
        )
        .join(src, src.c.source_id == v.c.source_id)
        .order_by(v.c.edition, v.c.measure, v.c.evaluation_id)
    )
    if editions:
        stmt = stmt.where(v.c.edition.in_(list(editions)))
    return _frame(bind, stmt)


def reach(bind: Bind) -> pd.DataFrame:
    """Zorg van Nu reach indicators with qualifier, period and source."""
    r, src = s.reach_indicators, s.sources
    stmt = (
        select(
            r.c.indicator,
            r.c.value,
            r.c.qualifier,
            r.c.published_text,
            r.c.unit,
            r.c.counts_people,
            r.c.period_label,
            r.c.period_start,
            r.c.period_end,
            r.c.quote,
            *_cited(src),
        )
        .join(src, src.c.source_id == r.c.source_id)
        .order_by(r.c.counts_people.desc(), r.c.value.desc().nulls_last())
    )
    return _frame(bind, stmt)


def monitor(bind: Bind) -> pd.DataFrame:
    """E-healthmonitor context values, each indicator its own short series."""
    m, src = s.monitor_values, s.sources
    stmt = (
        select(
            m.c.indicator,
            m.c.period_label,
            m.c.year,
            m.c.value,
            m.c.qualifier,
            m.c.published_text,
            *_cited(src),
        )
        .join(src, src.c.source_id == m.c.source_id)
        .order_by(m.c.indicator, m.c.monitor_value_id)
    )
    return _frame(bind, stmt)


def initiatives(bind: Bind, editions: Sequence[int] | None = None, region: str | None = None) -> pd.DataFrame:
    """Highlighted initiatives with where they can be drawn: a town, else a province centre."""
    i, pl, pr, src = s.initiatives, s.places, s.provinces, s.sources
    stmt = (
        select(
            i.c.edition,
            i.c.name,
            i.c.organisation,
            i.c.place,
            i.c.province,
            i.c.kind,
            i.c.description,
            i.c.size_text,
            i.c.is_synthetic,
            pr.c.region,
            func.coalesce(pl.c.lon, pr.c.centroid_lon).label("lon"),
            func.coalesce(pl.c.lat, pr.c.centroid_lat).label("lat"),
            case(
                (pl.c.place.is_not(None), literal("plaats")),
                (pr.c.province.is_not(None), literal("provincie")),
                else_=literal("geen"),
            ).label("precision"),
            *_cited(src),
        )
        .outerjoin(pl, pl.c.place == i.c.place)
        .outerjoin(pr, pr.c.province == i.c.province)
        .join(src, src.c.source_id == i.c.source_id)
        .order_by(i.c.edition, i.c.name)
    )
    if editions:
        stmt = stmt.where(i.c.edition.in_(list(editions)))
    if region:
        stmt = stmt.where(pr.c.region == region)
    return _frame(bind, stmt)


def sources(bind: Bind) -> pd.DataFrame:
    """Every source with what it contributed and how many rows of each table cite it (``n_<table>_<column>``).

    ``rows`` is their sum: every row the source backs. The tables come from the schema, so a new
    table that cites sources is counted without a change here.
    """
    src = s.sources
    counts = [
        select(func.count())
        .select_from(table)
        .where(column == src.c.source_id)
        .scalar_subquery()
        .label(f"n_{table.name}_{column.name}")
        for table, column in s.tables_citing_sources()
    ]
    stmt = select(
        src.c.source_id,
        src.c.title,
        src.c.publisher,
        src.c.kind,
        src.c.published_date,
        src.c.published_label,
        src.c.contributed,
        src.c.url,
        *counts,
    ).order_by(func.coalesce(src.c.published_date, "9999"), src.c.source_id)
    frame = _frame(bind, stmt)
    return frame.assign(rows=frame.filter(like="n_").sum(axis=1).astype(int))


def discrepancies(bind: Bind) -> pd.DataFrame:
    """Where sources disagree, both statements with their sources."""
    d = s.discrepancies
    a, b = s.sources.alias("a"), s.sources.alias("b")
    stmt = (
        select(
            d.c.topic,
            d.c.edition,
            d.c.statement_a,
            d.c.a_is_quote,
            d.c.statement_b,
            d.c.b_is_quote,
            d.c.explanation,
            a.c.publisher.label("source_a_publisher"),
            a.c.published_label.label("source_a_date"),
            b.c.publisher.label("source_b_publisher"),
            b.c.published_label.label("source_b_date"),
        )
        .join(a, a.c.source_id == d.c.source_a)
        .join(b, b.c.source_id == d.c.source_b)
        .order_by(d.c.discrepancy_id)
    )
    return _frame(bind, stmt)


def differing_figures(bind: Bind) -> pd.DataFrame:
    """Every pair of published figures of one edition, metric, region and week from different sources whose
    values differ (310 partners against 300 organisations): both kept, never averaged or replaced."""
    f = s.figures
    a, b = f.alias("fa"), f.alias("fb")
    sa, sb = s.sources.alias("sa"), s.sources.alias("sb")
    same_scope = and_(
        a.c.edition == b.c.edition,
        a.c.metric == b.c.metric,
        func.coalesce(a.c.region, "") == func.coalesce(b.c.region, ""),
        func.coalesce(a.c.week, 0) == func.coalesce(b.c.week, 0),
        a.c.source_id < b.c.source_id,  # each pair once, and never a source against itself
    )
    differs = or_(a.c.value != b.c.value, func.coalesce(a.c.value_high, -1) != func.coalesce(b.c.value_high, -1))
    stmt = (
        select(
            a.c.edition,
            a.c.metric,
            a.c.region,
            a.c.week,
            a.c.published_text.label("published_a"),
            a.c.quote.label("quote_a"),
            sa.c.publisher.label("source_a_publisher"),
            sa.c.published_label.label("source_a_date"),
            b.c.published_text.label("published_b"),
            b.c.quote.label("quote_b"),
            sb.c.publisher.label("source_b_publisher"),
            sb.c.published_label.label("source_b_date"),
        )
        .select_from(a)
        .join(b, and_(same_scope, differs))
        .join(sa, sa.c.source_id == a.c.source_id)
        .join(sb, sb.c.source_id == b.c.source_id)
        .order_by(a.c.edition, a.c.metric, a.c.region, a.c.week)
    )
    return _frame(bind, stmt)


def synthetic_row_count(bind: Bind) -> int:
    """How many rows are synthetic demo data, in every table that can hold them (announced on every page)."""
    counts = [
        select(func.count()).select_from(table).where(table.c.is_synthetic.is_(True)).scalar_subquery()
        for table in s.tables_with_origin()
    ]
    with connected(bind) as conn:
        return sum(int(n or 0) for n in conn.execute(select(*counts)).one())


def dataset_loaded_at(bind: Bind) -> str | None:
    """When the bundled dataset was last loaded (ISO timestamp), if ever."""
    meta = s.dataset_meta
    with connected(bind) as conn:
        value = conn.execute(select(meta.c.value).where(meta.c.key == "loaded_at")).scalar()
        return None if value is None else str(value)


#: what the registration detail may be grouped by (a column of activities each)
ACTIVITY_GROUPS = ("edition", "region", "province", "week", "place", "theme", "format", "domain")


def _edition_filter(
    table: Table, editions: Sequence[int], region: str | None, week: int | None = None
) -> ColumnElement[bool]:
    condition: ColumnElement[bool] = table.c.edition.in_(list(editions))
    if region:
        condition = and_(condition, table.c.region == region)
    if week:
        condition = and_(condition, table.c.week == week)
    return condition


def activity_counts(
    bind: Bind, by: Sequence[str], editions: Sequence[int], region: str | None = None, week: int | None = None
) -> pd.DataFrame:
    """Registered activities grouped by ``by``: activities, participants (sum of those reported), how many
    reported participants, whether any row is synthetic; places also carry lon and lat. Sums of detail rows,
    never of published figures.

    Read from the summary that holds the grouping's columns (``summaries``), so the cost follows the
    number of groups and not of rows; a grouping that fits no summary counts the rows themselves.
    """
    unknown = set(by) - set(ACTIVITY_GROUPS)
    if unknown:
        raise ValueError(f"cannot group activities by {sorted(unknown)}")
    # a place is drawn at its coordinates; group by province too, or two Hengelos become one point
    if set(by) <= set(summaries.ACTIVITY_KEYS) or set(by) <= set(summaries.PLACE_KEYS):
        t = s.activity_totals if set(by) <= set(summaries.ACTIVITY_KEYS) else s.place_totals
        keys = [t.c[name] for name in by]
        extra = (
            [(func.sum(t.c[f"{axis}_sum"]) / func.sum(t.c.activities)).label(axis) for axis in ("lon", "lat")]
            if "place" in by
            else []
        )
        measures = [
            summaries.total(t.c.activities, "activities"),
            summaries.total(t.c.participants, "participants"),
            summaries.total(t.c.with_participants, "with_participants"),
            func.max(t.c.synthetic).label("synthetic"),
        ]
    else:  # no view asks such a grouping today; any other is still counted right, only slower
        t = s.activities
        keys = [t.c[name] for name in by]
        extra = [func.avg(t.c.lon).label("lon"), func.avg(t.c.lat).label("lat")] if "place" in by else []
        measures = summaries.activity_measures()
    statement = (
        select(*keys, *extra, *measures)
        .where(_edition_filter(t, editions, region, week))
        .group_by(*keys)
        .order_by(*keys)
    )
    return _frame(bind, statement)


def _sources_of(table: Table, editions: Sequence[int]) -> Select[Any]:
    return select(table.c.source_id).where(table.c.edition.in_(list(editions)))


def detail_sources(bind: Bind, editions: Sequence[int]) -> pd.DataFrame:
    """The imports (or demo runs) behind the detail rows of ``editions``: one source per kind and edition."""
    src = s.sources
    cited = _sources_of(s.activity_totals, editions).union(_sources_of(s.response_totals, editions))
    statement = (
        select(src.c.source_id, *_cited(src), src.c.kind).where(src.c.source_id.in_(cited)).order_by(src.c.title)
    )
    return _frame(bind, statement)


def activity_sources(bind: Bind, editions: Sequence[int]) -> pd.DataFrame:
    """The imports (or demo runs) behind the registered activities of ``editions`` only, not the survey's."""
    src = s.sources
    cited = _sources_of(s.activity_totals, editions)
    statement = select(src.c.source_id, *_cited(src)).where(src.c.source_id.in_(cited)).order_by(src.c.title)
    return _frame(bind, statement)


def rating_counts(bind: Bind, editions: Sequence[int], region: str | None = None) -> pd.DataFrame:
    """Survey answers counted by role, rating and whether they would take part again."""
    r = s.response_totals
    keys = (r.c.role, r.c.rating, r.c.would_return)
    statement = (
        select(*keys, summaries.total(r.c.answers, "n"), func.max(r.c.synthetic).label("synthetic"))
        .where(_edition_filter(r, editions, region))
        .group_by(*keys)
        .order_by(r.c.role, r.c.rating)
    )
    return _frame(bind, statement)


def response_counts(bind: Bind, editions: Sequence[int]) -> pd.DataFrame:
    """Survey answers counted by edition, region (of the week attended), rating and would-return."""
    r = s.response_totals
    keys = (r.c.edition, r.c.region, r.c.rating, r.c.would_return)
    statement = (
        select(*keys, summaries.total(r.c.answers, "n"), func.max(r.c.synthetic).label("synthetic"))
        .where(r.c.edition.in_(list(editions)))
        .group_by(*keys)
        .order_by(*keys)
    )
    return _frame(bind, statement)
