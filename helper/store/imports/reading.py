"""Reading the file an import stages: every record and problem in order, with progress
reported a few times a second and a cancel honoured between records and inside every read."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from helper.errors import OutreachError
from helper.importers import read
from helper.importers.mbox_parallel import ParallelMbox
from helper.records import Format
from helper.store.imports.json_merge import read_export
from helper.store.imports.summary import (
    CANCELLED,
    ImportCancelled,
    ImportProgress,
    ProgressCallback,
)

PROGRESS_INTERVAL_S = 0.25


def read_records(
    path: Path,
    fmt: Format,
    name: str,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
    spool_dir: Path,
    parallel: ParallelMbox | None = None,
) -> Iterator[object]:
    """Every record and problem of the file, reporting progress and stopping on cancel."""
    total = path.stat().st_size
    last_report = 0.0
    with _opened(path, cancel) as handle:
        try:
            records: Iterable[object]
            if fmt is Format.OUTREACH_JSON:
                records = read_export(handle, name, spool_dir)
            elif parallel is not None:
                records = parallel
            else:
                records = read(handle, fmt, name=name)
            for count, item in enumerate(records, start=1):
                yield item
                if count % 200 == 0:
                    stop_if_cancelled(cancel)
                    now = time.monotonic()
                    if progress and now - last_report >= PROGRESS_INTERVAL_S:
                        last_report = now
                        position = parallel.position if parallel else _position(handle)
                        progress(ImportProgress(position, total, count))
        except (OutreachError, OSError):
            stop_if_cancelled(cancel)  # a reader may have taken the stop for damage
            raise
        stop_if_cancelled(cancel)  # or for one bad member, and gone on to the end


def _opened(path: Path, cancel: threading.Event | None) -> BinaryIO:
    """The file to import; with a cancel event every read checks it, since an importer deep in
    one archive member may yield nothing for minutes."""
    if cancel is None:
        return path.open("rb")
    return io.BufferedReader(_CancellableFile(path, cancel))


class _CancellableFile(io.FileIO):
    """A file whose reads stop the import once the user cancels it."""

    def __init__(self, path: Path, cancel: threading.Event) -> None:
        super().__init__(path, "rb")
        self.cancel = cancel

    def readinto(self, buffer: bytearray | memoryview) -> int | None:  # type: ignore[override]
        stop_if_cancelled(self.cancel)
        return super().readinto(buffer)

    def readall(self) -> bytes:
        stop_if_cancelled(self.cancel)
        return super().readall()


def stop_if_cancelled(cancel: threading.Event | None) -> None:
    """Raise ImportCancelled once the user has cancelled the import."""
    if cancel is not None and cancel.is_set():
        raise ImportCancelled(CANCELLED)


def _position(handle: BinaryIO) -> int:
    try:
        return handle.tell()
    except (OSError, ValueError):
        return 0
