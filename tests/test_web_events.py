"""The events pages: record an event, the people met, and the follow-up plan."""

from datetime import datetime

import pytest
import vobject
from icalendar import Calendar
from sqlalchemy import func, select

from helper.db.models import Contact, Event, FollowUp
from helper.store.contacts import ContactInput, create_contact
from helper.store.events import EventInput, add_person_met, create_event
from helper.store.followups import accept_plan

pytestmark = pytest.mark.usefixtures("plans_made_on_the_event_evening")

EXPO = {
    "name": "Fintech Expo",
    "kind": "exhibition",
    "starts_at": "2026-11-20T18:00",
    "ends_at": "2026-11-20T21:30",
    "timezone": "Europe/London",
    "place": "ExCeL, London",
}


def seed(store, *names: str) -> int:
    """An expo with `names` met there; returns the event id."""
    with store.sessions() as session:
        event = create_event(
            session,
            EventInput(
                name="Fintech Expo",
                kind="exhibition",
                starts_at=datetime(2026, 11, 20, 18, 0),
                timezone="Europe/London",
            ),
        )
        for name in names:
            contact = create_contact(session, ContactInput(name=name, tier="maintain"))
            add_person_met(session, event, contact.id, f"Talked with {name}")
        session.commit()
        return event.id


def test_recording_an_event_through_the_form_lists_it_and_opens_its_page(client, post_form, store):
    page = post_form("/events/new", EXPO).get_data(as_text=True)
    assert "Fintech Expo is recorded. Now add the people you met." in page
    assert "Fri 20 Nov 2026, 18:00 – 21:30 (Europe/London)" in page
    assert "ExCeL, London" in page
    listing = client.get("/events").get_data(as_text=True)
    assert "Fintech Expo" in listing and "Exhibition or trade show" in listing


def test_the_event_form_offers_every_kind_and_labels_every_field(client):
    page = client.get("/events/new").get_data(as_text=True)
    for kind in ("function", "exhibition", "conference", "meetup", "virtual", "other"):
        assert f'value="{kind}"' in page
    for field in ("name", "kind", "starts_at", "ends_at", "timezone", "place", "url", "notes"):
        assert f'<label for="{field}">' in page


def test_an_event_ending_before_it_starts_or_in_no_time_zone_is_refused(client, post_form, store):
    page = post_form(
        "/events/new", {**EXPO, "ends_at": "2026-11-20T17:00", "timezone": "London"}
    ).get_data(as_text=True)
    assert "Nothing was saved" in page
    assert "The event must end after it starts." in page
    assert "&#39;London&#39; is not a time zone name such as Europe/London." in page
    with store.sessions() as session:
        assert session.scalar(select(func.count(Event.id))) == 0


def test_editing_an_event_shows_its_local_times_and_saves_changes(client, post_form, store):
    event_id = seed(store)
    form = client.get(f"/events/{event_id}/edit").get_data(as_text=True)
    assert 'value="2026-11-20T18:00"' in form
    page = post_form(f"/events/{event_id}/edit", {**EXPO, "name": "Fintech Expo 2026"})
    assert "Fintech Expo 2026" in page.get_data(as_text=True)


def test_a_person_met_can_be_added_on_the_spot_as_a_new_contact(client, post_form, store):
    event_id = seed(store)
    page = post_form(
        f"/events/{event_id}/people/new",
        {"new-name": "Tom Baker", "new-email": "tom@example.com", "new-note": "Hiring in Q1"},
        page=f"/events/{event_id}",
    ).get_data(as_text=True)
    assert "Tom Baker is a new contact, met at Fintech Expo." in page
    assert "Hiring in Q1" in page
    with store.sessions() as session:
        assert session.scalar(select(Contact.name)) == "Tom Baker"


def test_a_refused_new_person_or_note_shows_again_as_typed_with_the_reason_beside_it(
    client, post_form, store
):
    event_id = seed(store, "Priya Raman")
    with store.sessions() as session:
        priya_id = session.scalar(select(Contact.id).where(Contact.name == "Priya Raman"))
    refused = post_form(
        f"/events/{event_id}/people/new",
        {"new-name": "Tom Baker", "new-email": "tom-at-example", "new-note": "Hiring in Q1"},
        page=f"/events/{event_id}",
    )
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert 'value="Tom Baker"' in page and "Hiring in Q1</textarea>" in page
    assert '<p class="error" id="new-email-error">' in page
    long_note = "Payments " * 1_000
    refused = post_form(
        f"/events/{event_id}/people/{priya_id}/note",
        {"note": long_note},
        page=f"/events/{event_id}",
    )
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert long_note in page
    assert f'<p class="error" id="note-{priya_id}-error">Not saved:' in page
    with store.sessions() as session:
        assert session.scalar(select(func.count(Contact.id))) == 1
        assert session.get(Event, event_id).attendees[0].note == "Talked with Priya Raman"


