"""The lock an import holds while it runs, so that a run marked running whose lock is free is
known to have died with its process.

On SQLite the lock is a file in `<data dir>/locks/`: every process using the store shares the
data folder. On PostgreSQL processes on other machines share the database but not the folder,
so the lock is a session-level advisory lock on a connection of its own, which the server drops
when that connection ends, however the process ends.
"""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text

from helper.db import Store
from helper.private_files import FILE_MODE, private_folder

# filelock loads on first use, as email-validator and phonenumbers do: every command opens the
# store, and only an import or a run left marked running needs a lock (a fortieth of the
# start-up of a short command).
if TYPE_CHECKING:
    from filelock import FileLock

LOCKS_FOLDER = "locks"


class RunLock:
    """An exclusive lock named `name` (a new random name when none is given), held from
    `__enter__` or a successful `try_acquire` until `release`."""

    def __init__(self, store: Store, name: str | None = None) -> None:
        self.name = name or secrets.token_hex(16)
        self._key = _advisory_key(self.name)
        self._store = store
        self._file_lock: FileLock | None = None
        self._connection: Connection | None = None
        if store.engine.dialect.name != "postgresql":
            folder = private_folder(store.data_dir / LOCKS_FOLDER)
            path = folder / f"import-{self.name}.lock"
            from filelock import FileLock

            self._file_lock = FileLock(path, mode=FILE_MODE, timeout=0)

    def __enter__(self) -> RunLock:
        if not self.try_acquire():
            raise RuntimeError(f"the import lock {self.name} is held by another process")
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()

    def try_acquire(self) -> bool:
        """Take the lock if no process holds it; False when one does (the run is alive)."""
        if self._file_lock is not None:
            try:
                self._file_lock.acquire()
            except TimeoutError:  # filelock.Timeout is one
                return False
            return True
        connection = self._store.engine.connect()
        taken = connection.execute(
            text("SELECT pg_try_advisory_lock(:key)"), {"key": self._key}
        ).scalar_one()
        connection.commit()
        if not taken:
            connection.close()
            return False
        self._connection = connection
        return True

    def release(self) -> None:
        if self._file_lock is not None:
            self._file_lock.release()
            Path(self._file_lock.lock_file).unlink(missing_ok=True)
            return
        if self._connection is not None:
            self._connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self._key})
            self._connection.commit()
            self._connection.close()
            self._connection = None


def _advisory_key(name: str) -> int:
    """PostgreSQL's advisory locks are keyed by a signed 64-bit number."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
