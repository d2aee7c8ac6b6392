"""Imported registrations and survey answers

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 19:35:30.320190
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "imports",
        sa.Column("import_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("edition", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.String(length=25), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("dropped_columns", sa.Text(), nullable=True),
        sa.Column("source_id", sa.String(length=60), nullable=False),
        sa.Column("origin", sa.String(length=20), server_default="bundled", nullable=False),
        sa.Column("is_synthetic", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("kind IN ('activities', 'evaluations')", name="ck_imports_kind"),
        sa.ForeignKeyConstraint(
            ["edition"],
            ["editions.year"],
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.source_id"],
        ),
        sa.PrimaryKeyConstraint("import_id"),
        info={"filled_by": "import"},
    )
    op.create_table(
        "activities",
        sa.Column("activity_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("edition", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("organiser", sa.Text(), nullable=False),
        sa.Column("activity_date", sa.Date(), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("municipality", sa.Text(), nullable=True),
        sa.Column("province", sa.String(length=40), nullable=False),
        sa.Column("region", sa.String(length=10), nullable=False),
        sa.Column("week", sa.Integer(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("domain", sa.String(length=40), nullable=False),
        sa.Column("theme", sa.String(length=20), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=True),
        sa.Column("duration_hours", sa.Float(), nullable=True),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.String(length=60), nullable=False),
        sa.Column("origin", sa.String(length=20), server_default="bundled", nullable=False),
        sa.Column("is_synthetic", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(
            "domain IN ('ouderenzorg', 'gehandicaptenzorg', 'ggz', 'huisartsenzorg en eerste lijn', 'wijkverpleging', 'ziekenhuiszorg', 'jeugdzorg', 'sociaal domein en welzijn', 'overig')",
            name="ck_activities_domain",
        ),
        sa.CheckConstraint("format IN ('online', 'fysiek', 'hybride')", name="ck_activities_format"),
        sa.CheckConstraint("theme IN ('voorkomen', 'verplaatsen', 'vervangen')", name="ck_activities_theme"),
        sa.CheckConstraint("participants BETWEEN 0 AND 100000", name="ck_activities_participants"),
        sa.CheckConstraint("duration_hours BETWEEN 0 AND 24", name="ck_activities_duration_hours"),
        sa.CheckConstraint("week BETWEEN 1 AND 5", name="ck_activities_week"),
        sa.ForeignKeyConstraint(
            ["edition"],
            ["editions.year"],
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["imports.import_id"],
        ),
        sa.ForeignKeyConstraint(
            ["province"],
            ["provinces.province"],
        ),
        sa.ForeignKeyConstraint(
            ["region"],
            ["regions.region"],
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.source_id"],
        ),
        sa.PrimaryKeyConstraint("activity_id"),
        sa.UniqueConstraint("edition", "title", "organiser", "activity_date", "place", name="uq_activities_natural"),
        info={"filled_by": "import"},
    )
    op.create_table(
        "responses",
        sa.Column("response_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("edition", sa.Integer(), nullable=False),
        sa.Column("respondent", sa.String(length=60), nullable=False),
        sa.Column("response_date", sa.Date(), nullable=False),
        sa.Column("region", sa.String(length=10), nullable=True),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("would_return", sa.String(length=10), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.String(length=60), nullable=False),
        sa.Column("origin", sa.String(length=20), server_default="bundled", nullable=False),
        sa.Column("is_synthetic", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(
            "role IN ('zorgprofessional', 'bestuurder of manager', 'cliënt of patiënt', 'mantelzorger', 'student of docent', 'beleid of overheid', 'overig')",
            name="ck_responses_role",
        ),
        sa.CheckConstraint("would_return IN ('ja', 'nee', 'weet niet')", name="ck_responses_would_return"),
        sa.CheckConstraint("rating BETWEEN 1 AND 10", name="ck_responses_rating"),
        sa.ForeignKeyConstraint(
            ["edition"],
            ["editions.year"],
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["imports.import_id"],
        ),
        sa.ForeignKeyConstraint(
            ["region"],
            ["regions.region"],
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.source_id"],
        ),
        sa.PrimaryKeyConstraint("response_id"),
        sa.UniqueConstraint("edition", "respondent", name="uq_responses_natural"),
        info={"filled_by": "import"},
    )
    op.create_index("ix_activities_edition_region_week", "activities", ["edition", "region", "week"])
    op.create_index("ix_responses_edition_region", "responses", ["edition", "region"])
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.add_column(sa.Column("origin", sa.String(length=20), server_default="bundled", nullable=False))
    # a source that only rows from elsewhere cite is not the bundle's: a bundled reload must leave it alone
    with_origin = ("editions", "figures", "evaluations", "initiatives")
    cited_elsewhere = " UNION ".join(f"SELECT source_id FROM {t} WHERE origin <> 'bundled'" for t in with_origin)
    cited_by_bundle = " UNION ".join(
        [f"SELECT source_id FROM {t} WHERE origin = 'bundled'" for t in with_origin]
        + [f"SELECT source_id FROM {t}" for t in ("regions", "provinces", "edition_weeks", "places")]
        + ["SELECT source_id FROM reach_indicators", "SELECT source_id FROM monitor_values"]
        + ["SELECT source_a FROM discrepancies", "SELECT source_b FROM discrepancies"]
    )
    op.execute(
        f"UPDATE sources SET origin = 'import' WHERE source_id IN ({cited_elsewhere}) "
        f"AND source_id NOT IN ({cited_by_bundle})"
    )


def downgrade() -> None:
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.drop_column("origin")

    op.drop_index("ix_responses_edition_region", "responses")
    op.drop_index("ix_activities_edition_region_week", "activities")
    op.drop_table("responses")
    op.drop_table("activities")
    op.drop_table("imports")
