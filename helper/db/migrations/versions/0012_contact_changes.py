"""which contacts each counted write touched

The matching index re-reads only the contacts changed since it was built, found here by the
change counter's value (revision 0010); a write that does not say which contacts it touched
leaves a row without one, and the index is built anew. The counter's one row is made here
for every store, so that writes only ever update it.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contact_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("change", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_change")),
    )
    with op.batch_alter_table("contact_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_change_change"), ["change"], unique=False)
    # The counter's one row exists from now on, so a write only ever updates it: two first
    # writes at once on PostgreSQL would otherwise both insert it.
    op.execute(
        "INSERT INTO change_counter (id, contacts) "
        "SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM change_counter)"
    )


def downgrade() -> None:
    with op.batch_alter_table("contact_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_change_change"))
    op.drop_table("contact_change")
