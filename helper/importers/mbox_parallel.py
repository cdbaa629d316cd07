"""A plain mbox file on disk read in byte ranges at once, in file order.

Reading the headers is most of a mailbox import, and it is the same work for every range of
the file, so a large file is cut at lines that open a message: this process reads the first
range itself while a child process (`mbox_worker`) reads each other one, leaving its items on
disk in frames. The items come back exactly as `mbox.read` gives them: the same messages,
problems and locations, in file order.

A cut is where the sequential reader would open a message anyway (`next_postmark` from a byte
offset), and each range reports where the message after it opens. If that is not the next
range's start (a postmark-like line inside a header block makes it so), the later ranges are
dropped and this process reads on from where the sequential reader would. A worker that stops
early (killed, or no interpreter to start in a frozen build) is replaced the same way.

Streams (archive members, stdin), small files, machines with no idle CPU and systems without
file descriptor passing (Windows) keep the sequential reader: a worker's start-up (about a
tenth of a second) is then not paid back, or not possible.
"""

from __future__ import annotations

import functools
import math
import os
import pickle
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, BinaryIO

from helper.importers import mbox_worker
from helper.importers.forked_child import ForkedChild, forking_is_safe
from helper.importers.mail_history import OwnerTally
from helper.importers.mbox import Window, first_postmark, next_postmark
from helper.importers.mbox_worker import FRAME, MESSAGE_FIELDS
from helper.records import MailMessage, Problem

# Below this a worker's start-up costs more than it saves: 32 MB of 15 KB messages read in
# about 0.1 s sequentially, as long as two workers take to start.
MIN_PARALLEL_BYTES = 32 * 1024 * 1024
MAX_WORKERS = 4
# The SHA-256 of a file costs about a quarter of reading its headers (0.12 s against 0.46 s
# for 10,000 messages of 15 KB).
HASH_COST = 0.26
# The least of the file this process reads itself when the workers had a head start: a range
# of its own keeps the cuts simple, and it reads a small one in a few milliseconds.
MIN_FIRST_SHARE = 0.02
PACKAGE_ROOT = Path(__file__).resolve().parents[2]


