"""Which importer a file needs, decided from its first bytes; the file name is used only to
name the file in a refusal. The zip readers also find here whether members overlap, which
only a zip bomb's do."""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Iterable
from itertools import pairwise
from pathlib import PurePath
from typing import BinaryIO

from helper.errors import ImportRefused
from helper.importers.contacts_csv import csv_format_of
from helper.importers.linkedin_csv import is_connections_header
from helper.importers.text import DELIMITERS, decode_head, sniff_encoding, split_cells
from helper.records import Format

# Enough for the LinkedIn preamble, a header row and the header block of a message.
DETECT_BYTES = 16384
_ZIP_LOCAL_HEADER = b"PK\x03\x04"
_ZIP_LOCAL_HEADER_BYTES = 30
_ZIP_EMPTY = b"PK\x05\x06"
_GZIP = b"\x1f\x8b"
_MAIL_MEMBER = re.compile(r"(?:\.mbox|\.mbx|\.eml|(?:^|/)mbox)$", re.IGNORECASE)
_LINKEDIN_MEMBER = re.compile(
    r"(?:^|/)(?:connections|messages|invitations|profile)\.csv$", re.IGNORECASE
)
# A header field name is printable US-ASCII except ':' (RFC 5322 §2.2).
_HEADER_FIELD = re.compile(r"^[!-9;-~]+:")
_MAIL_HEADERS = frozenset(
    {"from", "to", "date", "subject", "message-id", "received", "return-path", "mime-version"}
)
_BINARY_SIGNATURES: dict[bytes, str] = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
    b"SQLite format 3": "an SQLite database",
}


def detect(head: bytes, filename: str = "") -> Format:
    """The format of a file from its first few KB; ImportRefused says what it looked like."""
    if not head.strip(b" \t\r\n\x00"):
        raise ImportRefused("The file is empty.")
    archive = _archive_format(head, filename)
    if archive is not None:
        return archive
    _refuse_binary(head)
    text = decode_head(head[:DETECT_BYTES]).lstrip("\ufeff")
    for guess in (_json_format, _mail_format, _vcard_format, _csv_format):
        found = guess(text)
        if found is not None:
            return found
    raise ImportRefused(_unknown_text_message(text, filename))


def _archive_format(head: bytes, filename: str) -> Format | None:
    if head.startswith(_GZIP) or head[257:262] == b"ustar":
        return Format.MAIL_ARCHIVE
    if head.startswith(_ZIP_EMPTY):
        raise ImportRefused("The file is an empty zip archive.")
    if not head.startswith(_ZIP_LOCAL_HEADER):
        return None
    names = zip_member_names(head)
    if any(_MAIL_MEMBER.search(name) for name in names):
        return Format.MAIL_ARCHIVE
    if any(_LINKEDIN_MEMBER.search(name) for name in names) or any(
        name.lower().endswith(".csv") for name in names
    ):
        return Format.LINKEDIN_ZIP
    first = names[0] if names else "unreadable"
    raise ImportRefused(
        f"{_label(filename)} is a zip archive that is neither a LinkedIn data export nor a set "
        f"of mailboxes (first member: {first})."
    )


def zip_member_names(head: bytes) -> list[str]:
    """Member names from the local file headers that fit in `head` (PKWARE APPNOTE §4.3.7)."""
    names: list[str] = []
    offset = 0
    while head.startswith(_ZIP_LOCAL_HEADER, offset) and offset + 30 <= len(head):
        flags, compressed_size, name_length, extra_length = _local_header_fields(head, offset)
        start = offset + 30
        names.append(head[start : start + name_length].decode("utf-8", errors="replace"))
        if flags & 0x08:
            break  # sizes follow the data (a data descriptor): the next header is not findable
        offset = start + name_length + extra_length + compressed_size
    return names


