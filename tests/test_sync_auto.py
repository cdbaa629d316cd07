"""The automatic sync of a running service (`AutoSync`) and the record of the last sync: a
book is synced after a change here and now and then without one, and a failure is kept for
the Sync page instead of stopping the service."""

from __future__ import annotations

import pytest

from helper.db.models import Contact
from helper.store.contacts import ContactInput, create_contact
from helper.store.opening import open_store
from helper.store.sync.auto import AutoSync
from helper.store.sync.history import last_sync
from helper.store.sync.run import one_sync_at_a_time
from helper.store.sync.settings import SyncSettings, save_password, save_settings
from tests.conftest import DAV_PASSWORD, DAV_USER, free_port

pytest.importorskip("caldav")


@pytest.fixture
def synced_store(tmp_path, radicale_server):
    """A store with one contact, set up to sync with ann's address book "Contacts"."""
    radicale_server.make_collection("contacts", "Contacts", "C:addressbook")
    store = open_store(tmp_path / "data")
    save_settings(
        store.data_dir, SyncSettings(radicale_server.url, DAV_USER, address_book="Contacts")
    )
    save_password(store.data_dir, DAV_PASSWORD)
    with store.sessions() as session:
        create_contact(session, ContactInput(name="Priya Raman", current_company="Monzo"))
        session.commit()
    yield store
    store.close()


def test_a_book_without_a_sync_set_up_is_left_alone(tmp_path):
    store = open_store(tmp_path / "data")
    assert AutoSync().tick(store) is False
    assert last_sync(store.data_dir) is None
    store.close()


def test_a_book_is_synced_first_then_only_after_a_change(synced_store, radicale_server):
    auto = AutoSync()
    assert auto.tick(synced_store) is True
    assert len(radicale_server.resources("/ann/contacts/")) == 1
    assert last_sync(synced_store.data_dir).created == 1
    assert auto.tick(synced_store) is False

    with synced_store.sessions() as session:
        session.get(Contact, 1).current_company = "Wise"
        session.commit()
    assert auto.tick(synced_store) is True
    assert last_sync(synced_store.data_dir).updated == 1
    (card,) = radicale_server.resources("/ann/contacts/").values()
    assert "ORG:Wise" in card


def test_a_quiet_book_is_still_synced_now_and_then_to_find_edits_on_the_phone(
    synced_store, radicale_server
):
    auto = AutoSync(quiet_every_s=0)
    auto.tick(synced_store)
    path, card = next(iter(radicale_server.resources("/ann/contacts/").items()))
    radicale_server.put(path, card.replace("ORG:Monzo", "ORG:Revolut"))
    assert auto.tick(synced_store) is True
    assert last_sync(synced_store.data_dir).conflicts == 1
    assert "changed on the server" in last_sync(synced_store.data_dir).summary


def test_a_failed_automatic_sync_is_recorded_and_tried_again(synced_store):
    save_settings(
        synced_store.data_dir,
        SyncSettings(f"http://127.0.0.1:{free_port()}/", DAV_USER, address_book="Contacts"),
    )
    auto = AutoSync(quiet_every_s=0)
    assert auto.tick(synced_store) is True
    last = last_sync(synced_store.data_dir)
    assert "cannot be reached" in last.error
    assert last.summary.startswith("Failed: ")
    assert auto.tick(synced_store) is True  # the next interval tries again


def test_the_automatic_sync_waits_its_turn_while_another_sync_of_the_book_runs(
    synced_store, radicale_server
):
    with one_sync_at_a_time(synced_store.data_dir):
        assert AutoSync().tick(synced_store) is False
        assert radicale_server.resources("/ann/contacts/") == {}
    assert AutoSync().tick(synced_store) is True
