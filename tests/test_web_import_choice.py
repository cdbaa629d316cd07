"""The Import page with our own JSON export: restored into an empty store, and into one that
holds data a page asking whether to merge its contacts or to replace the store with it."""

import re

import pytest
from sqlalchemy import select

from helper.db import transaction
from helper.db.models import Contact, ImportRun
from helper.store.contacts import ContactInput, create_contact
from helper.store.imports import jobs
from helper.store.json_document import dumps
from helper.store.opening import open_store
from tests.conftest import csrf_token_from
from tests.test_web_imports import finished_job, upload, uploads_left


@pytest.fixture
def export(tmp_path, second_database_url) -> bytes:
    """The export of another store: Ada (also in this one, under another address) and Grace."""
    other = open_store(tmp_path / "other", url=second_database_url)
    with transaction(other.sessions) as session:
        create_contact(
            session,
            ContactInput(name="Ada Lovelace", current_company="Engines", emails=["ada@work.org"]),
        )
        create_contact(session, ContactInput(name="Grace Hopper", emails=["grace@navy.mil"]))
    with other.sessions() as session:
        return dumps(session).encode()


@pytest.fixture
def filled(store):
    """This store holds Ada at the same company, and Charles."""
    with transaction(store.sessions) as session:
        create_contact(
            session,
            ContactInput(name="Ada Lovelace", current_company="Engines", emails=["ada@home.org"]),
        )
        create_contact(session, ContactInput(name="Charles Babbage"))
    return store


@pytest.fixture
def waiting(app, client, filled, export):
    """An export uploaded into the filled store: the address of the job that waits."""
    response = upload(client, "everything.json", export)
    assert finished_job(app, response).status == "choice"
    return response.headers["Location"]


def names(store) -> list[str]:
    with store.sessions() as session:
        return sorted(session.scalars(select(Contact.name)))


def choose(app, client, job_page: str, choice: str):
    """Press a choice's button on the job's page; the snapshot of the import it started."""
    token = csrf_token_from(client.get(job_page).get_data(as_text=True))
    response = client.post(f"{job_page}/{choice}", data={"csrf_token": token})
    assert response.headers["Location"] != job_page
    return finished_job(app, response)


def test_an_export_into_an_empty_store_is_restored_and_its_result_shown(app, client, export):
    state = finished_job(app, upload(client, "everything.json", export))
    assert state.status == "done"
    page = client.get(f"/imports/{state.run_id}").get_data(as_text=True)
    assert "<strong>Imported.</strong>" in page
    assert re.search(r"Restored \d+ rows from everything.json: 2 contacts", page)
    assert uploads_left(app) == []


def test_an_export_into_a_store_that_holds_data_asks_what_to_do_instead_of_hanging(
    app, client, waiting
):
    document = client.get(waiting + "/progress").get_json()
    assert document["status"] == "choice"
    assert document["result_url"] == waiting
    page = client.get(waiting).get_data(as_text=True)
    assert "This is an Outreach Helper export and your store already holds 2 contacts." in page
    assert "--data-dir" not in page
    for action, label in (
        ("merge", "Merge its contacts into this store"),
        ("replace", "Replace this store with the export"),
        ("drop", "Keep my store as it is"),
    ):
        form = re.search(rf'<form method="post" action="{waiting}/{action}".*?</form>', page, re.S)
        assert form is not None, action
        assert 'name="csrf_token"' in form.group(0)
        assert f">{label}</button>" in form.group(0)
    assert len(uploads_left(app)) == 1  # the upload waits for the choice


def test_merging_adds_the_contacts_and_opens_a_result_with_the_counts(app, client, store, waiting):
    state = choose(app, client, waiting, "merge")
    assert state.status == "done"
    assert names(store) == ["Ada Lovelace", "Charles Babbage", "Grace Hopper"]
    page = client.get(f"/imports/{state.run_id}").get_data(as_text=True)
    assert re.search(r'<span class="count">1</span> <span class="label">created</span>', page)
    assert re.search(r'<span class="count">1</span> <span class="label">merged into', page)
    assert uploads_left(app) == []


def test_replacing_restores_the_export_and_the_result_says_where_the_backup_is(
    app, client, store, waiting
):
    state = choose(app, client, waiting, "replace")
    assert state.status == "done"
    assert names(store) == ["Ada Lovelace", "Grace Hopper"]
    [backup] = (store.data_dir / "backups").glob("*-before-replacing-with-an-export.*")
    page = client.get(f"/imports/{state.run_id}").get_data(as_text=True)
    assert f"it is backed up in {backup}" in page
    assert uploads_left(app) == []


def test_the_history_lists_the_merge_of_an_export(app, client, waiting):
    choose(app, client, waiting, "merge")
    history = client.get("/imports").get_data(as_text=True).split("Import history", 1)[1]
    assert "everything.json</a>" in history
    assert "Outreach Helper export (JSON)" in history
    assert ">Imported</span>" in history


def test_a_second_press_finds_the_import_the_first_started(app, client, store, waiting):
    token = csrf_token_from(client.get(waiting).get_data(as_text=True))
    first = client.post(waiting + "/merge", data={"csrf_token": token})
    again = client.post(waiting + "/replace", data={"csrf_token": token})
    assert again.headers["Location"] == waiting
    assert client.get(waiting).headers["Location"] == first.headers["Location"]
    finished_job(app, first)
    with store.sessions() as session:
        assert session.scalar(select(ImportRun.status)) == "done"
        assert len(session.scalars(select(ImportRun)).all()) == 1


def test_a_choice_without_the_csrf_token_is_refused_and_the_upload_still_waits(
    app, client, store, waiting
):
    assert client.post(waiting + "/replace").status_code == 400
    assert client.get(waiting + "/progress").get_json()["status"] == "choice"
    assert names(store) == ["Ada Lovelace", "Charles Babbage"]


def test_keeping_the_store_as_it_is_imports_nothing_and_deletes_the_upload(
    app, client, store, waiting
):
    token = csrf_token_from(client.get(waiting).get_data(as_text=True))
    response = client.post(waiting + "/drop", data={"csrf_token": token}, follow_redirects=True)
    assert "Nothing of everything.json was imported; your store is as it was." in (
        response.get_data(as_text=True)
    )
    assert uploads_left(app) == []
    assert names(store) == ["Ada Lovelace", "Charles Babbage"]
    with store.sessions() as session:
        assert session.scalar(select(ImportRun.id)) is None


def test_a_choice_nobody_makes_has_its_upload_deleted_once_the_job_is_forgotten(
    app, client, waiting, monkeypatch
):
    monkeypatch.setattr(jobs, "KEPT_FINISHED_JOBS", 0)
    finished_job(app, upload(client, "empty.vcf", b""))
    assert uploads_left(app) == []
    assert client.get(waiting).status_code == 404
