"""Alembic environment of the team schema: members, sign-in and the team index. Its version
table lives in the schema itself, apart from any book's."""

from __future__ import annotations

from alembic import context

from helper.db.engine import migrating_engine
from helper.db.team_models import TEAM_SCHEMA, TeamBase

config = context.config


def run_migrations_online() -> None:
    with migrating_engine(config).connect() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA IF NOT EXISTS {TEAM_SCHEMA}")
        context.configure(
            connection=connection,
            target_metadata=TeamBase.metadata,
            version_table_schema=TEAM_SCHEMA,
            include_schemas=True,
            include_name=lambda name, kind, _parents: kind != "schema" or name == TEAM_SCHEMA,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
