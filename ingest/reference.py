"""What the database already says that new rows are checked against and placed in: one reader for all."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from data_access import schema


@dataclass(frozen=True)
class Week:
    """One relay week of an edition: its days and the region that had it."""

    week: int
    first: dt.date
    last: dt.date
    region: str


@dataclass(frozen=True)
class Reference:
    """Editions, their weeks, and the regions with their provinces, as the database holds them now."""

    programmes: dict[int, str]  # edition year: "sze" or "ehealthweek"
    weeks: dict[int, list[Week]]  # edition: its weeks, in order
    regions: dict[str, str]  # province: SZE region
    region_codes: tuple[str, ...]  # every region, in the order of the regions table
    # what editors said written values mean: (column, value as written, folded) to the known value
    mappings: dict[tuple[str, str], str] = field(default_factory=dict)

    def week_of(self, edition: int, day: dt.date) -> int | None:
        """The relay week of ``edition`` that ``day`` falls in, if any."""
        for week in self.weeks.get(edition, []):
            if week.first <= day <= week.last:
                return week.week
        return None


def read_reference(conn: Connection) -> Reference:
    """The reference as ``conn`` sees it."""
    e, w, p, r = schema.editions, schema.edition_weeks, schema.provinces, schema.regions
    programmes = {year: programme for year, programme in conn.execute(select(e.c.year, e.c.programme))}
    weeks: dict[int, list[Week]] = {}
    query = select(w.c.edition, w.c.week, w.c.start_date, w.c.end_date, w.c.region).order_by(w.c.edition, w.c.week)
    for edition, week, first, last, region in conn.execute(query):
        weeks.setdefault(edition, []).append(Week(week, first, last, region))
    regions = {province: region for province, region in conn.execute(select(p.c.province, p.c.region))}
    codes = tuple(conn.execute(select(r.c.region).order_by(r.c.sort_order)).scalars())
    m = schema.value_mappings
    mappings = {
        (kind, written): meaning
        for kind, written, meaning in conn.execute(select(m.c.value_kind, m.c.written, m.c.meaning))
    }
    return Reference(programmes, weeks, regions, codes, mappings)
