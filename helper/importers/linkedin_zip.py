"""LinkedIn's data-export `.zip`, read member by member straight from the archive.

Connections.csv gives contacts; messages.csv and Invitations.csv give dated interactions with the
other person of each row. Every other member is named in a note and left alone.

Whose export it is: Invitations.csv says it outright (the `From` of an OUTGOING row, the `To`
of an INCOMING one). messages.csv does not, so its owner is the participant present in the most
conversations; a tie (a single one-to-one conversation) goes to the name from Invitations.csv,
then to Profile.csv's name, then to the first sender.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import IO, BinaryIO

from helper.errors import ImportRefused
from helper.importers import linkedin_csv
from helper.importers.detect import zip_overlap
from helper.importers.text import (
    HeaderRow,
    Row,
    column_index,
    csv_rows,
    find_header,
    header_key,
    text_lines,
)
from helper.normalize import normalize_linkedin_url
from helper.records import Format, InteractionRecord, Problem, ProfileRecord

SOURCE = Format.LINKEDIN_ZIP.value
# A real export holds a few dozen members and messages.csv rarely passes 100 MB; these bounds
# leave room for heavy users while refusing an archive bomb before any member is inflated.
MAX_MEMBERS = 1_000
MAX_MEMBER_BYTES = 512 << 20
MAX_TOTAL_BYTES = 2 << 30
MAX_COMPRESSION_RATIO = 100
RATIO_CHECK_FROM_BYTES = 1 << 20
CONNECTIONS = "connections.csv"
MESSAGES = "messages.csv"
INVITATIONS = "invitations.csv"
PROFILE = "profile.csv"
# How a message's summary says which way it went: a draft thanks only for one received.
MESSAGE_RECEIVED, MESSAGE_SENT = "Message received", "Message sent"
INVITATION_RECEIVED, INVITATION_SENT = "Invitation received", "Invitation sent"
# What zipfile raises on a damaged or hostile member (a bad seek is a ValueError, a truncated
# header a struct.error); ImportRefused, also a ValueError, is let through unchanged.
_READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    struct.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
)

Item = ProfileRecord | InteractionRecord | Problem


def read(stream: BinaryIO, *, name: str = "") -> Iterator[Item]:
    """Contacts and interactions of a LinkedIn export; an unsafe archive is refused whole."""
    label = name or "The archive"
    with _open_archive(stream, label) as archive:
        members = _members_by_role(archive.infolist(), label)
        owner_hint = _owner_hint(archive, members, label)
        if CONNECTIONS in members:
            yield from _connections(archive, members[CONNECTIONS], label)
        if MESSAGES in members:
            yield from _messages(archive, members[MESSAGES], owner_hint, label)
        if INVITATIONS in members:
            yield from _member_items(archive, members[INVITATIONS], label, invitations)
        for info in archive.infolist():
            if not info.is_dir() and _role(info) not in {CONNECTIONS, MESSAGES, INVITATIONS}:
                yield Problem(info.filename, "ignored: not a contact file")


@contextmanager
def _open_archive(stream: BinaryIO, label: str) -> Iterator[zipfile.ZipFile]:
    if not stream.seekable():
        raise ImportRefused(f"{label} must be a file on disk: a zip is read from its end.")
    try:
        archive = zipfile.ZipFile(stream)
    except _READ_ERRORS as error:
        raise ImportRefused(f"{label} is not a readable zip archive ({error}).") from error
    with archive:
        check_archive(archive.infolist(), label)
        overlap = zip_overlap(stream, archive.infolist(), archive.start_dir)
        if overlap is not None:
            raise ImportRefused(
                f"{label}: members {overlap[0]} and {overlap[1]} share the same bytes, the mark "
                "of an archive bomb; refused."
            )
        yield archive


def check_archive(infos: list[zipfile.ZipInfo], label: str) -> None:
    """Refuse unsafe member names and anything shaped like an archive bomb, before reading.

    The declared sizes bound the work: zipfile never inflates a member past its declared size,
    and once no members overlap, their compressed sizes are bytes the file really holds."""
    if len(infos) > MAX_MEMBERS:
        raise ImportRefused(
            f"{label} holds {len(infos):,} members, over the limit of {MAX_MEMBERS:,}."
        )
    total = 0
    for info in infos:
        _check_member(info, label)
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise ImportRefused(
            f"{label} would unpack to {total:,} bytes, over the limit of {MAX_TOTAL_BYTES:,}."
        )


def _check_member(info: zipfile.ZipInfo, label: str) -> None:
    name = info.filename
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (len(name) > 1 and name[1] == ":"):
        raise ImportRefused(f"{label} has an unsafe member path {name!r}; refused.")
    if info.file_size > MAX_MEMBER_BYTES:
        raise ImportRefused(
            f"{label}: member {name} unpacks to {info.file_size:,} bytes, over the limit of "
            f"{MAX_MEMBER_BYTES:,}."
        )
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > RATIO_CHECK_FROM_BYTES and ratio > MAX_COMPRESSION_RATIO:
        raise ImportRefused(
            f"{label}: member {name} is compressed {ratio:,.0f} to 1, the mark of an archive "
            "bomb; refused."
        )


def _role(info: zipfile.ZipInfo) -> str:
    return PurePosixPath(info.filename).name.casefold()


def _members_by_role(infos: list[zipfile.ZipInfo], label: str) -> dict[str, zipfile.ZipInfo]:
    members: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        if not info.is_dir():
            members.setdefault(_role(info), info)
    if not {CONNECTIONS, MESSAGES, INVITATIONS} & members.keys():
        raise ImportRefused(
            f"{label} is not a LinkedIn data export: it has no Connections.csv, messages.csv "
            "or Invitations.csv."
        )
    return members


@contextmanager
def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str) -> Iterator[IO[bytes]]:
    try:
        with archive.open(info) as member:
            yield member
    except ImportRefused:
        raise
    except _READ_ERRORS as error:
        raise ImportRefused(f"{label}: member {info.filename} is damaged ({error}).") from error


def _owner_hint(archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], label: str) -> str:
    if INVITATIONS in members:
        with _member(archive, members[INVITATIONS], label) as member:
            owner = invitation_owner(member)
        if owner:
            return owner
    if PROFILE in members:
        with _member(archive, members[PROFILE], label) as member:
            return profile_owner(member)
    return ""


def _connections(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str) -> Iterator[Item]:
    with _member(archive, info, label) as member:
        for item in linkedin_csv.read(member, name=f"{label}: {info.filename}"):
            if isinstance(item, Problem):
                yield Problem(f"{info.filename} {item.location}", item.message, item.raw)
            else:
                item.source = SOURCE
                item.location_in_source = f"{info.filename} {item.location_in_source}"
                yield item


def _messages(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, owner_hint: str, label: str
) -> Iterator[Item]:
    with _member(archive, info, label) as member:
        owner = message_owner(member, owner_hint)
    yield from _member_items(archive, info, label, lambda stream: messages(stream, owner))


def _member_items(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    label: str,
    reader: Callable[[IO[bytes]], Iterator[InteractionRecord | Problem]],
) -> Iterator[Item]:
    with _member(archive, info, label) as member:
        for item in reader(member):
            if isinstance(item, Problem):
                yield Problem(f"{info.filename} {item.location}", item.message, item.raw)
            else:
                yield item


def _table(stream: IO[bytes], required: set[str]) -> tuple[HeaderRow, Iterator[str]] | None:
    """The header (found by the `required` names) and the lines after it."""
    return find_header(
        text_lines(stream),  # type: ignore[arg-type]
        lambda cells: required <= {header_key(cell) for cell in cells},
    )


def _rows(stream: IO[bytes], required: set[str]) -> Iterator[Row | Problem]:
    found = _table(stream, required)
    if found is None:
        names = ", ".join(sorted(required))
        yield Problem("line 1", f"no header with {names} found; the file was skipped")
        return
    header, lines = found
    columns = column_index(header.names)
    for item in csv_rows(lines, header):
        yield item if isinstance(item, Problem) else Row(item[0], item[1], columns)


# --- Invitations.csv: From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl

INVITATION_COLUMNS = {"from", "to", "sent at", "direction"}
# `1/29/26, 2:37 PM`: month first, two-digit year, local time of the export (no zone given).
INVITATION_DATE_FORMAT = "%m/%d/%y, %I:%M %p"


def invitation_owner(stream: IO[bytes]) -> str:
    """The export owner's name: `From` of an OUTGOING invitation or `To` of an INCOMING one."""
    for row in _rows(stream, INVITATION_COLUMNS):
        if isinstance(row, Problem):
            continue
        direction = row.get("direction").upper()
        if direction in {"OUTGOING", "INCOMING"}:
            return row.get("from" if direction == "OUTGOING" else "to")
    return ""


