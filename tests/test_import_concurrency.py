"""A contact saved while a large import runs is stored at once (issue 5).

The import runs on a thread of its own against a real SQLite store; its progress callback
pauses it at a chosen moment while the test saves a contact through a second store handle.
Were the import holding SQLite's write lock at that moment, the save would fail with
"database is locked" once the busy timeout ran out, since the paused import never lets go.
"""

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bench.generate_contacts import write_connections_csv
from bench.generate_mbox import write_mbox
from helper.db.models import Contact, ImportRun, Interaction
from helper.store.contacts import ContactInput, create_contact
from helper.store.imports.pipeline import ImportCancelled, ImportProgress, import_file
from helper.store.imports.publish import PEOPLE_BATCH
from helper.store.opening import open_store

PAUSE_LIMIT_S = 60  # only a guard against a hung test, never a measured threshold


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


def save_contact(data_dir: Path, name: str, email: str) -> int:
    """Save a contact through its own store handle, as a page request would."""
    store = open_store(data_dir)
    try:
        with store.sessions() as session:
            contact = create_contact(session, ContactInput(name=name, emails=[email]))
            session.commit()
            return contact.id
    finally:
        store.engine.dispose()


class PausedImport:
    """Runs `import_file` on a thread and pauses it at the first progress report that
    `when` accepts, until `resume()`."""

    def __init__(self, data_dir: Path, path: Path, when, *, cancel_at_pause: bool = False):
        self.store = open_store(data_dir)
        self.paused, self._resume = threading.Event(), threading.Event()
        self.cancel = threading.Event()
        self.finished = threading.Event()
        self.when, self.cancel_at_pause = when, cancel_at_pause
        self.summary, self.error = None, None
        self.thread = threading.Thread(target=self._run, args=(path,))

    def _report(self, state: ImportProgress) -> None:
        if not self.paused.is_set() and self.when(state):
            self.paused.set()
            assert self._resume.wait(PAUSE_LIMIT_S)
            if self.cancel_at_pause:
                self.cancel.set()

    def _run(self, path: Path) -> None:
        try:
            self.summary = import_file(self.store, path, progress=self._report, cancel=self.cancel)
        except ImportCancelled as error:
            self.error = error
        finally:
            self.finished.set()

    def start(self) -> None:
        self.thread.start()
        assert self.paused.wait(PAUSE_LIMIT_S), "the import never reached the pause point"

    def __enter__(self) -> "PausedImport":
        self.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.resume()  # also when an assertion failed, so the thread never hangs

    def resume(self) -> None:
        self._resume.set()
        self.thread.join(PAUSE_LIMIT_S)


def count(store, model) -> int:
    with store.sessions() as session:
        return session.scalar(select(func.count(model.id)))


def test_a_contact_saved_while_a_mailbox_is_being_read_is_stored_at_once(data_dir, tmp_path):
    mailbox = tmp_path / "big.mbox"
    write_mbox(mailbox, 1500)
    running = PausedImport(data_dir, mailbox, lambda state: state.phase == "reading")
    running.start()

    contact_id = save_contact(data_dir, "Saved Meanwhile", "meanwhile@example.com")
    assert not running.finished.is_set()

    running.resume()
    assert running.summary is not None and running.summary.interactions > 1000
    with running.store.sessions() as session:
        assert session.get(Contact, contact_id).name == "Saved Meanwhile"


def test_a_contact_saved_between_two_publishing_batches_is_stored_at_once(data_dir, tmp_path):
    connections = tmp_path / "Connections.csv"
    write_connections_csv(connections, PEOPLE_BATCH * 2 + 500, seed=7)
    running = PausedImport(
        data_dir, connections, lambda state: state.phase == "saving" and state.bytes_done > 0
    )
    running.start()
    assert count(running.store, Contact) == PEOPLE_BATCH  # the first batch is in

    contact_id = save_contact(data_dir, "Saved Between Batches", "between@example.com")
    assert not running.finished.is_set()

    running.resume()
    assert running.summary.created == PEOPLE_BATCH * 2 + 500
    assert count(running.store, Contact) == PEOPLE_BATCH * 2 + 501
    with running.store.sessions() as session:
        assert session.get(Contact, contact_id).name == "Saved Between Batches"


def test_cancelling_between_batches_takes_back_what_was_written(data_dir, tmp_path):
    connections = tmp_path / "Connections.csv"
    write_connections_csv(connections, PEOPLE_BATCH * 2 + 10, seed=8)
    save_contact(data_dir, "Already Here", "here@example.com")
    running = PausedImport(
        data_dir,
        connections,
        lambda state: state.phase == "saving" and state.bytes_done > 0,
        cancel_at_pause=True,
    )
    running.start()
    contact_id = save_contact(data_dir, "Saved Meanwhile", "meanwhile@example.com")
    running.resume()

    assert isinstance(running.error, ImportCancelled)
    with running.store.sessions() as session:
        names = set(session.scalars(select(Contact.name)))
        run = session.scalar(select(ImportRun))
    assert names == {"Already Here", "Saved Meanwhile"}
    assert run.status == "cancelled"
    assert contact_id


def test_a_cancelled_mailbox_publish_leaves_no_interactions_behind(data_dir, tmp_path, monkeypatch):
    monkeypatch.setattr("helper.store.imports.publish.INTERACTION_BATCH", 500)
    mailbox = tmp_path / "big.mbox"
    write_mbox(mailbox, 1500)
    running = PausedImport(
        data_dir,
        mailbox,
        lambda state: state.phase == "saving" and state.bytes_done > 1000,
        cancel_at_pause=True,
    )
    running.start()
    assert count(running.store, Interaction) > 0  # batches are already committed
    running.resume()
    assert isinstance(running.error, ImportCancelled)
    assert (count(running.store, Interaction), count(running.store, Contact)) == (0, 0)


def test_saves_keep_succeeding_while_an_import_runs_freely(data_dir, tmp_path):
    connections = tmp_path / "Connections.csv"
    write_connections_csv(connections, PEOPLE_BATCH * 3, seed=9)
    store = open_store(data_dir)
    done = threading.Event()
    outcome: dict = {}

    def run_import() -> None:
        outcome["summary"] = import_file(store, connections)
        done.set()

    importer = threading.Thread(target=run_import)
    importer.start()
    saved_before_the_end = 0
    number = 0
    while not done.is_set():
        save_contact(data_dir, f"Meanwhile {number}", f"meanwhile{number}@example.com")
        number += 1
        saved_before_the_end += not done.is_set()
    importer.join(PAUSE_LIMIT_S)
    assert saved_before_the_end >= 1
    assert outcome["summary"].created == PEOPLE_BATCH * 3
    assert count(store, Contact) == PEOPLE_BATCH * 3 + number
