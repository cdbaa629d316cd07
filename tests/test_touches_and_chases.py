"""Logging a touch by hand (a call, a coffee, a message) and chasing a message that got no
reply: the touch resets the cadence, shows in the history and moves the person on a goal; a
chase offered on "Mark as sent" is closed by a reply in a later mail import or a logged touch."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from helper.cli import main
from helper.db import transaction
from helper.db.models import Draft, FollowUp, GoalContact, Interaction
from helper.errors import OutreachError
from helper.store.chases import schedule_chase
from helper.store.contacts import ContactInput, create_contact
from helper.store.drafts import mark_sent
from helper.store.goal_views import contact_due
from helper.store.goals import GoalInput, create_goal
from helper.store.imports.pipeline import import_file
from helper.store.me import update_me
from helper.store.touches import TouchInput, log_touch

TODAY = date(2026, 12, 2)


@pytest.fixture
def priya(store) -> int:
    with transaction(store.sessions) as session:
        contact = create_contact(
            session,
            ContactInput(name="Priya Raman", emails=["priya@monzo.example"], tier="strengthen"),
        )
        return contact.id


@pytest.fixture
def goal(store, priya) -> int:
    with transaction(store.sessions) as session:
        created = create_goal(session, GoalInput(title="Find a mentor", purpose="career"))
        session.add(GoalContact(goal_id=created.id, contact_id=priya, stage="shortlisted"))
        return created.id


def stage_of(store, goal_id: int, contact_id: int) -> str:
    with store.sessions() as session:
        return session.scalar(
            select(GoalContact.stage).where(
                GoalContact.goal_id == goal_id, GoalContact.contact_id == contact_id
            )
        )


def test_a_coffee_is_history_resets_the_cadence_and_moves_the_person_to_met(store, priya, goal):
    with transaction(store.sessions) as session:
        log_touch(session, TouchInput(priya, "coffee", TODAY, "Talked about Kafka"), today=TODAY)
    with store.sessions() as session:
        touch = session.scalar(select(Interaction))
        due = contact_due(session, priya, "strengthen", datetime(2026, 12, 3, tzinfo=UTC))
    assert (touch.kind, touch.channel, touch.summary) == ("met", "in_person", "Talked about Kafka")
    assert due.status == "ok"
    assert stage_of(store, goal, priya) == "met"


def test_a_message_moves_on_to_contacted_but_never_back_from_met(store, priya, goal):
    with transaction(store.sessions) as session:
        log_touch(session, TouchInput(priya, "linkedin_message", TODAY), today=TODAY)
    assert stage_of(store, goal, priya) == "contacted"
    with transaction(store.sessions) as session:
        log_touch(session, TouchInput(priya, "call", TODAY), today=TODAY)
        log_touch(session, TouchInput(priya, "whatsapp_message", TODAY), today=TODAY)
    assert stage_of(store, goal, priya) == "met"


def test_naming_a_goal_adds_the_person_to_it_and_moves_only_that_one(store, priya, goal):
    with transaction(store.sessions) as session:
        other = create_goal(session, GoalInput(title="Fintech insight", purpose="career")).id
    with transaction(store.sessions) as session:
        log_touch(session, TouchInput(priya, "email", TODAY, goal_id=other), today=TODAY)
    assert stage_of(store, other, priya) == "contacted"
    assert stage_of(store, goal, priya) == "shortlisted"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (TouchInput(1, "carrier pigeon", TODAY), "is not a kind of touch"),
        (TouchInput(1, "call", date(2026, 12, 9)), "is in the future"),
        (TouchInput(1, "call", TODAY, "x" * 2001), "the note is over 2,000 characters"),
    ],
)
def test_a_touch_that_cannot_be_stored_is_refused_with_the_reason(store, priya, data, message):
    with store.sessions() as session, pytest.raises(OutreachError, match=message):
        log_touch(session, TouchInput(priya, data.kind, data.day, data.note), today=TODAY)


def test_the_contact_page_logs_a_touch_and_shows_it_in_the_history(client, post_form, priya):
    response = post_form(
        f"/contacts/{priya}/touch",
        {"kind": "call", "day": "2026-11-30", "note": "Her move to Wise", "goal": 0},
        page=f"/contacts/{priya}",
        follow=False,
    )
    assert response.status_code == 302 and response.location == f"/contacts/{priya}"
    page = client.get(response.location).get_data(as_text=True)
    assert "Logged: phone call with Priya Raman." in page
    assert "Call: Her move to Wise" in page


def test_from_the_due_list_the_touch_returns_to_the_due_list(post_form, priya):
    response = post_form(
        f"/contacts/{priya}/touch?back=due",
        {"kind": "meeting", "day": "2026-11-30", "goal": 0},
        page=f"/contacts/{priya}/touch?back=due",
        follow=False,
    )
    assert response.location == "/due"


def test_a_wrong_date_keeps_what_was_typed_and_says_why_beside_the_field(client, post_form, priya):
    response = post_form(
        f"/contacts/{priya}/touch",
        {"kind": "call", "day": "yesterday", "note": "Her move to Wise", "goal": 0},
        page=f"/contacts/{priya}/touch",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Her move to Wise" in page and 'id="day-error"' in page


def test_the_command_line_logs_a_touch_and_prints_it_as_json(runner, tmp_path):
    from helper.store.opening import open_store

    store = open_store(tmp_path / "data")
    with transaction(store.sessions) as session:
        contact_id = create_contact(session, ContactInput(name="Tom Nowak")).id
    store.close()
    result = runner.invoke(
        main,
        ["log", str(contact_id), "--kind", "video_call", "--date", "2026-11-30", "--note", "Q4"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["log", str(contact_id), "--kind", "coffee", "--json"])
    document = json.loads(result.stdout)
    assert document["contact_id"] == contact_id and document["kind"] == "met"
    assert set(document) == {"id", "contact_id", "kind", "channel", "date", "note", "goals"}


def sent_email(store, contact_id: int, when: datetime) -> int:
    with transaction(store.sessions) as session:
        draft = Draft(contact_id=contact_id, channel="email", subject="Coffee?", body="Hi")
        session.add(draft)
        session.flush()
        mark_sent(session, draft, now=when)
        return schedule_chase(session, draft, 5, "Europe/London").id


def test_a_chase_falls_on_the_working_morning_the_given_days_later(store, priya):
    chase_id = sent_email(store, priya, datetime(2026, 11, 26, 15, 0, tzinfo=UTC))  # Thursday
    with store.sessions() as session:
        chase = session.get(FollowUp, chase_id)
    # Five days after Thursday is Tuesday; 09:00 in London is 09:00 UTC in December.
    assert (chase.kind, chase.due_at, chase.status) == ("chase", datetime(2026, 12, 1, 9), "open")


def mail_from_priya(store, folder, subject: str, day: str, number: int) -> None:
    """Import one message from Priya to the user, sent on `day` (e.g. "3 Nov 2026")."""
    with transaction(store.sessions) as session:
        update_me(session, {"emails": ["sam@northwind.example"]})
    mailbox = folder / f"mail-{number}.mbox"
    mailbox.write_text(
        "From priya@monzo.example Tue Nov  3 09:00:00 2026\n"
        "From: Priya Raman <priya@monzo.example>\n"
        "To: Sam <sam@northwind.example>\n"
        f"Subject: {subject}\n"
        f"Date: Tue, {day} 09:00:00 +0000\n"
        f"Message-ID: <mail-{number}@monzo.example>\n\n"
        "Thursday works.\n"
    )
    import_file(store, mailbox)


def test_a_reply_in_a_later_mail_import_closes_the_chase(store, priya, tmp_path):
    chase_id = sent_email(store, priya, datetime(2026, 11, 2, 10, tzinfo=UTC))
    mail_from_priya(store, tmp_path, "Re: Coffee?", "3 Nov 2026", 1)
    with store.sessions() as session:
        assert session.get(FollowUp, chase_id).status == "done"


def test_mail_from_before_the_message_went_out_leaves_the_chase_open(store, priya, tmp_path):
    chase_id = sent_email(store, priya, datetime(2026, 11, 10, 10, tzinfo=UTC))
    mail_from_priya(store, tmp_path, "Something else", "3 Nov 2026", 2)
    with store.sessions() as session:
        assert session.get(FollowUp, chase_id).status == "open"


def test_a_logged_touch_closes_the_chase(store, priya):
    chase_id = sent_email(store, priya, datetime(2026, 11, 26, 15, tzinfo=UTC))
    with transaction(store.sessions) as session:
        log_touch(session, TouchInput(priya, "call", TODAY), today=TODAY)
    with store.sessions() as session:
        assert session.get(FollowUp, chase_id).status == "done"


def test_marking_sent_with_the_chase_ticked_schedules_it_and_says_when(client, store, post_form):
    with transaction(store.sessions) as session:
        contact_id = create_contact(session, ContactInput(name="Ann Lee", emails=["a@x.io"])).id
        draft = Draft(contact_id=contact_id, channel="email", subject="Hello", body="Hi Ann")
        session.add(draft)
        session.flush()
        draft_id = draft.id
    response = post_form(
        f"/drafts/{draft_id}/sent",
        {"subject": "Hello", "body": "Hi Ann", "chase": "y", "chase_days": "3"},
        page=f"/drafts/{draft_id}",
    )
    assert "You will be reminded to chase on" in response.get_data(as_text=True)
    with store.sessions() as session:
        chase = session.scalar(select(FollowUp).where(FollowUp.kind == "chase"))
        assert chase.contact_id == contact_id and chase.status == "open"
