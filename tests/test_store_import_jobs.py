"""Background import jobs: progress while running, cancel, failures, results."""

import shutil
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bench.generate_contacts import write_connections_csv
from helper.db.models import Contact, ImportRun
from helper.store.imports.jobs import ImportJobs
from helper.store.imports.pipeline import ImportProgress, ImportSummary, import_file
from helper.store.opening import open_store


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "data")


def upload_copy(tmp_path: Path, source: Path) -> Path:
    """The registry owns (and deletes) the file it imports, as it does an upload."""
    target = tmp_path / f"upload-{source.name}"
    shutil.copyfile(source, target)
    return target


def contact_count(store) -> int:
    with store.sessions() as session:
        return session.scalar(select(func.count(Contact.id)))


def test_a_job_imports_on_its_own_thread_and_keeps_the_summary(store, tmp_path, data_path):
    source = data_path / "vcard" / "android_v21_qp_soft_breaks.vcf"
    jobs = ImportJobs(store)
    job = jobs.start(upload_copy(tmp_path, source), "cards.vcf")
    jobs.wait(job.id)
    state = job.snapshot()
    assert (state.status, state.percent, state.error) == ("done", 100, "")
    assert job.summary.created == 6
    with store.sessions() as session:
        assert session.get(ImportRun, state.run_id).file_name == "cards.vcf"


def test_the_imported_file_is_deleted_when_the_job_ends(store, tmp_path, data_path):
    path = upload_copy(tmp_path, data_path / "vcard" / "android_v21_qp_soft_breaks.vcf")
    jobs = ImportJobs(store)
    jobs.wait(jobs.start(path, "cards.vcf").id)
    assert not path.exists()


def test_progress_can_be_read_while_the_import_is_still_running(store, tmp_path):
    reported, release = threading.Event(), threading.Event()

    def slow_importer(store, path, *, progress, cancel, run_started, display_name):
        run_started(41)
        progress(ImportProgress(bytes_done=500, bytes_total=1000, records=250))
        reported.set()
        release.wait(10)
        return ImportSummary(file=display_name, run_id=41)

    path = tmp_path / "upload"
    path.write_bytes(b"x" * 1000)
    jobs = ImportJobs(store, importer=slow_importer)
    job = jobs.start(path, "big.mbox")
    assert reported.wait(10)
    state = job.snapshot()
    release.set()
    jobs.wait(job.id)
    assert (state.status, state.records, state.bytes_done, state.bytes_total) == (
        "running",
        250,
        500,
        1000,
    )
    assert state.percent == 45  # reading is the first 90% of the bar
    assert state.rate_per_s > 0 and state.seconds_left is not None
    assert state.to_json()["run_id"] == 41
    assert job.snapshot().status == "done"


def test_saving_progress_counts_rows_written_after_the_whole_file_is_read(store, tmp_path):
    def importer(store, path, *, progress, cancel, run_started, display_name):
        progress(ImportProgress(bytes_done=1000, bytes_total=1000, records=80))
        progress(ImportProgress(bytes_done=50, bytes_total=100, records=50, phase="saving"))
        raise AssertionError("stop here")

    path = tmp_path / "upload"
    path.write_bytes(b"x" * 1000)
    jobs = ImportJobs(store, importer=importer)
    job = jobs.start(path, "x.csv")
    jobs.wait(job.id)
    state = job.snapshot()
    assert (state.records, state.saved, state.save_total) == (80, 50, 100)
    assert state.status == "failed"
    assert state.error == "The import stopped unexpectedly: stop here"


def test_cancelling_a_running_job_stores_nothing(store, tmp_path):
    path = tmp_path / "upload.csv"
    write_connections_csv(path, 3000, seed=3)

    def cancelled_early(store, path, *, progress, cancel, **options):
        def report(state: ImportProgress) -> None:
            progress(state)
            cancel.set()  # as the Cancel button does, once the import is under way

        return import_file(store, path, progress=report, cancel=cancel, **options)

    jobs = ImportJobs(store, importer=cancelled_early)
    job = jobs.start(path, "Connections.csv")
    jobs.wait(job.id)
    state = job.snapshot()
    assert state.status == "cancelled"
    assert "nothing was stored" in state.error
    assert contact_count(store) == 0
    with store.sessions() as session:
        assert session.get(ImportRun, state.run_id).status == "cancelled"


def test_a_refused_file_ends_the_job_as_failed_with_the_reason(store, tmp_path):
    path = tmp_path / "upload"
    path.write_bytes(b"")
    jobs = ImportJobs(store)
    job = jobs.start(path, "empty.vcf")
    jobs.wait(job.id)
    state = job.snapshot()
    assert state.status == "failed"
    assert "empty" in state.error
    with store.sessions() as session:
        assert session.get(ImportRun, state.run_id).status == "failed"


def test_unknown_jobs_are_not_found_and_cannot_be_cancelled(store):
    jobs = ImportJobs(store)
    assert jobs.get("nope") is None
    assert jobs.cancel("nope") is False


def test_a_finished_job_cannot_be_cancelled_any_more(store, tmp_path, data_path):
    source = data_path / "vcard" / "android_v21_qp_soft_breaks.vcf"
    jobs = ImportJobs(store)
    job = jobs.start(upload_copy(tmp_path, source), "cards.vcf")
    jobs.wait(job.id)
    assert jobs.cancel(job.id) is False
    assert job.snapshot().status == "done"
