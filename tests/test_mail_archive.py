"""helper.importers.mail_archive: Takeout .zip/.tgz archives of .mbox files, read as streams."""

from __future__ import annotations

import io
import tarfile
import zipfile
from pathlib import Path

import pytest

from helper.errors import ImportRefused
from helper.importers import mail_archive
from helper.records import MailMessage, Problem
from tests.conftest import tgz_bytes

TAKEOUT_MBOX = "Takeout/Mail/All mail Including Spam and Trash.mbox"


@pytest.fixture
def takeout_mbox(data_path: Path) -> bytes:
    """Four messages under Google Takeout postmarks, one with a zip attachment."""
    return (data_path / "mbox" / "takeout_postmarks.mbox").read_bytes()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def read(raw: bytes, **options: object) -> tuple[list[MailMessage], list[Problem]]:
    items = list(mail_archive.read(io.BytesIO(raw), name="takeout", **options))  # type: ignore[arg-type]
    messages = [item for item in items if isinstance(item, MailMessage)]
    problems = [item for item in items if isinstance(item, Problem)]
    assert len(messages) + len(problems) == len(items)
    return messages, problems


@pytest.mark.parametrize("pack", [zip_bytes, tgz_bytes])
def test_a_takeout_archive_yields_the_mbox_messages_and_notes_other_files(
    pack: object, takeout_mbox: bytes
) -> None:
    raw = pack({"Takeout/archive_browser.html": b"<html></html>", TAKEOUT_MBOX: takeout_mbox})  # type: ignore[operator]
    messages, problems = read(raw)
    assert [message.subject for message in messages] == [f"Rehearsal {n}" for n in range(1, 5)]
    assert messages[1].location == f"{TAKEOUT_MBOX}: message 2 (byte 568)"
    assert problems == [
        Problem("Takeout/archive_browser.html", "not an .mbox file; it was skipped")
    ]


def test_several_mbox_members_are_all_read(takeout_mbox: bytes, data_path: Path) -> None:
    other = (data_path / "mbox" / "malformed_to_address.mbox").read_bytes()
    messages, _ = read(
        zip_bytes({"Takeout/Mail/Inbox.mbox": takeout_mbox, "Takeout/Mail/Old.MBOX": other})
    )
    assert len(messages) == 8


def test_a_plain_tar_is_read_too(takeout_mbox: bytes) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        info = tarfile.TarInfo(TAKEOUT_MBOX)
        info.size = len(takeout_mbox)
        archive.addfile(info, io.BytesIO(takeout_mbox))
    messages, _ = read(buffer.getvalue())
    assert len(messages) == 4


def test_a_member_named_mbox_that_is_not_one_is_a_problem_and_the_rest_goes_on(
    takeout_mbox: bytes,
) -> None:
    raw = tgz_bytes({"Takeout/Mail/Broken.mbox": b"\x89PNG binary", TAKEOUT_MBOX: takeout_mbox})
    messages, problems = read(raw)
    assert len(messages) == 4
    assert problems == [
        Problem(
            "Takeout/Mail/Broken.mbox",
            "this is not an mbox file: it does not start with a 'From ' line",
        )
    ]


@pytest.mark.parametrize("pack", [zip_bytes, tgz_bytes])
@pytest.mark.parametrize("unsafe", ["../evil.mbox", "/etc/evil.mbox", "a/../../evil.mbox"])
def test_unsafe_member_names_refuse_the_archive(pack: object, unsafe: str) -> None:
    with pytest.raises(ImportRefused) as refused:
        read(pack({unsafe: b"From x\n"}))  # type: ignore[operator]
    assert refused.value.message == (
        f"the archive holds an unsafe file name ({unsafe!r}); it was refused"
    )


@pytest.mark.parametrize("pack", [zip_bytes, tgz_bytes])
def test_too_many_members_refuse_the_archive(pack: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mail_archive, "MAX_MEMBERS", 3)
    raw = pack({f"f{n}.txt": b"x" for n in range(4)})  # type: ignore[operator]
    with pytest.raises(ImportRefused) as refused:
        read(raw)
    assert refused.value.message == "the archive holds more than 3 files"


