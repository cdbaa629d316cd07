"""Sync now runs on a thread of its own: one at a time per book, its writes counted for the
page, and an unexpected error recorded for the page rather than lost with the thread."""

from __future__ import annotations

import threading
import time

import pytest

from helper.store.sync import background
from helper.store.sync.background import UNEXPECTED, BackgroundSync
from helper.store.sync.history import last_sync, record_failure, record_report
from helper.store.sync.resources import SyncReport
from helper.store.sync.settings import SyncSettings, save_password, save_settings
from helper.web.session import solo_workspace
from tests.conftest import DAV_PASSWORD, DAV_USER, free_port

PAGE = "/me/sync"


@pytest.fixture
def held_sync(monkeypatch):
    """A sync that writes three resources, then waits until the test lets it finish."""
    release, writing = threading.Event(), threading.Event()

    def sync_book(store, on_write):
        on_write(3)
        writing.set()
        assert release.wait(10)

    monkeypatch.setattr(background, "sync_book", sync_book)
    yield writing
    release.set()


def until_done(sync: BackgroundSync, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while sync.progress().running:
        assert time.monotonic() < deadline
        time.sleep(0.01)


def test_a_running_sync_reports_its_writes_and_a_second_start_waits_for_it(store, held_sync):
    sync = BackgroundSync(store)

    assert sync.start()
    assert held_sync.wait(10)

    progress = sync.progress()
    assert (progress.running, progress.written) == (True, 3)
    assert not sync.start()


def test_a_finished_sync_lets_the_next_one_start(store, monkeypatch):
    runs = []
    monkeypatch.setattr(background, "sync_book", lambda store, on_write: runs.append(store))
    sync = BackgroundSync(store)

    assert sync.start()
    until_done(sync)
    assert sync.start()
    until_done(sync)

    assert len(runs) == 2
    assert sync.progress().to_json() == {"running": False, "written": 0, "seconds": 0}


def test_an_unexpected_error_is_recorded_for_the_page(store, monkeypatch):
    def broken(store, on_write):
        raise RuntimeError("a bug, not the server")

    monkeypatch.setattr(background, "sync_book", broken)
    sync = BackgroundSync(store)

    sync.start()
    until_done(sync)

    assert last_sync(store.data_dir).error == UNEXPECTED


def test_the_page_shows_the_running_sync_instead_of_its_button(
    app, client, store, held_sync, post_form
):
    unreachable = f"http://127.0.0.1:{free_port()}/"
    save_settings(store.data_dir, SyncSettings(unreachable, DAV_USER, address_book="Contacts"))
    save_password(store.data_dir, DAV_PASSWORD)

    started = post_form(PAGE + "/now", {}, page=PAGE)
    assert held_sync.wait(10)
    page = client.get(PAGE).text

    assert "Syncing now. This page shows the outcome when it is done." in started.text
    assert '<progress id="sync-bar">' in page and 'data-progress-url="/me/sync/progress"' in page
    assert "3 written to the server so far" in page
    assert '<button type="submit" class="button">Sync now</button>' not in page
    progress = client.get(PAGE + "/progress").get_json()
    assert (progress["running"], progress["written"]) == (True, 3)
    assert set(progress) == {"running", "written", "seconds"}
    again = post_form(PAGE + "/now", {}, page=PAGE)
    assert "A sync is already running." in again.text
    assert solo_workspace(app).background_sync.progress().running


@pytest.mark.parametrize(
    ("outcome", "flashed"),
    [
        ("synced", "Synced: 2 created, 0 updated, 0 removed."),
        ("failed", "The sync failed: the server cannot be reached"),
    ],
)
def test_a_sync_done_within_a_moment_says_its_outcome_at_once(
    client, store, post_form, monkeypatch, outcome, flashed
):
    def quick(store, on_write):
        if outcome == "failed":
            record_failure(store.data_dir, "the server cannot be reached")
        else:
            record_report(store.data_dir, SyncReport(created=["a", "b"]))

    monkeypatch.setattr(background, "sync_book", quick)
    save_settings(store.data_dir, SyncSettings("http://127.0.0.1:9/", DAV_USER, address_book="C"))
    save_password(store.data_dir, DAV_PASSWORD)

    page = post_form(PAGE + "/now", {}, page=PAGE).text

    assert flashed in page
    assert "Syncing now." not in page
