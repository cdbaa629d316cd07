"""A current SQLite store read with the standard library's `sqlite3` alone.

Importing SQLAlchemy and the models is about a quarter of a second, several times what a short
command like `contacts --json` needs. A store that is already at the newest revision, with no
import a crash interrupted, needs nothing `opening.open_store` does on the way in (no
migration, no backup, no run to take back), so it is read here directly. Any other store, and
any error, is left to `open_store`: the caller gets None and takes the usual way, which
reports what is wrong in its own words.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any, TypeVar

from helper.config import DATABASE_FILE, DEFAULT_BUSY_TIMEOUT_MS, database_url
from helper.resources import head_in_scripts
from helper.store.contact_rows import RunQuery

T = TypeVar("T")


def read_current_store(data_dir: Path, reading: Callable[[RunQuery], T]) -> T | None:
    """What `reading` finds in the data folder's SQLite store, all of its statements seeing
    the store as of one moment; None when the store must be opened the usual way:
    `DATABASE_URL` names another database, the file is missing, its schema is not the newest,
    an import is marked running, or SQLite raised an error."""
    path = data_dir / DATABASE_FILE
    if database_url(data_dir) != f"sqlite:///{path}" or not path.is_file():
        return None
    try:
        # `mode=rw` never creates a file, and `query_only` refuses any write; not `mode=ro`,
        # whose connection cannot fold the write-ahead log back in, so the log file would
        # stay beside the store after the command. Autocommit, so the BEGIN below is ours.
        connection = sqlite3.connect(
            f"{path.as_uri()}?mode=rw",
            uri=True,
            timeout=DEFAULT_BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
        )
        with closing(connection):
            # One read transaction: a write the service commits meanwhile is seen by every
            # statement of the reading or by none.
            connection.execute("PRAGMA query_only = ON")
            connection.execute("BEGIN")
            return reading(_runner(connection)) if _is_current(connection) else None
    except sqlite3.Error:
        return None


def _is_current(connection: sqlite3.Connection) -> bool:
    head = head_in_scripts()
    stored = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    running = connection.execute(
        "SELECT 1 FROM import_run WHERE status = 'running' LIMIT 1"
    ).fetchall()
    return head is not None and stored == [(head,)] and not running


def _runner(connection: sqlite3.Connection) -> RunQuery:
    def run(statement: str, parameters: dict[str, Any]) -> Iterable[Sequence[Any]]:
        return connection.execute(statement, parameters)

    return run
