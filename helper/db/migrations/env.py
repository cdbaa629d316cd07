"""Alembic environment: runs on the application's own engine (or the configured URL)."""

from __future__ import annotations

from alembic import context

from helper.db.engine import migrating_engine
from helper.db.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    with migrating_engine(config).connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
