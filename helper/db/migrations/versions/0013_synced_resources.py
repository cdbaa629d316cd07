"""what each sync pushed to the user's calendar and address book server

One row per follow-up or contact on the server: its address, the server's ETag when it was
written and the version written, so an edit made on the phone is found by its moved ETag; a
conflict keeps the server's version beside ours until the user picks one.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "synced_resource",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("local_id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("href", sa.String(length=2000), nullable=False),
        sa.Column("etag", sa.String(length=300), nullable=False),
        sa.Column("version", sa.String(length=100), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("server_etag", sa.String(length=300), nullable=False),
        sa.Column("server_text", sa.Text(), nullable=False),
        sa.Column("conflict_since", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_synced_resource")),
        sa.UniqueConstraint("kind", "local_id", name=op.f("uq_synced_resource_kind")),
    )


def downgrade() -> None:
    op.drop_table("synced_resource")
