"""Relational schema of the SZE dataset; the only place that knows table and column names.

Every figure-bearing table carries a ``source_id`` and, where a number can be rounded, the
``qualifier`` and ``published_text`` exactly as published. ``origin`` and ``is_synthetic`` let
later imports and demo data live beside the bundled rows without being mistaken for them.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    false,
)

metadata = MetaData()

#: Qualifiers as published; the Dutch words shown for them live in dashboard/i18n.py.
QUALIFIERS = (
    "exact",
    "bijna",
    "ruim",
    "meer_dan",
    "circa",
    "naar_schatting_circa",
    "gemiddeld",
    "miljoenen",
)
PROGRAMMES = ("sze", "ehealthweek")
REGIONS = ("noord", "oost", "west", "zuid")


def _origin_columns() -> list[Column]:
    """Columns that say where a row came from, so synthetic or imported rows stay recognisable."""
    return [
        Column("origin", String(20), nullable=False, server_default="bundled"),
        Column("is_synthetic", Boolean, nullable=False, server_default=false()),
    ]


sources = Table(
    "sources",
    metadata,
    Column("source_id", String(60), primary_key=True),
    Column("title", Text, nullable=False),
    Column("publisher", Text, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("published_date", String(10)),  # ISO date, year-month or year: precision as known
    Column("published_label", Text, nullable=False),
    Column("url", Text),
    Column("contributed", Text, nullable=False),
)

regions = Table(
    "regions",
    metadata,
    Column("region", String(10), primary_key=True),
    Column("name", String(40), nullable=False),
    Column("sort_order", Integer, nullable=False),
    Column("source_id", ForeignKey("sources.source_id"), nullable=False),
)

provinces = Table(
    "provinces",
    metadata,
    Column("province", String(40), primary_key=True),
    Column("hasc", String(10), nullable=False, unique=True),
    Column("region", ForeignKey("regions.region"), nullable=False),
    Column("centroid_lon", Float, nullable=False),
    Column("centroid_lat", Float, nullable=False),
    Column("source_id", ForeignKey("sources.source_id"), nullable=False),
)

editions = Table(
    "editions",
    metadata,
    Column("year", Integer, primary_key=True),
    Column("programme", String(20), nullable=False),
    Column("name", Text, nullable=False),
    Column("start_date", Date),
    Column("end_date", Date),
    Column("opening_date", Date),
    Column("closing_date", Date),
    Column("organiser", Text),
    Column("has_totals", Boolean, nullable=False),
    Column("notes", Text),
    Column("source_id", ForeignKey("sources.source_id"), nullable=False),
    Column("quote", Text),
    *_origin_columns(),
    CheckConstraint("programme IN ('sze', 'ehealthweek')", name="ck_editions_programme"),
)

metrics = Table(
    "metrics",
    metadata,
    Column("metric", String(40), primary_key=True),
    Column("programme", String(20), nullable=False),
    Column("unit", String(40), nullable=False),
    Column("definition", Text, nullable=False),
)

edition_weeks = Table(
    "edition_weeks",
    metadata,
    Column("edition", ForeignKey("editions.year"), primary_key=True),
    Column("week", Integer, primary_key=True),
    Column("region", ForeignKey("regions.region"), nullable=False),
    Column("start_date", Date, nullable=False),
    Column("end_date", Date, nullable=False),
    Column("source_id", ForeignKey("sources.source_id"), nullable=False),
    Column("quote", Text),
    CheckConstraint("week BETWEEN 1 AND 5", name="ck_edition_weeks_week"),
)

_qualifier_check = "qualifier IN (" + ", ".join(f"'{q}'" for q in QUALIFIERS) + ")"

figures = Table(
    "figures",
    metadata,
    Column("figure_id", Integer, primary_key=True, autoincrement=True),
    Column("edition", ForeignKey("editions.year"), nullable=False),
    Column("region", ForeignKey("regions.region")),  # NULL: national figure
    Column("week", Integer),
    Column("metric", ForeignKey("metrics.metric"), nullable=False),
    Column("value", Float),
    Column("qualifier", String(30), nullable=False),
    Column("published_text", Text, nullable=False),
    Column("source_id", ForeignKey("sources.source_id"), nullable=False),
    Column("quote", Text),
    Column("note", Text),
    *_origin_columns(),
    CheckConstraint(_qualifier_check, name="ck_figures_qualifier"),
)

evaluations = Table(
    "evaluations",
    metadata,
    Column("evaluation_id", Integer, primary_key=True, autoincrement=True),
    Column("edition", ForeignKey("editions.year"), nullable=False),
    Column("measure", String(30), nullable=False),  # cijfer (1-10) | doet_weer_mee (%)
    Column("value", Float, nullable=False),
    Column("qualifier", String(30), nullable=False),
    Column("published_text", Text, nullable=False),
    Column("what_rated", Text, nullable=False),
    Column("rated_by", Text, nullable=False),
    Column("source_id", ForeignKey("sources.source_id"), nullable=False),
    Column("quote", Text),
    *_origin_columns(),
    CheckConstraint("measure IN ('cijfer', 'doet_weer_mee')", name="ck_evaluations_measure"),
    CheckConstraint(_qualifier_check, name="ck_evaluations_qualifier"),
)

reach_indicators = Table(
    "reach_indicators",
    metadata,
    Column("indicator", String(60), primary_key=True),
    Column("value", Float),  # NULL where only words were published ("miljoenen")
    Column("qualifier", String(30), nullable=False),
    Column("published_text", Text, nullable=False),
    Column("unit", String(40), nullable=False),
    Column("counts_people", Boolean, nullable=False),
    Column("period_label", Text, nullable=False),
    Column("period_start", Integer),
    Column("period_end", Integer),
    Column("source_id", ForeignKey("sources.source_id"), nullable=False),
    Column("quote", Text),
    CheckConstraint(_qualifier_check, name="ck_reach_qualifier"),
)

monitor_values = Table(
    "monitor_values",
    metadata,
    Column("monitor_value_id", Integer, primary_key=True, autoincrement=True),
    Column("indicator", String(60), nullable=False),
    Column("period_label", Text, nullable=False),
    Column("year", Integer),
    Column("value", Float, nullable=False),
    Column("qualifier", String(30), nullable=False),
    Column("published_text", Text, nullable=False),
    Column("source_id", ForeignKey("sources.source_id"), nullable=False),
    Column("quote", Text),
    CheckConstraint(_qualifier_check, name="ck_monitor_qualifier"),
)

places = Table(
    "places",
    metadata,
    Column("place", String(60), primary_key=True),
    Column("province", ForeignKey("provinces.province"), nullable=False),
    Column("lon", Float, nullable=False),
    Column("lat", Float, nullable=False),
    Column("source_id", ForeignKey("sources.source_id"), nullable=False),
)

initiatives = Table(
    "initiatives",
    metadata,
    Column("initiative_id", Integer, primary_key=True, autoincrement=True),
    Column("edition", ForeignKey("editions.year"), nullable=False),
    Column("name", Text, nullable=False),
    Column("organisation", Text),
    Column("place", ForeignKey("places.place")),
    Column("province", ForeignKey("provinces.province")),
    Column("kind", String(40), nullable=False),
    Column("description", Text),
    # a count the source gives for the initiative itself ("14 VVT instellingen"), as published
    Column("size_value", Float),
    Column("size_qualifier", String(30)),
    Column("size_text", Text),
    Column("source_id", ForeignKey("sources.source_id"), nullable=False),
    Column("quote", Text),
    *_origin_columns(),
)

discrepancies = Table(
    "discrepancies",
    metadata,
    Column("discrepancy_id", Integer, primary_key=True, autoincrement=True),
    Column("topic", Text, nullable=False),
    Column("edition", String(20), nullable=False),
    Column("statement_a", Text, nullable=False),
    Column("source_a", ForeignKey("sources.source_id"), nullable=False),
    Column("statement_b", Text, nullable=False),
    Column("source_b", ForeignKey("sources.source_id"), nullable=False),
    Column("explanation", Text, nullable=False),
)

dataset_meta = Table(
    "dataset_meta",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)
