"""a counter of the writes goal matching reads

The matching index kept on disk is keyed by this counter (with counts and newest ids), so an
edit in place, or an id SQLite hands out again after a delete, still marks it stale.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contacts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_counter")),
    )


def downgrade() -> None:
    op.drop_table("change_counter")
