"""days to wait for a reply before chasing, per channel

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("me", schema=None) as batch_op:
        batch_op.add_column(sa.Column("chase_days", sa.JSON(), nullable=False, server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("me", schema=None) as batch_op:
        batch_op.drop_column("chase_days")
