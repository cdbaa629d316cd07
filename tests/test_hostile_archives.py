"""Hostile archives cost little: a zip whose entries overlap is refused, unpacked bytes count as
they are read (a .tgz's skipped members too), and Cancel stops even inside one long member."""

from __future__ import annotations

import io
import struct
import tarfile
import threading
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from helper.errors import ImportRefused
from helper.importers import linkedin_zip, mail_archive
from helper.records import MailMessage
from helper.store.imports.pipeline import import_file
from helper.store.imports.runs import get_run
from helper.store.imports.summary import ImportCancelled
from helper.store.opening import open_store
from tests.conftest import tgz_bytes

MBOX_MEMBER = "Takeout/Mail/All mail Including Spam and Trash.mbox"
_EOCD = struct.Struct("<4sHHHHIIH")  # end of central directory, PKWARE APPNOTE §4.3.16


def zip_bytes(members: dict[str, bytes], stream: io.RawIOBase | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(stream or buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def overlapping(archive: bytes, copies: int) -> bytes:
    """`archive` (one member) with its central-directory entry repeated `copies` times: every
    entry points at the same local data, which a reader then inflates `copies` times."""
    end = archive.rindex(b"PK\x05\x06")
    fields = _EOCD.unpack_from(archive, end)
    directory_size, directory_offset = fields[5], fields[6]
    entry = archive[directory_offset : directory_offset + directory_size]
    directory = entry * copies
    record = _EOCD.pack(b"PK\x05\x06", 0, 0, copies, copies, len(directory), directory_offset, 0)
    return archive[:directory_offset] + directory + record


@pytest.fixture
def mailbox(data_path: Path) -> bytes:
    """About 130 KB of real messages."""
    return (data_path / "mbox" / "takeout_postmarks.mbox").read_bytes() * 20


def read_mail(raw: bytes) -> list:
    return list(mail_archive.read(io.BytesIO(raw), name="takeout.zip"))


def test_a_mail_zip_whose_entries_overlap_is_refused_before_any_member_is_read(mailbox):
    bomb = overlapping(zip_bytes({MBOX_MEMBER: mailbox}), copies=2_000)
    started = time.monotonic()
    with pytest.raises(ImportRefused) as refused:
        read_mail(bomb)
    assert str(refused.value) == (
        f"takeout.zip: the archive's members {MBOX_MEMBER} and {MBOX_MEMBER} share the same "
        "bytes, the mark of an archive bomb; it was refused"
    )
    assert time.monotonic() - started < 5


def test_a_linkedin_zip_whose_entries_overlap_is_refused(data_path):
    connections = (data_path / "linkedin_zip" / "Connections.csv").read_bytes()
    bomb = overlapping(zip_bytes({"Connections.csv": connections}), copies=3)
    with pytest.raises(ImportRefused, match=r"members Connections\.csv and Connections\.csv share"):
        list(linkedin_zip.read(io.BytesIO(bomb), name="export.zip"))


def test_a_member_running_into_the_central_directory_is_refused(mailbox):
    archive = bytearray(zip_bytes({MBOX_MEMBER: mailbox}))
    directory_offset = _EOCD.unpack_from(archive, archive.rindex(b"PK\x05\x06"))[6]
    compressed_size_at = directory_offset + 20  # in the central-directory entry
    size = struct.unpack_from("<I", archive, compressed_size_at)[0]
    struct.pack_into("<I", archive, compressed_size_at, size + 100)
    with pytest.raises(ImportRefused, match="and the central directory share the same bytes"):
        read_mail(bytes(archive))


def test_overlapping_entries_left_unnoticed_are_stopped_by_the_bytes_they_inflate(
    mailbox, monkeypatch
):
    monkeypatch.setattr(mail_archive, "zip_overlap", lambda *_: None, raising=False)
    monkeypatch.setattr(mail_archive, "RATIO_GRACE_BYTES", 1 << 20)
    bomb = overlapping(zip_bytes({MBOX_MEMBER: mailbox}), copies=500)
    with pytest.raises(ImportRefused, match="expands more than 200x"):
        read_mail(bomb)


def test_a_zip_written_as_a_stream_with_data_descriptors_is_no_overlap(mailbox):
    class OneWay(io.RawIOBase):
        """A destination zipfile cannot seek in, so it writes sizes after each member."""

        def __init__(self) -> None:
            self.written = io.BytesIO()

        def writable(self) -> bool:
            return True

        def write(self, data) -> int:
            return self.written.write(data)

    destination = OneWay()
    zip_bytes({"Takeout/Mail/a.mbox": mailbox, "Takeout/Mail/b.mbox": mailbox}, destination)
    messages = [
        item for item in read_mail(destination.written.getvalue()) if isinstance(item, MailMessage)
    ]
    assert len(messages) == 160


def test_the_bytes_of_skipped_tgz_members_count_toward_the_size_limit(monkeypatch):
    monkeypatch.setattr(mail_archive, "MAX_TOTAL_BYTES", 1_000_000)
    raw = tgz_bytes({f"Takeout/Photos/{n}.jpg": bytes(600_000) for n in range(3)})
    with pytest.raises(ImportRefused) as refused:
        read_mail(raw)
    assert refused.value.message == "the archive unpacks to more than 1,000,000 bytes"


def test_a_tgz_that_expands_too_far_in_a_skipped_member_is_refused(monkeypatch):
    monkeypatch.setattr(mail_archive, "RATIO_GRACE_BYTES", 1 << 20)
    raw = tgz_bytes({"Takeout/Photos/zeros.jpg": bytes(20 << 20)})
    with pytest.raises(ImportRefused, match="expands more than 200x"):
        read_mail(raw)


def write_zeros_tgz(path: Path, member_bytes: int) -> None:
    """A .tgz of one member of `member_bytes` zeros, written without compressing them all: one
    megabyte of zeros is compressed once, fully flushed so that it stands alone, and repeated."""
    info = tarfile.TarInfo("Takeout/Drive/zeros.bin")
    info.size = member_bytes
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    header = compressor.compress(info.tobuf(format=tarfile.GNU_FORMAT))
    header += compressor.flush(zlib.Z_FULL_FLUSH)
    megabyte = compressor.compress(bytes(1 << 20)) + compressor.flush(zlib.Z_FULL_FLUSH)
    with path.open("wb") as handle:
        handle.write(header)
        for _ in range(member_bytes >> 20):
            handle.write(megabyte)
        handle.write(compressor.flush())


def test_cancel_stops_a_tgz_import_within_a_second_even_inside_one_member(tmp_path, monkeypatch):
    monkeypatch.setattr(mail_archive, "MAX_RATIO", 10**9)  # only Cancel is to stop it
    archive = tmp_path / "takeout.tgz"
    write_zeros_tgz(archive, 16 << 30)
    store = open_store(tmp_path / "data")
    cancel = threading.Event()
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            import_file(
                store, archive, cancel=cancel, run_started=lambda run: outcome.update(run=run)
            )
        except Exception as error:
            outcome["error"] = error

    worker = threading.Thread(target=run)
    worker.start()
    time.sleep(1.5)  # deep inside the member by now
    cancel.set()
    cancelled_at = time.monotonic()
    worker.join(timeout=120)
    stopped_after = time.monotonic() - cancelled_at
    assert isinstance(outcome.get("error"), ImportCancelled), outcome
    assert stopped_after < 2.0, f"{stopped_after:.1f} s"
    with store.sessions() as session:
        assert get_run(session, outcome["run"]).status == "cancelled"
