"""Relational schema of the SZE dataset; the only place that knows table and column names.

Every figure-bearing table carries a ``source_id`` and, where a number can be rounded, the
``qualifier`` and ``published_text`` exactly as published. ``origin`` and ``is_synthetic`` let
later imports and demo data live beside the bundled rows without being mistaken for them.

Rules are written once, here, and read by the loader: ``info["choices"]`` on a column is both
its CHECK constraint and the loader's list of allowed values; ``info["range"]`` likewise;
``info["derived"]`` marks a column the loader computes instead of reading from a file. Each
table is filled from ``<table name>.csv``; load order follows the foreign keys.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

metadata = MetaData()

#: Qualifiers as published; the words a published text must contain for each are in loader/validate.py.
QUALIFIERS = (
    "exact",
    "bijna",
    "ruim",
    "meer_dan",
    "circa",
    "naar_schatting_circa",
    "naar_schatting",  # an estimate without "circa", e.g. a range: "naar schatting tussen de 12.000 en 14.000"
    "gemiddeld",
    "miljoenen",
)
PROGRAMMES = ("sze", "ehealthweek")
MEASURES = ("cijfer", "doet_weer_mee")  # evaluation: a score, the share that will take part again (%)
ORIGIN_BUNDLED = "bundled"
ORIGIN_IMPORT = "import"
ORIGIN_DEMO = "demo"
#: a row of the published record an editor added or corrected on /beheer (or with ``sze-dashboard published``):
#: a new bundled dataset never overwrites, removes or duplicates it
ORIGIN_EDITOR = "redactie"
#: what a published figure reports: counted after the event, or announced before it ("elf deelsessies" gepland)
BASES = ("gerapporteerd", "gepland")
#: a change to the published record: waiting for a second editor (SZE_REVIEW=1), in the data, declined, undone
CHANGE_STATUSES = ("voorgesteld", "toegepast", "afgewezen", "ongedaan")

# Registrations and survey answers (imported from the organisers' exports, or synthetic demo data)
FORMATS = ("online", "fysiek", "hybride")
#: the three ways of "de juiste zorg op de juiste plek": prevent care, move it closer to home, replace it
THEMES = ("voorkomen", "verplaatsen", "vervangen")
DOMAINS = (
    "ouderenzorg",
    "gehandicaptenzorg",
    "ggz",
    "huisartsenzorg en eerste lijn",
    "wijkverpleging",
    "ziekenhuiszorg",
    "jeugdzorg",
    "sociaal domein en welzijn",
    "overig",
)
ROLES = (
    "zorgprofessional",
    "bestuurder of manager",
    "cliënt of patiënt",
    "mantelzorger",
    "student of docent",
    "beleid of overheid",
    "overig",
)
WOULD_RETURN = ("ja", "nee", "weet niet")
IMPORT_KINDS = ("activities", "evaluations")


def _choice(name: str, type_: String, choices: Sequence[str], **kwargs: object) -> Column:
    """A column whose values are one of ``choices``; its CHECK constraint is made from them."""
    return Column(name, type_, info={"choices": tuple(choices)}, **kwargs)  # type: ignore[arg-type]


def _qualifier(name: str = "qualifier", nullable: bool = False) -> Column:
    """How a number was published: exact, or with the qualifier the source used."""
    return _choice(name, String(30), QUALIFIERS, nullable=nullable)


def _origin_columns() -> list[Column]:
    """Columns that say where a row came from, so synthetic or imported rows stay recognisable."""
    return [
        Column("origin", String(20), nullable=False, server_default=ORIGIN_BUNDLED, info={"derived": "origin"}),
        Column("is_synthetic", Boolean, nullable=False, server_default=false(), info={"derived": "origin"}),
    ]


def _imported_columns() -> list[Column]:
    """Columns of a row that came from an import (or a demo run): which one, the source it cites, its origin."""
    return [
        Column("import_id", ForeignKey("imports.import_id"), nullable=False),
        Column("source_id", ForeignKey("sources.source_id"), nullable=False),
        *_origin_columns(),
    ]


sources = Table(
    "sources",
    metadata,
    Column("source_id", String(60), primary_key=True),
    # an import is a source too ("export of <file>, imported <date>"): a bundled reload leaves it alone
    Column("origin", String(20), nullable=False, server_default=ORIGIN_BUNDLED, info={"derived": "origin"}),
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
    # computed from the province boundaries (nl-provinces.geojson) when the dataset is loaded
    Column("centroid_lon", Float, nullable=False, info={"derived": "boundaries"}),
    Column("centroid_lat", Float, nullable=False, info={"derived": "boundaries"}),
    Column("source_id", ForeignKey("sources.source_id"), nullable=False),
)

editions = Table(
    "editions",
    metadata,
    Column("year", Integer, primary_key=True),
    _choice("programme", String(20), PROGRAMMES, nullable=False),
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
)

metrics = Table(
    "metrics",
    metadata,
    Column("metric", String(40), primary_key=True),
    _choice("programme", String(20), PROGRAMMES, nullable=False),
    Column("unit", String(40), nullable=False),
    Column("definition", Text, nullable=False),
    *_origin_columns(),
)

edition_weeks = Table(
    "edition_weeks",
    metadata,
    Column("edition", ForeignKey("editions.year"), primary_key=True),
    Column("week", Integer, primary_key=True, info={"range": (1, 5)}),
    Column("region", ForeignKey("regions.region"), nullable=False),
    Column("start_date", Date, nullable=False),
    Column("end_date", Date, nullable=False),
    Column("source_id", ForeignKey("sources.source_id"), nullable=False),
    Column("quote", Text),
    *_origin_columns(),
)

figures = Table(
    "figures",
    metadata,
    Column("figure_id", Integer, primary_key=True, autoincrement=True),
    Column("edition", ForeignKey("editions.year"), nullable=False),
    Column("region", ForeignKey("regions.region")),  # NULL: national figure
    Column("week", Integer),
    Column("metric", ForeignKey("metrics.metric"), nullable=False),
    Column("value", Float, nullable=False),
    # the upper end of a published range ("tussen de 12.000 en 14.000"): ``value`` is then its lower end
    Column("value_high", Float),
    _qualifier(),
    Column("published_text", Text, nullable=False),
    Column("source_id", ForeignKey("sources.source_id"), nullable=False),
    Column("quote", Text),
    Column("note", Text),
    _choice("basis", String(20), BASES, nullable=False, server_default=BASES[0]),
    *_origin_columns(),
)

evaluations = Table(
    "evaluations",
    metadata,
    Column("evaluation_id", Integer, primary_key=True, autoincrement=True),
    Column("edition", ForeignKey("editions.year"), nullable=False),
    _choice("measure", String(30), MEASURES, nullable=False),
    Column("value", Float, nullable=False),
    _qualifier(),
    Column("published_text", Text, nullable=False),
    Column("what_rated", Text, nullable=False),
    Column("rated_by", Text, nullable=False),
    Column("source_id", ForeignKey("sources.source_id"), nullable=False),
    Column("quote", Text),
    *_origin_columns(),
)

reach_indicators = Table(
    "reach_indicators",
    metadata,
    Column("indicator", String(60), primary_key=True),
    Column("value", Float),  # NULL where only words were published ("miljoenen")
    _qualifier(),
    Column("published_text", Text, nullable=False),
    Column("unit", String(40), nullable=False),
    Column("counts_people", Boolean, nullable=False),
    Column("period_label", Text, nullable=False),
    Column("period_start", Integer),
    Column("period_end", Integer),
    Column("source_id", ForeignKey("sources.source_id"), nullable=False),
    Column("quote", Text),
)

monitor_values = Table(
    "monitor_values",
    metadata,
    Column("monitor_value_id", Integer, primary_key=True, autoincrement=True),
    Column("indicator", String(60), nullable=False),
    Column("period_label", Text, nullable=False),
    Column("year", Integer),
    Column("value", Float, nullable=False),
    _qualifier(),
    Column("published_text", Text, nullable=False),
    Column("source_id", ForeignKey("sources.source_id"), nullable=False),
    Column("quote", Text),
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
    _qualifier("size_qualifier", nullable=True),
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
    # 1: the statement is the source's own words (shown as a quote); 0: a paraphrase (shown as one)
    Column("a_is_quote", Boolean, nullable=False, server_default=false()),
    Column("statement_b", Text, nullable=False),
    Column("source_b", ForeignKey("sources.source_id"), nullable=False),
    Column("b_is_quote", Boolean, nullable=False, server_default=false()),
    Column("explanation", Text, nullable=False),
    *_origin_columns(),
)

imports = Table(
    "imports",
    metadata,
    Column("import_id", Integer, primary_key=True, autoincrement=True),
    _choice("kind", String(20), IMPORT_KINDS, nullable=False),
    Column("edition", ForeignKey("editions.year"), nullable=False),
    Column("file_name", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("imported_at", String(25), nullable=False),  # ISO timestamp, UTC
    Column("row_count", Integer, nullable=False),
    Column("dropped_columns", Text),  # personal data that was in the file and was not stored
    Column("source_id", ForeignKey("sources.source_id"), nullable=False),
    *_origin_columns(),
    info={"filled_by": "import"},
)

activities = Table(
    "activities",
    metadata,
    Column("activity_id", Integer, primary_key=True, autoincrement=True),
    Column("edition", ForeignKey("editions.year"), nullable=False),
    Column("title", Text, nullable=False),
    Column("organiser", Text, nullable=False),
    Column("activity_date", Date, nullable=False),
    Column("place", Text, nullable=False),  # the gazetteer's spelling of what the export says
    Column("municipality", Text),  # NULL: a place the gazetteer knows only with its province
    Column("province", ForeignKey("provinces.province"), nullable=False),
    Column("region", ForeignKey("regions.region"), nullable=False),
    Column("week", Integer, info={"range": (1, 5)}),  # the relay week the date falls in, where weeks are known
    Column("lon", Float, nullable=False),
    Column("lat", Float, nullable=False),
    _choice("format", String(10), FORMATS, nullable=False),
    _choice("domain", String(40), DOMAINS, nullable=False),
    _choice("theme", String(20), THEMES, nullable=False),
    Column("participants", Integer, info={"range": (0, 100_000)}),  # NULL: not reported
    Column("duration_hours", Float, info={"range": (0, 24)}),  # NULL: not reported
    *_imported_columns(),
    # the natural key: the same registration exported twice is one activity
    UniqueConstraint("edition", "title", "organiser", "activity_date", "place", name="uq_activities_natural"),
    Index("ix_activities_edition_region_week", "edition", "region", "week"),
    info={"filled_by": "import"},
)

responses = Table(
    "responses",
    metadata,
    Column("response_id", Integer, primary_key=True, autoincrement=True),
    Column("edition", ForeignKey("editions.year"), nullable=False),
    Column("respondent", String(60), nullable=False),  # the survey tool's number, never a name
    Column("response_date", Date, nullable=False),
    Column("region", ForeignKey("regions.region")),  # the region whose week was attended, if answered
    _choice("role", String(30), ROLES, nullable=False),
    Column("rating", Integer, nullable=False, info={"range": (1, 10)}),  # the survey asks for 1-10
    _choice("would_return", String(10), WOULD_RETURN, nullable=False),
    *_imported_columns(),
    UniqueConstraint("edition", "respondent", name="uq_responses_natural"),
    Index("ix_responses_edition_region", "edition", "region"),
    info={"filled_by": "import"},
)

#: Every import and demo run, kept after an undo (then ``imports`` loses its row, as the data does): who, when,
#: what it changed, whether it still holds. No foreign keys: it outlives the edition and source it created.
import_history = Table(
    "import_history",
    metadata,
    Column("import_id", Integer, primary_key=True, autoincrement=False),  # the number ``imports`` gave it
    Column("kind", String(20), nullable=False),
    Column("edition", Integer, nullable=False),
    Column("file_name", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("imported_at", String(25), nullable=False),  # ISO timestamp, UTC
    Column("imported_by", String(100)),  # NULL: made before the history was kept
    Column("row_count", Integer, nullable=False),
    Column("origin", String(20), nullable=False),
    Column("summary", Text),  # JSON: new, changed, unchanged, removed rows; totals per region and week
    Column("status", String(10), nullable=False, server_default="applied"),  # applied / undone
    Column("undone_by", Integer),  # the audit entry of the undo
    info={"bookkeeping": True},
)

#: What an import replaced, one JSON object per row (its rows of the edition, its source and edition as
#: they were), written in the import's transaction: what ``undo`` puts back, byte for byte
import_replaced = Table(
    "import_replaced",
    metadata,
    Column("entry_id", Integer, primary_key=True, autoincrement=True),
    Column("import_id", Integer, nullable=False, index=True),
    Column("table_name", String(40), nullable=False),
    Column("row_json", Text, nullable=False),
    info={"bookkeeping": True},
)

#: One row per write of the data (import, undo, demo, restore, load of the bundled dataset): who and when
audit_log = Table(
    "audit_log",
    metadata,
    Column("audit_id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(25), nullable=False),  # ISO timestamp, UTC
    Column("user_name", String(100), nullable=False),
    Column("action", String(20), nullable=False),
    Column("import_id", Integer),  # the import it concerns, if any
    Column("summary", Text, nullable=False),
    info={"bookkeeping": True},
)

#: What an editor said a written value means (issue 18, "ask, never guess"): the importer reads the written
#: value as its meaning before it checks it, so a value explained once is known in the next upload too
value_mappings = Table(
    "value_mappings",
    metadata,
    Column("value_kind", String(20), primary_key=True),  # the column it is a value of: place, domain, theme ...
    Column("written", String(200), primary_key=True),  # as the file had it, case and spacing folded
    Column("meaning", String(200), nullable=False),  # the known value it stands for, checked like any cell
    Column("created_by", String(100), nullable=False),
    Column("created_at", String(25), nullable=False),  # ISO timestamp, UTC
    info={"bookkeeping": True},
)

# Summaries: the detail rows counted at the grains the views group by, rebuilt from them in the
# transaction of every write (data_access/summaries.py). A view then adds up a few thousand rows
# whether an edition holds a hundred activities or a million, instead of grouping them all on every
# request. Derived, so neither loaded, exported nor restored: rebuilt instead. No foreign keys, as
# they are emptied and refilled whole.


def _summary_keys(table: Table, names: Sequence[str]) -> list[Column]:
    return [Column(name, table.c[name].type, nullable=table.c[name].nullable) for name in names]


def _counts(*names: str) -> list[Column]:
    return [Column(name, BigInteger, nullable=False) for name in names]


#: activities by week and kind (theme, format, domain) and the import that brought them
activity_totals = Table(
    "activity_totals",
    metadata,
    *_summary_keys(activities, ("edition", "region", "week", "theme", "format", "domain", "source_id")),
    *_counts("activities", "participants", "with_participants"),
    Column("synthetic", Integer, nullable=False),  # 1: a synthetic row among them
    info={"summary": True},
)

#: activities by week and place: where the map draws them (the sums of lon and lat give the mean)
place_totals = Table(
    "place_totals",
    metadata,
    *_summary_keys(activities, ("edition", "region", "week", "province", "place")),
    *_counts("activities", "participants", "with_participants"),
    Column("synthetic", Integer, nullable=False),
    Column("lon_sum", Float, nullable=False),
    Column("lat_sum", Float, nullable=False),
    info={"summary": True},
)

#: survey answers by the week's region, role and answer, and the import that brought them
response_totals = Table(
    "response_totals",
    metadata,
    *_summary_keys(responses, ("edition", "region", "role", "rating", "would_return", "source_id")),
    *_counts("answers"),
    Column("synthetic", Integer, nullable=False),
    info={"summary": True},
)

#: Every change to the published record (editions, weeks, definitions, figures, sources, disagreements) made on
#: /beheer or with ``sze-dashboard published import``, and every correction a new bundled dataset brings to a row
#: an editor keeps: what it changes (``changes``, JSON: per row its table, key, before and after), who proposed and
#: who decided it, and when. Applied changes are undone from here; with SZE_REVIEW=1 a change waits here,
#: *voorgesteld*, until a second editor approves it.
published_changes = Table(
    "published_changes",
    metadata,
    Column("change_id", Integer, primary_key=True, autoincrement=True),
    Column("proposed_at", String(25), nullable=False),  # ISO timestamp, UTC
    Column("proposed_by", String(100), nullable=False),
    Column("origin", String(20), nullable=False),  # redactie: an editor; bundled: a new bundled dataset
    Column("via", String(40), nullable=False),  # what made it: the form, a workbook's file name, the loader
    _choice("status", String(20), CHANGE_STATUSES, nullable=False),
    Column("decided_at", String(25)),
    Column("decided_by", String(100)),
    Column("summary", Text, nullable=False),  # one line: "2 nieuw, 1 gewijzigd, 0 verwijderd"
    Column("changes", Text, nullable=False),
    info={"bookkeeping": True},
)

#: Bookkeeping of the loader (fingerprint and time of the last load), not part of the dataset.
dataset_meta = Table(
    "dataset_meta",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
    info={"bookkeeping": True},
)


def _add_rule_constraints() -> None:
    """CHECK constraints from the ``choices`` and ``range`` each column declares: the rules, once."""
    for table in metadata.tables.values():
        for column in table.columns:
            choices, bounds = column.info.get("choices"), column.info.get("range")
            if choices:
                allowed = ", ".join(f"'{value}'" for value in choices)
                table.append_constraint(
                    CheckConstraint(f"{column.name} IN ({allowed})", name=f"ck_{table.name}_{column.name}")
                )
            if bounds:
                low, high = bounds
                table.append_constraint(
                    CheckConstraint(f"{column.name} BETWEEN {low} AND {high}", name=f"ck_{table.name}_{column.name}")
                )


_add_rule_constraints()


def dataset_tables() -> list[Table]:
    """The tables filled from the bundled files, in an order that respects the foreign keys."""
    return [
        table
        for table in metadata.sorted_tables
        if not table.info.get("bookkeeping") and not _imported(table) and not is_summary(table)
    ]


def imported_tables() -> list[Table]:
    """The tables filled by ``sze-dashboard import`` (and demo data), in foreign-key order."""
    return [table for table in metadata.sorted_tables if _imported(table)]


def summary_tables() -> list[Table]:
    """The tables derived from the imported rows (rebuilt with every write, never loaded or exported)."""
    return [table for table in metadata.sorted_tables if is_summary(table)]


def is_summary(table: Table) -> bool:
    return bool(table.info.get("summary"))


def _imported(table: Table) -> bool:
    return table.info.get("filled_by") == "import"


def tables_citing_sources() -> list[tuple[Table, Column]]:
    """Every (table, column) whose rows name a source: what the about page counts per source."""
    return [
        (table, column)
        for table in [*dataset_tables(), *imported_tables()]
        for column in table.columns
        if any(fk.column is sources.c.source_id for fk in column.foreign_keys)
    ]


def tables_with_origin() -> list[Table]:
    """Tables whose rows may come from somewhere else than the bundled files (imports, demo data)."""
    return [table for table in [*dataset_tables(), *imported_tables()] if "is_synthetic" in table.c]
