"""A JSON export on the import path: restored whole into an empty store, or in place of the
store's content when the user chose to replace it, each recorded as an import run. Into a store
that holds data nothing happens until the user chooses (`StoreHoldsData`); merging its contacts
is an ordinary import (`json_merge` reads them).

Replacing backs the store up into `<data folder>/backups/` first. The emptying and the restore
are one transaction, so a refusal (a row this version cannot read) rolls both back; any other
failure (a full disk, an I/O error) may leave the file in doubt, so the backup is copied back.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from helper.db import Store, transaction
from helper.db.models import ImportRun, utcnow
from helper.errors import ImportRefused, OutreachError
from helper.records import Format
from helper.store.backup import automatic_backup, put_back
from helper.store.imports.json_restore import held_data, restore_json_file
from helper.store.imports.summary import ExportChoice, ImportSummary, StoreHoldsData

BACKUP_REASON = "before-replacing-with-an-export"


def restore_unless_merging(
    store: Store,
    path: Path,
    name: str,
    digest: str,
    choice: ExportChoice | None,
    run_started: Callable[[int], None] | None = None,
) -> ImportSummary | None:
    """The restore's summary, or None when the export's contacts are to be merged by the
    caller's import path. StoreHoldsData, with nothing recorded, while the store holds data
    and the user has not chosen."""
    with store.sessions() as session:
        held = held_data(session)
    if held and choice is None:
        raise StoreHoldsData(held)
    if held and choice is ExportChoice.MERGE:
        return None
    started, started_at = time.monotonic(), utcnow()
    try:
        summary = _restored(store, path, name, replace=bool(held))
    except (OutreachError, OSError) as error:
        reason = str(error)
        if isinstance(error, OSError):
            reason = f"{name} could not be restored: {error.strerror or error}"
        failed = ImportSummary(
            file=name,
            format=Format.OUTREACH_JSON.value,
            message=reason,
            seconds=time.monotonic() - started,
        )
        run_id = _record(store, failed, digest, "failed", started_at)
        if run_started:
            run_started(run_id)
        if isinstance(error, OSError):
            raise ImportRefused(reason) from error
        raise
    summary.run_id = _record(store, summary, digest, "done", started_at)
    return summary


def _restored(store: Store, path: Path, name: str, *, replace: bool) -> ImportSummary:
    """The export restored; with `replace`, after a backup, which is put back on a failure
    the transaction's rollback may not have undone."""
    if not replace:
        return restore_json_file(store, path, display_name=name)
    backup = automatic_backup(store.engine, store.data_dir, BACKUP_REASON)
    try:
        summary = restore_json_file(store, path, display_name=name, replace=True)
    except ImportRefused:
        raise  # refused inside the transaction, so rolled back: the store is as it was
    except BaseException:
        put_back(store.engine, store.data_dir, backup)
        raise
    summary.message = (
        f"This store's content was replaced; it is backed up in {backup}. {summary.message}"
    )
    return summary


def _record(
    store: Store, summary: ImportSummary, digest: str, status: str, started_at: datetime
) -> int:
    """A finished run in the history; a restore has none while it runs, since the export's
    own history takes the ids."""
    with transaction(store.sessions) as session:
        run = ImportRun(
            file_name=summary.file,
            sha256=digest,
            format=summary.format,
            status=status,
            created=summary.created,
            interactions=summary.interactions,
            message=summary.message,
            seconds=summary.seconds,
            started_at=started_at,
            finished_at=utcnow(),
        )
        session.add(run)
        session.flush()
        return run.id
