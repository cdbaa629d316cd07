"""Backups with SQLite's online backup API: consistent even while the server writes."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from helper.db import known_revisions, upgrade_to_head
from helper.errors import RestoreRefused

SQLITE_MAGIC = b"SQLite format 3\x00"
REQUIRED_TABLES = frozenset({"alembic_version", "me", "contact", "contact_email", "interaction"})
KEEP_AUTOMATIC_BACKUPS = 10


def sqlite_path(engine: Engine) -> Path:
    if engine.dialect.name != "sqlite" or not engine.url.database:
        raise RestoreRefused(
            "backup and restore work on the SQLite store; for another database "
            f"({engine.dialect.name}) use that database's own backup tools"
        )
    return Path(engine.url.database)


def backup_to(engine: Engine, destination: Path) -> Path:
    """Copy the live store to `destination` atomically (a temporary file, then a rename)."""
    source_path = sqlite_path(engine)
    destination = destination.expanduser().resolve()
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    with (
        contextlib.closing(sqlite3.connect(source_path)) as source,
        contextlib.closing(sqlite3.connect(partial)) as target,
    ):
        source.backup(target)
    os.replace(partial, destination)
    return destination


def check_backup_file(path: Path) -> str:
    """The schema revision of a backup file, or RestoreRefused saying why it is not one."""
    if not path.is_file():
        raise RestoreRefused(f"{path} does not exist or is not a file")
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise RestoreRefused(f"{path} is not a SQLite database, so not a backup of this store")
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            missing = REQUIRED_TABLES - tables
            if missing:
                raise RestoreRefused(
                    f"{path} is a SQLite database but not an Outreach Helper backup "
                    f"(missing tables: {', '.join(sorted(missing))})"
                )
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise RestoreRefused(f"{path} is damaged: SQLite's integrity check failed")
    except sqlite3.DatabaseError as exc:
        raise RestoreRefused(f"{path} cannot be read as a database: {exc}") from exc
    if revision is None or revision[0] not in known_revisions():
        raise RestoreRefused(
            f"{path} was made by a version of Outreach Helper this one does not know "
            f"(schema revision {revision[0] if revision else 'none'})"
        )
    return revision[0]


def automatic_backup(engine: Engine, data_dir: Path, reason: str) -> Path:
    """A dated copy in `<data dir>/backups/`, keeping the newest ten."""
    folder = data_dir / "backups"
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = backup_to(engine, folder / f"{stamp}-{reason}.sqlite3")
    for old in sorted(folder.glob("*.sqlite3"))[:-KEEP_AUTOMATIC_BACKUPS]:
        old.unlink()
    return path


def restore_from(engine: Engine, data_dir: Path, backup_file: Path) -> Path:
    """Replace the store's content with `backup_file`; the current content is backed up first.

    Returns the path of that safety backup.
    """
    check_backup_file(backup_file)
    safety = automatic_backup(engine, data_dir, "before-restore")
    engine.dispose()
    with (
        contextlib.closing(sqlite3.connect(backup_file)) as source,
        contextlib.closing(sqlite3.connect(sqlite_path(engine))) as target,
    ):
        source.backup(target)
    upgrade_to_head(engine)
    return safety
