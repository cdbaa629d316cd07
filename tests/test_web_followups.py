"""The follow-ups page: open follow-ups by date, actions on each, .ics downloads, and the
calendar subscription feed behind its secret token."""

import re
from datetime import datetime

import pytest
import vobject
from icalendar import Calendar
from sqlalchemy import select

from helper.db.models import FollowUp, Interaction, Me
from helper.store.contacts import ContactInput, create_contact
from helper.store.events import EventInput, add_person_met, create_event
from helper.store.followups import accept_plan
from helper.store.me import update_me

pytestmark = pytest.mark.usefixtures("plans_made_on_the_event_evening")


def seed(store) -> list[int]:
    """Priya (email) and Li met at an expo on 20 Nov 2026; the plan accepted."""
    with store.sessions() as session:
        update_me(session, {"timezone": "Europe/London"})
        event = create_event(
            session,
            EventInput(
                name="Fintech Expo",
                kind="exhibition",
                starts_at=datetime(2026, 11, 20, 18, 0),
                timezone="Europe/London",
            ),
        )
        for name, emails in (("Priya Raman", ["priya@example.com"]), ("Li Wei", [])):
            contact = create_contact(session, ContactInput(name=name, emails=emails))
            add_person_met(session, event, contact.id)
        ids = [f.id for f in accept_plan(session, event)]
        session.commit()
        return ids


def parse_both(data: bytes):
    events = Calendar.from_ical(data).walk("VEVENT")
    second = vobject.readOne(data.decode("utf-8")).vevent_list
    assert len(events) == len(second)
    return events


def feed_path(client) -> str:
    page = client.get("/followups").get_data(as_text=True)
    return re.search(r"http://localhost(/calendar/[\w-]+\.ics)", page).group(1)


def test_open_follow_ups_are_listed_soonest_first_in_the_users_time_zone(client, store):
    seed(store)
    page = client.get("/followups").get_data(as_text=True)
    assert "4 open follow-ups." in page
    assert page.index("Thank Priya Raman") < page.index("Check in with Priya Raman")
    assert "Mon 23 Nov 2026, 09:00" in page
    assert '<label for="due-1">New date for “Thank Priya Raman”</label>' in page


def test_the_date_range_filter_shows_only_follow_ups_due_in_it(client, store):
    seed(store)
    page = client.get("/followups?from=2026-12-01&to=2026-12-31").get_data(as_text=True)
    assert "2 open follow-ups due from 01 Dec 2026 until 31 Dec 2026." in page
    assert "Thank Priya Raman" not in page


def test_an_unreadable_date_is_refused_with_the_value_named(client, store):
    response = client.get("/followups?from=next-week")
    assert response.status_code == 400
    assert "“next-week” is not a date; use the form YYYY-MM-DD." in response.get_data(as_text=True)


def test_marking_done_records_the_interaction_and_leaves_the_list(client, post_form, store):
    ids = seed(store)
    page = post_form(f"/followups/{ids[0]}/done", {}, page="/followups").get_data(as_text=True)
    assert "“Thank Priya Raman” is done and recorded in Priya Raman&#39;s history." in page
    assert "3 open follow-ups." in page
    with store.sessions() as session:
        kinds = session.scalars(
            select(Interaction.kind).where(Interaction.source_ref.like("followup:%"))
        ).all()
    assert kinds == ["email_sent"]


def test_reschedule_and_drop_change_the_follow_up(client, post_form, store):
    ids = seed(store)
    post_form(f"/followups/{ids[0]}/reschedule", {"due": "2026-11-25T16:45"}, page="/followups")
    page = post_form(f"/followups/{ids[1]}/drop", {}, page="/followups").get_data(as_text=True)
    assert "“Check in with Priya Raman” is dropped." in page
    with store.sessions() as session:
        first, second = (session.get(FollowUp, i) for i in ids[:2])
        assert first.due_at == datetime(2026, 11, 25, 16, 45)
        assert second.status == "dropped"


def test_a_redirect_back_goes_only_to_a_local_page(client, post_form, store):
    ids = seed(store)
    response = post_form(
        f"/followups/{ids[0]}/drop", {"next": "//evil.example/"}, page="/followups", follow=False
    )
    assert response.headers["Location"] == "/followups"


def test_editing_a_follow_up_keeps_its_uid_and_raises_its_sequence(client, post_form, store):
    ids = seed(store)
    before = parse_both(client.get(f"/followups/{ids[0]}.ics").data)[0]
    post_form(
        f"/followups/{ids[0]}/edit",
        {"title": "Thank Priya", "due": "2026-11-23T09:00", "channel": "email", "draft": "Hi!"},
    )
    after = parse_both(client.get(f"/followups/{ids[0]}.ics").data)[0]
    assert str(after["UID"]) == str(before["UID"]) == f"followup-{ids[0]}@outreach-helper.local"
    assert (int(before["SEQUENCE"]), int(after["SEQUENCE"])) == (0, 1)
    assert str(after["DESCRIPTION"]).startswith("Thank Priya\n\nHi!")


def test_downloads_of_one_and_of_a_range_parse_in_two_calendar_parsers(client, store):
    ids = seed(store)
    one = client.get(f"/followups/{ids[0]}.ics")
    assert one.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="follow-up-{ids[0]}.ics"' in one.headers["Content-Disposition"]
    assert [str(e["SUMMARY"]) for e in parse_both(one.data)] == ["Follow up: Priya Raman (Email)"]
    ranged = client.get("/followups/calendar.ics?from=2026-11-23&to=2026-11-23")
    assert len(parse_both(ranged.data)) == 2
    assert len(parse_both(client.get("/followups/calendar.ics").data)) == 4


def test_the_feed_needs_the_token_and_answers_with_a_calendar(client, store):
    seed(store)
    path = feed_path(client)
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert len(parse_both(response.data)) == 4
    assert client.get("/calendar/not-the-token.ics").status_code == 404
    assert client.get(path.replace(path[10:14], "AAAA")).status_code == 404


def test_the_token_is_made_once_and_kept_across_visits(client, store):
    assert feed_path(client) == feed_path(client)
    with store.sessions() as session:
        assert len(session.scalar(select(Me.calendar_token))) >= 43


def test_regenerating_the_token_invalidates_the_old_feed_address(client, post_form, store):
    old = feed_path(client)
    page = post_form("/followups/calendar-token", {}, page="/followups").get_data(as_text=True)
    assert "the old one stopped working" in page
    new = feed_path(client)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_regenerating_without_the_forms_security_token_changes_nothing(client, store):
    old = feed_path(client)
    assert client.post("/followups/calendar-token").status_code == 400
    assert feed_path(client) == old


def test_planning_cadences_from_the_page_reports_what_it_did(client, post_form, store):
    with store.sessions() as session:
        create_contact(session, ContactInput(name="Ada Byron", tier="strengthen"))
        session.commit()
    page = post_form("/followups/cadences", {}, page="/followups").get_data(as_text=True)
    assert "Keep-in-touch follow-ups: 1 new, 0 changed to a new cadence, 0 dropped" in page
    assert "Keep in touch with Ada Byron" in page
    assert "repeats every 2 weeks" in page