def zip_overlap(
    stream: BinaryIO, infos: Iterable[zipfile.ZipInfo], directory_start: int
) -> tuple[str, str] | None:
    """Two members whose bytes overlap (or a member running into the central directory), or
    None. Overlapping entries are how a small zip inflates the same data thousands of times
    while each entry's sizes look like mail's; no archiver writes them."""
    spans = sorted(
        (info.header_offset, end, info.filename)
        for info in infos
        if (end := _member_end(stream, info)) is not None
    )
    spans.append((directory_start, directory_start, "the central directory"))
    for (_start, end, name), (next_start, _end, next_name) in pairwise(spans):
        if end > next_start:
            return name, next_name
    return None


def _member_end(stream: BinaryIO, info: zipfile.ZipInfo) -> int | None:
    """Where a member's compressed bytes end, read from its local header (whose name and extra
    field may be longer than the central directory's); None when there is no such header, as
    zipfile cannot open that member either."""
    if info.header_offset < 0:
        return None
    stream.seek(info.header_offset)
    header = stream.read(_ZIP_LOCAL_HEADER_BYTES)
    if len(header) < _ZIP_LOCAL_HEADER_BYTES or not header.startswith(_ZIP_LOCAL_HEADER):
        return None
    _flags, _size, name_length, extra_length = _local_header_fields(header, 0)
    data_start = info.header_offset + _ZIP_LOCAL_HEADER_BYTES + name_length + extra_length
    return data_start + info.compress_size


def _local_header_fields(head: bytes, offset: int) -> tuple[int, int, int, int]:
    flags = struct.unpack_from("<H", head, offset + 6)[0]
    compressed_size = struct.unpack_from("<I", head, offset + 18)[0]
    name_length, extra_length = struct.unpack_from("<HH", head, offset + 26)
    return flags, compressed_size, name_length, extra_length


def _refuse_binary(head: bytes) -> None:
    for signature, what in _BINARY_SIGNATURES.items():
        if head.startswith(signature):
            raise ImportRefused(f"The file is {what}, not a contact or mail export.")
    if sniff_encoding(head).startswith(("utf-16", "utf-32")):
        return
    sample = head[:4096]
    controls = sum(1 for byte in sample if byte < 32 and byte not in b"\t\r\n\x0c\x1a")
    if controls > len(sample) * 0.05:
        raise ImportRefused("The file is binary data, not a contact or mail export.")


def _json_format(text: str) -> Format | None:
    if not text.lstrip().startswith(("{", "[")):
        return None
    if re.search(r'"schema_version"\s*:', text[:4096]):
        return Format.OUTREACH_JSON
    raise ImportRefused("The file is JSON but not an Outreach Helper export (no schema_version).")


def _mail_format(text: str) -> Format | None:
    first = text.lstrip("\r\n").split("\n", 1)[0]
    if first.startswith("From "):
        return Format.MBOX
    lines = text.lstrip("\r\n").splitlines()[:30]
    fields: list[str] = []
    for line in lines:
        if not line.strip():
            break
        if line[:1] in " \t":
            continue
        if not _HEADER_FIELD.match(line):
            return None
        fields.append(line.split(":", 1)[0].lower())
    return Format.EML if len(_MAIL_HEADERS.intersection(fields)) >= 2 else None


def _vcard_format(text: str) -> Format | None:
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        return Format.VCARD if stripped.upper().replace(" ", "") == "BEGIN:VCARD" else None
    return None


def _csv_format(text: str) -> Format | None:
    lines = text.splitlines()[:12]
    for line in lines:
        if line.strip().casefold() == "notes:":
            return Format.LINKEDIN_CONNECTIONS
        for delimiter in DELIMITERS:
            cells = [cell.strip() for cell in split_cells(line, delimiter)]
            if is_connections_header(cells):
                return Format.LINKEDIN_CONNECTIONS
            found = csv_format_of(cells)
            if found is not None:
                return found
    return None


def _unknown_text_message(text: str, filename: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first.startswith("<"):
        return (
            f"{_label(filename)} looks like an HTML or XML page, not an export; a saved profile "
            "page goes to parse-profile."
        )
    return (
        f"{_label(filename)} is text in no supported format (LinkedIn export, vCard, Google or "
        f"Outlook CSV, mbox, .eml, Outreach Helper JSON); its first line is {first[:60]!r}."
    )


def _label(filename: str) -> str:
    return PurePath(filename).name if filename else "The file"
