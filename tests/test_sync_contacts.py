"""`outreach-helper sync` with an address book: contacts pushed to a real Radicale 3 CardDAV
server (RFC 6352) as vCard 3.0, and an edit made on the server (the phone) kept as a conflict,
never overwritten, until the user keeps one version. The server is read back each time by
plain WebDAV requests that do not go through the code under test."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime

import pytest

from helper.cli import main
from helper.db.models import Contact, FollowUp, SyncedResource
from helper.exporters.contact_uids import contact_uid
from helper.store.contacts import ContactInput, create_contact, delete_contact, update_contact
from helper.store.opening import open_store
from tests.conftest import PRIYA_FIELDS, sync_json, sync_setup

pytest.importorskip("caldav")

BOOK = "Contacts"
FOREIGN_CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:plumber-7@example.org\r\nFN:Bob the Plumber\r\n"
    "N:Plumber;Bob;;;\r\nTEL;TYPE=CELL:+447700900999\r\nEND:VCARD\r\n"
)


def _add(data_dir, *people: ContactInput) -> list[int]:
    store = open_store(data_dir)
    with store.sessions() as session:
        contacts = [create_contact(session, person) for person in people]
        session.commit()
        ids = [contact.id for contact in contacts]
    store.close()
    return ids


def _edit(data_dir, contact_id: int, **changes) -> None:
    store = open_store(data_dir)
    with store.sessions() as session:
        contact = session.get(Contact, contact_id)
        fields = {
            "name": contact.name,
            "current_title": contact.current_title,
            "current_company": contact.current_company,
            "emails": [e.email for e in contact.emails],
            "phones": [p.e164 for p in contact.phones],
            "categories": contact.category_keys,
            "tier": contact.tier,
            "notes": contact.notes,
        }
        update_contact(session, contact, ContactInput(**{**fields, **changes}))
        session.commit()
    store.close()


def _contact(data_dir, contact_id: int) -> Contact:
    store = open_store(data_dir)
    with store.sessions(expire_on_commit=False) as session:
        contact = session.get(Contact, contact_id)
        _ = contact.emails, contact.phones, contact.categories
    store.close()
    return contact


def _uid_of(data_dir, contact_id: int) -> str:
    contact = _contact(data_dir, contact_id)
    return contact_uid(contact.id, contact.created_at)


def _cards(server, book: str) -> dict[str, str]:
    """The server's cards by UID."""
    found = {}
    for text in server.resources(book).values():
        uid = re.search(r"^UID:(.*?)\r?$", text, re.MULTILINE).group(1)
        found[uid] = text
    return found


def _phone_edit(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new)


def _set_up(runner, server, *extra: str) -> None:
    result = sync_setup(runner, server.url, "--addressbook", BOOK, *extra)
    assert result.exit_code == 0, result.output


PRIYA = ContactInput(**PRIYA_FIELDS)
LI = ContactInput(name="Li Wei", current_company="Wise", categories=["customer"], tier="maintain")


@dataclass(frozen=True)
class Pushed:
    """Priya Raman as one sync left her: her id here, her UID, and her card on the server."""

    contact_id: int
    uid: str
    path: str
    card: str


@pytest.fixture
def pushed(runner, sync_data_dir, radicale_server, book_path) -> Pushed:
    _set_up(runner, radicale_server)
    (priya,) = _add(sync_data_dir, PRIYA)
    sync_json(runner)
    path, text = next(iter(radicale_server.resources(book_path).items()))
    return Pushed(priya, _uid_of(sync_data_dir, priya), path, text)


def test_a_sync_writes_each_contact_as_a_vcard_3_and_leaves_other_cards_alone(
    runner, sync_data_dir, radicale_server, book_path
):
    _set_up(runner, radicale_server)
    radicale_server.put(book_path + "plumber.vcf", FOREIGN_CARD)
    priya, li = _add(sync_data_dir, PRIYA, LI)
    uids = [_uid_of(sync_data_dir, priya), _uid_of(sync_data_dir, li)]

    report = sync_json(runner)
    assert sorted(report["created"]) == sorted(uids)
    assert report["conflicts"] == []
    cards = _cards(radicale_server, book_path)
    assert set(cards) == {*uids, "plumber-7@example.org"}
    assert "VERSION:3.0" in cards[uids[0]]
    assert "FN:Priya Raman" in cards[uids[0]]
    assert "ORG:Monzo" in cards[uids[0]]
    assert "EMAIL;TYPE=INTERNET:priya@monzo.example" in cards[uids[0]]
    assert (
        cards["plumber-7@example.org"].replace("\r\n", "\n") == FOREIGN_CARD.replace("\r\n", "\n")
        or "Bob the Plumber" in cards["plumber-7@example.org"]
    )

    _edit(sync_data_dir, priya, current_title="VP Data")
    again = sync_json(runner)
    assert again == {"created": [], "updated": [uids[0]], "removed": [], "conflicts": []}
    assert "TITLE:VP Data" in _cards(radicale_server, book_path)[uids[0]]

    store = open_store(sync_data_dir)
    with store.sessions() as session:
        delete_contact(session, session.get(Contact, li))
        session.commit()
    store.close()
    assert sync_json(runner)["removed"] == [uids[1]]
    assert set(_cards(radicale_server, book_path)) == {uids[0], "plumber-7@example.org"}


