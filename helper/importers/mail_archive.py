"""Google Takeout archives (.zip, .tgz, .tar.gz) holding .mbox files, read as streams.

Nothing is extracted to disk: each .mbox member is streamed through the mbox reader. Member
names are checked even though nothing is written, because a name like `../x` or `/etc/x` marks
a hostile archive; size and ratio limits stop archive bombs before they cost hours. The limits
hold for the bytes actually unpacked, every member's counted (skipped ones too), since headers
can lie: a zip's overlapping entries made 1.26 MB inflate for hours.
"""

from __future__ import annotations

import dataclasses
import gzip
import io
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath
from typing import IO, BinaryIO

from helper.errors import ImportRefused
from helper.importers import mbox
from helper.importers.detect import zip_overlap
from helper.records import MailMessage, Problem

MAX_MEMBERS = 10_000
# Takeout splits exports into parts of at most 50 GB; twice that is no real mailbox export.
MAX_TOTAL_BYTES = 100 * 1024**3
# Mail text deflates about 3-10x; deflate cannot exceed about 1,032x, which only bombs reach.
MAX_RATIO = 200
# Below this many uncompressed bytes the ratio says nothing (an empty mbox compresses 1,000x).
RATIO_GRACE_BYTES = 64 * 1024 * 1024
# A central directory that points before the start of the file fails as a bad seek:
# ValueError (OSError on a real file), not BadZipFile.
MEMBER_OPEN_ERRORS = (RuntimeError, NotImplementedError, zipfile.BadZipFile, ValueError, OSError)
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
GZIP_MAGIC = b"\x1f\x8b"

Progress = Callable[[int], None]
Item = MailMessage | Problem


def read(stream: BinaryIO, *, name: str = "", progress: Progress | None = None) -> Iterator[Item]:
    """Every message of every .mbox member; other members are noted and skipped."""
    counted = CountingReader(stream)
    magic = counted.peek(262)
    if not magic:
        raise ImportRefused("the file is empty; there are no messages to import", location=name)
    if magic.startswith(ZIP_MAGIC):
        yield from read_zip(counted, name, progress)
    elif magic.startswith(GZIP_MAGIC) or magic[257:262] == b"ustar":  # POSIX ustar magic
        yield from read_tar(counted, name, progress)
    else:
        raise ImportRefused("this is not a .zip or .tgz mail archive", location=name)


class ArchiveBomb(ImportRefused):
    """The archive expands far more than mail does; raised while a member is being read."""


class CountingReader:
    """A read-only stream that counts the archive bytes consumed, for progress and ratio."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.head = b""
        self.consumed = 0

    def peek(self, size: int) -> bytes:
        if len(self.head) < size:
            self.head += self.stream.read(size - len(self.head))
        return self.head[:size]

    def read(self, size: int = -1) -> bytes:
        head, self.head = self.head, b""
        if size < 0 or size > len(head):
            data = head + self.stream.read(-1 if size < 0 else size - len(head))
        else:
            data, self.head = head[:size], head[size:]
        self.consumed += len(data)
        return data

    def rewind(self) -> bool:
        """Give peeked bytes back to a seekable stream, so zipfile may seek in it."""
        if not self.stream.seekable():
            return False
        self.stream.seek(-len(self.head), io.SEEK_CUR)
        self.head = b""
        return True


class UnpackGuard:
    """The bytes an archive has unpacked so far, refused past MAX_TOTAL_BYTES or once they
    reach MAX_RATIO times the archive bytes behind them (`packed()`)."""

    def __init__(self, packed: Callable[[], int], name: str) -> None:
        self.packed = packed
        self.name = name
        self.unpacked = 0

    def count(self, size: int) -> None:
        self.unpacked += size
        if self.unpacked > MAX_TOTAL_BYTES:
            raise ArchiveBomb(
                f"the archive unpacks to more than {_size(MAX_TOTAL_BYTES)}", location=self.name
            )
        if self.unpacked > RATIO_GRACE_BYTES and self.unpacked > MAX_RATIO * max(self.packed(), 1):
            raise ArchiveBomb(
                f"the archive expands more than {MAX_RATIO}x; it looks like an archive bomb",
                location=self.name,
            )


class GuardedReader:
    """A stream of unpacked bytes, each counted by the archive's guard as it is read."""

    def __init__(self, stream: IO[bytes], guard: UnpackGuard) -> None:
        self.stream = stream
        self.guard = guard

    def read(self, size: int = -1) -> bytes:
        # One chunk at a time: a cut-off .tgz then hands over what it holds before failing,
        # and reads as damaged where it is cut, as with tarfile's own gunzipping.
        read = getattr(self.stream, "read1", self.stream.read)
        data = read(size)
        self.guard.count(len(data))
        return data


def _size(count: int) -> str:
    return f"{count // 1024**3:,} GB" if count >= 1024**3 else f"{count:,} bytes"


def read_zip(stream: CountingReader, name: str, progress: Progress | None) -> Iterator[Item]:
    if not stream.rewind():
        raise ImportRefused("a .zip archive has to be read from a file", location=name)
    archive_bytes = stream.stream.seek(0, io.SEEK_END)
    try:
        archive = zipfile.ZipFile(stream.stream)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ImportRefused(f"the .zip archive cannot be read ({error})", location=name) from None
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        check_zip_members(members, name)
        check_zip_layout(archive, stream.stream, name)
        guard = UnpackGuard(lambda: archive_bytes, name)
        for info in members:
            if not is_mbox(info.filename):
                yield skipped(info.filename)
                continue
            try:
                member = archive.open(info)
            except MEMBER_OPEN_ERRORS as error:
                yield Problem(info.filename, f"cannot be opened ({error}); it was skipped")
                continue
            with member:
                guarded = GuardedReader(member, guard)
                yield from read_member(guarded, info.filename, progress, stream.stream.tell)


