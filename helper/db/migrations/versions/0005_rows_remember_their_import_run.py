"""rows remember their import run

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.add_column(sa.Column("import_run_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_contact_import_run_id"), ["import_run_id"], unique=False
        )

    with op.batch_alter_table("import_run", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pid", sa.Integer(), nullable=True))

    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.add_column(sa.Column("import_run_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_interaction_import_run_id"), ["import_run_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interaction_import_run_id"))
        batch_op.drop_column("import_run_id")

    with op.batch_alter_table("import_run", schema=None) as batch_op:
        batch_op.drop_column("pid")

    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_import_run_id"))
        batch_op.drop_column("import_run_id")
