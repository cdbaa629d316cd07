"""What an import starts before it decides anything about a file: the file's SHA-256, hashed
in a thread, and for a large plain mbox file the worker processes that read its ranges.

The import command starts this before it loads the store layer (SQLAlchemy and the models, a
quarter to a third of a second of start-up), so that the workers read the mailbox meanwhile;
`before_store_loads` gives them the larger share for that head start.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from helper.errors import OutreachError
from helper.importers.detect import detect
from helper.importers.file_digest import FileDigest
from helper.importers.mbox_parallel import ParallelMbox, worth_parallel
from helper.records import Format

# What format detection reads of a file.
HEAD_BYTES = 64 * 1024
# What each worker reads while this process loads the store layer: about 0.3 s at the 340 MB
# a second one CPU reads headers at (bench/import_mbox.py). Both scale with the CPU, so a
# byte count holds on slower and faster machines alike.
STORE_LOAD_HEAD_START = 100 * 1024 * 1024


class ReadAhead:
    """The digest and the mailbox readers of one file, started at once; `close()` stops the
    readers (an identical or refused file is only stopped)."""

    def __init__(self, path: Path, name: str, folder: Path, *, head_start: int = 0) -> None:
        self.started = time.monotonic()
        self.digest = FileDigest(path, deferred=True)
        self.parallel = parallel_reader(path, name, folder, head_start, self.digest.start)
        if self.parallel is None:
            self.digest.start()

    @classmethod
    def before_store_loads(cls, path: Path, folder: Path) -> ReadAhead:
        return cls(path, path.name, folder, head_start=STORE_LOAD_HEAD_START)

    def close(self) -> None:
        if self.parallel is not None:
            self.parallel.close()
            self.parallel = None


def parallel_reader(
    path: Path,
    name: str,
    folder: Path,
    head_start: int = 0,
    own_range_read: Callable[[], None] | None = None,
) -> ParallelMbox | None:
    """Workers reading a large plain mbox file (`mbox_parallel`); None for any other file, or
    when the workers cannot start (the sequential reader then reports any error)."""
    try:
        if not worth_parallel(path) or not is_plain_mbox(path, name):
            return None
        return ParallelMbox(
            path,
            name=name,
            folder=folder,
            head_start=head_start,
            own_range_read=own_range_read,
        )
    except (OutreachError, OSError):
        return None


def format_of(path: Path, name: str) -> Format:
    """The format by content (and the shown name's extension); ImportRefused when unknown."""
    with path.open("rb") as handle:
        return detect(handle.read(HEAD_BYTES), name)


def is_plain_mbox(path: Path, name: str) -> bool:
    return format_of(path, name) is Format.MBOX
