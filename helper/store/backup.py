"""Backups with SQLite's online backup API: consistent even while the server writes. A store on
PostgreSQL is backed up as its JSON document instead (`document_backup`).

A restore trusts nothing in the file but its data: the file is copied aside, brought to the
newest schema there and compared with a new empty store's schema (tables, columns, indexes);
a trigger, a view or anything extra or missing refuses it before the live store is touched.
"""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from helper.db import (
    change_count,
    count_store_replaced,
    known_revisions,
    make_engine,
    upgrade_to_head,
)
from helper.errors import RestoreRefused
from helper.private_files import private_folder, replaced_whole
from helper.store.document_backup import (
    DOCUMENT_SUFFIX,
    restore_document_backup,
    write_document_backup,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
SQLITE_SUFFIX = ".sqlite3"
REQUIRED_TABLES = frozenset({"alembic_version", "me", "contact", "contact_email", "interaction"})
KEEP_AUTOMATIC_BACKUPS = 10
BACKUPS_FOLDER = "backups"
# The schema objects a store has; a trigger or a view would run the file's own SQL inside the
# live store (one that deletes every interaction on the next save was seen).
SCHEMA_KINDS = frozenset({"table", "index"})
SHOWN_DIFFERENCES = 3


def sqlite_path(engine: Engine) -> Path:
    if engine.dialect.name != "sqlite" or not engine.url.database:
        raise RestoreRefused(
            "backup and restore work on the SQLite store; for another database "
            f"({engine.dialect.name}) use that database's own backup tools"
        )
    return Path(engine.url.database)


def backup_to(engine: Engine, destination: Path) -> Path:
    """Copy the live store to `destination` atomically (a temporary file, then a rename)."""
    destination = destination.expanduser().resolve()
    destination.parent.mkdir(parents=True, exist_ok=True)
    if _is_postgresql(engine):
        return write_document_backup(engine, destination)
    source_path = sqlite_path(engine)
    # A copy of the whole book: its owner's alone, from the start.
    with replaced_whole(destination) as partial:
        _copy_database(source_path, partial)
        _without_write_ahead_log(partial)
    return destination


def _without_write_ahead_log(path: Path) -> None:
    """A backup stays one file: the copy keeps the store's WAL mode, in which merely reading
    it (a restore, a check) leaves `-wal` and `-shm` files beside it in `backups/`."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")


def _copy_database(source_path: Path, target_path: Path, *, read_only: bool = False) -> None:
    """Copy with SQLite's backup API; a file that is not the store's own (`read_only`) is
    never written to."""
    opened = _read_only(source_path) if read_only else sqlite3.connect(source_path)
    with (
        contextlib.closing(opened) as source,
        contextlib.closing(sqlite3.connect(target_path)) as target,
    ):
        source.backup(target)


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def check_backup_file(path: Path) -> str:
    """The schema revision of a backup file, or RestoreRefused saying why it is not one."""
    if not path.is_file():
        raise RestoreRefused(f"{path} does not exist or is not a file")
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise RestoreRefused(f"{path} is not a SQLite database, so not a backup of this store")
    try:
        with contextlib.closing(_read_only(path)) as conn:
            revision = _checked_contents(conn, path)
    except sqlite3.DatabaseError as exc:
        raise RestoreRefused(f"{path} cannot be read as a database: {exc}") from exc
    if revision is None or revision[0] not in known_revisions():
        raise RestoreRefused(
            f"{path} was made by a version of Outreach Helper this one does not know "
            f"(schema revision {revision[0] if revision else 'none'})"
        )
    return revision[0]


def _checked_contents(conn: sqlite3.Connection, path: Path) -> tuple[str] | None:
    """The stored revision row, once the file holds our tables, no code and no damage."""
    entries = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
    missing = REQUIRED_TABLES - {name for _kind, name in entries}
    if missing:
        raise RestoreRefused(
            f"{path} is a SQLite database but not an Outreach Helper backup "
            f"(missing tables: {', '.join(sorted(missing))})"
        )
    for kind, name in entries:
        if kind not in SCHEMA_KINDS:
            raise RestoreRefused(
                f"{path} holds a {kind} ({name}), which no backup of this store has, so it "
                "was refused"
            )
    revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
        raise RestoreRefused(f"{path} is damaged: SQLite's integrity check failed")
    return revision


def schema_of(path: Path) -> dict[str, str]:
    """Each table, column and index of a database by a readable name, with what it is.

    Column order and defaults are left out: a store upgraded by Alembic has its added columns
    last and some defaults spelled differently from a new store, and both are the same schema.
    """
    schema: dict[str, str] = {}
    with contextlib.closing(_read_only(path)) as conn:
        entries = conn.execute("SELECT type, name, tbl_name FROM sqlite_master").fetchall()
        for kind, name, table in entries:
            if kind == "table":
                schema[f"table {name}"] = "a table"
                schema.update(_columns_of(conn, name))
            elif kind == "index":
                schema[f"index {name}"] = _index_of(conn, name, table)
            else:
                schema[f"{kind} {name}"] = f"a {kind} on {table}"
    return schema


def _columns_of(conn: sqlite3.Connection, table: str) -> dict[str, str]:
    columns = {}
    for _cid, name, kind, notnull, _default, pk in conn.execute(
        "SELECT * FROM pragma_table_info(?)", (table,)
    ):
        flags = [kind or "untyped", "NOT NULL" if notnull else "", "PRIMARY KEY" if pk else ""]
        columns[f"column {table}.{name}"] = " ".join(flag for flag in flags if flag)
    return columns


def _index_of(conn: sqlite3.Connection, index: str, table: str) -> str:
    unique = any(
        row[1] == index and row[2]
        for row in conn.execute("SELECT * FROM pragma_index_list(?)", (table,))
    )
    columns = [row[2] for row in conn.execute("SELECT * FROM pragma_index_info(?)", (index,))]
    return f"{'unique ' if unique else ''}on {table} ({', '.join(map(str, columns))})"


def schema_differences(found: dict[str, str], expected: dict[str, str]) -> list[str]:
    """What `found` lacks, has beyond `expected`, or has otherwise, one phrase each."""
    lacking = [f"it lacks {name}" for name in expected if name not in found]
    extra = [
        f"it has {name}, which this version does not" for name in found if name not in expected
    ]
    changed = [
        f"its {name} is {found[name]} where this version has {expected[name]}"
        for name in found
        if name in expected and found[name] != expected[name]
    ]
    return lacking + extra + changed


def automatic_backup(engine: Engine, data_dir: Path, reason: str) -> Path:
    """A dated copy in `<data dir>/backups/`, keeping the newest ten."""
    folder = private_folder(data_dir / BACKUPS_FOLDER)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    suffix = DOCUMENT_SUFFIX if _is_postgresql(engine) else SQLITE_SUFFIX
    path = backup_to(engine, folder / f"{stamp}-{reason}{suffix}")
    for old in sorted(folder.glob(f"*{suffix}"))[:-KEEP_AUTOMATIC_BACKUPS]:
        old.unlink()
    return path


def backups_in(data_dir: Path) -> list[Path]:
    """The backups kept in `<data dir>/backups/`, newest first (their names start with the
    time they were taken)."""
    folder = data_dir / BACKUPS_FOLDER
    found = [*folder.glob(f"*{SQLITE_SUFFIX}"), *folder.glob(f"*{DOCUMENT_SUFFIX}")]
    return sorted(found, key=lambda path: path.name, reverse=True)


def restore_from(engine: Engine, data_dir: Path, backup_file: Path) -> Path:
    """Replace the store's content with `backup_file`; the current content is backed up first.

    The file is brought to the newest schema and checked in a copy, so a refused or failed
    restore leaves the store as it was. Returns the path of the safety backup. On PostgreSQL
    the file is a JSON document, restored in one transaction.
    """
    if _is_postgresql(engine):
        safety = automatic_backup(engine, data_dir, "before-restore")
        restore_document_backup(engine, data_dir, backup_file)
        return safety
    live = sqlite_path(engine)
    check_backup_file(backup_file)
    previous = _change_count(engine)
    with tempfile.TemporaryDirectory(prefix="restore-", dir=data_dir) as folder:
        prepared = _verified_copy(backup_file, Path(folder))
        safety = automatic_backup(engine, data_dir, "before-restore")
        engine.dispose()
        try:
            _copy_database(prepared, live)
            upgrade_to_head(engine)
            _count_replacement(engine, previous)
        except BaseException:
            _put_file_back(engine, safety, previous)
            raise
    return safety


def put_back(engine: Engine, data_dir: Path, safety: Path) -> None:
    """Make the live store what `safety`, a backup of it, holds again; the pooled connections
    are closed first, since they may hold the content being replaced."""
    if _is_postgresql(engine):
        engine.dispose()
        restore_document_backup(engine, data_dir, safety)
    else:
        _put_file_back(engine, safety, _change_count(engine))


def _put_file_back(engine: Engine, safety: Path, previous: int) -> None:
    engine.dispose()
    _copy_database(safety, sqlite_path(engine), read_only=True)
    _count_replacement(engine, previous)


def _change_count(engine: Engine) -> int:
    with Session(engine) as session:
        return change_count(session)


def _count_replacement(engine: Engine, previous: int) -> None:
    """The caches keyed by the change counter (matching, contact order) must not take the
    copied-back content for the one they saw (`count_store_replaced`)."""
    with Session(engine) as session, session.begin():
        count_store_replaced(session, previous)


def _is_postgresql(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def _verified_copy(backup_file: Path, folder: Path) -> Path:
    """A copy of the backup at the newest schema, once that schema is exactly a new store's."""
    copy = folder / "restored.sqlite3"
    _copy_database(backup_file, copy, read_only=True)
    try:
        _bring_to_head(copy)
    # A migration meeting a schema it did not write can fail in any way; each is a refusal.
    except Exception as error:
        reason = next(iter(str(error).splitlines()), type(error).__name__)
        raise RestoreRefused(
            f"{backup_file} cannot be brought to this version's schema ({reason})"
        ) from error
    expected = folder / "expected.sqlite3"
    _bring_to_head(expected)
    differences = schema_differences(schema_of(copy), schema_of(expected))
    if differences:
        shown = "; ".join(differences[:SHOWN_DIFFERENCES])
        more = len(differences) - SHOWN_DIFFERENCES
        raise RestoreRefused(
            f"{backup_file} does not have the schema of an Outreach Helper backup: {shown}"
            + (f" (and {more} more differences)" if more > 0 else "")
        )
    return copy


def _bring_to_head(path: Path) -> None:
    """The database at `path` upgraded to the newest schema; a missing file becomes a new store."""
    engine = make_engine(f"sqlite:///{path}")
    try:
        upgrade_to_head(engine)
    finally:
        engine.dispose()
