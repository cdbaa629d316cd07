"""import runs hold a lock file instead of recording a process id

A running import holds an exclusive lock on a file named after `lock_name` in the data folder;
the operating system releases it when the process ends in any way, so a crashed run is told
from a live one without trusting process ids, which are reused.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("import_run", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lock_name", sa.String(64), nullable=True))
        batch_op.drop_column("pid")


def downgrade() -> None:
    with op.batch_alter_table("import_run", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pid", sa.Integer(), nullable=True))
        batch_op.drop_column("lock_name")
