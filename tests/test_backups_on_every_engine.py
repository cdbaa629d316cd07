"""Backup and restore through the same calls on SQLite and on PostgreSQL: a restore brings back
the store as it was at backup time, refuses what is not a backup without touching the store,
and leaves the next new row an id after the restored ones."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from helper.db import transaction
from helper.db.models import Contact
from helper.errors import RestoreRefused
from helper.store import open_store
from helper.store.backup import automatic_backup, backup_to, backups_in, restore_from
from helper.store.contacts import ContactInput, create_contact


def names(store) -> list[str]:
    with store.sessions() as session:
        return sorted(session.scalars(select(Contact.name)))


def add(store, name: str) -> int:
    with transaction(store.sessions) as session:
        return create_contact(session, ContactInput(name=name)).id


@pytest.fixture
def filled(tmp_path):
    store = open_store(tmp_path / "data")
    add(store, "Before Backup")
    add(store, "Also Before")
    yield store
    store.close()


def test_a_restore_brings_back_the_content_at_backup_time(filled, tmp_path):
    backup = backup_to(filled.engine, tmp_path / "copy.backup")
    add(filled, "After Backup")

    safety = restore_from(filled.engine, filled.data_dir, backup)

    assert names(filled) == ["Also Before", "Before Backup"]
    assert safety.parent == filled.data_dir / "backups"


def test_the_safety_copy_taken_before_a_restore_holds_what_was_replaced(filled, tmp_path):
    backup = backup_to(filled.engine, tmp_path / "copy.backup")
    add(filled, "After Backup")
    safety = restore_from(filled.engine, filled.data_dir, backup)

    restore_from(filled.engine, filled.data_dir, safety)

    assert names(filled) == ["After Backup", "Also Before", "Before Backup"]


def test_new_contacts_after_a_restore_take_ids_after_the_restored_ones(filled, tmp_path):
    backup = backup_to(filled.engine, tmp_path / "copy.backup")
    add(filled, "Removed By The Restore")
    restore_from(filled.engine, filled.data_dir, backup)

    with filled.sessions() as session:
        largest = max(session.scalars(select(Contact.id)))
    assert add(filled, "New After Restore") == largest + 1


@pytest.mark.parametrize("content", [b"just some text", b"", b'{"format": "something else"}'])
def test_a_file_that_is_not_a_backup_is_refused_and_the_store_is_kept(filled, tmp_path, content):
    bogus = tmp_path / "bogus.backup"
    bogus.write_bytes(content)

    with pytest.raises(RestoreRefused, match=r"bogus\.backup"):
        restore_from(filled.engine, filled.data_dir, bogus)

    assert names(filled) == ["Also Before", "Before Backup"]


def test_a_backup_that_was_restored_leaves_no_other_file_in_the_backups_folder(filled, tmp_path):
    backup = automatic_backup(filled.engine, filled.data_dir, "by-hand")
    restore_from(filled.engine, filled.data_dir, backup)

    left = sorted(path.name for path in (filled.data_dir / "backups").iterdir())

    assert left == sorted(path.name for path in backups_in(filled.data_dir))
    assert len(left) == 2  # the one restored and the one taken before restoring it


def test_automatic_backups_keep_the_newest_ten(filled):
    made = [automatic_backup(filled.engine, filled.data_dir, f"by-hand-{n}") for n in range(12)]

    kept = sorted(path for path in (filled.data_dir / "backups").iterdir())

    assert kept == sorted(made[-10:])
