"""Synthetic registrations and survey answers, for trying the dashboard: marked synthetic everywhere.

They follow the shape of the published figures without pretending to be them: the relay weeks
and regions of each edition, places from the gazetteer in the region of the week, and about as
many activities per edition as were published where a total exists. Every row has origin
"demo" and is_synthetic true; every page then says "Voorbeelddata".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random

from sqlalchemy import Engine, and_, func, select

from core.i18n import t
from data_access import migrate, schema
from ingest import history, writer
from ingest.importer.columns import KINDS
from ingest.importer.store import EditionChange, store
from ingest.importer.validate import Parsed, Row
from ingest.places import gazetteer, municipality_rows
from ingest.reference import Week, read_reference

#: words for synthetic titles: plainly made up, so no one mistakes them for real registrations
_WORDS = ("Inspiratiesessie", "Werkbezoek", "Webinar", "Proeftuin", "Masterclass", "Kennissessie", "Open dag", "Pitch")
_TOPICS = ("beeldzorg", "thuismonitoring", "leefstijlapp", "zorgrobot", "digitale wijkzorg", "slimme medicatie")


class DemoRefused(RuntimeError):
    """Demo data would sit beside real imported rows: refused, so the two are never summed."""


def _week(rng: random.Random, weeks: list[Week]) -> tuple[int, dt.date, dt.date, str]:
    """A relay week of an edition, picked at random: its number, days and region."""
    week = rng.choice(weeks)
    return week.week, week.first, week.last, week.region


def generate(
    engine: Engine, activities: int, seed: int = 2021, user: str | None = None
) -> dict[str, list[EditionChange]]:
    """Replace the demo rows by ``activities`` synthetic activities (spread over editions) and answers, noted in
    the audit log as made by ``user`` (default: the login name running this)."""
    user = user or history.os_user()
    rng = random.Random(seed)
    places = gazetteer()
    with engine.connect() as conn:
        reference = read_reference(conn)
    weeks = {edition: in_order for edition, in_order in reference.weeks.items() if in_order}
    by_region: dict[str, list[str]] = {}
    for row in municipality_rows():
        by_region.setdefault(reference.regions[row["province"]], []).append(row["municipality"])
    editions = sorted(weeks)
    activity_rows: list[Row] = []
    keys: set[tuple[object, ...]] = set()
    while len(activity_rows) < activities:
        edition = rng.choice(editions)
        week, first, last, region = _week(rng, weeks[edition])
        day = first + dt.timedelta(days=rng.randrange((last - first).days + 1))
        place = places.resolve(rng.choice(by_region[region]))
        title = f"{rng.choice(_WORDS)} {rng.choice(_TOPICS)} {rng.randrange(1, 10_000)}"
        organiser = f"Zorgorganisatie {place.name}"
        key = (edition, title, organiser, day, place.name)
        if key in keys:
            continue
        keys.add(key)
        activity_format = rng.choices(schema.FORMATS, weights=(5, 3, 2))[0]
        activity_rows.append(
            {
                "edition": edition,
                "title": title,
                "organiser": organiser,
                "activity_date": day,
                "place": place.name,
                "municipality": place.municipality,
                "province": place.province,
                "region": reference.regions[place.province],
                "lon": place.lon,
                "lat": place.lat,
                "week": week,
                "format": activity_format,
                "domain": rng.choice(schema.DOMAINS),
                "theme": rng.choices(schema.THEMES, weights=(4, 4, 2))[0],
                "participants": None if rng.random() < 0.1 else int(rng.lognormvariate(3.2, 0.8)),
                "duration_hours": rng.choice((1.0, 1.5, 2.0, 3.0)),
            }
        )
    response_rows: list[Row] = []
    for index in range(max(activities // 2, 20)):
        edition = rng.choice(editions)
        week, first, last, region = _week(rng, weeks[edition])
        response_rows.append(
            {
                "edition": edition,
                "respondent": f"demo-{index:06d}",
                "response_date": last + dt.timedelta(days=rng.randrange(1, 20)),
                "region": region if rng.random() < 0.9 else None,
                # a few rare roles, so small groups are seen to be merged
                "role": rng.choices(schema.ROLES, weights=(50, 15, 10, 8, 6, 1, 3))[0],
                "rating": max(1, min(10, round(rng.gauss(7.5, 1.2)))),
                "would_return": rng.choices(schema.WOULD_RETURN, weights=(7, 1, 2))[0],
            }
        )
    # a fresh fingerprint each run: the rows were just removed, so "already imported" must not apply
    sha = hashlib.sha256(f"{activities}:{seed}:{dt.datetime.now(dt.UTC).isoformat()}".encode()).hexdigest()
    result: dict[str, list[EditionChange]] = {}
    with engine.begin() as conn:
        migrate.prepare_to_write(conn, migrate.IMPORT_LOCK)
        for table in (schema.activities, schema.responses):
            real = and_(table.c.edition.in_(editions), table.c.origin == schema.ORIGIN_IMPORT)
            if conn.execute(select(func.count()).select_from(table).where(real)).scalar_one():
                raise DemoRefused(t("ingest.demo_refused", table=table.name))
            writer.delete_rows(conn, table, table.c.origin == schema.ORIGIN_DEMO)
        for kind, rows in ((KINDS["activities"], activity_rows), (KINDS["evaluations"], response_rows)):
            parsed = Parsed(rows, sorted({r["edition"] for r in rows}))
            result[kind.name] = store(
                conn,
                kind,
                parsed,
                file_name=f"demo --activities {activities} --seed {seed}",
                sha256=sha,
                user=user,
                origin=schema.ORIGIN_DEMO,
            )
        summary = f"demo --activities {activities} --seed {seed}: {len(activity_rows)} + {len(response_rows)}"
        writer.record_audit(conn, user=user, action="demo", summary=summary)
        writer.new_version(conn)
    return result
