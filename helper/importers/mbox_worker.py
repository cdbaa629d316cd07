"""The child process of `mbox_parallel`: the headers of one byte range of a plain mbox file.

    python -S -m helper.importers.mbox_worker FILE START STOP OUT_FD

or forked from the importing process (`forked_child`). It runs the sequential reader
(`mbox.read_from`) from START, a line that opens a message, until the first message opening
at or past STOP (-1: the end of the file). Items go to the file OUT_FD in frames, each a
pickled list of compact tuples (`pack`); after each frame its length, the offset of its last
message and its number of items go to stdout, or the pipe a forked child is given (`FRAME`),
so the parent waits on a pipe that never fills while the frames wait on disk. The last frame,
its length negated, is the range's ending: where the next message opens (None at the end of
the file), which the parent checks against the next range's start, and the range's
`OwnerTally` counts, so that a parent that has to find the owner before staging need not
unpickle every message twice.

Started as a new interpreter, only the small parsing modules are imported and `-S` skips
site: the child's start-up is part of every parallel import.
"""

from __future__ import annotations

import gc
import os
import pickle
import struct
import sys
from collections.abc import Iterator
from pathlib import Path

from helper.importers.mail_history import OwnerTally
from helper.importers.mbox import Located, Window, read_from
from helper.records import MailMessage

FRAME_ITEMS = 500
# (frame length, offset of its last message, items); a negative length marks the ending.
FRAME = struct.Struct("<qqq")
# A message and a problem as sent: (source_ref, sent_at, sender, recipients, subject,
# automated_reason, start) and (start, message, raw); the parent gives both their location.
MESSAGE_FIELDS = 7
# The last frame: ("end", offset of the message after the range or None, address counts).
ENDING = "end"


def pack(located: Located) -> tuple[object, ...]:
    start, item = located
    if type(item) is MailMessage:
        return (
            item.source_ref,
            item.sent_at,
            item.sender,
            item.recipients,
            item.subject,
            item.automated_reason,
            start,
        )
    return (start, item.message, item.raw)


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def frames(path: Path, start: int, stop: int | None) -> Iterator[tuple[list[object], int, bool]]:
    """The range's frames, each with the offset of its last message and whether it is the
    ending (`[ENDING, following, counts]`, always last)."""
    tally = OwnerTally()
    with path.open("rb") as stream:
        stream.seek(start)
        items = read_from(Window(stream, None, base=start), start, stop=stop)
        frame: list[object] = []
        last = start
        while True:
            try:
                last, item = next(items)
            except StopIteration as done:
                following: int | None = done.value
                break
            if type(item) is MailMessage:
                tally.add(item)
            frame.append(pack((last, item)))
            if len(frame) >= FRAME_ITEMS:
                yield frame, last, False
                frame = []
    if frame:
        yield frame, last, False
    yield [ENDING, following, tally.counts], -1, True


def run(path: Path, start: int, stop: int | None, out_fd: int, lengths_fd: int) -> None:
    """Read the range, its frames to `out_fd` and their lengths to `lengths_fd`."""
    # The reader makes no reference cycles (tests/test_mbox_import_rows.py), and this process
    # ends with its range: the collector would only walk its objects.
    gc.disable()
    for frame, last, ending in frames(path, start, stop):
        data = pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL)
        write_all(out_fd, data)
        write_all(lengths_fd, FRAME.pack(-len(data) if ending else len(data), last, len(frame)))


if __name__ == "__main__":
    file_name, first, last, fd = sys.argv[1:5]
    stop = None if int(last) < 0 else int(last)
    run(Path(file_name), int(first), stop, int(fd), sys.stdout.fileno())
