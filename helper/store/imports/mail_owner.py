"""Mailbox imports into a store that does not know the user's address yet: the owner is the
address on the most messages, so the whole mailbox is read before anything is staged. Read
sequentially, every item is spooled on the way (`infer_owner_spooled`) and replayed; read by
worker processes (`read_ahead.parallel_reader`), their frames stay on disk and are read once
more instead.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from helper.importers.mail_history import OwnerTally
from helper.importers.mbox_parallel import ParallelMbox
from helper.records import MailMessage
from helper.store.imports.plan import Spool
from helper.store.imports.summary import (
    CANCELLED,
    ImportCancelled,
    ImportProgress,
    ProgressCallback,
)

PROGRESS_INTERVAL_S = 0.25


def owner_from_workers(
    parallel: ParallelMbox,
    path: Path,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
) -> str | None:
    """The owner once the workers are done, reporting progress and stopping on cancel."""
    total = path.stat().st_size
    reported = [0.0]

    def waiting(position: int, count: int) -> None:
        if cancel is not None and cancel.is_set():
            raise ImportCancelled(CANCELLED)
        now = time.monotonic()
        if progress and now - reported[0] >= PROGRESS_INTERVAL_S:
            reported[0] = now
            progress(ImportProgress(position, total, count))

    return parallel.owner_tally(waiting).owner()


def infer_owner_spooled(items: Iterable[object], replay: Spool) -> str | None:
    """The owner from one read of the file; every item is spooled so that staging replays it
    (`replayed`) instead of parsing the mailbox a second time (that second parse was half the
    import). A message is spooled as a plain tuple of its fields, which pickles in half the
    time of the dataclass."""
    tally = OwnerTally()
    for item in items:
        if isinstance(item, MailMessage):
            tally.add(item)
        replay.append(packed(item) if type(item) is MailMessage else item)
    return tally.owner()


def packed(message: MailMessage) -> tuple[object, ...]:
    """The message's fields in MailMessage's order (its addresses are shared, not copied)."""
    return (
        message.source_ref,
        message.sent_at,
        message.sender,
        message.recipients,
        message.subject,
        message.automated_reason,
        message.location,
    )


def replayed(replay: Spool) -> Iterator[object]:
    """The items `infer_owner_spooled` spooled, messages rebuilt from their tuples."""
    for item in replay:
        yield MailMessage(*item) if type(item) is tuple else item