def read_tar(stream: CountingReader, name: str, progress: Progress | None) -> Iterator[Item]:
    guard = UnpackGuard(lambda: stream.consumed, name)
    try:
        unpacked = GuardedReader(_unzipped(stream), guard)
        # Closed by the `with` below; opening needs its own message when it fails.
        archive = tarfile.open(fileobj=unpacked, mode="r|")  # type: ignore[call-overload]  # noqa: SIM115
    except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
        raise ImportRefused(f"the archive cannot be read ({error})", location=name) from None
    with archive:
        for count, info in enumerate(iter_tar(archive, name), start=1):
            # The declared size refuses an oversized member before it is read.
            check_member(info.name, count, guard.unpacked + info.size, name)
            if info.isdir():
                continue
            if not info.isfile() or not is_mbox(info.name):
                yield skipped(info.name)
                continue
            member = archive.extractfile(info)
            if member is not None:
                yield from read_member(member, info.name, progress, lambda: stream.consumed)


def _unzipped(stream: CountingReader) -> IO[bytes]:
    """The tar stream: gunzipped here rather than by tarfile, so that every byte tarfile reads,
    including those of the members it skips, passes the guard."""
    if stream.peek(len(GZIP_MAGIC)) == GZIP_MAGIC:
        return gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[arg-type]
    return stream  # type: ignore[return-value]


def iter_tar(archive: tarfile.TarFile, name: str) -> Iterator[tarfile.TarInfo]:
    """The archive's members; a corrupt or cut-off archive becomes ImportRefused."""
    try:
        yield from archive
    except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
        raise ImportRefused(f"the archive is damaged ({error})", location=name) from None


def check_zip_layout(archive: zipfile.ZipFile, stream: BinaryIO, name: str) -> None:
    """Refuse a .zip whose members share bytes, before any is inflated."""
    overlap = zip_overlap(stream, archive.infolist(), archive.start_dir)
    if overlap is not None:
        raise ArchiveBomb(
            f"the archive's members {overlap[0]} and {overlap[1]} share the same bytes, the mark "
            "of an archive bomb; it was refused",
            location=name,
        )


def check_zip_members(members: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse a hostile .zip from its central directory, before any member is read.

    zipfile never returns more than a member's declared size, so the declared sizes bound the
    work.
    """
    unpacked = packed = 0
    for count, info in enumerate(members, start=1):
        unpacked += info.file_size
        packed += info.compress_size
        check_member(info.filename, count, unpacked, name)
    if unpacked > RATIO_GRACE_BYTES and unpacked > MAX_RATIO * max(packed, 1):
        raise ArchiveBomb(
            f"the archive expands more than {MAX_RATIO}x; it looks like an archive bomb",
            location=name,
        )


def check_member(member_name: str, count: int, unpacked: int, name: str) -> None:
    if count > MAX_MEMBERS:
        raise ImportRefused(f"the archive holds more than {MAX_MEMBERS:,} files", location=name)
    if not is_safe_name(member_name):
        raise ImportRefused(
            f"the archive holds an unsafe file name ({member_name!r}); it was refused",
            location=name,
        )
    if unpacked > MAX_TOTAL_BYTES:
        raise ArchiveBomb(
            f"the archive unpacks to more than {_size(MAX_TOTAL_BYTES)}", location=name
        )


def is_safe_name(member_name: str) -> bool:
    path = PurePosixPath(member_name.replace("\\", "/"))
    drive_letter = len(member_name) > 1 and member_name[1] == ":"
    return not (path.is_absolute() or ".." in path.parts or drive_letter or "\0" in member_name)


def is_mbox(member_name: str) -> bool:
    return member_name.lower().endswith(".mbox")


def skipped(member_name: str) -> Problem:
    return Problem(member_name, "not an .mbox file; it was skipped")


def read_member(
    member: IO[bytes] | GuardedReader,
    member_name: str,
    progress: Progress | None,
    position: Callable[[], int],
) -> Iterator[Item]:
    """One .mbox member, its locations prefixed with the member's name; a member that is no
    mbox is a problem, not the end of the archive."""
    report = (lambda _: progress(position())) if progress else None
    try:
        for item in mbox.read(member, name=member_name, progress=report):  # type: ignore[arg-type]
            location = f"{member_name}: {item.location}"
            if type(item) is MailMessage:
                # A message the reader has just made and nobody else holds: renamed in place,
                # as dataclasses.replace cost more than reading its headers did.
                item.location = location
                yield item
            else:
                yield dataclasses.replace(item, location=location)
    except ArchiveBomb:
        raise
    except ImportRefused as error:
        yield Problem(member_name, error.message)
    # zlib.error: a member whose deflated bytes are corrupt fails only once it is read.
    except (zipfile.BadZipFile, tarfile.TarError, OSError, EOFError, zlib.error) as error:
        raise ImportRefused(f"the archive is damaged in {member_name} ({error})") from None
