"""An import that dies mid-way is taken back only for what it still owns: whatever the user did
with its contacts meanwhile stays, a backup comes first, and a live run is never taken for a
dead one (a lock the operating system releases, not a process id that may be reused)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bench.generate_contacts import write_connections_csv
from helper.db import transaction
from helper.db.models import Contact, GoalContact, ImportRun, Interaction, utcnow
from helper.store.contacts import ContactInput, create_contact, get_contact, update_contact
from helper.store.goals import GoalInput, create_goal
from helper.store.imports.pipeline import import_file
from helper.store.imports.run_locks import RunLock
from helper.store.imports.runs import record_run, recover_interrupted_runs
from helper.store.merge import merge_contacts
from helper.store.opening import open_store
from helper.web.session import solo_workspace

ROWS = 6000  # six batches of new people, so a kill lands between batches
OWN_INTERACTIONS = 1500


def _count(store, model, *where) -> int:
    with store.sessions() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def _killed_import(data_dir: Path, export: Path, store) -> int:
    """Run the real CLI import and SIGKILL it once some of its contacts are committed."""
    command = [sys.executable, "-m", "helper", "import", str(export), "--data-dir", str(data_dir)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        with store.sessions() as session:
            tagged = session.scalar(
                select(func.count(Contact.id)).where(Contact.import_run_id.is_not(None))
            )
        if tagged >= 1000:
            os.kill(process.pid, signal.SIGKILL)
            break
        time.sleep(0.02)
    process.wait(timeout=60)
    if process.returncode != -signal.SIGKILL:
        pytest.skip("the import finished before it could be killed on this machine")
    with store.sessions() as session:
        return session.scalar(select(ImportRun.id).where(ImportRun.status == "running"))


@pytest.fixture
def killed_run(tmp_path):
    """A store with one contact of the user's (and their long history) and an import of
    6,000 people killed after its first batches, the service still running."""
    data_dir = tmp_path / "data"
    store = open_store(data_dir)
    with transaction(store.sessions) as session:
        own = create_contact(session, ContactInput(name="Mira Okafor", emails=["mira@own.example"]))
        session.add_all(
            Interaction(contact_id=own.id, kind="met", source_ref=f"own:{n}")
            for n in range(OWN_INTERACTIONS)
        )
    export = tmp_path / "Connections.csv"
    write_connections_csv(export, ROWS, seed=5)
    run_id = _killed_import(data_dir, export, store)
    return data_dir, store, own.id, run_id


def test_a_contact_merged_into_an_interrupted_imports_person_survives_the_restart_with_its_history(
    killed_run,
):
    data_dir, store, own_id, run_id = killed_run
    with transaction(store.sessions) as session:
        imported = session.scalar(select(Contact).where(Contact.import_run_id == run_id).limit(1))
        merge_contacts(session, imported, get_contact(session, own_id))
        survivor_id = imported.id
    store.close()

    restarted = open_store(data_dir)

    with restarted.sessions() as session:
        run = session.get(ImportRun, run_id)
        assert run.status == "partly_kept"
        assert "Kept 1 person" in run.message and "backup" in run.message
        assert session.get(Contact, survivor_id) is not None
    assert _count(restarted, Interaction, Interaction.contact_id == survivor_id) == OWN_INTERACTIONS
    assert _count(restarted, Contact) == 1  # the run's untouched people are gone
    assert list((data_dir / "backups").glob(f"*before-undoing-import-{run_id}.*"))


def test_an_edited_or_goal_linked_person_of_an_interrupted_import_is_kept(killed_run):
    _data_dir, store, own_id, run_id = killed_run
    with transaction(store.sessions) as session:
        first, second = session.scalars(
            select(Contact).where(Contact.import_run_id == run_id).order_by(Contact.id).limit(2)
        )
        update_contact(session, first, ContactInput(name=first.name, headline="Met at PyCon"))
        goal = create_goal(session, GoalInput(title="Find a mentor", purpose="career"))
        session.add(GoalContact(goal_id=goal.id, contact_id=second.id, stage="shortlisted"))
        kept_ids = {first.id, second.id}

    recover_interrupted_runs(store)

    with store.sessions() as session:
        left = set(session.scalars(select(Contact.id).where(Contact.id != own_id)))
        assert left == kept_ids
        assert session.get(Contact, first.id).headline == "Met at PyCon"
        assert session.get(ImportRun, run_id).status == "partly_kept"


def test_an_interrupted_import_nobody_touched_is_taken_back_whole_and_named_failed(killed_run):
    _data_dir, store, own_id, run_id = killed_run

    assert recover_interrupted_runs(store) == [run_id]

    assert _count(store, Contact) == 1
    assert _count(store, Interaction, Interaction.contact_id == own_id) == OWN_INTERACTIONS
    with store.sessions() as session:
        run = session.get(ImportRun, run_id)
        assert run.status == "failed" and "stopped before it finished" in run.message


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "data")
    yield opened
    opened.close()


def test_a_run_whose_lock_is_held_is_alive_whatever_its_age(store):
    with RunLock(store) as lock:
        run_id = record_run(store, "big.mbox", "ab" * 32, "mbox", "running", "", lock.name)
        with transaction(store.sessions) as session:
            session.get(ImportRun, run_id).started_at = utcnow() - timedelta(days=3)

        assert recover_interrupted_runs(store) == []

    assert recover_interrupted_runs(store) == [run_id]


def test_a_run_that_finishes_while_it_is_checked_keeps_its_rows(store, monkeypatch):
    # The check reads the run as running; the import then finishes and lets its lock go
    # before the check takes the lock: nothing of the finished run may be taken back.
    with RunLock(store) as lock:
        run_id = record_run(store, "fresh.csv", "ef" * 32, "google_csv", "running", "", lock.name)
        with transaction(store.sessions) as session:
            create_contact(session, ContactInput(name="Ines Duarte")).import_run_id = run_id
    take = RunLock.try_acquire

    def finished_first(self: RunLock) -> bool:
        with transaction(store.sessions) as session:
            session.get(ImportRun, run_id).status = "done"
        return take(self)

    monkeypatch.setattr(RunLock, "try_acquire", finished_first)

    assert recover_interrupted_runs(store) == []
    assert _count(store, Contact, Contact.name == "Ines Duarte") == 1


def test_a_run_recorded_by_process_id_alone_is_taken_back_since_no_lock_vouches_for_it(store):
    # Runs recorded before locks existed: process ids are reused (PID 1 in a container).
    run_id = record_run(store, "old.csv", "cd" * 32, "linkedin_connections", "running", "")

    assert recover_interrupted_runs(store) == [run_id]


def test_an_import_holds_its_lock_while_it_runs_and_leaves_no_lock_file(store, tmp_path):
    export = tmp_path / "Connections.csv"
    write_connections_csv(export, 50, seed=2)
    seen: list[bool] = []

    def while_running(run_id: int) -> None:
        with store.sessions() as session:
            name = session.get(ImportRun, run_id).lock_name
        seen.append(not RunLock(store, name).try_acquire())

    import_file(store, export, run_started=while_running)

    assert seen == [True]
    assert not list((store.data_dir / "locks").glob("*.lock"))


def test_the_running_service_takes_back_an_import_that_died_in_another_process(app, client):
    store = solo_workspace(app).store
    run_id = record_run(store, "died.csv", "ef" * 32, "linkedin_connections", "running", "", "gone")
    with transaction(store.sessions) as session:
        now = utcnow()  # as an import inserts its rows: one time for both
        session.add(
            Contact(name="Half Imported", import_run_id=run_id, created_at=now, updated_at=now)
        )

    assert client.get("/").status_code == 200

    assert _count(store, Contact, Contact.name == "Half Imported") == 0
    with store.sessions() as session:
        assert session.get(ImportRun, run_id).status == "failed"
