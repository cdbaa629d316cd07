"""A mailbox worker forked from this process instead of started as a new interpreter.

A new interpreter with the parsing modules takes about 0.15 s to start on a slow machine
(half of it the interpreter, half the imports), and at 10,000 messages the worker's start-up
is on the import's critical path. A fork starts in a millisecond with those modules already
loaded. It is taken only where it is safe: on Linux, from a process running one thread (a
fork copies no other thread, so a lock another thread held would stay held in the child for
ever). The command line starts its workers before it starts any thread; the web service runs
imports on a thread of its own, so its workers are new interpreters.

The child reads its range, writes to the descriptors it was given and leaves with `os._exit`:
nothing of the parent (its buffers, its atexit handlers, its open store) runs in it.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from typing import IO


def forking_is_safe() -> bool:
    return sys.platform.startswith("linux") and threading.active_count() == 1


class ForkedChild:
    """`work(lengths_fd)` run in a forked child, its stderr going to `errors`; `stdout` is the
    read end of the pipe behind `lengths_fd`. Answers to what `Worker` asks of a
    `subprocess.Popen`: `poll`, `wait`, `kill` and `returncode`."""

    def __init__(self, work: Callable[[int], None], errors: IO[bytes]) -> None:
        read_end, write_end = os.pipe()
        self.returncode: int | None = None
        self.pid = os.fork()
        if self.pid == 0:  # pragma: no cover - the child, which never returns
            _run_child(work, read_end, write_end, errors.fileno())
        os.close(write_end)
        self.stdout: IO[bytes] | None = os.fdopen(read_end, "rb")

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self) -> int:
        if self.returncode is None:
            _, status = os.waitpid(self.pid, 0)
            self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def kill(self) -> None:
        if self.returncode is None:
            os.kill(self.pid, signal.SIGKILL)


def _run_child(work: Callable[[int], None], read_end: int, write_end: int, errors: int) -> None:
    status = 1
    try:
        os.close(read_end)
        os.dup2(errors, 2)
        work(write_end)
        status = 0
    except BaseException:  # the child reports anything on its stderr and exits
        os.write(2, traceback.format_exc().encode(errors="replace"))
    finally:
        os._exit(status)
