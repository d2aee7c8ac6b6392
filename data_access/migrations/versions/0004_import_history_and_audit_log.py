"""Import history, what each import replaced, and the audit log

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 06:15:00

Who wrote what and when, and enough to undo an import exactly (issue 18). The imports made before
this revision enter the history as applied, by an unknown user, with nothing kept to undo them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_history",
        sa.Column("import_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("edition", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.String(length=25), nullable=False),
        sa.Column("imported_by", sa.String(length=100), nullable=True),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=10), server_default="applied", nullable=False),
        sa.Column("undone_by", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("import_id"),
        info={"bookkeeping": True},
    )
    op.create_table(
        "import_replaced",
        sa.Column("entry_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("entry_id"),
        info={"bookkeeping": True},
    )
    op.create_index("ix_import_replaced_import_id", "import_replaced", ["import_id"])
    op.create_table(
        "audit_log",
        sa.Column("audit_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.String(length=25), nullable=False),
        sa.Column("user_name", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("audit_id"),
        info={"bookkeeping": True},
    )
    op.execute(
        "INSERT INTO import_history (import_id, kind, edition, file_name, sha256, imported_at, row_count, origin) "
        "SELECT import_id, kind, edition, file_name, sha256, imported_at, row_count, origin FROM imports"
    )


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_index("ix_import_replaced_import_id", table_name="import_replaced")
    op.drop_table("import_replaced")
    op.drop_table("import_history")
