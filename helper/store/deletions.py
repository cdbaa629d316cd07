"""Deleting contacts with a way back.

Before anything goes, every row the deletion takes is copied into a snapshot: the contacts,
their own rows (emails, roles, categories and the like), their history, goal and event links,
follow-ups, drafts and duplicate decisions, and which merge records pointed at them. The
columns come from the models' foreign keys, so a table added later is copied too.
`restore_contacts` puts it all back, keeping the old ids where they are still free.

The caller keeps the snapshot with `keep_snapshot`, a private file in the data folder's
`deleted/` cleared after a day: people the user deleted do not linger in the store, its
backups or its JSON export.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import time
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Connection, Date, DateTime, Table, delete, insert, select, update
from sqlalchemy.orm import Session

from helper.db import count_change
from helper.db.models import Base, Contact
from helper.errors import OutreachError
from helper.private_files import FILE_MODE, private_folder
from helper.store.bulk import chunked
from helper.store.contact_rows import IDS_PER_QUERY

CONTACT = Contact.__table__
DELETED_FOLDER = "deleted"
KEPT_SECONDS = 24 * 60 * 60
_TOKEN = re.compile(r"[0-9a-f]{32}\Z")
# How a value that must be unique is named when another contact has taken it since.
_UNIQUE_WORDS = {
    "linkedin_url": "the LinkedIn URL",
    "email": "the email address",
    "source_ref": "the message",
}
Rows = list[dict[str, Any]]


def contact_references() -> list[tuple[Column, str | None]]:
    """Every column that points at a contact with what its deletion does to the row
    ("CASCADE" deletes it, "SET NULL" clears the column), parents' tables first."""
    return [
        (fk.parent, fk.ondelete)
        for table in Base.metadata.sorted_tables
        for fk in sorted(table.foreign_keys, key=lambda fk: fk.parent.name)
        if fk.column.table is CONTACT
    ]


def delete_contacts(session: Session, ids: Iterable[int]) -> dict[str, Any]:
    """Delete the contacts and everything that is theirs; returns the snapshot that brings
    them back, whose "count" says how many were deleted."""
    session.flush()
    ids = list(ids)
    # A write first: SQLite then lets no other connection write until the commit, so no row
    # can arrive between its table's copy and its deletion.
    count_change(session, ids)
    connection = session.connection()
    tables: dict[str, dict[int, dict[str, Any]]] = {}
    cleared: dict[str, list[list[int]]] = {}
    for chunk in chunked(ids):
        for column, ondelete in contact_references():
            table = column.table
            if ondelete == "SET NULL":
                pairs = connection.execute(select(table.c.id, column).where(column.in_(chunk)))
                cleared.setdefault(_name(column), []).extend([list(pair) for pair in pairs])
                connection.execute(update(table).where(column.in_(chunk)).values({column: None}))
                continue
            _copy(connection, table, column, chunk, tables)
            connection.execute(delete(table).where(column.in_(chunk)))
        _copy(connection, CONTACT, CONTACT.c.id, chunk, tables)
        connection.execute(delete(CONTACT).where(CONTACT.c.id.in_(chunk)))
    session.expire_all()
    return {
        "count": len(tables.get(CONTACT.name, {})),
        "tables": {name: list(rows.values()) for name, rows in tables.items()},
        "cleared": cleared,
    }


def _name(column: Column) -> str:
    return f"{column.table.name}.{column.name}"


def _copy(connection: Connection, table: Any, column: Column, chunk: list[int], into: dict) -> None:
    """The rows of `table` whose `column` is in `chunk`, as JSON-ready data by row id."""
    rows = into.setdefault(table.name, {})
    for row in connection.execute(select(table).where(column.in_(chunk))).mappings():
        rows[row["id"]] = {
            key: value.isoformat() if isinstance(value, date | datetime) else value
            for key, value in row.items()
        }


def restore_contacts(session: Session, snapshot: dict[str, Any]) -> int:
    """Put the snapshot's contacts back with their rows; returns how many. Refused, with
    nothing written, when another contact took a value that must be unique (an email, a
    LinkedIn URL, a message) since. A link to a goal or event deleted since stays deleted."""
    count_change(session)  # first, as in `delete_contacts`, so the checks below stay true
    connection = session.connection()
    tables = {
        name: [_decoded(Base.metadata.tables[name], row) for row in rows]
        for name, rows in snapshot["tables"].items()
    }
    _refuse_taken(connection, tables)
    new_ids = _restore_contact_rows(connection, tables.get(CONTACT.name, []))
    for table in Base.metadata.sorted_tables:
        if table is not CONTACT and tables.get(table.name):
            rows = _relinked(connection, table, tables[table.name], new_ids)
            _insert_keeping_ids(connection, table, rows)
    for name, pairs in snapshot["cleared"].items():
        table_name, column_name = name.split(".")
        table = Base.metadata.tables[table_name]
        for row_id, contact_id in pairs:
            connection.execute(
                update(table)
                .where(table.c.id == row_id, table.c[column_name].is_(None))
                .values({column_name: new_ids[contact_id]})
            )
    session.expire_all()
    return len(new_ids)


