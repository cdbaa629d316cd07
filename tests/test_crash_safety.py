"""An import killed with SIGKILL at any point leaves a sound store: what was there before is
intact, and the interrupted run is all-or-nothing once the store is opened again."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bench.generate_contacts import write_connections_csv
from helper.db.models import Contact, ImportRun, Interaction
from helper.store.contacts import ContactInput, create_contact
from helper.store.opening import open_store

ROWS = 6000  # six batches of new people
POLL_S = 0.02


def database(data_dir: Path) -> sqlite3.Connection:
    return sqlite3.connect(data_dir / "outreach.sqlite3", timeout=30)


def tagged_rows(data_dir: Path) -> int:
    """Contacts a still-running import has committed so far (0 while it reads)."""
    try:
        with database(data_dir) as connection:
            row = connection.execute(
                "SELECT count(*) FROM contact WHERE import_run_id IN "
                "(SELECT id FROM import_run WHERE status = 'running')"
            ).fetchone()
    except sqlite3.OperationalError:
        return 0
    return row[0]


def run_started(data_dir: Path) -> bool:
    try:
        with database(data_dir) as connection:
            return bool(
                connection.execute("SELECT 1 FROM import_run WHERE status = 'running'").fetchone()
            )
    except sqlite3.OperationalError:
        return False


def start_import(data_dir: Path, path: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "helper", "import", str(path), "--data-dir", str(data_dir)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_until(process: subprocess.Popen, condition) -> bool:
    """True once `condition()` holds while the import still runs; False if it ended first."""
    while process.poll() is None:
        if condition():
            return True
        time.sleep(POLL_S)
    return False


@pytest.fixture
def prepared(tmp_path):
    data_dir = tmp_path / "data"
    store = open_store(data_dir)
    with store.sessions() as session:
        contact = create_contact(session, ContactInput(name="Kept Before", emails=["k@b.example"]))
        session.add(Interaction(contact_id=contact.id, kind="met", source_ref="before:1"))
        session.commit()
    store.engine.dispose()
    export = tmp_path / "Connections.csv"
    write_connections_csv(export, ROWS, seed=3)
    return data_dir, export


KILL_POINTS = {
    "while reading": lambda data_dir: run_started(data_dir) and tagged_rows(data_dir) == 0,
    "after the first batch": lambda data_dir: tagged_rows(data_dir) >= 1000,
    "after several batches": lambda data_dir: tagged_rows(data_dir) >= 3000,
}


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_a_killed_import_is_all_or_nothing_and_the_store_stays_sound(prepared, point):
    data_dir, export = prepared
    process = start_import(data_dir, export)
    reached = wait_until(process, lambda: KILL_POINTS[point](data_dir))
    if reached:
        os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=120)

    store = open_store(data_dir)  # the next start: finds the dead run and takes it back
    with database(data_dir) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with store.sessions() as session:
        assert session.scalar(select(Contact.name).where(Contact.id == 1)) == "Kept Before"
        assert session.scalar(select(Interaction.source_ref)) == "before:1"
        run = session.scalar(select(ImportRun).order_by(ImportRun.id.desc()))
        imported = session.scalar(select(func.count(Contact.id)).where(Contact.id != 1))
        if run.status == "done":
            assert imported == ROWS
        else:
            assert (run.status, imported) == ("failed", 0)
            assert "stopped before it finished" in run.message
    assert reached or run.status == "done"
