"""Reads that must fit together see one moment of the store: an export taken while contacts
are being added restores cleanly, and the duplicates page never mixes old and new rows."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from helper import create_app
from helper.db import transaction
from helper.db.models import Contact, ContactEmail, Position
from helper.store.exports.render import ExportOptions, render_export
from helper.store.imports.json_restore import restore_json_file
from helper.store.json_document import dumps
from helper.store.opening import open_store
from helper.web.session import solo_workspace


@contextmanager
def contacts_being_added(store) -> Iterator[threading.Event]:
    """A writer adding people with an email and a role each, one transaction per person, until
    the block ends (another connection, as the web pages or an import would be)."""
    stop = threading.Event()

    def write() -> None:
        number = 0
        while not stop.is_set():
            number += 1
            with transaction(store.sessions) as session:
                contact = Contact(name=f"Priya Raman {number}", current_company="Monzo")
                session.add(contact)
                session.flush()
                session.add(ContactEmail(contact_id=contact.id, email=f"p{number}@monzo.example"))
                session.add(Position(contact_id=contact.id, ordinal=0, title="PM", company="Monzo"))

    writer = threading.Thread(target=write)
    writer.start()
    try:
        yield stop
    finally:
        stop.set()
        writer.join()


@pytest.fixture
def busy_store(tmp_path):
    store = open_store(tmp_path / "data")
    with transaction(store.sessions) as session:
        for number in range(300):
            session.add(Contact(name=f"Seed {number}", current_company="Fabrikam"))
    yield store
    store.close()


def test_every_json_export_taken_during_writes_restores_into_an_empty_store(
    busy_store, tmp_path, request, second_database_url
):
    exports = []
    with contacts_being_added(busy_store):
        for _ in range(3):
            with busy_store.sessions() as session:
                exports.append(render_export(session, "json", ExportOptions()).content)

    for number, content in enumerate(exports):
        # A new store each time: a new file, or the second PostgreSQL database emptied again.
        if second_database_url is not None:
            request.getfixturevalue("postgres_second_database").reset()
        empty = open_store(tmp_path / f"restore-{number}", url=second_database_url)
        path = tmp_path / f"export-{number}.json"
        path.write_bytes(content)
        restore_json_file(empty, path)  # a row pointing at a missing contact would be refused
        with empty.sessions() as session:
            assert dumps(session).encode("utf-8") == content
        empty.close()


def test_the_duplicates_page_answers_during_writes(tmp_path, blank_store_file):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copyfile(blank_store_file, data_dir / blank_store_file.name)
    app = create_app({"DATA_DIR": data_dir, "TESTING": True})
    store = solo_workspace(app).store
    client = app.test_client()
    with contacts_being_added(store):
        statuses = [client.get("/duplicates").status_code for _ in range(15)]
    assert set(statuses) == {200}
