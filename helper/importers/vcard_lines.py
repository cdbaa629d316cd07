"""vCard content lines: physical lines of bytes -> properties, still undecoded.

Our own reader, because vobject 0.9.9 fails real exports: it stops on a 2.1
base64 photo, drops quoted-printable continuation lines and ignores `CHARSET=SHIFT_JIS`.

- Unfolding: a line that starts with a space or tab continues the one before
  (RFC 6350 §3.2, RFC 2425 §5.8.1). Line ends may be CRLF, LF or the odd CR CR LF.
- vCard 2.1 quoted-printable: a value line that ends in `=` is a soft break and the next line
  continues the value even when it is not indented (vCard 2.1 §2.1.3, RFC 2045 §6.7).
- vCard 2.1 base64 may continue on unindented lines up to a blank line (vCard 2.1 §2.1.3).
- `#` lines outside a value are comments (Android writes them); inside a QP value they are text.
- Values are bytes until the card reader decodes them with the property's CHARSET, since 2.1
  files carry raw 8-bit Shift_JIS or Latin-1. Properties nobody reads (PHOTO, LOGO, SOUND and any
  base64 value among them) are passed over line by line without being held.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from helper.importers.text import MAX_LINE_BYTES, binary_lines

# The properties the card reader uses; every other value is skipped without being kept.
KEPT_PROPERTIES = frozenset(
    {
        "BEGIN",
        "END",
        "FN",
        "N",
        "EMAIL",
        "TEL",
        "ORG",
        "TITLE",
        "URL",
        "X-SOCIALPROFILE",
        "CATEGORIES",
        "NOTE",
        "ADR",
    }
)
BINARY_ENCODINGS = frozenset({"BASE64"})
MAX_VALUE_BYTES = 1 << 20
_NAME_SCAN_BYTES = 4096
_PROPERTY_HEAD = re.compile(
    rb"^[ \t]*(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9-]+)((?:;(?:[^\";:]|\"[^\"]*\")*)*):"
)
_QUOTED_PRINTABLE = re.compile(rb";[ \t]*(?:ENCODING[ \t]*=[ \t]*)?QUOTED-PRINTABLE\b", re.I)
_BASE64 = re.compile(
    rb";[ \t]*(?:ENCODING[ \t]*=[ \t]*B\b|(?:ENCODING[ \t]*=[ \t]*)?BASE64\b)", re.I
)
_CHARSET = re.compile(r';\s*CHARSET\s*=\s*"?([\w.:-]+)', re.IGNORECASE)
_END_CARD = re.compile(rb"^END[ \t]*:[ \t]*VCARD[ \t]*$", re.IGNORECASE)


@dataclass(slots=True)
class RawProperty:
    """One kept property as written: name upper-cased, value bytes not yet decoded."""

    line_number: int
    group: str
    name: str
    raw_params: str
    encoding: str = ""
    value: bytes = b""
    oversize: bool = False

    @property
    def charset(self) -> str:
        match = _CHARSET.search(self.raw_params)
        return match.group(1) if match else ""


@dataclass(slots=True)
class SkippedProperty:
    """A property nobody reads (PHOTO, X-...): only counted, its value never held."""

    line_number: int
    name: str


@dataclass(slots=True)
class BadLine:
    """A line that is neither a property, a continuation, a comment nor blank."""

    line_number: int
    raw: bytes


def encoding_of(raw_params: bytes) -> str:
    """QUOTED-PRINTABLE, BASE64 or '' from `ENCODING=...` or a bare 2.1 word."""
    words = raw_params.upper()
    # Most parameters (`;type=INTERNET;type=pref`) name no encoding: two searches saved.
    if b"QUOTED-PRINTABLE" not in words and b"BASE64" not in words and b"ENCODING" not in words:
        return ""
    if _QUOTED_PRINTABLE.search(raw_params):
        return "QUOTED-PRINTABLE"
    if _BASE64.search(raw_params):
        return "BASE64"
    return ""


class _Pending:
    """The property being read: its head, and its value so far when it is kept."""

    __slots__ = ("binary", "chunks", "head", "kept", "qp", "size", "soft_break")

    def __init__(self, head: RawProperty | SkippedProperty, encoding: str) -> None:
        self.head = head
        self.kept = isinstance(head, RawProperty)
        self.qp = encoding == "QUOTED-PRINTABLE"
        self.binary = encoding in BINARY_ENCODINGS
        self.chunks: list[bytes] = []
        self.size = 0
        self.soft_break = False

    def continued_by(self, line: bytes) -> bool:
        """Whether `line` belongs to this property rather than starting the next one."""
        if line[:1] in (b" ", b"\t"):
            return True
        if self.soft_break:
            return not _END_CARD.match(line)
        return self.binary and bool(line.strip()) and b":" not in line[:_NAME_SCAN_BYTES]

    def add(self, chunk: bytes) -> None:
        self.soft_break = self.qp and chunk.endswith(b"=")
        if not self.kept:
            return
        piece = chunk[:-1] if self.soft_break else chunk
        self.size += len(piece)
        if self.size > MAX_VALUE_BYTES:
            self.mark_oversize()
            return
        self.chunks.append(piece)

    def mark_oversize(self) -> None:
        if isinstance(self.head, RawProperty):
            self.head.oversize = True
        self.kept = False
        self.chunks.clear()

    def finish(self) -> RawProperty | SkippedProperty:
        if isinstance(self.head, RawProperty) and not self.head.oversize:
            self.head.value = b"".join(self.chunks)
        return self.head


def _start(number: int, line: bytes) -> _Pending | BadLine:
    match = _PROPERTY_HEAD.match(line, 0, _NAME_SCAN_BYTES)
    if match is None:
        return BadLine(number, line[:200])
    name = match.group(2).decode("ascii").upper()
    raw_params = match.group(3)
    encoding = encoding_of(raw_params) if raw_params else ""
    head: RawProperty | SkippedProperty
    if name in KEPT_PROPERTIES and encoding not in BINARY_ENCODINGS:
        group = (match.group(1) or b"").decode("ascii")
        head = RawProperty(number, group, name, raw_params.decode("latin-1"), encoding)
    else:
        head = SkippedProperty(number, name)
    pending = _Pending(head, encoding)
    pending.add(line[match.end() :])
    return pending


def read_properties(stream: BinaryIO) -> Iterator[RawProperty | SkippedProperty | BadLine]:
    """The properties of a vCard stream in order, plus lines that are none."""
    pending: _Pending | None = None
    for number, physical in enumerate(binary_lines(stream), start=1):
        line = physical.rstrip(b"\r\n")
        truncated = len(physical) >= MAX_LINE_BYTES and not physical.endswith(b"\n")
        if pending is not None and pending.continued_by(line):
            pending.add(line if pending.soft_break else line[1:])
        else:
            if pending is not None:
                yield pending.finish()
                pending = None
            if not line.strip() or line.lstrip()[:1] == b"#":
                continue
            started = _start(number, line)
            if isinstance(started, BadLine):
                yield started
                continue
            pending = started
        if truncated:
            pending.mark_oversize()
    if pending is not None:
        yield pending.finish()
