"""Me → Sync in the browser's place (Flask's test client): the connection test against a real
Radicale 3 server, what to sync, Sync now, and choosing a version of a card edited on the
phone. The server is read back by plain WebDAV requests that do not go through the code
under test, and the app password never reaches a page."""

from __future__ import annotations

import re
import time

import pytest
from sqlalchemy import select

from helper import create_app
from helper.db.models import Contact
from helper.store.contacts import ContactInput, create_contact
from helper.store.sync.history import last_sync
from helper.store.sync.settings import (
    SyncSettings,
    has_settings,
    load_password,
    load_settings,
    save_password,
    save_settings,
)
from helper.web.session import solo_workspace
from tests.conftest import DAV_PASSWORD, DAV_USER, PRIYA_FIELDS, csrf_token_from, free_port

pytest.importorskip("caldav")

PAGE = "/me/sync"
BOOK, CALENDAR = "Contacts", "Follow-ups"
PRIYA = ContactInput(**PRIYA_FIELDS)


def connect(post_form, server, password: str = DAV_PASSWORD):
    return post_form(
        PAGE + "/connection",
        {"url": server.url, "user": DAV_USER, "password": password},
        page=PAGE,
    )


def choose(post_form, calendar: str = CALENDAR, book: str = BOOK, **extra):
    return post_form(
        PAGE + "/choices", {"calendar": calendar, "address_book": book, **extra}, page="/me"
    )


@pytest.fixture
def sync_now(client, post_form):
    """Sync now as the page runs it: a sync over within a moment says its outcome on the page
    the form leads to; a longer one is polled until it is done (as the page's script does),
    then the page is read again."""

    def run():
        wait_until_no_sync_runs(client)  # one started by a test's own POST
        page = post_form(PAGE + "/now", {}, page="/me")
        if client.get(PAGE + "/progress").get_json()["running"]:
            wait_until_no_sync_runs(client)
            page = client.get(PAGE)
        return page

    return run


