"""members, sign-in sessions and attempts, password links, the team index

Revision ID: t0001
Revises:
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "t0001"
down_revision = None
branch_labels = None
depends_on = None

SCHEMA = "team"


def upgrade() -> None:
    op.create_table(
        "member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("is_admin", sa.Boolean(), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("index_sharing", sa.String(20), nullable=False),
        sa.Column("disabled_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member")),
        sa.UniqueConstraint("email", name=op.f("uq_member_email")),
        schema=SCHEMA,
    )
    op.create_table(
        "password_link",
        sa.Column("token_sha256", sa.String(64), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            [f"{SCHEMA}.member.id"],
            name=op.f("fk_password_link_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_sha256", name=op.f("pk_password_link")),
        schema=SCHEMA,
    )
    op.create_table(
        "sign_in_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("client", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_attempt")),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_sign_in_attempt_email_at", "sign_in_attempt", ["email", "at"], schema=SCHEMA
    )
    op.create_index(
        "ix_sign_in_attempt_client_at", "sign_in_attempt", ["client", "at"], schema=SCHEMA
    )
    op.create_table(
        "sign_in_session",
        sa.Column("token_sha256", sa.String(64), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            [f"{SCHEMA}.member.id"],
            name=op.f("fk_sign_in_session_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_sha256", name=op.f("pk_sign_in_session")),
        schema=SCHEMA,
    )
    op.create_index(
        op.f("ix_sign_in_session_member_id"), "sign_in_session", ["member_id"], schema=SCHEMA
    )
    op.create_table(
        "index_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("identity_keys", sa.Text(), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("name_key", sa.String(300), nullable=False),
        sa.Column("name_last", sa.String(100), nullable=False),
        sa.Column("company", sa.String(300), nullable=False),
        sa.Column("company_key", sa.String(300), nullable=False),
        sa.Column("company_head", sa.String(100), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("strength", sa.Float(), nullable=True),
        sa.Column("last_touch_month", sa.String(7), nullable=False),
        sa.Column("categories", sa.String(300), nullable=False),
        sa.Column("person_key", sa.String(20), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            [f"{SCHEMA}.member.id"],
            name=op.f("fk_index_entry_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_index_entry")),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_index_entry_company_head", "index_entry", ["company_head", "company"], schema=SCHEMA
    )
    for column in ("name_key", "name_last"):
        op.create_index(f"ix_index_entry_{column}", "index_entry", [column], schema=SCHEMA)
    op.create_index(
        "ix_index_entry_member_id_strength", "index_entry", ["member_id", "strength"], schema=SCHEMA
    )
    op.create_index(
        "ix_index_entry_categories",
        "index_entry",
        [sa.text("string_to_array(categories, ' ')")],
        postgresql_using="gin",
        schema=SCHEMA,
    )
    op.create_table(
        "published_book",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("change_count", sa.Integer(), nullable=False),
        sa.Column("sharing", sa.String(20), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            [f"{SCHEMA}.member.id"],
            name=op.f("fk_published_book_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_published_book")),
        schema=SCHEMA,
    )


def downgrade() -> None:
    for table in ("published_book", "index_entry", "sign_in_session", "sign_in_attempt"):
        op.drop_table(table, schema=SCHEMA)
    op.drop_table("password_link", schema=SCHEMA)
    op.drop_table("member", schema=SCHEMA)
