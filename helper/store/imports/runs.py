"""The import history: one `ImportRun` row per file, and taking back runs a crash interrupted."""

from __future__ import annotations

import os
import time

from sqlalchemy import select
from sqlalchemy.orm import Session

from helper.db import Store, transaction
from helper.db.models import ImportRun, utcnow
from helper.errors import NotFound
from helper.store.imports.publish import discard_run


def earlier_identical_run(store: Store, digest: str) -> ImportRun | None:
    with store.sessions() as session:
        return session.scalar(
            select(ImportRun)
            .where(ImportRun.sha256 == digest, ImportRun.status == "done")
            .order_by(ImportRun.id)
            .limit(1)
        )


def record_run(store: Store, name: str, digest: str, fmt: str, status: str, message: str) -> int:
    with transaction(store.sessions) as session:
        run = ImportRun(file_name=name, sha256=digest, format=fmt, status=status, message=message)
        if status == "running":
            run.pid = os.getpid()
        else:
            run.finished_at = utcnow()
        session.add(run)
        session.flush()
        return run.id


def finish_failed_run(
    store: Store, run_id: int, status: str, message: str, fmt: str, started: float
) -> None:
    with transaction(store.sessions) as session:
        run = session.get(ImportRun, run_id)
        run.status, run.message, run.format = status, message, fmt
        run.finished_at = utcnow()
        run.seconds = time.monotonic() - started


INTERRUPTED = (
    "The import stopped before it finished (the program was closed or crashed); "
    "nothing of it was kept. Import the file again."
)


def _process_alive(pid: int | None) -> bool:
    if pid is None:
        return False
    if pid == os.getpid():
        return True  # a run in a thread of this very process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True


def recover_interrupted_runs(store: Store) -> list[int]:
    """Take back runs whose process died mid-import: their committed batches are deleted and
    the run is marked failed. Returns the ids of the runs recovered."""
    with store.sessions() as session:
        running = session.execute(
            select(ImportRun.id, ImportRun.pid).where(ImportRun.status == "running")
        ).all()
    dead = [run_id for run_id, pid in running if not _process_alive(pid)]
    for run_id in dead:
        discard_run(store, run_id)
        with transaction(store.sessions) as session:
            run = session.get(ImportRun, run_id)
            run.status, run.message, run.finished_at = "failed", INTERRUPTED, utcnow()
    return dead


def list_runs(session: Session, *, limit: int = 100) -> list[ImportRun]:
    """Past and running imports, newest first."""
    return list(session.scalars(select(ImportRun).order_by(ImportRun.id.desc()).limit(limit)))


def get_run(session: Session, run_id: int) -> ImportRun:
    run = session.get(ImportRun, run_id)
    if run is None:
        raise NotFound(f"There is no import number {run_id}.")
    return run
