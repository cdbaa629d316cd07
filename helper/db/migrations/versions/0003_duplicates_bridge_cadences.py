"""duplicates, merge undo, bridge, cadences and calendar feed

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bridge_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("origin", sa.String(length=200), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bridge_token")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_bridge_token_token_sha256")),
    )
    op.create_table(
        "merge_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survivor_id", sa.Integer(), nullable=True),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["survivor_id"],
            ["contact.id"],
            name=op.f("fk_merge_record_survivor_id_contact"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merge_record")),
    )
    with op.batch_alter_table("merge_record", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_merge_record_survivor_id"), ["survivor_id"], unique=False
        )

    op.create_table(
        "not_same_person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("first_id", sa.Integer(), nullable=False),
        sa.Column("second_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["first_id"],
            ["contact.id"],
            name=op.f("fk_not_same_person_first_id_contact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["second_id"],
            ["contact.id"],
            name=op.f("fk_not_same_person_second_id_contact"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_not_same_person")),
        sa.UniqueConstraint("first_id", "second_id", name=op.f("uq_not_same_person_first_id")),
    )
    with op.batch_alter_table("not_same_person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_not_same_person_first_id"), ["first_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_not_same_person_second_id"), ["second_id"], unique=False
        )

    with op.batch_alter_table("me", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("strengthen_days", sa.Integer(), server_default="14", nullable=False)
        )
        batch_op.add_column(
            sa.Column("maintain_days", sa.Integer(), server_default="90", nullable=False)
        )
        batch_op.add_column(
            sa.Column("overdue_percent", sa.Integer(), server_default="150", nullable=False)
        )
        batch_op.add_column(
            sa.Column("calendar_token", sa.String(length=64), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("pairing_code", sa.String(length=20), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("pairing_expires_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("me", schema=None) as batch_op:
        batch_op.drop_column("pairing_expires_at")
        batch_op.drop_column("pairing_code")
        batch_op.drop_column("calendar_token")
        batch_op.drop_column("overdue_percent")
        batch_op.drop_column("maintain_days")
        batch_op.drop_column("strengthen_days")

    with op.batch_alter_table("not_same_person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_not_same_person_second_id"))
        batch_op.drop_index(batch_op.f("ix_not_same_person_first_id"))

    op.drop_table("not_same_person")
    with op.batch_alter_table("merge_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_merge_record_survivor_id"))

    op.drop_table("merge_record")
    op.drop_table("bridge_token")