@pytest.mark.parametrize("pack", [zip_bytes, tgz_bytes])
def test_an_archive_bomb_is_refused_by_its_ratio(
    pack: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mail_archive, "RATIO_GRACE_BYTES", 1_000)
    bomb = b"From x Mon Jan  1 00:00:00 2024\nFrom: a@example.com\n\n" + b"\0" * 5_000_000
    with pytest.raises(ImportRefused) as refused:
        read(pack({"Takeout/Mail/bomb.mbox": bomb}))  # type: ignore[operator]
    assert refused.value.message == (
        "the archive expands more than 200x; it looks like an archive bomb"
    )


def test_an_archive_over_the_total_size_limit_is_refused(
    monkeypatch: pytest.MonkeyPatch, takeout_mbox: bytes
) -> None:
    monkeypatch.setattr(mail_archive, "MAX_TOTAL_BYTES", 1_000)
    with pytest.raises(ImportRefused) as refused:
        read(tgz_bytes({"a.mbox": takeout_mbox}))
    assert refused.value.message.startswith("the archive unpacks to more than")


def test_a_file_that_is_no_archive_is_refused() -> None:
    with pytest.raises(ImportRefused) as refused:
        read(b"From x Mon Jan  1 00:00:00 2024\nFrom: a@example.com\n\n")
    assert str(refused.value) == "takeout: this is not a .zip or .tgz mail archive"


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(ImportRefused) as refused:
        read(b"")
    assert refused.value.message == "the file is empty; there are no messages to import"


def test_a_cut_off_tgz_is_refused_as_damaged(takeout_mbox: bytes) -> None:
    raw = tgz_bytes({TAKEOUT_MBOX: takeout_mbox * 50})
    with pytest.raises(ImportRefused) as refused:
        read(raw[: len(raw) // 2])
    assert "damaged" in refused.value.message


def test_a_zip_member_with_corrupt_deflated_bytes_is_refused_as_damaged(
    takeout_mbox: bytes,
) -> None:
    raw = bytearray(zip_bytes({TAKEOUT_MBOX: takeout_mbox}))
    raw[30 + len(TAKEOUT_MBOX)] ^= 0xFF  # the first byte of the deflate stream
    with pytest.raises(ImportRefused) as refused:
        read(bytes(raw))
    assert f"damaged in {TAKEOUT_MBOX}" in refused.value.message


def test_a_zip_whose_directory_points_before_the_file_start_skips_the_member(
    takeout_mbox: bytes,
) -> None:
    raw = bytearray(zip_bytes({TAKEOUT_MBOX: takeout_mbox}))
    directory_offset = int.from_bytes(raw[-6:-2], "little")
    raw[-6:-2] = (directory_offset + 1000).to_bytes(4, "little")  # members now start at -1000
    messages, problems = read(bytes(raw))
    assert messages == []
    assert problems[0].location == TAKEOUT_MBOX and "cannot be opened" in problems[0].message


def test_a_gzip_header_cut_off_after_three_bytes_is_refused() -> None:
    with pytest.raises(ImportRefused, match="the archive cannot be read"):
        read(b"\x1f\x8b\x08")


def test_a_zip_from_a_stream_that_cannot_seek_is_refused(takeout_mbox: bytes) -> None:
    class OneWay(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self.data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:
            return self.data.read(size)

    with pytest.raises(ImportRefused) as refused:
        list(mail_archive.read(OneWay(zip_bytes({TAKEOUT_MBOX: takeout_mbox}))))  # type: ignore[arg-type]
    assert refused.value.message == "a .zip archive has to be read from a file"


def test_progress_reports_archive_bytes(
    monkeypatch: pytest.MonkeyPatch, takeout_mbox: bytes
) -> None:
    monkeypatch.setattr(mail_archive.mbox, "CHUNK_BYTES", 1_000)
    monkeypatch.setattr(mail_archive.mbox, "PROGRESS_EVERY_BYTES", 1_000)
    raw = tgz_bytes({TAKEOUT_MBOX: takeout_mbox})
    reported: list[int] = []
    read(raw, progress=reported.append)
    assert reported
    assert reported == sorted(reported)
    assert reported[-1] <= len(raw)


def test_folders_in_a_tar_are_passed_over_silently(takeout_mbox: bytes) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        folder = tarfile.TarInfo("Takeout/Mail")
        folder.type = tarfile.DIRTYPE
        archive.addfile(folder)
        info = tarfile.TarInfo(TAKEOUT_MBOX)
        info.size = len(takeout_mbox)
        archive.addfile(info, io.BytesIO(takeout_mbox))
    messages, problems = read(buffer.getvalue())
    assert len(messages) == 4
    assert problems == []
