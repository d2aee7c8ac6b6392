"""What an editor said a written value means

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 07:10:00

Ask, never guess (issue 18): a place or a listed value the importer does not know is asked of the
editor once; the answer is kept here so the next upload of the same value is read the same way.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "value_mappings",
        sa.Column("value_kind", sa.String(length=20), nullable=False),
        sa.Column("written", sa.String(length=200), nullable=False),
        sa.Column("meaning", sa.String(length=200), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.String(length=25), nullable=False),
        sa.PrimaryKeyConstraint("value_kind", "written"),
        info={"bookkeeping": True},
    )


def downgrade() -> None:
    op.drop_table("value_mappings")
