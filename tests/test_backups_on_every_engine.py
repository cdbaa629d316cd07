"""Backup and restore through the same calls on SQLite and on PostgreSQL: a restore brings back
the store as it was at backup time, refuses what is not a backup without touching the store,
and leaves the next new row an id after the restored ones."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from helper.db import transaction
from helper.db.models import Contact
from helper.errors import RestoreRefused
from helper.records import GoalSpec, MeProfile
from helper.store.backup import automatic_backup, backup_to, backups_in, restore_from
from helper.store.contacts import ContactInput, create_contact, get_contact, update_contact
from helper.store.match_cache import MatchCache
from helper.store.opening import open_store
from helper.store.snapshots import load_snapshots
from helper.strategy.matching import build_index, rank_contacts

NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)


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


def test_an_index_kept_before_a_restore_is_never_brought_up_to_date_onto_the_restored_store(
    filled, tmp_path
):
    goal = GoalSpec(id=1, title="Kafka people", purpose="career", keywords=["Kafka"])
    me = MeProfile(name="Sam")
    ada = add(filled, "Ada Lovelace")
    backup = backup_to(filled.engine, tmp_path / "copy.backup")
    with transaction(filled.sessions) as session:
        update_contact(
            session, get_contact(session, ada), ContactInput(name="Ada", headline="Kafka")
        )
    with filled.sessions() as session:
        MatchCache(filled.data_dir).get(session)  # kept on disk with Ada the Kafka engineer
    restore_from(filled.engine, filled.data_dir, backup)
    for tier in ("maintain", "strengthen", "maintain"):  # the counter passes the index's again
        with transaction(filled.sessions) as session:
            update_contact(session, get_contact(session, ada), ContactInput(name="Ada", tier=tier))

    with filled.sessions() as session:
        cache = MatchCache(filled.data_dir)
        kept = rank_contacts(goal, cache.get(session).index, me, now=NOW)
        anew = rank_contacts(goal, build_index(load_snapshots(session)), me, now=NOW)

    assert kept.suggestions == anew.suggestions == []
    assert cache.builds == 1


def test_automatic_backups_keep_the_newest_ten(filled):
    made = [automatic_backup(filled.engine, filled.data_dir, f"by-hand-{n}") for n in range(12)]

    kept = sorted(path for path in (filled.data_dir / "backups").iterdir())

    assert kept == sorted(made[-10:])
