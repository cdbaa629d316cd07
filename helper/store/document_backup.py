"""Backups of a store on PostgreSQL: the store's JSON document, written from one snapshot and
restored in one transaction. A SQLite store is copied as a file instead (`backup`); a team
server's administrator may also use PostgreSQL's own tools, which this does not replace.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from helper.db import Store, begin_read_snapshot, make_session_factory
from helper.errors import ImportRefused, RestoreRefused
from helper.private_files import replaced_whole
from helper.store.json_document import document_chunks

DOCUMENT_SUFFIX = ".json"


def write_document_backup(engine: Engine, destination: Path) -> Path:
    """Every table as of one moment, to `destination` atomically (a temporary file, then a
    rename), readable by its owner only."""
    with (
        replaced_whole(destination) as partial,
        Session(engine) as session,
        partial.open("w", encoding="utf-8") as handle,
    ):
        begin_read_snapshot(session)
        for chunk in document_chunks(session):
            handle.write(chunk)
    return destination


def restore_document_backup(engine: Engine, data_dir: Path, backup_file: Path) -> None:
    """The store's content replaced by the document in `backup_file`, in one transaction: a
    refusal or a failure leaves the store as it was."""
    # Loaded here, for a restore only: every store open imports this module (through
    # `backup`), and the restore code with its summaries and time zones cost it 3 ms.
    from helper.store.imports.json_restore import restore_json_file

    store = Store(engine, make_session_factory(engine, data_dir), data_dir)
    try:
        restore_json_file(store, backup_file, replace=True)
    except ImportRefused as refusal:
        raise RestoreRefused(
            f"{backup_file} is not a backup this store can restore: {refusal}"
        ) from refusal