def test_an_edit_on_the_phone_is_a_conflict_and_is_not_overwritten(
    runner, sync_data_dir, radicale_server, book_path, pushed
):
    priya, uid, path, text = pushed.contact_id, pushed.uid, pushed.path, pushed.card
    on_phone = _phone_edit(text, "TITLE:Head of Data", "TITLE:Chief Data Officer")
    radicale_server.put(path, on_phone)
    _edit(sync_data_dir, priya, current_title="Head of Analytics")  # changed on both sides

    report = sync_json(runner)
    assert report["updated"] == []
    (conflict,) = report["conflicts"]
    assert conflict["uid"] == uid
    assert conflict["kind"] == "card"
    assert conflict["name"] == "Priya Raman"
    assert "TITLE:Head of Analytics" in conflict["here"]
    assert "TITLE:Chief Data Officer" in conflict["server"]
    assert "Chief Data Officer" in radicale_server.resources(book_path)[path]

    # Still waiting on the next sync, and still not overwritten.
    assert [c["uid"] for c in sync_json(runner)["conflicts"]] == [uid]
    assert "Chief Data Officer" in radicale_server.resources(book_path)[path]
    listed = runner.invoke(main, ["sync", "conflicts", "--json"])
    assert [c["uid"] for c in json.loads(listed.stdout)] == [uid]


def test_keeping_the_phones_version_takes_it_in_here(
    runner, sync_data_dir, radicale_server, book_path, pushed
):
    priya, uid, path, text = pushed.contact_id, pushed.uid, pushed.path, pushed.card
    on_phone = _phone_edit(text, "TITLE:Head of Data", "TITLE:Chief Data Officer")
    on_phone = _phone_edit(on_phone, "END:VCARD", "TEL;TYPE=WORK:+442079460000\r\nEND:VCARD")
    radicale_server.put(path, on_phone)
    assert len(sync_json(runner)["conflicts"]) == 1

    result = runner.invoke(main, ["sync", "resolve", uid, "--keep", "server"])
    assert result.exit_code == 0, result.output
    contact = _contact(sync_data_dir, priya)
    assert contact.current_title == "Chief Data Officer"
    assert [(p.e164, p.label) for p in contact.phones] == [
        ("+447700900123", ""),
        ("+442079460000", "work"),
    ]
    assert contact.category_keys == ["colleague"]  # what a card does not carry stays
    assert "current_title" in contact.protected_fields  # the user's own edit, as on the form

    after = sync_json(runner)
    assert after == {"created": [], "updated": [], "removed": [], "conflicts": []}
    assert "Chief Data Officer" in radicale_server.resources(book_path)[path]


def test_keeping_the_version_here_puts_it_back_on_the_server(
    runner, sync_data_dir, radicale_server, book_path, pushed
):
    priya, uid, path, text = pushed.contact_id, pushed.uid, pushed.path, pushed.card
    radicale_server.put(path, _phone_edit(text, "ORG:Monzo", "ORG:Revolut"))
    sync_json(runner)

    result = runner.invoke(main, ["sync", "resolve", uid, "--keep", "local"])
    assert result.exit_code == 0, result.output
    assert "ORG:Monzo" in radicale_server.resources(book_path)[path]
    assert _contact(sync_data_dir, priya).current_company == "Monzo"
    assert sync_json(runner)["conflicts"] == []


def test_keeping_ours_is_refused_when_the_phone_changed_it_again_meanwhile(
    runner, sync_data_dir, radicale_server, book_path, pushed
):
    uid, path, text = pushed.uid, pushed.path, pushed.card
    radicale_server.put(path, _phone_edit(text, "ORG:Monzo", "ORG:Revolut"))
    sync_json(runner)
    radicale_server.put(path, _phone_edit(text, "ORG:Monzo", "ORG:Starling"))

    result = runner.invoke(main, ["sync", "resolve", uid, "--keep", "local"])
    assert result.exit_code == 1
    assert "changed on the server again" in result.stderr
    assert "ORG:Starling" in radicale_server.resources(book_path)[path]


