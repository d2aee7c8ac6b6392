"""Release 0.1.0: the published dataset

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-23 19:35:24.115429
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dataset_meta",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
        info={"bookkeeping": True},
    )
    op.create_table(
        "metrics",
        sa.Column("metric", sa.String(length=40), nullable=False),
        sa.Column("programme", sa.String(length=20), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.CheckConstraint("programme IN ('sze', 'ehealthweek')", name="ck_metrics_programme"),
        sa.PrimaryKeyConstraint("metric"),
    )
    op.create_table(
        "sources",
        sa.Column("source_id", sa.String(length=60), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("publisher", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("published_date", sa.String(length=10), nullable=True),
        sa.Column("published_label", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("contributed", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("source_id"),
    )
    op.create_table(
        "discrepancies",
        sa.Column("discrepancy_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("topic", sa.Text(), nullable=False),
        sa.Column("edition", sa.String(length=20), nullable=False),
        sa.Column("statement_a", sa.Text(), nullable=False),
        sa.Column("source_a", sa.String(length=60), nullable=False),
        sa.Column("statement_b", sa.Text(), nullable=False),
        sa.Column("source_b", sa.String(length=60), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_a"],
            ["sources.source_id"],
        ),
        sa.ForeignKeyConstraint(
            ["source_b"],
            ["sources.source_id"],
        ),
        sa.PrimaryKeyConstraint("discrepancy_id"),
    )
    op.create_table(
        "editions",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("programme", sa.String(length=20), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("opening_date", sa.Date(), nullable=True),
        sa.Column("closing_date", sa.Date(), nullable=True),
        sa.Column("organiser", sa.Text(), nullable=True),
        sa.Column("has_totals", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("source_id", sa.String(length=60), nullable=False),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.Column("origin", sa.String(length=20), server_default="bundled", nullable=False),
        sa.Column("is_synthetic", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("programme IN ('sze', 'ehealthweek')", name="ck_editions_programme"),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.source_id"],
        ),
        sa.PrimaryKeyConstraint("year"),
    )
    op.create_table(
        "monitor_values",
        sa.Column("monitor_value_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("indicator", sa.String(length=60), nullable=False),
        sa.Column("period_label", sa.Text(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("qualifier", sa.String(length=30), nullable=False),
        sa.Column("published_text", sa.Text(), nullable=False),
        sa.Column("source_id", sa.String(length=60), nullable=False),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "qualifier IN ('exact', 'bijna', 'ruim', 'meer_dan', 'circa', 'naar_schatting_circa', 'gemiddeld', 'miljoenen')",
            name="ck_monitor_values_qualifier",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.source_id"],
        ),
        sa.PrimaryKeyConstraint("monitor_value_id"),
    )
    op.create_table(
        "reach_indicators",
        sa.Column("indicator", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("qualifier", sa.String(length=30), nullable=False),
        sa.Column("published_text", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("counts_people", sa.Boolean(), nullable=False),
        sa.Column("period_label", sa.Text(), nullable=False),
        sa.Column("period_start", sa.Integer(), nullable=True),
        sa.Column("period_end", sa.Integer(), nullable=True),
        sa.Column("source_id", sa.String(length=60), nullable=False),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "qualifier IN ('exact', 'bijna', 'ruim', 'meer_dan', 'circa', 'naar_schatting_circa', 'gemiddeld', 'miljoenen')",
            name="ck_reach_indicators_qualifier",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.source_id"],
        ),
        sa.PrimaryKeyConstraint("indicator"),
    )
    op.create_table(
        "regions",
        sa.Column("region", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.source_id"],
        ),
        sa.PrimaryKeyConstraint("region"),
    )
    op.create_table(
        "edition_weeks",
        sa.Column("edition", sa.Integer(), nullable=False),
        sa.Column("week", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=10), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("source_id", sa.String(length=60), nullable=False),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.CheckConstraint("week BETWEEN 1 AND 5", name="ck_edition_weeks_week"),
        sa.ForeignKeyConstraint(
            ["edition"],
            ["editions.year"],
        ),
        sa.ForeignKeyConstraint(
            ["region"],
            ["regions.region"],
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.source_id"],
        ),
        sa.PrimaryKeyConstraint("edition", "week"),
    )
    op.create_table(
        "evaluations",
        sa.Column("evaluation_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("edition", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=30), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("qualifier", sa.String(length=30), nullable=False),
        sa.Column("published_text", sa.Text(), nullable=False),
        sa.Column("what_rated", sa.Text(), nullable=False),
        sa.Column("rated_by", sa.Text(), nullable=False),
        sa.Column("source_id", sa.String(length=60), nullable=False),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.Column("origin", sa.String(length=20), server_default="bundled", nullable=False),
        sa.Column("is_synthetic", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint("measure IN ('cijfer', 'doet_weer_mee')", name="ck_evaluations_measure"),
        sa.CheckConstraint(
            "qualifier IN ('exact', 'bijna', 'ruim', 'meer_dan', 'circa', 'naar_schatting_circa', 'gemiddeld', 'miljoenen')",
            name="ck_evaluations_qualifier",
        ),
        sa.ForeignKeyConstraint(
            ["edition"],
            ["editions.year"],
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.source_id"],
        ),
        sa.PrimaryKeyConstraint("evaluation_id"),
    )
    op.create_table(
        "figures",
        sa.Column("figure_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("edition", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=10), nullable=True),
        sa.Column("week", sa.Integer(), nullable=True),
        sa.Column("metric", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("qualifier", sa.String(length=30), nullable=False),
        sa.Column("published_text", sa.Text(), nullable=False),
        sa.Column("source_id", sa.String(length=60), nullable=False),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("origin", sa.String(length=20), server_default="bundled", nullable=False),
        sa.Column("is_synthetic", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(
            "qualifier IN ('exact', 'bijna', 'ruim', 'meer_dan', 'circa', 'naar_schatting_circa', 'gemiddeld', 'miljoenen')",
            name="ck_figures_qualifier",
        ),
        sa.ForeignKeyConstraint(
            ["edition"],
            ["editions.year"],
        ),
        sa.ForeignKeyConstraint(
            ["metric"],
            ["metrics.metric"],
        ),
        sa.ForeignKeyConstraint(
            ["region"],
            ["regions.region"],
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.source_id"],
        ),
        sa.PrimaryKeyConstraint("figure_id"),
    )
    op.create_table(
        "provinces",
        sa.Column("province", sa.String(length=40), nullable=False),
        sa.Column("hasc", sa.String(length=10), nullable=False),
        sa.Column("region", sa.String(length=10), nullable=False),
        sa.Column("centroid_lon", sa.Float(), nullable=False),
        sa.Column("centroid_lat", sa.Float(), nullable=False),
        sa.Column("source_id", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["region"],
            ["regions.region"],
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.source_id"],
        ),
        sa.PrimaryKeyConstraint("province"),
        sa.UniqueConstraint("hasc"),
    )
    op.create_table(
        "places",
        sa.Column("place", sa.String(length=60), nullable=False),
        sa.Column("province", sa.String(length=40), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("source_id", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["province"],
            ["provinces.province"],
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.source_id"],
        ),
        sa.PrimaryKeyConstraint("place"),
    )
    op.create_table(
        "initiatives",
        sa.Column("initiative_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("edition", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=True),
        sa.Column("place", sa.String(length=60), nullable=True),
        sa.Column("province", sa.String(length=40), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("size_value", sa.Float(), nullable=True),
        sa.Column("size_qualifier", sa.String(length=30), nullable=True),
        sa.Column("size_text", sa.Text(), nullable=True),
        sa.Column("source_id", sa.String(length=60), nullable=False),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.Column("origin", sa.String(length=20), server_default="bundled", nullable=False),
        sa.Column("is_synthetic", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(
            "size_qualifier IN ('exact', 'bijna', 'ruim', 'meer_dan', 'circa', 'naar_schatting_circa', 'gemiddeld', 'miljoenen')",
            name="ck_initiatives_size_qualifier",
        ),
        sa.ForeignKeyConstraint(
            ["edition"],
            ["editions.year"],
        ),
        sa.ForeignKeyConstraint(
            ["place"],
            ["places.place"],
        ),
        sa.ForeignKeyConstraint(
            ["province"],
            ["provinces.province"],
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.source_id"],
        ),
        sa.PrimaryKeyConstraint("initiative_id"),
    )


def downgrade() -> None:
    op.drop_table("initiatives")
    op.drop_table("places")
    op.drop_table("provinces")
    op.drop_table("figures")
    op.drop_table("evaluations")
    op.drop_table("edition_weeks")
    op.drop_table("regions")
    op.drop_table("reach_indicators")
    op.drop_table("monitor_values")
    op.drop_table("editions")
    op.drop_table("discrepancies")
    op.drop_table("sources")
    op.drop_table("metrics")
    op.drop_table("dataset_meta")
