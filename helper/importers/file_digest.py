"""A file's SHA-256, computed in a thread while the import reads the file.

At 100,000 messages (1.5 GB) hashing took about a second of the importing process before it
read a message, while a CPU stood idle for part of the import: `hashlib` lets go of the
interpreter lock while it hashes a block, so a thread hashes beside the reading at no cost to
it. `result()` waits for the digest where it is needed.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

BLOCK_BYTES = 1 << 20


class FileDigest:
    """The SHA-256 of `path`, hashed in a daemon thread from `start()` (at once unless
    `deferred`: a mailbox read in parallel starts it when this process has read its own
    range, so that the hash runs while it waits for the workers, not against its reading)."""

    def __init__(self, path: Path, *, deferred: bool = False) -> None:
        self._digest = ""
        self._error: OSError | None = None
        self._thread = threading.Thread(target=self._hash, args=(path,), daemon=True)
        self._started = threading.Lock()
        if not deferred:
            self.start()

    def start(self) -> None:
        """Start hashing; once only, later calls do nothing."""
        if self._started.acquire(blocking=False):
            self._thread.start()

    def result(self) -> str:
        """The hex digest; the OSError reading the file raised, if it failed."""
        self.start()
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._digest

    def _hash(self, path: Path) -> None:
        digest = hashlib.sha256()
        try:
            with path.open("rb") as handle:
                while block := handle.read(BLOCK_BYTES):
                    digest.update(block)
        except OSError as error:
            self._error = error
            return
        self._digest = digest.hexdigest()
