"""Me → Sync in Debian's Chromium against a real Radicale 3 server: connect from the keyboard,
choose a calendar and an address book, sync, then settle a card the phone changed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from helper.store.contacts import ContactInput, create_contact
from helper.store.opening import open_store
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

    page.get_by_role("button", name="Sync now").click()
    expect(page.locator(".flash-success")).to_contain_text("Synced: 1 created")
    expect(page.locator("#last-sync")).to_contain_text("Last sync:")
    expect(page.locator("#last-sync")).to_contain_text("1 created, 0 updated, 0 removed")
    screenshot("sync-desktop")

    # The phone changes Priya's title on the server.
    ((path, card),) = radicale_server.resources(book).items()
    radicale_server.put(path, card.replace("TITLE:Head of Data", "TITLE:Chief Data Officer"))
    page.get_by_role("button", name="Sync now").click()
    expect(page.locator(".flash")).to_contain_text("1 was changed on the server meanwhile")
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
