"""The published record kept by editors: origins, ranges, planned figures, quotes or paraphrases, changes

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 14:10:00

Issue 19: editors add and correct editions, weeks, definitions, figures, sources and disagreements on
/beheer. Every table of the record says where each row came from (a new bundled dataset leaves an
editor's rows alone); a figure can be a published range and can be announced rather than reported; a
disagreement says whether each statement is a quote or a paraphrase; every change is kept, with who
proposed and who decided it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_OLD = ("exact", "bijna", "ruim", "meer_dan", "circa", "naar_schatting_circa", "gemiddeld", "miljoenen")
_NEW = (*_OLD, "naar_schatting")
#: (table, column) of every qualifier: each CHECK constraint gains the new value
_QUALIFIED = (
    ("figures", "qualifier"),
    ("evaluations", "qualifier"),
    ("reach_indicators", "qualifier"),
    ("monitor_values", "qualifier"),
    ("initiatives", "size_qualifier"),
)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def _origin() -> list[sa.Column]:
    return [
        sa.Column("origin", sa.String(length=20), nullable=False, server_default="bundled"),
        sa.Column("is_synthetic", sa.Boolean(), nullable=False, server_default=sa.false()),
    ]


def upgrade() -> None:
    # plain ALTER TABLE ADD COLUMN: batch mode would copy the table, and SQLite refuses to drop ``metrics`` while
    # figures refer to it; only the CHECK constraints below need the copy, of tables nothing refers to
    for table in ("metrics", "edition_weeks"):
        for column in _origin():
            op.add_column(table, column)
    op.add_column("discrepancies", sa.Column("a_is_quote", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("discrepancies", sa.Column("b_is_quote", sa.Boolean(), nullable=False, server_default=sa.false()))
    for column in _origin():
        op.add_column("discrepancies", column)
    with op.batch_alter_table("figures") as batch:
        batch.add_column(sa.Column("value_high", sa.Float(), nullable=True))
        batch.add_column(sa.Column("basis", sa.String(length=20), nullable=False, server_default="gerapporteerd"))
        batch.create_check_constraint("ck_figures_basis", "basis IN ('gerapporteerd', 'gepland')")
    for table, qualified in _QUALIFIED:
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"ck_{table}_{qualified}", type_="check")
            batch.create_check_constraint(f"ck_{table}_{qualified}", _in(qualified, _NEW))
    op.create_table(
        "published_changes",
        sa.Column("change_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("proposed_at", sa.String(length=25), nullable=False),
        sa.Column("proposed_by", sa.String(length=100), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("via", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("decided_at", sa.String(length=25), nullable=True),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "status IN ('voorgesteld', 'toegepast', 'afgewezen', 'ongedaan')", name="ck_published_changes_status"
        ),
        sa.PrimaryKeyConstraint("change_id"),
        info={"bookkeeping": True},
    )


def downgrade() -> None:
    op.drop_table("published_changes")
    for table, qualified in _QUALIFIED:
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"ck_{table}_{qualified}", type_="check")
            batch.create_check_constraint(f"ck_{table}_{qualified}", _in(qualified, _OLD))
    with op.batch_alter_table("figures") as batch:
        batch.drop_constraint("ck_figures_basis", type_="check")
        batch.drop_column("basis")
        batch.drop_column("value_high")
    with op.batch_alter_table("discrepancies") as batch:
        for name in ("is_synthetic", "origin", "b_is_quote", "a_is_quote"):
            batch.drop_column(name)
    for table in ("edition_weeks", "metrics"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("is_synthetic")
            batch.drop_column("origin")
