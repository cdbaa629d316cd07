"""Other users of the computer cannot read the book: the data folder is 0700 and every file in
it 0600 under a permissive umask, and a folder made before is tightened on start, saying so."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from helper.private_files import replaced_whole
from helper.store.backup import automatic_backup
from helper.store.match_cache import MatchCache
from helper.store.opening import open_store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX permissions")


@pytest.fixture
def permissive_umask():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def modes(folder: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(folder.stat().st_mode)}
    for path in folder.rglob("*"):
        found[str(path.relative_to(folder))] = stat.S_IMODE(path.stat().st_mode)
    return found


@pytest.mark.sqlite_only(reason="the database file and its write-ahead log are SQLite's")
def test_a_new_store_its_wal_backups_cache_and_locks_are_readable_by_their_owner_only(
    tmp_path, permissive_umask
):
    data_dir = tmp_path / "data"
    store = open_store(data_dir)
    with store.sessions() as session:
        MatchCache(data_dir).get(session)
    automatic_backup(store.engine, data_dir, "by-hand")
    (data_dir / "locks").mkdir(mode=0o700, exist_ok=True)

    found = modes(data_dir)

    assert "outreach.sqlite3-wal" in found and "cache/match-index.pickle" in found
    assert any(name.startswith("backups/") for name in found)
    folders = {name for name in found if (data_dir / name).is_dir()}
    assert {found[name] for name in folders} == {0o700}
    assert {found[name] for name in found if name not in folders} == {0o600}
    store.close()


@pytest.mark.sqlite_only(reason="the database file is SQLite's")
def test_an_existing_open_folder_is_tightened_on_start_with_a_message(
    tmp_path, permissive_umask, caplog
):
    data_dir = tmp_path / "data"
    open_store(data_dir).close()
    os.chmod(data_dir, 0o755)
    os.chmod(data_dir / "outreach.sqlite3", 0o644)
    (data_dir / "templates").mkdir(mode=0o755)
    (data_dir / "templates" / "note.txt").write_text("Hi {{ first_name }}")

    with caplog.at_level(logging.WARNING):
        open_store(data_dir).close()

    assert set(modes(data_dir).values()) <= {0o700, 0o600}
    assert "readable by you only" in caplog.text and "4 files and folders" in caplog.text


def test_a_file_replaced_whole_is_private_before_anything_is_written_to_it(
    tmp_path: Path, permissive_umask
):
    target = tmp_path / "sync.secret"
    with replaced_whole(target) as partial:
        assert mode(partial) == 0o600 and partial.read_bytes() == b""
        partial.write_text("app-password", encoding="utf-8")
        assert not target.exists()  # readers see nothing until the rename
    assert target.read_text(encoding="utf-8") == "app-password"
    assert mode(target) == 0o600
    assert list(tmp_path.iterdir()) == [target]


def test_a_failed_write_leaves_the_old_file_and_no_partial_behind(tmp_path: Path):
    target = tmp_path / "contacts.vcf"
    target.write_text("the old export", encoding="utf-8")
    with pytest.raises(OSError, match="disk full"), replaced_whole(target) as partial:
        partial.write_text("half of", encoding="utf-8")
        raise OSError("disk full")
    assert target.read_text(encoding="utf-8") == "the old export"
    assert list(tmp_path.iterdir()) == [target]


def test_a_partial_left_open_by_a_crash_is_not_reused_with_its_old_mode(
    tmp_path: Path, permissive_umask
):
    target = tmp_path / "backup.sqlite3"
    leftover = tmp_path / "backup.sqlite3.partial"
    leftover.write_text("left by a crash", encoding="utf-8")
    leftover.chmod(0o644)
    with replaced_whole(target) as partial:
        assert mode(partial) == 0o600 and partial.read_bytes() == b""
        partial.write_bytes(b"copy")
    assert target.read_bytes() == b"copy" and mode(target) == 0o600
