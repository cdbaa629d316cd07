"""The Sync page's Sync now, run on a thread of its own.

A first sync writes each follow-up and contact to the server one request at a time: at a few
thousand contacts that is minutes, far longer than a page should hang with no word of how far
it got. So the page starts the sync here and returns; it polls `progress()` and shows the
outcome, which `sync_book` records for it however the sync ends.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from helper.db import Store
from helper.errors import OutreachError
from helper.store.sync.history import record_failure
from helper.store.sync.run import sync_book

_LOG = logging.getLogger(__name__)
UNEXPECTED = "it stopped on an unexpected error; the service's log has the details"


@dataclass(frozen=True)
class SyncProgress:
    """How far the running Sync now has got; `running` False when none runs."""

    running: bool
    written: int
    seconds: float

    def to_json(self) -> dict:
        return {"running": self.running, "written": self.written, "seconds": round(self.seconds)}


class BackgroundSync:
    """One book's Sync now: at most one at a time, its writes counted as they happen."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._written = 0
        self._started = 0.0

    def start(self) -> bool:
        """Start a sync; False, starting nothing, while this book's last one still runs."""
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return False
            self._written, self._started = 0, time.monotonic()
            self._thread = threading.Thread(target=self._run, name="sync-now", daemon=True)
            self._thread.start()
            return True

    def wait(self, timeout_s: float) -> bool:
        """Wait up to `timeout_s` for the running sync; True when none runs any longer."""
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join(timeout_s)
        return not self.progress().running

    def progress(self) -> SyncProgress:
        with self._lock:
            running = self._thread is not None and self._thread.is_alive()
            seconds = time.monotonic() - self._started if running else 0.0
            return SyncProgress(running, self._written if running else 0, seconds)

    def _wrote(self, count: int) -> None:
        with self._lock:
            self._written = count

    def _run(self) -> None:
        try:
            sync_book(self._store, self._wrote)
        except OutreachError:
            pass  # the server's refusal: recorded for the page by sync_book
        except Exception:  # a thread's error is seen by no one unless it is recorded
            _LOG.exception("Sync now of %s failed", self._store.data_dir)
            record_failure(self._store.data_dir, UNEXPECTED)