def _decoded(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    values = dict(row)
    for column in table.columns:
        value = values.get(column.name)
        if isinstance(value, str) and isinstance(column.type, DateTime):
            values[column.name] = datetime.fromisoformat(value)
        elif isinstance(value, str) and isinstance(column.type, Date):
            values[column.name] = date.fromisoformat(value)
    return values


def _existing(connection: Connection, column: Any, values: Iterable[Any]) -> set[Any]:
    found: set[Any] = set()
    wanted = [value for value in set(values) if value is not None]
    for start in range(0, len(wanted), IDS_PER_QUERY):
        chunk = wanted[start : start + IDS_PER_QUERY]
        found.update(connection.scalars(select(column).where(column.in_(chunk))))
    return found


def _refuse_taken(connection: Connection, tables: dict[str, Rows]) -> None:
    for name, rows in tables.items():
        table = Base.metadata.tables[name]
        for column in (c for c in table.columns if c.unique):
            taken = _existing(connection, column, (row.get(column.name) for row in rows))
            if taken:
                value = min(taken)
                holder = _holder(connection, table, column, value)
                what = _UNIQUE_WORDS.get(column.name, column.name.replace("_", " "))
                raise OutreachError(
                    f"nothing was restored: {what} {value} now belongs to {holder}, stored "
                    f"after the deletion; merge or delete {holder}, then undo again"
                )


def _holder(connection: Connection, table: Table, column: Column, value: Any) -> str:
    """The name of the contact who holds `value` now."""
    statement = select(CONTACT.c.name).where(column == value)
    if table is not CONTACT:
        statement = statement.join_from(table, CONTACT, table.c.contact_id == CONTACT.c.id)
    return connection.scalar(statement.limit(1)) or "another contact"


def _restore_contact_rows(connection: Connection, rows: Rows) -> dict[int, int]:
    """The contacts inserted again; returns each old id with the id it has now (a new one
    where SQLite gave the old id to a newer contact)."""
    taken = _existing(connection, CONTACT.c.id, (row["id"] for row in rows))
    free = [row for row in rows if row["id"] not in taken]
    if free:
        connection.execute(insert(CONTACT), free)
    new_ids = {row["id"]: row["id"] for row in free}
    for row in rows:
        if row["id"] in taken:
            values = {key: value for key, value in row.items() if key != "id"}
            inserted = connection.execute(insert(CONTACT).values(values))
            new_ids[row["id"]] = inserted.inserted_primary_key[0]
    return new_ids


def _relinked(connection: Connection, table: Table, rows: Rows, new_ids: dict[int, int]) -> Rows:
    """The rows pointed at what exists now: restored contacts by their new ids; a row whose
    goal, event or other contact is gone loses that link, or is dropped if it needs it."""
    for fk in sorted(table.foreign_keys, key=lambda fk: fk.parent.name):
        name = fk.parent.name
        wanted = {row[name] for row in rows} - {None}
        restored = new_ids if fk.column.table is CONTACT else {}
        mapping = {old: restored[old] for old in wanted if old in restored}
        mapping |= {same: same for same in _existing(connection, fk.column, wanted - set(mapping))}
        kept = []
        for row in rows:
            if row[name] in mapping or row[name] is None or fk.parent.nullable:
                kept.append(row | {name: mapping.get(row[name])})
        rows = kept
    return rows


def _insert_keeping_ids(connection: Connection, table: Table, rows: Rows) -> None:
    taken = _existing(connection, table.c.id, (row["id"] for row in rows))
    same = [row for row in rows if row["id"] not in taken]
    fresh = [{k: v for k, v in row.items() if k != "id"} for row in rows if row["id"] in taken]
    for group in (same, fresh):
        if group:
            connection.execute(insert(table), group)


def keep_snapshot(data_dir: Path, snapshot: dict[str, Any]) -> str:
    """Write the snapshot to a file only its owner can read; returns the token that finds it.
    Snapshots older than a day are cleared first."""
    folder = private_folder(data_dir / DELETED_FOLDER)
    for old in folder.glob("*.json"):
        if time.time() - old.stat().st_mtime > KEPT_SECONDS:
            old.unlink(missing_ok=True)
    token = secrets.token_hex(16)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    with os.fdopen(os.open(folder / f"{token}.json", flags, FILE_MODE), "w") as handle:
        json.dump(snapshot, handle, separators=(",", ":"))
        handle.flush()
        os.fsync(handle.fileno())  # on disk before the deletion it undoes is committed
    return token


def snapshot_kept(data_dir: Path, token: str) -> bool:
    """Whether the token's snapshot is still there to restore (not restored, not a day old)."""
    path = _snapshot_path(data_dir, token)
    if path is None or not path.is_file():
        return False
    if time.time() - path.stat().st_mtime > KEPT_SECONDS:
        path.unlink(missing_ok=True)
        return False
    return True


def kept_snapshot(data_dir: Path, token: str) -> dict[str, Any] | None:
    """The snapshot the token names, or None once it is cleared."""
    if not snapshot_kept(data_dir, token):
        return None
    return json.loads((data_dir / DELETED_FOLDER / f"{token}.json").read_text(encoding="utf-8"))


def forget_snapshot(data_dir: Path, token: str) -> None:
    path = _snapshot_path(data_dir, token)
    if path is not None:
        path.unlink(missing_ok=True)


def _snapshot_path(data_dir: Path, token: str) -> Path | None:
    """The token's file; None for anything but a token `keep_snapshot` could have made."""
    if not _TOKEN.match(token):
        return None
    return data_dir / DELETED_FOLDER / f"{token}.json"
