"""The Import page: upload, progress, cancel, result and history."""

import io
import re
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bench.generate_mbox import write_mbox
from helper import create_app
from helper.db.models import Contact, ImportRun, Interaction
from helper.store.imports.pipeline import import_file
from helper.web.session import solo_workspace
from tests.conftest import csrf_token_from

CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ada,Lovelace,https://www.linkedin.com/in/ada,ada@example.com,Analytical Engines,"
    "Head of Data,08 Feb 2026\n"
    "Grace,Hopper,,grace@example.com,Navy,Rear Admiral,09 Feb 2026\n"
)


def upload(client, name: str, content: bytes):
    """Send a file through the Import form, as a browser does; the response (not followed)."""
    token = csrf_token_from(client.get("/imports").get_data(as_text=True))
    return client.post(
        "/imports",
        data={"csrf_token": token, "file": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )


def finished_job(app, response):
    """Wait for the job the upload started; its snapshot."""
    assert response.status_code == 302, response.get_data(as_text=True)
    job_id = response.headers["Location"].rsplit("/", 1)[1]
    registry = solo_workspace(app).import_jobs
    registry.wait(job_id, timeout_s=60)
    return registry.get(job_id).snapshot()


def counts(store) -> tuple[int, int]:
    with store.sessions() as session:
        return (
            session.scalar(select(func.count(Contact.id))),
            session.scalar(select(func.count(Interaction.id))),
        )


def uploads_left(app) -> list[str]:
    folder = Path(app.config["DATA_DIR"]) / "uploads"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_the_import_page_labels_its_file_field_and_names_the_size_limit(client):
    page = client.get("/imports").get_data(as_text=True)
    assert '<label for="file">File to import</label>' in page
    assert 'enctype="multipart/form-data"' in page
    assert "At most 200 MB." in page
    assert "No imports yet." in page


def test_an_uploaded_connections_file_is_imported_and_its_result_shown(app, client, store):
    state = finished_job(app, upload(client, "Connections.csv", CONNECTIONS.encode()))
    assert state.status == "done"
    page = client.get(f"/imports/{state.run_id}").get_data(as_text=True)
    assert "<h1>Import of Connections.csv</h1>" in page
    assert "LinkedIn Connections.csv" in page
    assert re.search(r'<span class="count">2</span> <span class="label">created</span>', page)
    assert counts(store) == (2, 0)
    assert uploads_left(app) == []


def test_the_result_lists_each_problem_with_where_what_and_the_raw_text(app, client, data_path):
    content = (data_path / "vcard" / "android_v21_qp_soft_breaks.vcf").read_bytes()
    state = finished_job(app, upload(client, "phone.vcf", content))
    page = client.get(f"/imports/{state.run_id}").get_data(as_text=True)
    assert "<td>card 5</td>" in page
    assert "not a valid e-mail address, left out" in page
    assert "<code>Øystein Brøndum på kontoret</code>" in page


def test_a_mailbox_result_shows_interactions_skips_with_reasons_and_the_owner_note(
    app, client, tmp_path
):
    write_mbox(tmp_path / "mail.mbox", 60)
    content = (tmp_path / "mail.mbox").read_bytes()
    state = finished_job(app, upload(client, "mail.mbox", content))
    page = client.get(f"/imports/{state.run_id}").get_data(as_text=True)
    with solo_workspace(app).store.sessions() as session:
        run = session.get(ImportRun, state.run_id)
    assert run.interactions > 0
    assert (
        f'<span class="count">{run.interactions}</span> <span class="label">interactions added'
        in page
    )
    assert "Your address was taken to be" in page
    for reason in run.skipped_reasons:
        assert reason.replace("'", "&#39;") in page


def test_the_progress_document_reports_the_finished_job_and_its_result_page(app, client):
    response = upload(client, "Connections.csv", CONNECTIONS.encode())
    state = finished_job(app, response)
    document = client.get(response.headers["Location"] + "/progress").get_json()
    assert document["status"] == "done"
    assert document["percent"] == 100
    assert document["result_url"] == f"/imports/{state.run_id}"


def test_the_progress_page_of_a_finished_job_opens_the_result(app, client):
    response = upload(client, "Connections.csv", CONNECTIONS.encode())
    state = finished_job(app, response)
    again = client.get(response.headers["Location"])
    assert again.status_code == 302
    assert again.headers["Location"] == f"/imports/{state.run_id}"


def test_an_empty_file_fails_with_a_reason_and_stores_nothing(app, client, store):
    state = finished_job(app, upload(client, "contacts.vcf", b""))
    assert state.status == "failed"
    page = client.get(f"/imports/{state.run_id}").get_data(as_text=True)
    assert "This file could not be imported; nothing was stored." in page
    assert "empty" in page
    assert counts(store) == (0, 0)


def test_a_binary_file_renamed_vcf_fails_with_a_reason_and_stores_nothing(app, client, store):
    binary = bytes(range(256)) * 64
    state = finished_job(app, upload(client, "contacts.vcf", binary))
    assert state.status == "failed"
    assert state.error
    assert counts(store) == (0, 0)


def test_a_path_in_the_uploaded_name_is_never_used_as_a_path(app, client, tmp_path):
    name = "../../../outside/evil.csv"
    state = finished_job(app, upload(client, name, CONNECTIONS.encode()))
    with solo_workspace(app).store.sessions() as session:
        assert session.get(ImportRun, state.run_id).file_name == "outside_evil.csv"
    assert not (tmp_path / "outside").exists()
    assert uploads_left(app) == []


def test_an_oversized_upload_gets_a_friendly_413_and_nothing_is_stored(tmp_path):
    app = create_app({"DATA_DIR": tmp_path / "data", "TESTING": True, "MAX_UPLOAD_MB": 1})
    client = app.test_client()
    response = upload(client, "big.csv", CONNECTIONS.encode() + b"x" * (1024 * 1024 + 1))
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "at most 1 MB for a file" in page
    assert "Nothing was stored." in page
    with solo_workspace(app).store.sessions() as session:
        assert session.scalar(select(func.count(ImportRun.id))) == 0
    assert uploads_left(app) == []


def test_a_form_without_a_file_asks_for_one(client, post_form):
    page = post_form("/imports", {}).get_data(as_text=True)
    assert "Choose a file to import; nothing was stored." in page


def test_an_upload_without_the_csrf_token_is_refused(client, store):
    response = client.post(
        "/imports",
        data={"file": (io.BytesIO(CONNECTIONS.encode()), "c.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert counts(store) == (0, 0)


@pytest.fixture
def held_import(app):
    """Imports that pause after their first progress report until the test lets them go or
    the import is cancelled."""
    reported, release = threading.Event(), threading.Event()

    def importer(store, path, *, progress, cancel, **options):
        def report(state):
            progress(state)
            reported.set()
            deadline = time.monotonic() + 30
            while not (release.is_set() or cancel.is_set()) and time.monotonic() < deadline:
                release.wait(0.01)

        return import_file(store, path, progress=report, cancel=cancel, **options)

    solo_workspace(app).import_jobs.importer = importer
    yield reported
    release.set()


def test_the_cancel_button_stops_a_running_import_with_nothing_stored(
    app, client, store, held_import
):
    rows = "".join(f"P{n},Person,,p{n}@example.com,Acme,Engineer,\n" for n in range(600))
    response = upload(client, "Connections.csv", (CONNECTIONS + rows).encode())
    progress_page = response.headers["Location"]
    assert held_import.wait(30)
    page = client.get(progress_page).get_data(as_text=True)
    assert '<progress id="import-bar" max="100"' in page
    assert "import-progress.js" in page and "<script>" not in page
    token = csrf_token_from(page)
    cancelled = client.post(progress_page + "/cancel", data={"csrf_token": token})
    assert cancelled.status_code == 302
    state = finished_job(app, response)
    assert state.status == "cancelled"
    result = client.get(f"/imports/{state.run_id}").get_data(as_text=True)
    assert "Nothing of this import was kept." in result
    assert counts(store) == (0, 0)


def test_cancel_without_the_csrf_token_is_refused(app, client, held_import):
    response = upload(client, "Connections.csv", CONNECTIONS.encode())
    assert held_import.wait(30)
    refused = client.post(response.headers["Location"] + "/cancel")
    assert refused.status_code == 400
    job = solo_workspace(app).import_jobs.get(response.headers["Location"].rsplit("/", 1)[1])
    assert not job.cancel.is_set()


def test_an_unknown_job_is_a_friendly_404(client):
    response = client.get("/imports/jobs/not-a-job")
    assert response.status_code == 404
    assert "no longer running" in response.get_data(as_text=True)


def test_the_history_lists_past_runs_with_status_file_format_and_counts(app, client):
    finished_job(app, upload(client, "Connections.csv", CONNECTIONS.encode()))
    finished_job(app, upload(client, "Connections.csv", CONNECTIONS.encode()))
    finished_job(app, upload(client, "empty.vcf", b""))
    page = client.get("/imports").get_data(as_text=True)
    history = page[page.index("Import history") :]
    assert history.count("Connections.csv</a>") == 2
    assert "empty.vcf</a>" in history
    for status in ("Imported", "Already imported", "Failed"):
        assert f">{status}</span>" in history
    assert '<td class="num" data-label="Created">2</td>' in history
    assert history.index("empty.vcf") < history.index("Connections.csv")  # newest first


def test_a_missing_run_is_a_friendly_404(client):
    response = client.get("/imports/999")
    assert response.status_code == 404
    assert "There is no import number 999." in response.get_data(as_text=True)


def test_uploads_left_by_a_stopped_server_are_removed_when_it_starts_again(tmp_path):
    uploads = tmp_path / "data" / "uploads"
    uploads.mkdir(parents=True)
    (uploads / "import-abc.upload").write_bytes(b"half an upload")
    create_app({"DATA_DIR": tmp_path / "data", "TESTING": True})
    assert list(uploads.iterdir()) == []