def invitations(stream: IO[bytes]) -> Iterator[InteractionRecord | Problem]:
    """One interaction per invitation, with the other person of the row."""
    for row in _rows(stream, INVITATION_COLUMNS):
        if isinstance(row, Problem):
            yield row
        else:
            yield _invitation(row)


def _invitation(row: Row) -> InteractionRecord | Problem:
    direction = row.get("direction").upper()
    if direction not in {"OUTGOING", "INCOMING"}:
        return Problem(row.location, f"unknown Direction {direction[:20]!r}", row.raw())
    sent_at = row.get("sent at")
    try:
        when = datetime.strptime(sent_at, INVITATION_DATE_FORMAT)
    except ValueError:
        return Problem(row.location, f"unreadable Sent At {sent_at[:40]!r}", row.raw())
    outgoing = direction == "OUTGOING"
    other_name = row.get("to" if outgoing else "from")
    other_url = row.get("inviteeprofileurl" if outgoing else "inviterprofileurl")
    linkedin_url = normalize_linkedin_url(other_url) or ""
    note = row.get("message")
    what = INVITATION_SENT if outgoing else INVITATION_RECEIVED
    other = linkedin_url or other_name
    return InteractionRecord(
        kind="message",
        when=when,
        source_ref=f"linkedin:invitations:{direction.lower()}:{sent_at}:{other}",
        name=other_name,
        linkedin_url=linkedin_url,
        channel="linkedin_connect",
        summary=f"{what}: {note}" if note else what,
    )


