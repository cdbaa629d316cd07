"""helper.store.events: events in local time kept as UTC, and the people met there."""

from datetime import datetime

import pytest
from sqlalchemy import func, select

from helper.db.models import Contact, Event, Interaction
from helper.errors import NotFound, OutreachError
from helper.store.contacts import ContactInput, create_contact
from helper.store.events import (
    EventInput,
    add_new_person_met,
    add_person_met,
    contacts_not_met,
    create_event,
    delete_event,
    remove_person_met,
    set_met_note,
    to_local,
    to_stored,
    update_event,
)


def expo(**changes) -> EventInput:
    fields = {
        "name": "Fintech Expo",
        "kind": "exhibition",
        "starts_at": datetime(2026, 6, 18, 18, 30),
        "timezone": "Europe/London",
    }
    return EventInput(**{**fields, **changes})


def test_a_local_start_time_is_stored_as_utc_and_shown_back_in_the_event_zone(session):
    event = create_event(session, expo(ends_at=datetime(2026, 6, 18, 21, 0)))
    assert event.starts_at == datetime(2026, 6, 18, 17, 30)
    assert event.ends_at == datetime(2026, 6, 18, 20, 0)
    assert to_local(event.starts_at, event.timezone).strftime("%H:%M %Z") == "18:30 BST"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_at": datetime(2026, 6, 18, 17, 0)}, "the event must end after it starts"),
        ({"kind": "party"}, "'party' is not a kind of event; use one of function, exhibition"),
        ({"timezone": "Mars/Olympus"}, "'Mars/Olympus' is not a time zone name"),
        ({"name": "   "}, "give the event a name"),
        ({"url": "javascript:alert(1)"}, "the event link must start with https://"),
    ],
)
def test_a_bad_event_is_refused_with_a_message_that_names_the_problem(session, changes, message):
    with pytest.raises(OutreachError, match=message):
        create_event(session, expo(**changes))
    assert session.scalar(select(func.count(Event.id))) == 0


def test_a_person_met_who_is_not_a_contact_yet_becomes_one_with_their_email(session):
    event = create_event(session, expo())
    link = add_new_person_met(session, event, "  Tom   Baker ", "Tom@Example.com", "Hiring in Q1")
    contact = session.get(Contact, link.contact_id)
    assert contact.name == "Tom Baker"
    assert [e.email for e in contact.emails] == ["tom@example.com"]
    assert contact.sources == ["event"]
    assert link.note == "Hiring in Q1"


def test_a_new_person_with_an_unusable_email_is_refused_and_no_contact_is_made(session):
    event = create_event(session, expo())
    with pytest.raises(OutreachError, match="'tom-at-example' is not a valid email address"):
        add_new_person_met(session, event, "Tom Baker", "tom-at-example")
    assert session.scalar(select(func.count(Contact.id))) == 0


def test_adding_the_same_contact_twice_keeps_one_link_and_takes_the_newer_note(session):
    event = create_event(session, expo())
    priya = create_contact(session, ContactInput(name="Priya Raman"))
    add_person_met(session, event, priya.id, "Payments")
    add_person_met(session, event, priya.id, "Payments and hiring")
    assert [(a.contact_id, a.note) for a in event.attendees] == [(priya.id, "Payments and hiring")]


def test_meeting_someone_is_recorded_in_their_history_and_follows_the_event(session):
    event = create_event(session, expo())
    priya = create_contact(session, ContactInput(name="Priya Raman"))
    add_person_met(session, event, priya.id)
    update_event(session, event, expo(kind="virtual", starts_at=datetime(2026, 7, 1, 10, 0)))
    history = session.scalars(select(Interaction)).all()
    assert [(i.kind, i.occurred_at, i.summary) for i in history] == [
        ("call", datetime(2026, 7, 1, 9, 0), "Met at Fintech Expo")
    ]
    remove_person_met(session, event, priya.id)
    assert session.scalar(select(func.count(Interaction.id))) == 0
    assert session.get(Contact, priya.id) is not None


def test_a_note_can_be_changed_only_for_someone_met_at_the_event(session):
    event = create_event(session, expo())
    priya = create_contact(session, ContactInput(name="Priya Raman"))
    add_person_met(session, event, priya.id)
    assert set_met_note(session, event, priya.id, " Wants an intro ").note == "Wants an intro"
    with pytest.raises(NotFound, match="is not among the people met at Fintech Expo"):
        set_met_note(session, event, priya.id + 1, "x")


def test_the_contact_search_leaves_out_people_already_linked(session):
    event = create_event(session, expo())
    first = create_contact(session, ContactInput(name="Priya Raman"))
    second = create_contact(session, ContactInput(name="Priya Shah"))
    add_person_met(session, event, first.id)
    assert [c.id for c in contacts_not_met(session, event, "priya")] == [second.id]
    assert contacts_not_met(session, event, "  ") == []


def test_deleting_an_event_keeps_the_contacts_met_there(session):
    event = create_event(session, expo())
    priya = create_contact(session, ContactInput(name="Priya Raman"))
    add_person_met(session, event, priya.id)
    delete_event(session, event)
    assert session.scalar(select(func.count(Event.id))) == 0
    assert session.get(Contact, priya.id).name == "Priya Raman"


def test_a_time_near_the_end_of_the_calendar_is_refused_with_the_years_that_work():
    with pytest.raises(OutreachError, match="9999-12-31 is outside the years 1900 to 2999"):
        to_stored(datetime(9999, 12, 31, 23, 0), "Pacific/Pago_Pago")
