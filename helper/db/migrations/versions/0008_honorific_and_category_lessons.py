"""profiles keep the honorific; category suggestions learn from the user's corrections

A contact keeps "Dr" or "Prof." apart from the name for a formal greeting, and the categories
the user took off it, which are never suggested for it again. `category_lesson` holds a weight
per headline word and category, learned when the user adds or removes a category.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("honorific", sa.String(50), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("declined_categories", sa.JSON(), nullable=False, server_default="[]")
        )
    op.create_table(
        "category_lesson",
        sa.Column("word", sa.String(100), nullable=False),
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("word", "category", name=op.f("pk_category_lesson")),
    )


def downgrade() -> None:
    op.drop_table("category_lesson")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_column("declined_categories")
        batch_op.drop_column("honorific")
