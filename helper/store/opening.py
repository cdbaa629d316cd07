"""Opening a store: the one way in, for the pages, the commands and the tests alike."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, make_url
from sqlalchemy.exc import DatabaseError

from helper.config import DEFAULT_BUSY_TIMEOUT_MS, database_url
from helper.db import (
    Store,
    make_engine,
    make_session_factory,
    upgrade_to_head,
)
from helper.errors import StoreUnavailable
from helper.private_files import create_private_file, keep_data_folder_private
from helper.store.backup import automatic_backup
from helper.store.imports.runs import recover_interrupted_runs


def open_store(
    data_dir: Path,
    *,
    url: str | None = None,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    schema: str | None = None,
) -> Store:
    """The store in `data_dir` (or at `url`), its schema upgraded to the newest revision and
    any import a crash interrupted taken back. `schema` names a team member's book in a
    PostgreSQL team database, made on first use."""
    keep_data_folder_private(data_dir)
    url = url or database_url(data_dir)
    database = make_url(url).database
    if url.startswith("sqlite") and database and database != ":memory:":
        create_private_file(Path(database))
    engine = make_engine(url, busy_timeout_ms=busy_timeout_ms, schema=schema)
    try:
        if schema is not None:
            with engine.begin() as connection:
                connection.exec_driver_sql(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        upgrade_to_head(engine, before_migrating=_backup_before_migrating(engine, data_dir))
    # DatabaseError, not only OperationalError: a file that is no SQLite database at all
    # raises the former, and deserves the same one line as a server that cannot be reached.
    except DatabaseError as error:
        engine.dispose()
        raise unavailable(url, error) from error
    store = Store(engine, make_session_factory(engine, data_dir), data_dir)
    recover_interrupted_runs(store)
    return store


def unavailable(url: str, error: DatabaseError) -> StoreUnavailable:
    """One line naming the database (password hidden) and the server's first reason."""
    reason = next(iter(str(error.orig or error).splitlines()), "no reason given")
    return StoreUnavailable(f"The database at {make_url(url)!s} cannot be used: {reason.strip()}")


def _backup_before_migrating(engine: Engine, data_dir: Path) -> Callable[[str], object] | None:
    """A copy in `<data dir>/backups/` before the schema changes; SQLite only, since other
    databases are backed up with their own tools."""
    if engine.dialect.name != "sqlite":
        return None
    return lambda revision: automatic_backup(engine, data_dir, f"before-upgrade-from-{revision}")
