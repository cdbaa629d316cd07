"""Imports running in the background of the server: one worker thread per job.

A request starts a job and returns at once; the progress page polls `ImportJob.snapshot()`.
The registry's lock guards only the job table and each job's small state, never a database
call, so reading progress never waits for an import. The import itself is
`pipeline.import_file`, which stages without writing and publishes in short batches.

Our own JSON export into a store that holds data ends its job waiting for the user's choice,
its upload kept; the choice starts a second job on the same upload (`ImportJobs.choose`).
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from helper.db import Store
from helper.errors import OutreachError
from helper.store.imports.pipeline import import_file
from helper.store.imports.summary import (
    ExportChoice,
    ImportCancelled,
    ImportProgress,
    ImportSummary,
    StoreHoldsData,
)

UPLOADS_FOLDER = "uploads"
# Finished jobs are kept so a page opened late still finds its result; the oldest go first.
KEPT_FINISHED_JOBS = 50
NOT_CHOSEN = "Nothing of this export was imported; your store is as it was."
Importer = Callable[..., ImportSummary]


@dataclass
class JobSnapshot:
    """What the progress page shows, copied under the job's lock."""

    id: str
    file_name: str
    status: str  # running, done, failed, cancelled; choice (waiting for one), chosen
    phase: str
    bytes_done: int
    bytes_total: int
    records: int
    saved: int
    save_total: int
    rate_per_s: float
    seconds_left: float | None
    run_id: int | None
    error: str
    next_job_id: str  # the job a choice started

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "file": self.file_name,
            "status": self.status,
            "phase": self.phase,
            "bytes_done": self.bytes_done,
            "bytes_total": self.bytes_total,
            "records": self.records,
            "saved": self.saved,
            "save_total": self.save_total,
            "rate_per_s": round(self.rate_per_s, 1),
            "seconds_left": None if self.seconds_left is None else round(self.seconds_left),
            "percent": self.percent,
            "run_id": self.run_id,
            "error": self.error,
        }

    @property
    def percent(self) -> int:
        """Reading counts for the first 90%, saving for the rest."""
        if self.status == "done":
            return 100
        read = self.bytes_done / self.bytes_total if self.bytes_total else 0.0
        saved = self.saved / self.save_total if self.save_total else 0.0
        share = 0.9 * read + 0.1 * saved if self.phase == "saving" else 0.9 * read
        return min(99, int(share * 100))


@dataclass
class ImportJob:
    id: str
    path: Path
    file_name: str
    cancel: threading.Event = field(default_factory=threading.Event)
    status: str = "running"
    phase: str = "starting"
    bytes_done: int = 0
    bytes_total: int = 0
    records: int = 0
    saved: int = 0
    save_total: int = 0
    started: float = field(default_factory=time.monotonic)
    summary: ImportSummary | None = None
    run_id: int | None = None
    error: str = ""
    export_choice: ExportChoice | None = None
    next_job_id: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def report(self, state: ImportProgress) -> None:
        """The import's progress callback (runs on the worker thread)."""
        with self._lock:
            self.phase = state.phase
            if state.phase == "saving":
                self.bytes_done = self.bytes_total
                self.saved, self.save_total = state.bytes_done, state.bytes_total
            else:
                self.bytes_done, self.bytes_total = state.bytes_done, state.bytes_total
                self.records = state.records

    def set_run(self, run_id: int) -> None:
        with self._lock:
            self.run_id = run_id

    def finish(self, status: str, summary: ImportSummary | None, error: str = "") -> None:
        with self._lock:
            self.status, self.summary, self.error = status, summary, error
            self.phase = status
            if status == "done":
                self.bytes_done, self.saved = self.bytes_total, self.save_total

    def end_wait(self, status: str, next_job_id: str = "") -> bool:
        """End the wait for a choice, once ("chosen" with the job it started, or "cancelled");
        False when the job is not waiting for one."""
        with self._lock:
            if self.status != "choice":
                return False
            self.status = self.phase = status
            self.next_job_id = next_job_id
            return True

    def snapshot(self) -> JobSnapshot:
        with self._lock:
            elapsed = max(time.monotonic() - self.started, 1e-6)
            return JobSnapshot(
                id=self.id,
                file_name=self.file_name,
                status=self.status,
                phase=self.phase,
                bytes_done=self.bytes_done,
                bytes_total=self.bytes_total,
                records=self.records,
                saved=self.saved,
                save_total=self.save_total,
                rate_per_s=self.records / elapsed,
                seconds_left=self._seconds_left(elapsed),
                run_id=self.summary.run_id if self.summary else self.run_id,
                error=self.error,
                next_job_id=self.next_job_id,
            )

    def _seconds_left(self, elapsed: float) -> float | None:
        """Time left while reading, from the byte rate so far; unknown before any progress."""
        if self.status != "running" or self.phase == "saving" or not self.bytes_done:
            return None
        return max(0.0, (self.bytes_total - self.bytes_done) * elapsed / self.bytes_done)


