"""The import history: one `ImportRun` row per file, and taking back runs a crash interrupted."""

from __future__ import annotations

import threading
import time

from sqlalchemy import select
from sqlalchemy.orm import Session

from helper.db import Store, transaction
from helper.db.models import Contact, ImportRun, Interaction, utcnow
from helper.errors import NotFound
from helper.store.backup import automatic_backup
from helper.store.imports.run_locks import RunLock
from helper.store.imports.summary import ImportSummary
from helper.store.imports.undo import discard_run

RECOVERY_CHECK_S = 5.0  # one query per interval; an undo soon after the crash, not at once


def earlier_identical_run(store: Store, digest: str) -> ImportRun | None:
    with store.sessions() as session:
        return session.scalar(
            select(ImportRun)
            .where(ImportRun.sha256 == digest, ImportRun.status == "done")
            .order_by(ImportRun.id)
            .limit(1)
        )


def record_run(
    store: Store, name: str, digest: str, fmt: str, status: str, message: str, lock_name: str = ""
) -> int:
    with transaction(store.sessions) as session:
        run = ImportRun(file_name=name, sha256=digest, format=fmt, status=status, message=message)
        if status == "running":
            run.lock_name = lock_name
        else:
            run.finished_at = utcnow()
        session.add(run)
        session.flush()
        return run.id


def identical_message(earlier: ImportRun) -> str:
    return (
        f"This file is identical to the one imported on "
        f"{earlier.finished_at:%d %b %Y at %H:%M} (import {earlier.id}); nothing was added."
    )


def finish_identical_run(
    store: Store, run_id: int, earlier: ImportRun, summary: ImportSummary
) -> None:
    """A run found identical to `earlier` once its file was hashed: nothing was written."""
    summary.message, summary.format = identical_message(earlier), earlier.format
    with transaction(store.sessions) as session:
        run = session.get_one(ImportRun, run_id)
        run.sha256, run.status, run.format = earlier.sha256, "identical", earlier.format
        run.message, run.finished_at = summary.message, utcnow()


def finish_failed_run(
    store: Store, run_id: int, status: str, message: str, fmt: str, started: float
) -> None:
    with transaction(store.sessions) as session:
        run = session.get_one(ImportRun, run_id)
        # A note the undo left (people kept) follows the reason; a cancel needs no reason.
        kept_note = run.message
        if status == "cancelled" and kept_note:
            message = ""
        run.message = " ".join(part for part in (message, kept_note) if part)
        run.status, run.format = status, fmt
        run.finished_at = utcnow()
        run.seconds = time.monotonic() - started


INTERRUPTED = (
    "The import stopped before it finished (the program was closed or crashed); "
    "nothing of it was kept. Import the file again."
)
PARTLY_KEPT = (
    "The import stopped before it finished (the program was closed or crashed) and was taken "
    "back, but for the people you had changed or linked since it began (a backup was made "
    "first: {backup}). Import the file again to add the rest."
)


def recover_interrupted_runs(store: Store) -> list[int]:
    """Take back runs whose process ended mid-import, after a backup: their rows are deleted
    but for contacts the user has made their own meanwhile. Returns the ids of the runs."""
    # The table's columns, not the mapped attributes: an ORM statement configures every
    # mapper first, 26 ms of each store open, which only a run found here needs.
    runs = ImportRun.__table__.c
    with store.sessions() as session:
        running = session.execute(
            select(runs.id, runs.lock_name).where(runs.status == "running")
        ).all()
    recovered = []
    for run_id, lock_name in running:
        # A run without a lock name was started by a version that recorded process ids.
        lock = RunLock(store, lock_name) if lock_name else None
        if lock is not None and not lock.try_acquire():
            continue
        try:
            # Asked again with the lock held: the run may have finished, and let its lock go,
            # since it was read as running; a finished run's rows are the user's to keep.
            if not _still_running(store, run_id):
                continue
            _take_back(store, run_id)
        finally:
            if lock is not None:
                lock.release()
        recovered.append(run_id)
    return recovered


def _still_running(store: Store, run_id: int) -> bool:
    runs = ImportRun.__table__.c
    with store.sessions() as session:
        status = session.scalar(select(runs.status).where(runs.id == run_id))
    return status == "running"


class InterruptedRunWatch:
    """Takes back crashed runs while the service runs, checking at most every few seconds:
    an import another process was running (the CLI) may die at any time, and its rows should
    not wait for the next start."""

    def __init__(self, store: Store, every_s: float = RECOVERY_CHECK_S) -> None:
        self._store, self._every_s = store, every_s
        self._next_check = 0.0
        self._busy = threading.Lock()

    def check(self) -> None:
        now = time.monotonic()
        if now < self._next_check or not self._busy.acquire(blocking=False):
            return
        try:
            self._next_check = now + self._every_s
            recover_interrupted_runs(self._store)
        finally:
            self._busy.release()


def _take_back(store: Store, run_id: int) -> None:
    backup = _backup_before_undo(store, run_id) if _added_rows(store, run_id) else ""
    kept = discard_run(store, run_id)
    with transaction(store.sessions) as session:
        run = session.get_one(ImportRun, run_id)
        reason = PARTLY_KEPT.format(backup=backup) if kept else INTERRUPTED
        run.message = " ".join(part for part in (reason, run.message) if part)
        run.status = "partly_kept" if kept else "failed"
        run.finished_at = utcnow()


def _added_rows(store: Store, run_id: int) -> bool:
    with store.sessions() as session:
        return any(
            session.scalar(select(model.id).where(model.import_run_id == run_id).limit(1))
            for model in (Contact, Interaction)
        )


def _backup_before_undo(store: Store, run_id: int) -> str:
    """A copy of the store before anything is deleted: where it is."""
    return str(automatic_backup(store.engine, store.data_dir, f"before-undoing-import-{run_id}"))


def list_runs(session: Session, *, limit: int = 100) -> list[ImportRun]:
    """Past and running imports, newest first."""
    return list(session.scalars(select(ImportRun).order_by(ImportRun.id.desc()).limit(limit)))


def get_run(session: Session, run_id: int) -> ImportRun:
    run = session.get(ImportRun, run_id)
    if run is None:
        raise NotFound(f"There is no import number {run_id}.")
    return run
