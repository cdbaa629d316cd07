"""mbox files (mboxo, mboxrd, Thunderbird, Google Takeout) split in large chunks, headers only.

A line starting "From " opens a new message only when it looks like a postmark AND a header
block follows it: writers that do not escape body lines (`mimekit_bom_unmunged_from.mbox` has
"From Russia with love" followed by "Year: 1963") then produce no junk messages. Bodies are
skipped with `bytes.find`; at most one chunk plus one capped header block is ever held.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Generator, Iterator
from typing import BinaryIO

from helper.errors import ImportRefused
from helper.importers.mail_headers import MAX_HEADER_BLOCK_BYTES, parse_header_block
from helper.records import MailMessage, Problem

CHUNK_BYTES = 1024 * 1024
PROGRESS_EVERY_BYTES = 4 * 1024 * 1024
# How far past a candidate "From " line we look for the header field that proves a message.
LOOKAHEAD_BYTES = 16 * 1024
BOM = b"\xef\xbb\xbf"
SEPARATOR = b"\nFrom "

_POSTMARK = re.compile(rb"From [^\s]+(?:[ \t]+(?P<rest>[^\n]*?))?[ \t]*\r?\n")
_CLOCK_TIME = re.compile(rb"\b\d{1,2}:\d{2}")
_FIELD_LINE = re.compile(rb"[!-9;-~]+[ \t]*:")
_HEADER_END = re.compile(rb"\n\r?\n")
# Fields every real message carries at least one of; "Year: 1963" in a body is none of them.
MESSAGE_FIELDS = frozenset(
    {
        b"from",
        b"to",
        b"cc",
        b"date",
        b"subject",
        b"message-id",
        b"received",
        b"return-path",
        b"delivered-to",
        b"x-original-to",
        b"mime-version",
        b"sender",
        b"reply-to",
        b"x-gm-thrid",
        b"x-gmail-labels",
        b"x-mozilla-status",
    }
)

Progress = Callable[[int], None]
PLAIN_STREAMS = (io.BufferedReader, io.BytesIO)


class Window:
    """A sliding view of the stream: `data` holds the file's bytes from offset `base`."""

    def __init__(self, stream: BinaryIO, progress: Progress | None, *, base: int = 0) -> None:
        """`base` is the stream's current offset in the file (a range reader starts mid-file)."""
        self.stream = stream
        self.data = b""
        self.base = base
        self.eof = False
        self.progress = progress
        self.reported = 0
        # A plain file is read into one reused buffer: a fresh megabyte from every read() made
        # the process take new pages from the system all through the mailbox, a tenth of
        # reading it. Other streams (a member of an archive, a caller's own) keep read().
        self.buffer = bytearray(CHUNK_BYTES) if type(stream) in PLAIN_STREAMS else None

    @property
    def end(self) -> int:
        return self.base + len(self.data)

    def more(self, keep_from: int) -> bool:
        """Forget bytes before `keep_from`, read one more chunk; False when the stream is done."""
        if self.eof:
            return False
        chunk = self.read_chunk()
        keep_from = min(keep_from, self.end)
        self.data = self.data[keep_from - self.base :] + chunk
        self.base = keep_from
        if not chunk:
            self.eof = True
        elif self.progress and self.end - self.reported >= PROGRESS_EVERY_BYTES:
            self.reported = self.end
            self.progress(self.end)
        return bool(chunk)

    def read_chunk(self) -> bytes | memoryview:
        if self.buffer is None:
            return self.stream.read(CHUNK_BYTES)
        count = self.stream.readinto(self.buffer) or 0  # type: ignore[attr-defined]
        return memoryview(self.buffer)[:count]

    def ensure(self, until: int, keep_from: int) -> None:
        while self.end < until and self.more(keep_from):
            pass

    def find(self, needle: bytes, start: int) -> int:
        found = self.data.find(needle, max(start - self.base, 0))
        return found + self.base if found >= 0 else -1

    def slice(self, start: int, stop: int) -> bytes:
        return self.data[start - self.base : stop - self.base]


def read(
    stream: BinaryIO, *, name: str = "", progress: Progress | None = None
) -> Iterator[MailMessage | Problem]:
    """Every message of an mbox, headers only; a file that is no mbox raises ImportRefused."""
    window = Window(stream, progress)
    for _, item in read_from(window, first_postmark(window, name)):
        yield item
    if progress:
        progress(window.end)


Located = tuple[int, MailMessage | Problem]


