"""Team mode's layout in one PostgreSQL database: the schema `team` (members, sign-in, the team
index) and one schema per member holding their book, with the same tables and revisions as a
single user's store. A book's engine sees its own schema alone (`make_engine(schema=…)`), so
privacy does not depend on every query remembering a filter."""

from __future__ import annotations

import re

from sqlalchemy import Engine, inspect

from helper.db.engine import alembic_config
from helper.db.team_models import TEAM_SCHEMA
from helper.errors import TeamModeUnavailable
from helper.resources import TEAM_MIGRATIONS_DIR, head_in_scripts

BOOK_PREFIX = "book_"
_BOOK_SCHEMA = re.compile(rf"^{BOOK_PREFIX}(\d+)$")


def book_schema(member_id: int) -> str:
    return f"{BOOK_PREFIX}{int(member_id)}"


def require_team_database(engine: Engine) -> None:
    """Team mode needs schemas, so PostgreSQL; SQLite is one person's file."""
    if engine.dialect.name != "postgresql":
        raise TeamModeUnavailable(
            "Team mode needs a PostgreSQL database: set DATABASE_URL to "
            "postgresql+psycopg://USER:PASSWORD@HOST/DATABASE (SQLite is a single person's "
            "store; it keeps working without --team)."
        )


def is_team_database(engine: Engine) -> bool:
    """Whether the team schema was set up in this database (`db upgrade --team`)."""
    if engine.dialect.name != "postgresql":
        return False
    with engine.connect() as connection:
        return inspect(connection).has_table("member", schema=TEAM_SCHEMA)


def upgrade_team_schema(engine: Engine) -> None:
    """Create or bring the team schema to its newest revision; a current one is left without
    loading Alembic, as a single store is (every command on a team database opens it)."""
    require_team_database(engine)
    head = head_in_scripts(TEAM_MIGRATIONS_DIR)
    if head is not None and _stored_team_revision(engine) == head:
        return
    from alembic import command  # loaded only when the team schema changes

    config = alembic_config(engine)
    config.set_main_option("script_location", str(TEAM_MIGRATIONS_DIR))
    command.upgrade(config, "head")


def _stored_team_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version", schema=TEAM_SCHEMA):
            return None
        versions = connection.exec_driver_sql(
            f"SELECT version_num FROM {TEAM_SCHEMA}.alembic_version"
        ).all()
    return versions[0][0] if len(versions) == 1 else None


def drop_book_schema(engine: Engine, member_id: int) -> None:
    """Delete a member's whole book: every table of their schema."""
    with engine.begin() as connection:
        connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {book_schema(member_id)} CASCADE")


def book_member_ids(engine: Engine) -> list[int]:
    """The members who have a book in this database."""
    with engine.connect() as connection:
        names = inspect(connection).get_schema_names()
    return sorted(int(match[1]) for name in names if (match := _BOOK_SCHEMA.match(name)))