def test_a_card_deleted_on_the_phone_is_asked_about_and_can_stay_off_it(
    runner, sync_data_dir, radicale_server, book_path, pushed
):
    priya, uid, path = pushed.contact_id, pushed.uid, pushed.path
    radicale_server.delete(path)

    (conflict,) = sync_json(runner)["conflicts"]
    assert conflict["deleted_on_server"] is True
    assert radicale_server.resources(book_path) == {}
    resolved = runner.invoke(main, ["sync", "resolve", uid, "--keep", "server"])
    assert resolved.exit_code == 0, resolved.output
    _edit(sync_data_dir, priya, current_title="VP Data")
    assert sync_json(runner) == {"created": [], "updated": [], "removed": [], "conflicts": []}
    assert radicale_server.resources(book_path) == {}
    assert _contact(sync_data_dir, priya).name == "Priya Raman"  # kept here


def test_only_the_chosen_categories_and_tiers_go_and_leaving_them_removes_the_card(
    runner, sync_data_dir, radicale_server, book_path
):
    _set_up(runner, radicale_server, "--category", "colleague", "--tier", "maintain")
    priya, li, _other = _add(
        sync_data_dir, PRIYA, LI, ContactInput(name="Ola Nordmann", categories=["club"])
    )
    uids = {_uid_of(sync_data_dir, n) for n in (priya, li)}
    assert set(sync_json(runner)["created"]) == uids
    assert set(_cards(radicale_server, book_path)) == uids

    _edit(sync_data_dir, priya, categories=["mentor"])
    assert sync_json(runner)["removed"] == [_uid_of(sync_data_dir, priya)]
    assert set(_cards(radicale_server, book_path)) == {_uid_of(sync_data_dir, li)}


def test_a_sync_whose_record_was_lost_finds_its_cards_again_without_copies(
    runner, sync_data_dir, radicale_server, book_path
):
    _set_up(runner, radicale_server)
    _add(sync_data_dir, PRIYA, LI)
    sync_json(runner)
    store = open_store(sync_data_dir)
    with store.sessions() as session:  # as after a restore from a JSON export
        session.query(SyncedResource).delete()
        session.commit()
    store.close()

    again = sync_json(runner)
    assert again == {"created": [], "updated": [], "removed": [], "conflicts": []}
    assert len(radicale_server.resources(book_path)) == 2


def test_an_event_moved_on_the_phone_is_a_conflict_and_its_date_can_be_taken_in(
    runner, sync_data_dir, radicale_server, book_path
):
    setup = sync_setup(runner, radicale_server.url, "--calendar", "Follow-ups")
    assert setup.exit_code == 0, setup.output
    (priya,) = _add(sync_data_dir, PRIYA)
    store = open_store(sync_data_dir)
    with store.sessions() as session:
        followup = FollowUp(contact_id=priya, title="Thank Priya", due_at=datetime(2026, 12, 7, 9))
        session.add(followup)
        session.commit()
        followup_id = followup.id
    store.close()
    sync_json(runner)
    calendar = "/ann/follow-ups/"
    path, text = next(iter(radicale_server.resources(calendar).items()))
    moved = text.replace(
        "DTSTART;TZID=Europe/London:20261207T090000", "DTSTART;TZID=Europe/London:20261210T150000"
    )
    assert moved != text
    radicale_server.put(path, moved, "text/calendar")

    report = sync_json(runner)
    (conflict,) = report["conflicts"]
    assert conflict["kind"] == "event"
    assert "20261210T150000" in radicale_server.resources(calendar)[path]
    resolved = runner.invoke(main, ["sync", "resolve", conflict["uid"], "--keep", "server"])
    assert resolved.exit_code == 0, resolved.output
    store = open_store(sync_data_dir)
    with store.sessions() as session:
        assert session.get(FollowUp, followup_id).due_at == datetime(2026, 12, 10, 15)
    store.close()
    assert sync_json(runner)["conflicts"] == []


def test_choosing_another_address_book_starts_afresh_and_leaves_the_old_one_alone(
    runner, sync_data_dir, radicale_server, book_path
):
    _set_up(runner, radicale_server)
    _add(sync_data_dir, PRIYA)
    sync_json(runner)
    other = radicale_server.make_collection("work", "Work", "C:addressbook")
    result = sync_setup(runner, radicale_server.url, "--addressbook", "Work")
    assert result.exit_code == 0, result.output

    report = sync_json(runner)
    assert len(report["created"]) == 1
    assert report["conflicts"] == []
    assert len(radicale_server.resources(other)) == 1
    assert len(radicale_server.resources(book_path)) == 1  # the old copy is left as it was
