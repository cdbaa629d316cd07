"""One RFC 5322 message saved as a file (.eml): its headers only; the body is never read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from helper.errors import ImportRefused
from helper.importers.mail_headers import MAX_HEADER_BLOCK_BYTES, parse_header_block
from helper.records import MailMessage, Problem

CHUNK_BYTES = 64 * 1024
BOM = b"\xef\xbb\xbf"
LOCATION = "message 1 (byte 0)"

_FIELD_LINE = re.compile(rb"[!-9;-~]+[ \t]*:")
_HEADER_END = re.compile(rb"\n\r?\n")


def read(stream: BinaryIO, *, name: str = "") -> Iterator[MailMessage | Problem]:
    """The message's headers as a MailMessage; a file that is no message raises ImportRefused."""
    head, truncated = read_header_block(stream)
    if not head.strip():
        raise ImportRefused("the file is empty; there is no message to import", location=name)
    if not _FIELD_LINE.match(head) or b"\0" in head.partition(b"\n")[0]:
        raise ImportRefused(
            "this is not an email message: it does not start with a header line", location=name
        )
    yield from parse_header_block(head, location=LOCATION, truncated=truncated)


def read_header_block(stream: BinaryIO) -> tuple[bytes, bool]:
    """The bytes before the first blank line, at most MAX_HEADER_BLOCK_BYTES of them, and
    whether the block was longer than that."""
    head = strip_preamble(stream.read(CHUNK_BYTES))
    while True:
        match = _HEADER_END.search(head)
        if match:
            return head[: match.start() + 1], False
        if len(head) > MAX_HEADER_BLOCK_BYTES:
            return head[:MAX_HEADER_BLOCK_BYTES], True
        chunk = stream.read(CHUNK_BYTES)
        if not chunk:
            return head, False
        head += chunk


def strip_preamble(head: bytes) -> bytes:
    """Drop a byte-order mark, leading blank lines and an mbox postmark some tools leave."""
    if head.startswith(BOM):
        head = head[len(BOM) :]
    head = head.lstrip(b"\r\n")
    if head.startswith(b"From ") and not _FIELD_LINE.match(head):
        head = head.partition(b"\n")[2]
    return head
