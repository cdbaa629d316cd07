"""An Outreach Helper JSON export restored whole: into an empty store, or in place of a store's
content after a backup that is put back when the restore fails; each one in the history."""

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from helper.db import transaction
from helper.db.models import Contact, ImportRun
from helper.errors import ImportRefused
from helper.store.backup import backups_in
from helper.store.contacts import ContactInput, create_contact
from helper.store.imports import json_replace
from helper.store.imports.pipeline import import_file
from helper.store.imports.runs import list_runs
from helper.store.imports.summary import ExportChoice
from helper.store.json_document import dumps
from helper.store.opening import open_store
from tests.conftest import names_in_backup

REPLACE = ExportChoice.REPLACE


@pytest.fixture
def export(tmp_path, second_database_url) -> Path:
    """The export of a store holding Ada and Grace, and one import of its own."""
    store = open_store(tmp_path / "other", url=second_database_url)
    with transaction(store.sessions) as session:
        create_contact(session, ContactInput(name="Ada Lovelace", emails=["ada@engines.org"]))
        create_contact(session, ContactInput(name="Grace Hopper"))
        session.add(ImportRun(file_name="Connections.csv", sha256="0" * 64, status="done"))
    path = tmp_path / "export.json"
    with store.sessions() as session:
        path.write_text(dumps(session), encoding="utf-8")
    return path


@pytest.fixture
def here(tmp_path):
    store = open_store(tmp_path / "here")
    with transaction(store.sessions) as session:
        create_contact(session, ContactInput(name="Charles Babbage"))
    return store


def names(store) -> list[str]:
    with store.sessions() as session:
        return sorted(session.scalars(select(Contact.name)))


def history(store) -> list[tuple[str, str]]:
    with store.sessions() as session:
        return [(run.file_name, run.status) for run in reversed(list_runs(session))]


def backups(store) -> list[Path]:
    return [path for path in backups_in(store.data_dir) if "before-replacing" in path.name]


def test_an_export_into_an_empty_store_is_restored_whole_and_listed_in_the_history(
    tmp_path, export
):
    store = open_store(tmp_path / "empty")
    summary = import_file(store, export)
    assert names(store) == ["Ada Lovelace", "Grace Hopper"]
    assert history(store) == [("Connections.csv", "done"), ("export.json", "done")]
    with store.sessions() as session:
        run = session.get(ImportRun, summary.run_id)
    assert (run.format, run.created) == ("outreach_json", 2)
    assert "Restored" in run.message


def test_a_failed_restore_is_listed_with_its_reason_and_a_later_one_still_restores(
    tmp_path, export
):
    store = open_store(tmp_path / "empty")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "outreach-helper", "schema_version": "9999", "tables": {}}')
    with pytest.raises(ImportRefused, match="newer or unknown version"):
        import_file(store, broken)
    with store.sessions() as session:
        failed = session.scalar(select(ImportRun))
    assert (failed.status, failed.format) == ("failed", "outreach_json")
    assert "newer or unknown version" in failed.message
    import_file(store, export)
    assert names(store) == ["Ada Lovelace", "Grace Hopper"]


def test_replacing_backs_the_store_up_then_holds_the_exports_content(here, export):
    summary = import_file(here, export, export_choice=REPLACE)
    assert names(here) == ["Ada Lovelace", "Grace Hopper"]
    [backup] = backups(here)
    assert names_in_backup(backup) == ["Charles Babbage"]
    assert f"it is backed up in {backup}" in summary.message
    assert history(here) == [("Connections.csv", "done"), ("export.json", "done")]


def test_a_replace_the_export_refuses_midway_leaves_the_store_as_it_was(here, export):
    document = json.loads(export.read_text(encoding="utf-8"))
    document["tables"]["contact"][-1]["tier"] = "gold"
    export.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ImportRefused, match="'gold' is not a known relationship tier"):
        import_file(here, export, export_choice=REPLACE)
    assert names(here) == ["Charles Babbage"]
    assert history(here) == [("export.json", "failed")]


def test_a_replace_that_fails_after_the_store_was_replaced_puts_the_backup_back(
    here, export, monkeypatch
):
    restore = json_replace.restore_json_file

    def restore_then_fail(store, path, **options):
        restore(store, path, **options)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(json_replace, "restore_json_file", restore_then_fail)
    with pytest.raises(ImportRefused, match="could not be restored: No space left on device"):
        import_file(here, export, export_choice=REPLACE)
    assert names(here) == ["Charles Babbage"]
    assert len(backups(here)) == 1
    assert history(here) == [("export.json", "failed")]
    with transaction(here.sessions) as session:  # the store put back takes writes again
        create_contact(session, ContactInput(name="Mary Somerville"))
    assert names(here) == ["Charles Babbage", "Mary Somerville"]