# --- Profile.csv: the owner's own First Name, Last Name


def profile_owner(stream: IO[bytes]) -> str:
    for row in _rows(stream, {"first name", "last name"}):
        if not isinstance(row, Problem):
            return " ".join(part for part in (row.get("first name"), row.get("last name")) if part)
    return ""


# --- messages.csv: CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,
#     RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,... (columns vary by year)

MESSAGE_COLUMNS = {"from", "to", "date"}
SUMMARY_CHARS = 200


def message_owner(stream: IO[bytes], hint: str) -> str:
    """The participant (by name, case-folded) present in the most conversations."""
    seen: set[tuple[str, str]] = set()
    first_sender = ""
    for row in _rows(stream, MESSAGE_COLUMNS):
        if isinstance(row, Problem):
            continue
        conversation = row.get("conversation id") or row.get("conversation title")
        sender = row.get("from").casefold()
        first_sender = first_sender or sender
        for person in [sender, *(name.casefold() for name, _ in _recipients(row))]:
            seen.add((person, conversation))
    counts: dict[str, int] = {}
    for person, _ in seen:
        counts[person] = counts.get(person, 0) + 1
    if not counts:
        return hint.casefold()
    best = max(counts.values())
    leaders = {person for person, count in counts.items() if count == best and person}
    for preferred in (hint.casefold(), first_sender):
        if preferred in leaders:
            return preferred
    return min(leaders) if leaders else ""


def messages(stream: IO[bytes], owner: str) -> Iterator[InteractionRecord | Problem]:
    """One interaction per message and other person: the sender of a received message, each
    recipient of a sent one."""
    for row in _rows(stream, MESSAGE_COLUMNS):
        if isinstance(row, Problem):
            yield row
        else:
            yield from _message(row, owner)


def _message(row: Row, owner: str) -> Iterator[InteractionRecord | Problem]:
    date_text = row.get("date")
    when = parse_message_date(date_text)
    if when is None:
        yield Problem(row.location, f"unreadable DATE {date_text[:40]!r}", row.raw())
        return
    conversation = row.get("conversation id") or row.get("conversation title")
    sender = row.get("from")
    base_ref = f"linkedin:messages:{conversation}:{date_text}:{sender}"
    text = " ".join((row.get("subject") or row.get("content")).split())[:SUMMARY_CHARS]
    if sender.casefold() != owner:
        url = normalize_linkedin_url(row.get("sender profile url")) or ""
        summary = f"{MESSAGE_RECEIVED}: {text}" if text else MESSAGE_RECEIVED
        yield _message_record(when, base_ref, sender, url, summary)
        return
    summary = f"{MESSAGE_SENT}: {text}" if text else MESSAGE_SENT
    for name, url in _recipients(row):
        if name.casefold() != owner:
            yield _message_record(when, f"{base_ref}:{url or name}", name, url, summary)


def _message_record(
    when: datetime, source_ref: str, name: str, url: str, summary: str
) -> InteractionRecord:
    return InteractionRecord(
        kind="message",
        when=when,
        source_ref=source_ref,
        name=name,
        linkedin_url=url,
        channel="linkedin_message",
        summary=summary,
    )


def _recipients(row: Row) -> list[tuple[str, str]]:
    """(name, normalised profile URL) of each recipient; names and URLs pair up by position
    when their counts agree."""
    names = [name.strip() for name in row.get("to").split(",") if name.strip()]
    urls = [
        normalize_linkedin_url(url) or ""
        for url in row.get("recipient profile urls").split(",")
        if url.strip()
    ]
    if len(urls) != len(names):
        urls = [""] * len(names)
    return list(zip(names, urls, strict=True))


def parse_message_date(text: str) -> datetime | None:
    """`2025-06-01 14:03:22 UTC` as an aware datetime; None when unreadable."""
    stamp = text.strip().removesuffix("UTC").strip()
    try:
        return datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None