def read_from(
    window: Window, start: int | None, *, stop: int | None = None
) -> Generator[Located, None, int | None]:
    """The messages from the one opening at `start` on, each item with its message's offset.

    With `stop`, ends before the first message opening at or past it and returns that
    message's offset (None at the end of the file): a range reader (`mbox_parallel`) then
    knows where the next range must begin for the two to read as one."""
    number = 0
    while start is not None:
        if stop is not None and start >= stop:
            return start
        number += 1
        location = f"message {number} (byte {start})"
        header, body_start, truncated = header_block(window, start)
        for item in parse_header_block(header, location=location, truncated=truncated):
            yield start, item
        if body_start is None:
            yield (
                start,
                Problem(location, "the file ends inside this message's headers; it is cut off"),
            )
            return None
        previous, start = start, next_postmark(window, body_start)
        if start is None and window.slice(window.end - 1, window.end) != b"\n":
            yield (
                previous,
                Problem(location, "the file ends mid-line; the last message may be cut off"),
            )
    return None


def first_postmark(window: Window, name: str) -> int:
    """Offset of the first "From " line, after a byte-order mark and blank lines."""
    window.ensure(LOOKAHEAD_BYTES, keep_from=0)
    head = window.data
    if not head:
        raise ImportRefused("the file is empty; there are no messages to import", location=name)
    offset = len(BOM) if head.startswith(BOM) else 0
    while head[offset : offset + 1] in (b"\r", b"\n"):
        offset += 1
    first_line = head[offset:].partition(b"\n")[0]
    if not first_line.startswith(b"From ") or b"\0" in first_line:
        raise ImportRefused(
            "this is not an mbox file: it does not start with a 'From ' line", location=name
        )
    return offset


def header_block(window: Window, start: int) -> tuple[bytes, int | None, bool]:
    """The header bytes after the postmark at `start`, where the body begins, and whether the
    headers were cut at MAX_HEADER_BLOCK_BYTES. The body start is None at end of file."""
    window.ensure(start + LOOKAHEAD_BYTES, keep_from=start)
    line_end = window.find(b"\n", start)
    if line_end < 0:
        return b"", None, False
    limit = line_end + 1 + MAX_HEADER_BLOCK_BYTES
    while True:
        match = _HEADER_END.search(window.data, line_end - window.base)
        if match and match.start() + window.base < limit:
            header = window.slice(line_end + 1, match.start() + window.base + 1)
            return header, match.end() + window.base, False
        if window.end >= limit:
            header = window.slice(line_end + 1, limit)
            return header, skip_past_headers(window, limit), True
        if not window.more(keep_from=start):
            return window.slice(line_end + 1, window.end), None, False


def skip_past_headers(window: Window, position: int) -> int | None:
    """Offset just after the blank line that ends an over-long header block."""
    while True:
        match = _HEADER_END.search(window.data, max(position - 1, window.base) - window.base)
        if match:
            return match.end() + window.base
        position = max(window.end - 2, position)
        if not window.more(keep_from=position):
            return None


def next_postmark(window: Window, position: int) -> int | None:
    """Offset of the next line that really opens a message, skipping the body in between.

    Runs for every message, so it reads the window's bytes directly rather than through its
    methods."""
    while True:
        data, base = window.data, window.base
        found = data.find(SEPARATOR, max(position - 1 - base, 0))
        if found < 0:
            position = max(position, base + len(data) - len(SEPARATOR))
            if not window.more(keep_from=position - 1):
                return None
            continue
        line_start = base + found + 1
        if base + len(data) < line_start + LOOKAHEAD_BYTES:
            window.ensure(line_start + LOOKAHEAD_BYTES, keep_from=line_start - 1)
            data, base = window.data, window.base
        start = line_start - base
        if opens_message(data, start, min(start + LOOKAHEAD_BYTES, len(data))):
            return line_start
        position = line_start + 1


def opens_message(data: bytes, start: int = 0, end: int | None = None) -> bool:
    """Whether `data[start:end]`, starting at a "From " line, is a postmark followed by mail
    headers. Read in place: copying the look-ahead for every message cost more than this."""
    end = len(data) if end is None else end
    postmark = _POSTMARK.match(data, start, end)
    if not postmark:
        return False
    rest = postmark["rest"]
    # A postmark's tail is an asctime() date with its hh:mm:ss (or nothing at all, as in
    # Takeout and MimeKit files); prose such as "From 2010 to 2012." has no clock time.
    if rest and not _CLOCK_TIME.search(rest):
        return False
    position = postmark.end()
    while position < end:
        line_end = data.find(b"\n", position, end)
        line = data[position : line_end if line_end >= 0 else end]
        position = end if line_end < 0 else line_end + 1
        if line in (b"", b"\r"):
            return False
        if line[:1] in (b" ", b"\t"):
            continue
        field = _FIELD_LINE.match(line)
        if not field:
            return False
        if field[0].rstrip(b": \t").lower() in MESSAGE_FIELDS:
            return True
    return False