def worker_count() -> int:
    """How many ranges to read at once: this process's, and one more for each CPU it may use
    that the load average says is not always busy, capped; 1 means the sequential reader. A
    worker on a CPU that others keep busy reads no sooner and adds its start-up (measured on
    two CPUs: 15% faster at a load of 1, 6% slower at 3 to 4)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not every platform has affinity masks
        cpus = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average to read: assume the CPUs are free
        busy = 0.0
    idle = math.ceil(cpus - busy)
    return max(1, min(idle + 1, cpus, MAX_WORKERS))


def worth_parallel(path: Path) -> bool:
    try:
        size = path.stat().st_size
    except OSError:
        return False
    # pass_fds and os.pread, which the workers' frame files need, are POSIX only.
    posix = os.name == "posix" and hasattr(os, "pread")
    return posix and size >= MIN_PARALLEL_BYTES and worker_count() > 1


class WorkerFailed(Exception):
    """A worker ended before its range did; its range is then read in this process."""


class Worker:
    """One child reading the range from `start` to `stop` (None: to the end of the file)."""

    def __init__(self, path: Path, start: int, stop: int | None, folder: Path | None) -> None:
        self.start = start
        # Frames wait on disk, not in a pipe, so a later range's worker never waits for the
        # parent to reach it; kept open until close() on purpose (the OS removes it).
        self.frames: IO[bytes] = tempfile.TemporaryFile(prefix="mbox-", dir=folder)  # noqa: SIM115
        # A file, not a pipe: a worker that writes much to stderr must not wait for a reader.
        self.errors: IO[bytes] = tempfile.TemporaryFile(prefix="mbox-", dir=folder)  # noqa: SIM115
        fd = self.frames.fileno()
        try:
            self.process: subprocess.Popen[bytes] | ForkedChild
            if forking_is_safe():
                work = functools.partial(mbox_worker.run, path, start, stop, fd)
                self.process = ForkedChild(work, self.errors)
            else:
                self.process = _new_interpreter(path, start, stop, fd, self.errors)
        except OSError:
            self.frames.close()
            self.errors.close()
            raise
        self.lengths: list[int] = []  # of the frames read so far, for replay()
        self.following: int | None = None  # where the message after the range opens
        self.counts: Counter[str] = Counter()  # the range's OwnerTally
        self.handed_out = 0  # items in the frames read so far

    def read_frames(self) -> Iterator[tuple[bytes, int, int]]:
        """Each frame with the offset of its last message and its number of items, as the
        worker finishes it; then `following` and `counts` are set."""
        pipe = self.process.stdout
        assert pipe is not None
        position = 0
        while True:
            header = pipe.read(FRAME.size)
            if len(header) < FRAME.size:
                raise self.failure()
            length, last, items = FRAME.unpack(header)
            frame = os.pread(self.frames.fileno(), abs(length), position)
            position += abs(length)
            if length < 0:
                # Written by this process's own child to a file only the two of them hold.
                _, self.following, self.counts = pickle.loads(frame)
                return
            self.lengths.append(length)
            self.handed_out += items
            yield frame, last, items

    def stored_frames(self) -> Iterator[bytes]:
        position = 0
        for length in self.lengths:
            yield os.pread(self.frames.fileno(), length, position)
            position += length

    def failure(self) -> WorkerFailed:
        self.process.wait()
        self.errors.seek(0)
        detail = self.errors.read().decode(errors="replace").strip().splitlines()
        reason = detail[-1] if detail else f"exit status {self.process.returncode}"
        return WorkerFailed(f"a mailbox worker stopped ({reason})")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdout, self.errors, self.frames):
            if stream is not None:
                stream.close()


def _new_interpreter(
    path: Path, start: int, stop: int | None, fd: int, errors: IO[bytes]
) -> subprocess.Popen[bytes]:
    """`mbox_worker` run as a new interpreter, writing its frames to `fd`."""
    command = [sys.executable, "-S", "-m", mbox_worker.__name__, str(path), str(start)]
    command += [str(-1 if stop is None else stop), str(fd)]
    # Without site (-S) the child looks for modules where this process found them.
    search_path = os.pathsep.join([str(PACKAGE_ROOT), *filter(None, sys.path)])
    return subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=errors,
        pass_fds=(fd,),
        env=dict(os.environ, PYTHONPATH=search_path),
    )


class LocalRange:
    """A range read in this process, its frames kept on disk like a worker's: the first range
    (this process is busy anyway, and one start-up fewer is a tenth of a second of CPU), or
    all that a worker had not read when it stopped (a frozen build may have no interpreter
    to start, a worker may be killed). The first `handed_out` items, which such a worker had
    already given, are not given again."""

    def __init__(
        self,
        path: Path,
        start: int,
        handed_out: int,
        folder: Path | None,
        stop: int | None = None,
    ) -> None:
        self.path = path
        self.start = start
        self.stop = stop
        self.handed_out = handed_out
        self.frames: IO[bytes] = tempfile.TemporaryFile(prefix="mbox-", dir=folder)  # noqa: SIM115
        self.lengths: list[int] = []
        self.following: int | None = None
        self.counts: Counter[str] = Counter()

    def read_frames(self) -> Iterator[tuple[bytes, int, int]]:
        for frame, last, ending in mbox_worker.frames(self.path, self.start, self.stop):
            if ending:
                _, self.following, self.counts = frame
                return
            data = pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL)
            self.frames.write(data)
            self.lengths.append(len(data))
            fresh = frame[self.handed_out :]
            self.handed_out -= len(frame) - len(fresh)
            if fresh:
                yield (data if len(fresh) == len(frame) else pickle.dumps(fresh)), last, len(fresh)

    def stored_frames(self) -> Iterator[bytes]:
        self.frames.flush()
        position = 0
        for length in self.lengths:
            yield os.pread(self.frames.fileno(), length, position)
            position += length

    def close(self) -> None:
        self.frames.close()


class ParallelMbox:
    """The items of a plain mbox file, its ranges read at once (see the module).

    Iterated once, it hands out the items as the ranges are read; every later iteration
    replays the frames left on disk."""

    def __init__(
        self,
        path: Path,
        *,
        name: str = "",
        folder: Path | None = None,
        offsets: list[int] | None = None,
        head_start: int = 0,
        own_range_read: Callable[[], None] | None = None,
    ) -> None:
        """`offsets` are where to look for the cuts (by default `range_offsets`, one range
        per worker, with the workers' `head_start` in bytes); tests choose them to cut at
        awkward places. `own_range_read` is called once this process has read its range."""
        self.path = path
        self.own_range_read = own_range_read
        self.folder = folder
        self.position = 0  # the offset of the last message handed out, for progress
        self.done = False
        with path.open("rb") as stream:
            first = first_postmark(Window(stream, None), name)
            if offsets is None:
                offsets = range_offsets(path.stat().st_size, worker_count(), head_start)
            cuts = range_starts(stream, first, offsets)
        stops: list[int | None] = [*cuts[1:], None]
        self.workers: list[Worker | LocalRange] = []
        try:
            self.workers.append(LocalRange(path, cuts[0], 0, folder, stops[0]))
            for start, stop in zip(cuts[1:], stops[1:], strict=True):
                self.workers.append(Worker(path, start, stop, folder))
        except OSError:
            self.close()
            raise

    def __iter__(self) -> Iterator[MailMessage | Problem]:
        if self.done:
            return unpacked(frame for worker in self.workers for frame in worker.stored_frames())
        return unpacked(self._frames())

    def tally(self) -> OwnerTally:
        """The addresses counted over the whole file, in the order first seen, once it has
        been read (each range counts its own)."""
        tally = OwnerTally()
        for worker in self.workers:
            tally.counts.update(worker.counts)
        return tally

    def _frames(self) -> Iterator[bytes]:
        for frame, last, _ in self._read_frames():
            yield frame
            self.position = last

    def _read_frames(self) -> Iterator[tuple[bytes, int, int]]:
        index = 0
        while index < len(self.workers):
            worker = self.workers[index]
            try:
                yield from worker.read_frames()
            except WorkerFailed:
                self._read_here(index)
                continue
            index += 1
            if index == 1 and self.own_range_read is not None:
                self.own_range_read()
            following = worker.following
            if index < len(self.workers) and following != self.workers[index].start:
                self._read_on_from(index, following)
        self.done = True

    def _read_on_from(self, index: int, following: int | None) -> None:
        """The cut before range `index` was no message start: this process reads on instead."""
        for dropped in self.workers[index:]:
            dropped.close()
        del self.workers[index:]
        if following is not None:
            self.workers.append(LocalRange(self.path, following, 0, self.folder))

    def _read_here(self, index: int) -> None:
        """Worker `index` stopped: this process reads from its start to the end instead."""
        failed = self.workers[index]
        for dropped in self.workers[index:]:
            dropped.close()
        self.workers[index:] = [LocalRange(self.path, failed.start, failed.handed_out, self.folder)]

    def close(self) -> None:
        for worker in self.workers:
            worker.close()


def unpacked(frames: Iterable[bytes]) -> Iterator[MailMessage | Problem]:
    """The items of the frames, numbered across ranges as the sequential reader numbers them."""
    number = 0
    last_start = -1
    location = ""
    for frame in frames:
        for packed in pickle.loads(frame):
            message = len(packed) == MESSAGE_FIELDS
            start = packed[-1] if message else packed[0]
            if start != last_start:
                number, last_start = number + 1, start
                location = f"message {number} (byte {start})"
            if message:
                yield MailMessage(*packed[:-1], location)
            else:
                yield Problem(location, packed[1], packed[2])


def range_offsets(size: int, parts: int, head_start: int = 0) -> list[int]:
    """Where to cut for `parts` ranges that end together. This process also hashes the file
    (in a thread, while it reads its range), so its range is the shorter by HASH_COST; and
    each worker may read `head_start` bytes before this process starts on its own range (the
    import command loads the store meanwhile), which shortens that range again."""
    if parts <= 1:
        return []
    workers = parts - 1
    ahead = workers * head_start / size if size else 0.0
    first = max(MIN_FIRST_SHARE, (1 - HASH_COST * workers - ahead) / parts)
    rest = (1 - first) / workers
    return [int(size * (first + rest * part)) for part in range(workers)]


def range_starts(stream: BinaryIO, first: int, offsets: list[int]) -> list[int]:
    """`first`, then for each offset the first line at or past it that opens a message, as
    the sequential reader judges it (offsets that find none, or the same one, add none)."""
    starts = [first]
    for offset in sorted(offsets):
        if offset <= starts[-1]:
            continue
        stream.seek(offset - 1)
        found = next_postmark(Window(stream, None, base=offset - 1), offset)
        if found is None:
            break
        if found > starts[-1]:
            starts.append(found)
    return starts
