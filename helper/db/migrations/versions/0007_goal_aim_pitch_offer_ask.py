"""goals say what drafts say: aim, pitch, offer and ask

A goal's keywords were stitched into drafts as prose ("I work on procurement and buyer"). A goal
now carries its aim in the user's words and, optionally, its own pitch, offer and ask. Each
existing goal gets an aim suggested from its title and purpose, marked unchecked so the goal's
form asks the user to check it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from helper.drafting.aims import suggest_aim

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.add_column(sa.Column("aim", sa.String(300), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("aim_checked", sa.Boolean(), nullable=False, server_default="1")
        )
        for name in ("pitch", "offer", "ask"):
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=False, server_default=""))
    goal = sa.table(
        "goal",
        sa.column("id", sa.Integer),
        sa.column("title", sa.String),
        sa.column("purpose", sa.String),
        sa.column("aim", sa.String),
        sa.column("aim_checked", sa.Boolean),
    )
    connection = op.get_bind()
    for goal_id, title, purpose in connection.execute(
        sa.select(goal.c.id, goal.c.title, goal.c.purpose)
    ):
        connection.execute(
            goal.update()
            .where(goal.c.id == goal_id)
            .values(aim=suggest_aim(purpose or "", title or ""), aim_checked=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("goal", schema=None) as batch_op:
        for name in ("ask", "offer", "pitch", "aim_checked", "aim"):
            batch_op.drop_column(name)
