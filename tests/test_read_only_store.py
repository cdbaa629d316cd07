"""A current SQLite store is read with `sqlite3` alone, giving what its session gives; any
store that needs opening the usual way is left to `open_store`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import text

from helper.cli import main
from helper.config import DATABASE_FILE
from helper.db import transaction
from helper.db.models import Contact, utcnow
from helper.store.contact_records import load_contact_records
from helper.store.contact_rows import contact_snapshots
from helper.store.demo import seed_demo_store
from helper.store.exports.contact_files import ExportOptions, csv_file
from helper.store.exports.render import render_export
from helper.store.imports.runs import record_run
from helper.store.read_only import read_current_store
from tests.conftest import REPO_ROOT
from tests.test_contact_records import add_full_contact

pytestmark = pytest.mark.sqlite_only(reason="the read-only path reads the SQLite file itself")


def listed(data_dir, **chosen):
    return read_current_store(data_dir, lambda run: contact_snapshots(run, **chosen))


def test_a_current_store_lists_every_contact_as_its_session_does(store, session):
    seed_demo_store(store.sessions)
    add_full_contact(session)

    assert listed(store.data_dir) == load_contact_records(session)
    assert listed(store.data_dir, category="colleague") == load_contact_records(
        session, category="colleague"
    )
    assert listed(store.data_dir, ids=[1, 3, 999]) == load_contact_records(session, ids=[1, 3, 999])


def test_a_contacts_links_and_unicode_name_come_back_unchanged(store, session):
    session.add(Contact(name="Zoë Ørsted", other_urls=["https://example.org/zoë"], sources=["x"]))
    session.commit()

    [zoe] = listed(store.data_dir)

    assert zoe.profile.name == "Zoë Ørsted"
    assert zoe.profile.other_urls == ["https://example.org/zoë"]
    assert [zoe] == load_contact_records(session)


def test_every_statement_of_one_reading_sees_the_store_as_of_its_first(store):
    def read_around_a_write(run):
        before = list(run("SELECT count(*) FROM contact", {}))
        with transaction(store.sessions) as writer:
            writer.add(Contact(name="Written Meanwhile", sources=["manual"]))
        return before, list(run("SELECT count(*) FROM contact", {}))

    before, after = read_current_store(store.data_dir, read_around_a_write)

    assert before == after == [(0,)]


def test_a_reading_cannot_change_the_store(store, session):
    session.add(Contact(name="Grace Hopper", sources=["manual"]))
    session.commit()

    assert (
        read_current_store(store.data_dir, lambda run: list(run("DELETE FROM contact", {}))) is None
    )
    assert [c.profile.name for c in load_contact_records(session)] == ["Grace Hopper"]


def test_a_store_at_an_older_revision_is_left_to_the_usual_way_in(store):
    with transaction(store.sessions) as session:
        session.execute(text("UPDATE alembic_version SET version_num = '0001'"))

    assert listed(store.data_dir) is None


def test_a_store_with_an_import_marked_running_is_left_to_the_usual_way_in(store):
    record_run(store, "big.csv", "ab" * 32, "linkedin_connections", "running", "")

    assert listed(store.data_dir) is None


def test_a_missing_or_unreadable_file_is_left_to_the_usual_way_in(tmp_path):
    assert listed(tmp_path) is None
    (tmp_path / DATABASE_FILE).write_bytes(b"not a database at all" * 100)
    assert listed(tmp_path) is None


def test_another_database_named_by_the_environment_is_left_to_it(store, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{store.data_dir / 'other.sqlite3'}")

    assert listed(store.data_dir) is None


def test_the_list_leaves_out_rows_of_an_import_a_crash_interrupted(store, runner):
    run_id = record_run(store, "died.csv", "ef" * 32, "linkedin_connections", "running", "")
    with transaction(store.sessions) as session:
        now = utcnow()
        session.add(Contact(name="Kept Anyway", sources=["manual"]))
        session.add(
            Contact(name="Half Imported", import_run_id=run_id, created_at=now, updated_at=now)
        )
    store.close()

    result = runner.invoke(
        main, ["contacts", "--json", "--data-dir", str(store.data_dir)], catch_exceptions=False
    )

    assert [document["name"] for document in json.loads(result.output)] == ["Kept Anyway"]


def test_a_file_that_is_no_database_gets_the_usual_one_line_reason(tmp_path, runner):
    (tmp_path / DATABASE_FILE).write_bytes(b"not a database at all" * 100)

    result = runner.invoke(main, ["contacts", "--json", "--data-dir", str(tmp_path)])

    assert result.exit_code == 1
    assert result.output.startswith("Error: The database at sqlite:///")
    assert "file is not a database" in result.output


def run_reporting_frameworks(data_dir, *arguments: str) -> subprocess.CompletedProcess:
    """`outreach-helper ARGUMENTS` as its own process, which prints on stderr, as it ends,
    which of SQLAlchemy and Alembic it loaded."""
    report = (
        "import atexit, sys;"
        "atexit.register(lambda: print(sorted({m.split('.')[0] for m in sys.modules}"
        " & {'sqlalchemy', 'alembic'}), file=sys.stderr));"
        "from helper.cli import main; main()"
    )
    environment = {**os.environ, "OUTREACH_HELPER_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-c", report, *arguments],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=environment,
        check=True,
    )


def test_listing_a_current_store_loads_no_sqlalchemy(store, session):
    session.add(Contact(name="Grace Hopper", sources=["manual"]))
    session.commit()
    store.close()

    finished = run_reporting_frameworks(store.data_dir, "contacts", "--json")

    assert [c["name"] for c in json.loads(finished.stdout)] == ["Grace Hopper"]
    assert finished.stderr.strip() == "[]"


@pytest.mark.parametrize("kind", ["csv", "vcard"])
def test_a_contact_file_read_only_is_byte_identical_to_the_one_from_the_session(
    store, session, runner, tmp_path, kind
):
    seed_demo_store(store.sessions)
    add_full_contact(session)
    through_the_session = render_export(session, kind, ExportOptions()).content
    session.commit()
    out = tmp_path / f"contacts.{kind}"

    result = runner.invoke(
        main, ["export", kind, "--out", str(out), "--data-dir", str(store.data_dir)]
    )

    assert result.exit_code == 0, result.output
    assert out.read_bytes() == through_the_session
    assert read_current_store(store.data_dir, lambda run: csv_file(run, ExportOptions()))


def test_exporting_contacts_of_a_current_store_loads_no_sqlalchemy(store, session, tmp_path):
    session.add(Contact(name="Grace Hopper", sources=["manual"]))
    session.commit()
    store.close()
    out = tmp_path / "contacts.csv"

    finished = run_reporting_frameworks(store.data_dir, "export", "csv", "--out", str(out))

    assert "Grace Hopper" in out.read_text(encoding="utf-8-sig")
    assert finished.stderr.strip().splitlines()[-1] == "[]"
