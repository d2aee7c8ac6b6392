"""Summary tables of the imported rows

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 09:40:00

The views add up these instead of grouping every imported row per request (data_access/summaries.py
rebuilds them with every write from then on). Filled here from the rows already in the database, in
plain SQL, so this revision keeps working whatever the code's summaries become later.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

COUNTS = "count(*), coalesce(sum(participants), 0), count(participants), max(CASE WHEN is_synthetic THEN 1 ELSE 0 END)"


def _counts(*names: str) -> list[sa.Column]:
    return [sa.Column(name, sa.BigInteger(), nullable=False) for name in names]


def upgrade() -> None:
    op.create_table(
        "activity_totals",
        sa.Column("edition", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=10), nullable=False),
        sa.Column("week", sa.Integer(), nullable=True),
        sa.Column("theme", sa.String(length=20), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("domain", sa.String(length=40), nullable=False),
        sa.Column("source_id", sa.String(length=60), nullable=False),
        *_counts("activities", "participants", "with_participants"),
        sa.Column("synthetic", sa.Integer(), nullable=False),
        info={"summary": True},
    )
    op.create_table(
        "place_totals",
        sa.Column("edition", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=10), nullable=False),
        sa.Column("week", sa.Integer(), nullable=True),
        sa.Column("province", sa.String(length=40), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        *_counts("activities", "participants", "with_participants"),
        sa.Column("synthetic", sa.Integer(), nullable=False),
        sa.Column("lon_sum", sa.Float(), nullable=False),
        sa.Column("lat_sum", sa.Float(), nullable=False),
        info={"summary": True},
    )
    op.create_table(
        "response_totals",
        sa.Column("edition", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=10), nullable=True),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("would_return", sa.String(length=10), nullable=False),
        sa.Column("source_id", sa.String(length=60), nullable=False),
        *_counts("answers"),
        sa.Column("synthetic", sa.Integer(), nullable=False),
        info={"summary": True},
    )
    activity_keys = "edition, region, week, theme, format, domain, source_id"
    op.execute(
        f"INSERT INTO activity_totals ({activity_keys}, activities, participants, with_participants, synthetic) "
        f"SELECT {activity_keys}, {COUNTS} FROM activities GROUP BY {activity_keys}"
    )
    place_keys = "edition, region, week, province, place"
    op.execute(
        f"INSERT INTO place_totals ({place_keys}, activities, participants, with_participants, synthetic, "
        f"lon_sum, lat_sum) SELECT {place_keys}, {COUNTS}, sum(lon), sum(lat) FROM activities GROUP BY {place_keys}"
    )
    response_keys = "edition, region, role, rating, would_return, source_id"
    op.execute(
        f"INSERT INTO response_totals ({response_keys}, answers, synthetic) "
        f"SELECT {response_keys}, count(*), max(CASE WHEN is_synthetic THEN 1 ELSE 0 END) "
        f"FROM responses GROUP BY {response_keys}"
    )


def downgrade() -> None:
    op.drop_table("response_totals")
    op.drop_table("place_totals")
    op.drop_table("activity_totals")
