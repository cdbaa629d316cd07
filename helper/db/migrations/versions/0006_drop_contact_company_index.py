"""drop the contact company index

No query can use it: the contact search matches companies with ILIKE and profile matching
compares lower(current_company), and SQLite uses a plain index for neither. Keeping it up to
date cost a sixth of the contact table's inserts in a 30,000-row import (0.1 s of 0.6 s).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_current_company"))


def downgrade() -> None:
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contact_current_company"), ["current_company"], unique=False
        )
