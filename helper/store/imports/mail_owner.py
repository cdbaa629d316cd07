"""Mailbox imports into a store that does not know the user's address yet: the owner is the
address on the most messages. Read sequentially, the whole mailbox is read before anything is
staged, every item spooled on the way (`infer_owner_spooled`) and replayed; read by worker
processes (`read_ahead.parallel_reader`), it is staged as they read with a guessed owner,
checked once they are done (`staged_with_guessed_owner`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from typing import TypeVar

from helper.importers.mail_history import OwnerTally, infer_owner
from helper.importers.mbox_parallel import ParallelMbox
from helper.records import MailMessage
from helper.store.imports.plan import Spool

# The first items of a mailbox the owner is guessed from: a few hundred messages name the one
# address on nearly all of them, and a read of this many costs about 15 ms.
GUESS_FROM_ITEMS = 1000
Staged = TypeVar("Staged")


def staged_with_guessed_owner(
    items: Iterator[object],
    parallel: ParallelMbox,
    stage: Callable[[Iterable[object], str | None], Staged],
    read_again: Callable[[], Iterable[object]],
    discard: Callable[[Staged], None],
) -> tuple[str | None, Staged]:
    """The owner and the mailbox staged as the workers read it (`stage(items, owner)`),
    rather than after them: the owner is guessed from the first items, as they are on nearly
    every message of their own mailbox, and checked against the whole file's tally once it is
    read. A wrong guess (a mailbox that opens with someone else's thread) is discarded and the
    frames left on disk are staged again (`read_again`) with the owner."""
    head = list(islice(items, GUESS_FROM_ITEMS))
    guess = infer_owner(item for item in head if isinstance(item, MailMessage))
    staged = stage(chain(head, items), guess)
    owner = parallel.tally().owner()
    if owner == guess:
        return owner, staged
    discard(staged)
    return owner, stage(read_again(), owner)


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