def test_an_existing_contact_is_found_by_search_and_added_with_a_note(client, post_form, store):
    event_id = seed(store)
    with store.sessions() as session:
        priya = create_contact(session, ContactInput(name="Priya Raman"))
        session.commit()
        priya_id = priya.id
    found = client.get(f"/events/{event_id}?q=priya").get_data(as_text=True)
    assert "Add Priya Raman" in found
    page = post_form(
        f"/events/{event_id}/people",
        {"existing-contact_id": priya_id},
        page=f"/events/{event_id}",
    ).get_data(as_text=True)
    assert "Priya Raman is added to the people you met." in page
    page = post_form(
        f"/events/{event_id}/people/{priya_id}/note",
        {"note": "Payments, then hiring"},
        page=f"/events/{event_id}",
    ).get_data(as_text=True)
    assert "The note on Priya Raman is saved." in page
    assert "Payments, then hiring" in page


def test_the_plan_is_suggested_until_accepted_and_accept_all_stores_it(client, post_form, store):
    event_id = seed(store, "Ada Byron", "Li Wei")
    page = client.get(f"/events/{event_id}").get_data(as_text=True)
    assert page.count(">Suggested<") == 6
    assert "Thank Ada Byron" in page and "Keep in touch with Li Wei" in page
    page = post_form(
        f"/events/{event_id}/plan/accept-all", {}, page=f"/events/{event_id}"
    ).get_data(as_text=True)
    assert "6 follow-ups accepted." in page
    assert page.count(">Accepted<") == 6


def test_each_suggestion_can_be_accepted_dropped_or_rescheduled(client, post_form, store):
    event_id = seed(store, "Ada Byron")
    with store.sessions() as session:
        ada_id = session.scalar(select(Contact.id))
    detail = f"/events/{event_id}"
    which = {"contact_id": ada_id}
    post_form(f"{detail}/plan/accept", {**which, "kind": "thank_you"}, page=detail)
    post_form(f"{detail}/plan/drop", {**which, "kind": "check_in"}, page=detail)
    page = post_form(
        f"{detail}/plan/reschedule",
        {**which, "kind": "cadence", "due": "2027-01-05T10:30"},
        page=detail,
    ).get_data(as_text=True)
    assert "“Keep in touch with Ada Byron” is accepted for 05 Jan 2027, 10:30." in page
    with store.sessions() as session:
        rows = {f.kind: (f.status, f.due_at) for f in session.scalars(select(FollowUp))}
    assert rows["thank_you"] == ("open", datetime(2026, 11, 23, 9, 0))
    assert rows["check_in"][0] == "dropped"
    assert rows["cadence"] == ("open", datetime(2027, 1, 5, 10, 30))
    again = post_form(f"{detail}/plan/accept", {**which, "kind": "check_in"}, page=detail)
    assert "Nothing was changed: this suggestion is already decided" in again.get_data(as_text=True)


def test_a_suggestion_edited_before_accepting_keeps_the_edits(client, post_form, store):
    event_id = seed(store, "Ada Byron")
    with store.sessions() as session:
        ada_id = session.scalar(select(Contact.id))
    url = f"/events/{event_id}/plan/edit?contact_id={ada_id}&kind=thank_you"
    form = client.get(url).get_data(as_text=True)
    assert 'value="Thank Ada Byron"' in form and "Fintech Expo" in form
    post_form(
        url,
        {
            "title": "Send Ada the paper",
            "due": "2026-11-24T08:15",
            "channel": "email",
            "draft": "Hi",
        },
    )
    with store.sessions() as session:
        followup = session.scalar(select(FollowUp))
        assert (followup.title, followup.channel, followup.draft) == (
            "Send Ada the paper",
            "email",
            "Hi",
        )


def test_an_unknown_suggestion_is_a_not_found_page(client, store):
    event_id = seed(store)
    response = client.get(f"/events/{event_id}/plan/edit?contact_id=99&kind=thank_you")
    assert response.status_code == 404


def test_the_events_follow_ups_download_parses_in_two_calendar_parsers(client, post_form, store):
    event_id = seed(store, "Ada Byron", "Li Wei")
    post_form(f"/events/{event_id}/plan/accept-all", {}, page=f"/events/{event_id}")
    response = client.get(f"/events/{event_id}/followups.ics")
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response.headers["Content-Disposition"]
    events = Calendar.from_ical(response.data).walk("VEVENT")
    second = vobject.readOne(response.data.decode("utf-8")).vevent_list
    assert len(events) == len(second) == 6
    assert {str(e["SUMMARY"]) for e in events} == {
        "Follow up: Ada Byron (LinkedIn)",
        "Follow up: Li Wei (LinkedIn)",
    }


def test_the_plan_says_why_a_repeating_follow_up_is_not_suggested_again(client, store):
    first = seed(store, "Priya Raman")
    with store.sessions() as session:
        accept_plan(session, session.get(Event, first))
        priya = session.scalar(select(Contact.id).where(Contact.name == "Priya Raman"))
        second = create_event(
            session,
            EventInput(name="Payments Meetup", kind="meetup", starts_at=datetime(2026, 12, 3, 18)),
        )
        add_person_met(session, second, priya)
        session.commit()
        second_id = second.id
    page = client.get(f"/events/{second_id}").get_data(as_text=True)
    assert "No keep-in-touch follow-up is suggested for Priya Raman" in page
    assert "repeats" not in page
