"""Backups use SQLite's online backup API; restore refuses anything that is not one."""

import sqlite3

import pytest

from helper.errors import RestoreRefused
from helper.store.backup import backup_to, check_backup_file, restore_from
from helper.store.contacts import ContactInput, create_contact
from helper.store.opening import open_store

# On PostgreSQL a backup is the store's JSON document: tests/test_backups_on_every_engine.py.
pytestmark = pytest.mark.sqlite_only(reason="these backups are SQLite files")


def names(store):
    from sqlalchemy import select

    from helper.db.models import Contact

    with store.sessions() as session:
        return sorted(session.scalars(select(Contact.name)))


@pytest.fixture
def filled(tmp_path):
    store = open_store(tmp_path / "data")
    with store.sessions() as session:
        create_contact(session, ContactInput(name="Before Backup"))
        session.commit()
    return store


def test_a_backup_restores_the_store_to_its_content_at_backup_time(filled, tmp_path):
    backup = backup_to(filled.engine, tmp_path / "copy.sqlite3")
    with filled.sessions() as session:
        create_contact(session, ContactInput(name="After Backup"))
        session.commit()
    safety = restore_from(filled.engine, filled.data_dir, backup)
    assert names(filled) == ["Before Backup"]
    assert safety.parent == filled.data_dir / "backups"
    assert "After Backup" in {
        r[0] for r in sqlite3.connect(safety).execute("SELECT name FROM contact")
    }


def test_a_backup_taken_while_a_write_is_open_is_consistent(filled, tmp_path):
    with filled.sessions() as session:
        create_contact(session, ContactInput(name="Uncommitted"))
        session.flush()
        backup = backup_to(filled.engine, tmp_path / "during.sqlite3")
        session.rollback()
    assert check_backup_file(backup)
    connection = sqlite3.connect(backup)
    assert [r[0] for r in connection.execute("SELECT name FROM contact")] == ["Before Backup"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just some text", "is not a SQLite database"),
        (b"", "is not a SQLite database"),
    ],
)
def test_restore_refuses_a_file_that_is_not_a_database(filled, tmp_path, content, message):
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(content)
    with pytest.raises(RestoreRefused, match=message):
        restore_from(filled.engine, filled.data_dir, bogus)
    assert names(filled) == ["Before Backup"]


def test_restore_refuses_a_database_of_another_schema(filled, tmp_path):
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE notes (id INTEGER)").connection.commit()
    with pytest.raises(RestoreRefused, match="not an Outreach Helper backup"):
        restore_from(filled.engine, filled.data_dir, other)


def test_restore_refuses_a_backup_of_an_unknown_revision(filled, tmp_path):
    backup = backup_to(filled.engine, tmp_path / "future.sqlite3")
    connection = sqlite3.connect(backup)
    connection.execute("UPDATE alembic_version SET version_num = 'ffff'")
    connection.commit()
    connection.close()
    with pytest.raises(RestoreRefused, match="schema revision ffff"):
        restore_from(filled.engine, filled.data_dir, backup)


def test_a_missing_backup_file_is_named(filled, tmp_path):
    with pytest.raises(RestoreRefused, match="does not exist"):
        restore_from(filled.engine, filled.data_dir, tmp_path / "nope.sqlite3")