def wait_until_no_sync_runs(client, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while client.get(PAGE + "/progress").get_json()["running"]:
        assert time.monotonic() < deadline, "Sync now did not finish"
        time.sleep(0.05)


def add_contact(store, person: ContactInput = PRIYA) -> int:
    with store.sessions() as session:
        contact = create_contact(session, person)
        session.commit()
        return contact.id


def set_up_and_sync(post_form, sync_now, store, server) -> int:
    """Priya on the server through the page: connected, both chosen, synced once."""
    priya = add_contact(store)
    connect(post_form, server)
    choose(post_form)
    sync_now()
    return priya


def phone_edit(server, book: str, old: str, new: str) -> None:
    """The phone changes Priya's card on the server."""
    ((path, text),) = server.resources(book).items()
    assert old in text
    server.put(path, text.replace(old, new))


def flashes(html: str) -> list[str]:
    return re.findall(r'<p class="flash flash-\w+">(.*?)</p>', html, re.DOTALL)


def test_a_wrong_password_flashes_the_servers_one_line_reason_and_saves_nothing(
    post_form, store, radicale_server, book_path
):
    response = connect(post_form, radicale_server, password="not-it")
    html = response.get_data(as_text=True)

    (message,) = flashes(html)
    assert "Not connected, nothing was saved" in message
    assert f"refused user &#39;{DAV_USER}&#39; and this password" in message
    assert "\n" not in message
    assert not has_settings(store.data_dir)
    assert not (store.data_dir / "sync.secret").exists()
    assert "What to sync" not in html


def test_a_good_connection_saves_the_server_and_offers_its_calendars_and_address_books(
    post_form, store, radicale_server, book_path
):
    html = connect(post_form, radicale_server).get_data(as_text=True)

    assert f"Connected as {DAV_USER}: 1 calendar and 1 address book." in html
    assert load_settings(store.data_dir) == SyncSettings(radicale_server.url, DAV_USER)
    assert load_password(store.data_dir) == DAV_PASSWORD
    assert f'<option value="{CALENDAR}">{CALENDAR}</option>' in html
    assert f'<option value="{BOOK}">{BOOK}</option>' in html
    assert "leave this empty to keep the saved password" in html


def test_an_empty_password_is_asked_for_when_none_is_saved(post_form, store, radicale_server):
    response = post_form(
        PAGE + "/connection", {"url": radicale_server.url, "user": DAV_USER}, page="/me"
    )
    html = response.get_data(as_text=True)
    assert "Enter the app password your server gave you." in html
    assert not has_settings(store.data_dir)


def test_testing_the_connection_again_keeps_the_saved_password_and_choices(
    post_form, store, radicale_server, book_path
):
    connect(post_form, radicale_server)
    choose(post_form, tiers=["maintain"])
    response = post_form(
        PAGE + "/connection", {"url": radicale_server.url, "user": DAV_USER}, page="/me"
    )
    assert "Connected as ann" in response.get_data(as_text=True)
    settings = load_settings(store.data_dir)
    assert (settings.calendar, settings.address_book, settings.tiers) == (
        CALENDAR,
        BOOK,
        ("maintain",),
    )
    assert load_password(store.data_dir) == DAV_PASSWORD


def test_the_choices_save_and_are_shown_chosen_again(
    client, post_form, store, radicale_server, book_path
):
    connect(post_form, radicale_server)
    html = choose(post_form, categories=["colleague", "mentor"], tiers=["strengthen"]).text

    assert "Saved: follow-ups to the calendar “Follow-ups”" in html
    settings = load_settings(store.data_dir)
    assert settings.calendar == CALENDAR and settings.address_book == BOOK
    assert settings.categories == ("colleague", "mentor")
    assert settings.tiers == ("strengthen",)
    assert f'<option selected value="{BOOK}">' in client.get(PAGE).text
    mentor = re.search(r'<input[^>]*name="categories"[^>]*value="mentor">', html).group(0)
    assert "checked" in mentor


def test_choosing_neither_a_calendar_nor_an_address_book_is_refused(
    post_form, store, radicale_server, book_path
):
    connect(post_form, radicale_server)
    html = choose(post_form, calendar="", book="").text
    assert "Choose a calendar, an address book or both." in html
    assert load_settings(store.data_dir).address_book == ""


def test_a_collection_the_server_does_not_have_is_refused(
    post_form, store, radicale_server, book_path
):
    connect(post_form, radicale_server)
    html = choose(post_form, book="Somebody else's").text
    assert "Not a valid choice" in html
    assert load_settings(store.data_dir).address_book == ""


def test_sync_now_puts_each_contact_on_the_server_and_says_when_it_last_synced(
    post_form, store, radicale_server, book_path, sync_now
):
    add_contact(store)
    connect(post_form, radicale_server)
    choose(post_form)
    html = sync_now().text

    (card,) = radicale_server.resources(book_path).values()
    assert "FN:Priya Raman" in card and "TITLE:Head of Data" in card
    assert last_sync(store.data_dir).created == 1
    assert re.search(r"Last sync:</strong> \d\d \w+ \d{4}, \d\d:\d\d \(UTC\) — 1 created", html)


def test_a_sync_that_cannot_reach_the_server_is_recorded_and_shown_as_failed(
    client, post_form, store, sync_now
):
    unreachable = f"http://127.0.0.1:{free_port()}/"
    save_settings(store.data_dir, SyncSettings(unreachable, DAV_USER, address_book=BOOK))
    save_password(store.data_dir, DAV_PASSWORD)

    page = client.get(PAGE).text
    assert "could not be listed" in page and "cannot be reached" in page
    assert "Now: all contacts to the address book “Contacts”." in page

    html = sync_now().text
    assert last_sync(store.data_dir).error
    assert re.search(
        r'<p class="sync-last failed" id="last-sync">.*Failed: .*cannot be reached', html
    )


def test_a_phone_edit_then_sync_now_shows_both_versions_to_choose_from(
    post_form, store, radicale_server, book_path, sync_now
):
    set_up_and_sync(post_form, sync_now, store, radicale_server)
    phone_edit(radicale_server, book_path, "TITLE:Head of Data", "TITLE:Chief Data Officer")
    html = sync_now().text

    assert "1 changed on the server, waiting for your choice" in html
    assert "changed on the server)" in html
    assert "What differs: title (highlighted)." in html
    here, there = html.split('<h4 id="here-1">')[1].split('<h4 id="there-1">')
    assert (
        '<div class="differs"><dt>Title</dt><dd><mark><span class="visually-hidden">Differs: '
        "</span>Head of Data</mark>" in here
    )
    assert "<dt>Organisation</dt><dd>Monzo</dd>" in here
    assert "Chief Data Officer" in there and "Chief Data Officer" not in here
    assert "Keep this one" in here and "Keep the server&#39;s" in there


def test_keeping_the_servers_version_takes_the_phone_edit_in(
    client, post_form, store, radicale_server, book_path, sync_now
):
    priya = set_up_and_sync(post_form, sync_now, store, radicale_server)
    phone_edit(radicale_server, book_path, "TITLE:Head of Data", "TITLE:Chief Data Officer")
    sync_now()
    uid = re.search(r'action="/me/sync/conflicts/([^"]+)"', client.get(PAGE).text).group(1)

    html = post_form(f"{PAGE}/conflicts/{uid}", {"keep": "server"}, page="/me").text

    assert "Took in the server&#39;s version of Priya Raman (contact)." in html
    assert "Nothing changed on the server waits for your choice." in html
    with store.sessions() as session:
        assert session.get(Contact, priya).current_title == "Chief Data Officer"


def test_keeping_this_one_puts_the_version_here_back_on_the_server(
    client, post_form, store, radicale_server, book_path, sync_now
):
    set_up_and_sync(post_form, sync_now, store, radicale_server)
    phone_edit(radicale_server, book_path, "ORG:Monzo", "ORG:Revolut")
    sync_now()
    uid = re.search(r'action="/me/sync/conflicts/([^"]+)"', client.get(PAGE).text).group(1)

    html = post_form(f"{PAGE}/conflicts/{uid}", {"keep": "local"}, page="/me").text

    assert "Kept the version here of Priya Raman: it is on the server again." in html
    (card,) = radicale_server.resources(book_path).values()
    assert "ORG:Monzo" in card and "Revolut" not in card
    with store.sessions() as session:
        assert session.scalar(select(Contact.current_company)) == "Monzo"


def test_a_conflict_that_waits_for_no_choice_is_not_found(post_form, store):
    add_contact(store)
    response = post_form(f"{PAGE}/conflicts/nobody@example", {"keep": "server"}, page="/me")
    assert response.status_code == 404
    assert "may be settled already" in response.text


def test_the_app_password_never_appears_in_any_page(
    client, post_form, store, radicale_server, book_path, sync_now
):
    pages = [connect(post_form, radicale_server).text]
    pages.append(choose(post_form).text)
    add_contact(store)
    pages.append(sync_now().text)
    phone_edit(radicale_server, book_path, "TITLE:Head of Data", "TITLE:CDO")
    pages.append(sync_now().text)
    pages += [client.get(path).text for path in (PAGE, "/me", "/me/extension", "/")]
    pages.append(connect(post_form, radicale_server, password="wrong-one").text)
    assert len(pages) == 9
    for html in pages:
        assert DAV_PASSWORD not in html
        assert "wrong-one" not in html


def test_the_me_page_links_to_the_sync_page(client):
    assert 'href="/me/sync"' in client.get("/me").text
    assert 'href="/me/sync"' in client.get("/me/extension").text


def test_every_sync_form_answers_a_redirect_so_reload_never_sends_it_again(
    client, post_form, store, radicale_server, book_path, sync_now
):
    add_contact(store)
    answers = [
        connect_without_following(post_form, radicale_server),
        post_form(
            PAGE + "/choices",
            {"calendar": CALENDAR, "address_book": BOOK},
            page="/me",
            follow=False,
        ),
        post_form(PAGE + "/now", {}, page="/me", follow=False),
    ]
    wait_until_no_sync_runs(client)
    phone_edit(radicale_server, book_path, "ORG:Monzo", "ORG:Revolut")
    sync_now()
    uid = re.search(r'action="/me/sync/conflicts/([^"]+)"', client.get(PAGE).text).group(1)
    answers.append(
        post_form(f"{PAGE}/conflicts/{uid}", {"keep": "local"}, page="/me", follow=False)
    )
    assert [answer.status_code for answer in answers] == [302, 302, 302, 302]
    assert all(answer.location.startswith(PAGE) for answer in answers)


def connect_without_following(post_form, server):
    return post_form(
        PAGE + "/connection",
        {"url": server.url, "user": DAV_USER, "password": DAV_PASSWORD},
        page="/me",
        follow=False,
    )


def test_the_demo_store_does_not_sync_with_the_real_stores_server(tmp_path):
    """The demo shares the real store's folder, so its sync settings are the real ones."""
    app = create_app({"DATA_DIR": tmp_path / "demo", "DEMO": True, "TESTING": True})
    folder = solo_workspace(app).store.data_dir
    save_settings(folder, SyncSettings(f"http://127.0.0.1:{free_port()}/", DAV_USER, "", BOOK))
    save_password(folder, DAV_PASSWORD)
    client = app.test_client()
    try:
        page = client.get(PAGE).text
        assert "The demo store does not sync" in page
        assert "Sync now" not in page
        token = csrf_token_from(client.get("/me").text)
        refused = client.post(PAGE + "/now", data={"csrf_token": token}, follow_redirects=True)
        assert "The demo store does not sync; nothing was changed." in refused.text
        assert last_sync(folder) is None
    finally:
        solo_workspace(app).store.close()