class ImportJobs:
    """The server's running and recently finished imports, keyed by a random id."""

    def __init__(self, store: Store, importer: Importer = import_file) -> None:
        self.store = store
        self.importer = importer
        self._jobs: dict[str, ImportJob] = {}
        self._threads: dict[str, threading.Thread] = {}
        self._lock = threading.Lock()

    @property
    def uploads_dir(self) -> Path:
        """Where uploaded files wait for their job, inside the data folder."""
        return self.store.data_dir / UPLOADS_FOLDER

    def discard_leftover_uploads(self) -> None:
        """Uploads left by a server that stopped mid-import or while an export waited for the
        user's choice: no job of this registry owns them."""
        for leftover in self.uploads_dir.glob("import-*.upload"):
            leftover.unlink(missing_ok=True)

    def start(self, path: Path, file_name: str) -> ImportJob:
        """Import `path` (a file this registry now owns and deletes) on a worker thread."""
        return self._launch(ImportJob(id=secrets.token_urlsafe(12), path=path, file_name=file_name))

    def choose(self, job_id: str, choice: ExportChoice) -> ImportJob | None:
        """Import the upload of a job that waits for a choice, as chosen, on a new job; None
        when no such job waits (the choice was made already, or the wait was dropped)."""
        waiting = self.get(job_id)
        if waiting is None:
            return None
        follow = ImportJob(
            id=secrets.token_urlsafe(12),
            path=waiting.path,
            file_name=waiting.file_name,
            export_choice=choice,
        )
        if not waiting.end_wait("chosen", follow.id):
            return None
        return self._launch(follow)

    def drop_choice(self, job_id: str) -> bool:
        """Import nothing of an upload that waits for a choice, and delete it; False when no
        such job waits."""
        job = self.get(job_id)
        if job is None or not job.end_wait("cancelled"):
            return False
        job.path.unlink(missing_ok=True)
        job.finish("cancelled", None, NOT_CHOSEN)
        return True

    def _launch(self, job: ImportJob) -> ImportJob:
        job.bytes_total = job.path.stat().st_size
        worker = threading.Thread(target=self._run, args=(job,), name=f"import-{job.id}")
        worker.daemon = True
        with self._lock:
            self._forget_old()
            self._jobs[job.id] = job
            self._threads[job.id] = worker
        worker.start()
        return job

    def get(self, job_id: str) -> ImportJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def cancel(self, job_id: str) -> bool:
        """Ask a running job to stop; False when there is no such running job."""
        job = self.get(job_id)
        if job is None or job.status != "running":
            return False
        job.cancel.set()
        return True

    def wait(self, job_id: str, timeout_s: float | None = None) -> None:
        """Block until the job's thread ends (tests and shutdown)."""
        with self._lock:
            worker = self._threads.get(job_id)
        if worker is not None:
            worker.join(timeout_s)

    def _run(self, job: ImportJob) -> None:
        waits = False
        try:
            waits = self._import(job)
        finally:
            if not waits:  # a waiting upload belongs to the job the user's choice starts
                job.path.unlink(missing_ok=True)

    def _import(self, job: ImportJob) -> bool:
        """Run the job's import to its end; True when it waits for the user's choice."""
        # Only a chosen export is told the choice, so an importer without the option still runs.
        choice = {"export_choice": job.export_choice} if job.export_choice else {}
        try:
            summary = self.importer(
                self.store,
                job.path,
                display_name=job.file_name,
                progress=job.report,
                cancel=job.cancel,
                run_started=job.set_run,
                **choice,
            )
        except StoreHoldsData:
            job.finish("choice", None)
            return True
        except ImportCancelled as error:
            job.finish("cancelled", None, str(error))
        except OutreachError as error:
            job.finish("failed", None, str(error))
        except Exception as error:  # a bug must still end the job with a message, not hang it
            job.finish("failed", None, f"The import stopped unexpectedly: {error}")
        else:
            job.finish("done", summary)
        return False

    def _forget_old(self) -> None:
        finished = [key for key, job in self._jobs.items() if job.status != "running"]
        for key in finished[: max(0, len(finished) - KEPT_FINISHED_JOBS)]:
            forgotten = self._jobs.pop(key)
            if forgotten.end_wait("cancelled"):  # a choice nobody made: its upload goes too
                forgotten.path.unlink(missing_ok=True)
            self._threads.pop(key, None)
