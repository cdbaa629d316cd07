"""Restore compares a backup's schema with this version's and refuses anything else, leaving
the store as it was: no trigger or view runs the file's SQL, no wrong column breaks the store."""

import sqlite3

import pytest
from sqlalchemy import func, select

from helper.cli import main
from helper.config import database_url
from helper.db.models import Contact, Interaction
from helper.errors import RestoreRefused
from helper.store import backup as backup_module
from helper.store.backup import backup_to, restore_from
from helper.store.contacts import ContactInput, create_contact
from helper.store.opening import open_store

# A PostgreSQL store is backed up as its JSON document, whose checks are the JSON restore's
# (tests/test_document_backup.py); these files are SQLite databases made to look like backups.
pytestmark = pytest.mark.sqlite_only(reason="the backups checked here are SQLite files")


@pytest.fixture
def store(tmp_path):
    """A store with one contact and one interaction with them."""
    store = open_store(tmp_path / "data")
    with store.sessions() as session:
        contact = create_contact(session, ContactInput(name="Ada Lovelace"))
        session.add(Interaction(contact_id=contact.id, kind="met", summary="coffee"))
        session.commit()
    yield store
    store.close()


def backup_with(store, tmp_path, *statements: str):
    """A backup of `store` with `statements` run on it, as a hand-edited file would be."""
    path = backup_to(store.engine, tmp_path / "edited.sqlite3")
    with sqlite3.connect(path) as connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()
    return path


def counts(store) -> tuple[int, int]:
    with store.sessions() as session:
        return (
            session.scalar(select(func.count(Contact.id))),
            session.scalar(select(func.count(Interaction.id))),
        )


def save_a_contact(store, name: str) -> None:
    with store.sessions() as session:
        create_contact(session, ContactInput(name=name))
        session.commit()


def test_a_backup_with_a_trigger_is_refused_and_the_store_keeps_its_interactions(store, tmp_path):
    hostile = backup_with(
        store,
        tmp_path,
        "CREATE TRIGGER t AFTER INSERT ON contact BEGIN DELETE FROM interaction; END",
    )
    with pytest.raises(RestoreRefused, match=r"holds a trigger \(t\)"):
        restore_from(store.engine, store.data_dir, hostile)
    save_a_contact(store, "Grace Hopper")
    assert counts(store) == (2, 1)


def test_a_backup_with_a_view_is_refused(store, tmp_path):
    hostile = backup_with(store, tmp_path, "CREATE VIEW everyone AS SELECT name FROM contact")
    with pytest.raises(RestoreRefused, match=r"holds a view \(everyone\)"):
        restore_from(store.engine, store.data_dir, hostile)
    assert counts(store) == (1, 1)


def test_a_backup_with_an_extra_table_is_refused_naming_the_table(store, tmp_path):
    hostile = backup_with(store, tmp_path, "CREATE TABLE notes (id INTEGER PRIMARY KEY)")
    with pytest.raises(RestoreRefused) as refused:
        restore_from(store.engine, store.data_dir, hostile)
    assert "it has table notes, which this version does not" in str(refused.value)
    assert "\n" not in str(refused.value)


def test_a_backup_with_an_extra_column_is_refused_naming_the_column(store, tmp_path):
    hostile = backup_with(store, tmp_path, "ALTER TABLE contact ADD COLUMN colour TEXT")
    with pytest.raises(RestoreRefused, match=r"it has column contact\.colour, which this version"):
        restore_from(store.engine, store.data_dir, hostile)


def test_a_backup_with_a_unique_index_where_the_store_has_a_plain_one_is_refused(store, tmp_path):
    hostile = backup_with(
        store,
        tmp_path,
        "DROP INDEX ix_contact_name",
        "CREATE UNIQUE INDEX ix_contact_name ON contact (name)",
    )
    with pytest.raises(RestoreRefused, match="its index ix_contact_name is unique on contact"):
        restore_from(store.engine, store.data_dir, hostile)


def test_a_backup_with_a_missing_column_is_refused_and_restore_of_a_good_one_still_works(
    store, tmp_path, runner
):
    good = backup_to(store.engine, tmp_path / "good.sqlite3")
    hostile = backup_with(store, tmp_path, "ALTER TABLE contact DROP COLUMN honorific")
    with pytest.raises(RestoreRefused, match=r"it lacks column contact\.honorific"):
        restore_from(store.engine, store.data_dir, hostile)
    save_a_contact(store, "Grace Hopper")
    assert counts(store) == (2, 1)
    store.close()
    result = runner.invoke(main, ["restore", str(good), "--data-dir", str(store.data_dir)])
    assert result.exit_code == 0, result.output
    assert counts(store) == (1, 1)


def test_a_good_backup_still_restores(store, tmp_path):
    good = backup_to(store.engine, tmp_path / "good.sqlite3")
    save_a_contact(store, "Grace Hopper")
    restore_from(store.engine, store.data_dir, good)
    assert counts(store) == (1, 1)


def test_a_backup_of_an_older_revision_is_upgraded_and_restored(store, tmp_path):
    from alembic import command

    from helper.db.engine import alembic_config, make_engine

    old_dir = tmp_path / "old"
    old_dir.mkdir()
    engine = make_engine(database_url(old_dir))
    command.upgrade(alembic_config(engine), "0001")
    engine.dispose()
    old = old_dir / "outreach.sqlite3"
    with sqlite3.connect(old) as connection:
        connection.execute(
            "INSERT INTO contact (id, name, pronouns, headline, current_title, current_company,"
            " location, about, other_urls, tier, notes, sources, protected_fields, created_at,"
            " updated_at) VALUES (7, 'Old Friend', '', '', '', '', '', '', '[]', 'unset', '',"
            " '[]', '[]', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
    connection.close()
    restore_from(store.engine, store.data_dir, old)
    with store.sessions() as session:
        assert list(session.scalars(select(Contact.name))) == ["Old Friend"]


def test_a_restore_that_fails_while_replacing_puts_the_previous_content_back(
    store, tmp_path, monkeypatch
):
    good = backup_to(store.engine, tmp_path / "good.sqlite3")
    save_a_contact(store, "Grace Hopper")
    live = store.engine
    real_upgrade = backup_module.upgrade_to_head

    def upgrade_failing_on_the_live_store(engine, **options):
        if engine is live:
            raise OSError("disk full")
        real_upgrade(engine, **options)

    monkeypatch.setattr(backup_module, "upgrade_to_head", upgrade_failing_on_the_live_store)
    with pytest.raises(OSError, match="disk full"):
        restore_from(store.engine, store.data_dir, good)
    assert counts(store) == (2, 1)
