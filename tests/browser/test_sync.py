"""Me → Sync in Debian's Chromium against a real Radicale 3 server: connect from the keyboard,
choose a calendar and an address book, sync, then settle a card the phone changed."""

from __future__ import annotations

import threading

import pytest
from playwright.sync_api import expect

from helper.store.contacts import ContactInput, create_contact
from helper.store.opening import open_store
from helper.store.sync import background
from helper.store.sync.history import record_report
from helper.store.sync.resources import SyncReport
from helper.store.sync.settings import SyncSettings, save_password, save_settings
from tests.browser.conftest import SCREENSHOTS
from tests.conftest import DAV_PASSWORD, DAV_USER

pytestmark = pytest.mark.browser
pytest.importorskip("caldav")

BOOK, CALENDAR = "Contacts", "Follow-ups"


@pytest.fixture
def server_with_priya(tmp_path, start_server):
    store = open_store(tmp_path / "data")
    with store.sessions() as session:
        create_contact(
            session,
            ContactInput(
                name="Priya Raman",
                current_title="Head of Data",
                current_company="Monzo",
                emails=["priya@monzo.example"],
                phones=["+447700900123"],
                categories=["colleague"],
            ),
        )
        session.commit()
    store.engine.dispose()
    return start_server()


def test_connect_choose_sync_and_keep_the_phones_edit(
    page, server_with_priya, radicale_server, screenshot
):
    radicale_server.make_collection("follow-ups", CALENDAR, "CAL:calendar")
    book = radicale_server.make_collection("contacts", BOOK, "C:addressbook")

    page.goto(server_with_priya + "/me")
    page.get_by_role("link", name="Sync with your phone").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sync with your phone")

    # The server form, from the keyboard: type, Tab to the next field, Enter to send.
    page.get_by_label("Server address", exact=True).focus()
    page.keyboard.type(radicale_server.url)
    page.keyboard.press("Tab")
    expect(page.get_by_label("User name")).to_be_focused()
    page.keyboard.type(DAV_USER)
    page.keyboard.press("Tab")
    expect(page.get_by_label("App password")).to_be_focused()
    page.keyboard.type(DAV_PASSWORD)
    screenshot("sync-server-form")
    page.keyboard.press("Enter")
    expect(page.locator(".flash-success")).to_have_text(
        "Connected as ann: 1 calendar and 1 address book. Now choose what to sync."
    )
    expect(page.get_by_label("App password")).to_have_value("")

    page.get_by_label("Calendar for your follow-ups").select_option(CALENDAR)
    page.get_by_label("Address book for your contacts").select_option(BOOK)
    page.get_by_role("button", name="Save what to sync").click()
    expect(page.locator(".flash-success")).to_contain_text("Saved: follow-ups to the calendar")

    # A sync done within a moment says so at once; a slower one (a busy machine) shows its
    # progress and reloads the page when it is done: either way the last sync line tells.
    page.get_by_role("button", name="Sync now").click()
    last_sync = page.locator("#last-sync")
    expect(last_sync).to_contain_text("1 created, 0 updated, 0 removed", timeout=30_000)
    expect(last_sync).to_contain_text("Last sync:")
    screenshot("sync-desktop")

    # The phone changes Priya's title on the server.
    ((path, card),) = radicale_server.resources(book).items()
    radicale_server.put(path, card.replace("TITLE:Head of Data", "TITLE:Chief Data Officer"))
    page.get_by_role("button", name="Sync now").click()
    expect(last_sync).to_contain_text("1 changed on the server, waiting", timeout=30_000)
    conflict = page.locator(".sync-conflict")
    expect(conflict.get_by_role("heading", level=3)).to_contain_text("Priya Raman")
    expect(conflict.locator(".differs")).to_have_text(
        ["TitleDiffers: Head of Data", "TitleDiffers: Chief Data Officer"]
    )
    screenshot("sync-conflict-desktop")

    page.set_viewport_size({"width": 375, "height": 800})
    conflict.scroll_into_view_if_needed()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways at 375 px ({width} px wide)"
    here, there = conflict.locator(".sync-version").all()
    assert here.bounding_box()["y"] < there.bounding_box()["y"], "versions stacked on a phone"
    screenshot("sync-conflict-phone")
    conflict.screenshot(path=str(SCREENSHOTS / "sync-conflict-phone-close-up.png"))

    conflict.get_by_role("button", name="Keep the server's").click()
    expect(page.locator(".flash-success")).to_have_text(
        "Took in the server's version of Priya Raman (contact)."
    )
    expect(page.get_by_text("Nothing changed on the server waits for your choice.")).to_be_visible()
    page.goto(server_with_priya + "/contacts")
    expect(page.get_by_role("row", name="Priya Raman")).to_contain_text("Chief Data Officer")


def test_a_long_sync_shows_its_progress_then_its_outcome(
    page, start_server, tmp_path, monkeypatch, screenshot
):
    """The server runs on a thread of this process, so the sync can be one held at will: it
    writes 120 resources, then waits for the test before it finishes."""
    release = threading.Event()

    def slow_sync(store, on_write):
        on_write(120)
        assert release.wait(30)
        record_report(store.data_dir, SyncReport(created=[f"uid-{n}" for n in range(120)]))

    monkeypatch.setattr(background, "sync_book", slow_sync)
    base = start_server()
    folder = tmp_path / "data"
    save_settings(folder, SyncSettings("http://127.0.0.1:9/", DAV_USER, address_book=BOOK))
    save_password(folder, DAV_PASSWORD)

    page.goto(base + "/me/sync")
    page.get_by_role("button", name="Sync now").click()

    expect(page.locator(".flash-info")).to_have_text(
        "Syncing now. This page shows the outcome when it is done."
    )
    expect(page.locator("#sync-status")).to_contain_text("120 written to the server so far")
    expect(page.get_by_role("button", name="Sync now")).to_have_count(0)
    screenshot("sync-progress")
    release.set()
    expect(page.locator("#last-sync")).to_contain_text("120 created, 0 updated, 0 removed")
    expect(page.get_by_role("button", name="Sync now")).to_be_visible()
