"""helper.store.followups and calendar_export: the plan after an event, cadences, what
marking done records, and the exported calendar entries with their SEQUENCE."""

from datetime import UTC, date, datetime

import pytest
import vobject
from icalendar import Calendar
from sqlalchemy import select

from helper.db.models import FollowUp, Goal, Interaction
from helper.errors import OutreachError
from helper.store.contacts import ContactInput, create_contact, update_contact
from helper.store.events import EventInput, add_person_met, create_event
from helper.store.exports.calendar import FollowUpRange, calendar_bytes, range_ics
from helper.store.followups import (
    FollowUpChanges,
    accept_plan,
    already_repeating,
    decide_suggestion,
    drop_followup,
    edit_followup,
    event_plan,
    followup_json,
    list_followups,
    mark_done,
    repeat_label,
    reschedule,
    schedule_cadences,
)
from helper.store.me import update_me
from helper.store.message_templates import message_overrides

pytestmark = pytest.mark.usefixtures("plans_made_on_the_event_evening")

INJECTION = "Loved it.\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:Injected"


@pytest.fixture
def met(session):
    """An expo on Friday 20 November 2026 in London, with Priya (strengthen, email) and Li."""
    update_me(session, {"timezone": "Europe/London", "name": "Sam Lee"})
    priya = create_contact(
        session,
        ContactInput(
            name="Priya Raman",
            emails=["priya@example.com"],
            tier="strengthen",
            linkedin_url="https://www.linkedin.com/in/priya-raman/",
        ),
    )
    li = create_contact(session, ContactInput(name="Li Wei"))
    event = create_event(
        session,
        EventInput(
            name="Fintech Expo",
            kind="exhibition",
            starts_at=datetime(2026, 11, 20, 18, 0),
            timezone="Europe/London",
        ),
    )
    add_person_met(session, event, priya.id, "Payments")
    add_person_met(session, event, li.id)
    return event, priya, li


def parse_both(content: bytes):
    calendar = Calendar.from_ical(content)
    second = vobject.readOne(content.decode("utf-8"))
    return calendar.walk("VEVENT"), second.vevent_list


def test_the_plan_suggests_thanks_a_check_in_and_the_tier_cadence_with_drafts(session, met):
    event, _priya, _li = met
    plan = event_plan(session, event)
    summary = [(i.contact.name, i.planned.kind, i.planned.channel, i.state) for i in plan]
    assert summary == [
        ("Priya Raman", "thank_you", "email", "suggested"),
        ("Priya Raman", "check_in", "email", "suggested"),
        ("Priya Raman", "cadence", "email", "suggested"),
        ("Li Wei", "thank_you", "linkedin_message", "suggested"),
        ("Li Wei", "check_in", "linkedin_message", "suggested"),
    ]
    assert plan[0].planned.due == datetime(2026, 11, 23, 9, 0, tzinfo=plan[0].planned.due.tzinfo)
    assert plan[2].planned.rrule == "FREQ=WEEKLY;INTERVAL=2"
    thanks, check_in, cadence = (item.draft for item in plan[:3])
    assert "Thank you for the conversation at the Fintech Expo about payments" in thanks
    assert "It's been a couple of weeks since the Fintech Expo" in check_in
    assert "about payments" in check_in
    assert "Fintech Expo" not in cadence and "check in" in cadence
    assert len({thanks, check_in, cadence}) == 3
    assert plan[0].draft.startswith("Subject: ")


def test_accepting_the_plan_stores_open_follow_ups_once(session, met):
    event, _priya, _li = met
    created = accept_plan(session, event)
    assert [(f.kind, f.status, f.event_id) for f in created[:3]] == [
        ("thank_you", "open", event.id),
        ("check_in", "open", event.id),
        ("cadence", "open", event.id),
    ]
    assert created[0].due_at == datetime(2026, 11, 23, 9, 0)
    assert created[2].recurrence == "FREQ=WEEKLY;INTERVAL=2"
    assert {item.state for item in event_plan(session, event)} == {"open"}
    assert accept_plan(session, event) == []


def test_a_dropped_suggestion_is_remembered_and_not_suggested_again(session, met):
    event, _priya, li = met
    decide_suggestion(session, event, li.id, "check_in", status="dropped")
    states = {(i.contact.id, i.planned.kind): i.state for i in event_plan(session, event)}
    assert states[(li.id, "check_in")] == "dropped"
    assert len(accept_plan(session, event)) == 4
    with pytest.raises(OutreachError, match="already decided"):
        decide_suggestion(session, event, li.id, "check_in")


def test_a_suggestion_accepted_with_edits_keeps_the_users_words_and_date(session, met):
    event, priya, _li = met
    changes = FollowUpChanges(
        title="Send Priya the deck", due=datetime(2026, 11, 24, 14, 0), channel="email", draft="Hi"
    )
    followup = decide_suggestion(session, event, priya.id, "thank_you", changes=changes)
    assert (followup.title, followup.draft, followup.due_at) == (
        "Send Priya the deck",
        "Hi",
        datetime(2026, 11, 24, 14, 0),
    )


@pytest.mark.parametrize(
    ("channel", "kind"),
    [
        ("email", "email_sent"),
        ("in_person", "met"),
        ("video_call", "call"),
        ("linkedin_message", "message"),
        ("x_dm", "message"),
    ],
)
def test_marking_done_records_an_interaction_of_the_channels_kind(session, met, channel, kind):
    event, _priya, _li = met
    followup = accept_plan(session, event)[0]
    followup.channel = channel
    mark_done(session, followup, now=datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    recorded = session.scalars(
        select(Interaction).where(Interaction.source_ref.like("followup:%"))
    ).all()
    assert [(i.kind, i.channel, i.summary) for i in recorded] == [
        (kind, channel, "Thank Priya Raman")
    ]
    assert followup.status == "done"
    with pytest.raises(OutreachError, match="already done"):
        mark_done(session, followup)


def test_a_recurring_follow_up_marked_done_stays_open_at_0900_local_across_the_clock_change(
    session, met
):
    event, _priya, _li = met
    followup = accept_plan(session, event)[2]
    followup.recurrence = "FREQ=WEEKLY"
    followup.due_at = datetime(2027, 3, 22, 9, 0)  # Monday 09:00 GMT
    mark_done(session, followup, now=datetime(2027, 3, 22, 12, 0, tzinfo=UTC))
    assert followup.status == "open"
    assert followup.due_at == datetime(2027, 3, 29, 8, 0)  # Monday 09:00 BST


def test_a_recurring_follow_up_done_late_moves_past_today(session, met):
    event, _priya, _li = met
    followup = accept_plan(session, event)[2]
    mark_done(session, followup, now=datetime(2027, 2, 1, 12, 0, tzinfo=UTC))
    assert followup.due_at == datetime(2027, 2, 12, 9, 0)


def test_cadences_give_each_tiered_contact_one_repeating_follow_up_and_follow_the_tier(session):
    update_me(session, {"timezone": "Europe/London"})
    strong = create_contact(session, ContactInput(name="Ada", tier="strengthen"))
    kept = create_contact(session, ContactInput(name="Bo", tier="maintain", emails=["b@x.org"]))
    create_contact(session, ContactInput(name="Cy", tier="let_go"))
    now = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)  # a Thursday
    result = schedule_cadences(session, now=now)
    assert (result.created, result.updated, result.dropped) == (2, 0, 0)
    rows = {f.contact_id: f for f in session.scalars(select(FollowUp))}
    assert rows[strong.id].recurrence == "FREQ=WEEKLY;INTERVAL=2"
    assert (rows[kept.id].recurrence, rows[kept.id].channel) == ("FREQ=MONTHLY;INTERVAL=3", "email")
    assert rows[strong.id].due_at == datetime(2026, 11, 27, 9, 0)
    assert schedule_cadences(session, now=now).created == 0

    update_contact(session, strong, ContactInput(name="Ada", tier="maintain"))
    update_contact(session, kept, ContactInput(name="Bo", tier="let_go", emails=["b@x.org"]))
    result = schedule_cadences(session, now=now)
    assert (result.created, result.updated, result.dropped) == (0, 1, 1)
    assert rows[strong.id].recurrence == "FREQ=MONTHLY;INTERVAL=3"
    assert rows[kept.id].status == "dropped"


def test_the_open_list_filters_by_day_in_the_users_zone_and_prints_the_contract_fields(
    session, met
):
    event, _priya, _li = met
    accept_plan(session, event)
    before = list_followups(session, due_before=date(2026, 11, 24))
    assert [f.kind for f in before] == ["thank_you", "thank_you"]
    document = followup_json(before[0], "Europe/London")
    assert document["due"] == "2026-11-23T09:00:00+00:00"
    assert set(document) >= {
        "id", "contact_id", "contact_name", "due", "channel", "kind", "title", "status",
        "recurrence",
    }  # fmt: skip


def test_an_exported_entry_carries_draft_questions_profile_goal_alarm_and_time_zone(session, met):
    event, _priya, _li = met
    followup = accept_plan(session, event)[0]
    goal = Goal(title="Move into payments, fast", purpose="career")
    session.add(goal)
    session.flush()
    followup.goal_id = goal.id
    events, second = parse_both(calendar_bytes(session, [followup]))
    entry = events[0]
    assert str(entry["SUMMARY"]) == "Follow up: Priya Raman (Email)"
    assert str(entry["URL"]) == "https://www.linkedin.com/in/priya-raman/"
    assert entry["DTSTART"].params["TZID"] == "Europe/London"
    assert entry.decoded("DTSTART").astimezone(UTC) == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    assert entry["CATEGORIES"].cats == ["Move into payments, fast"]
    assert entry.walk("VALARM")
    description = str(entry["DESCRIPTION"])
    assert followup.draft.splitlines()[0] in description
    assert "Questions:\n- " in description
    assert description.endswith("Profile: https://www.linkedin.com/in/priya-raman/")
    assert second[0].summary.value == "Follow up: Priya Raman (Email)"
    assert second[0].description.value == description


def test_a_draft_with_a_calendar_injection_stays_one_event(session, met):
    event, _priya, _li = met
    followup = accept_plan(session, event)[0]
    followup.draft = INJECTION
    events, second = parse_both(calendar_bytes(session, [followup]))
    assert len(events) == len(second) == 1
    assert "END:VEVENT\nBEGIN:VEVENT" in str(events[0]["DESCRIPTION"])


def test_an_edit_keeps_the_uid_and_raises_the_sequence_while_a_plain_re_export_does_not(
    session, met
):
    event, _priya, _li = met
    followup = accept_plan(session, event)[0]
    first, _ = parse_both(calendar_bytes(session, [followup]))
    again, _ = parse_both(calendar_bytes(session, [followup]))
    edit_followup(
        session,
        followup,
        FollowUpChanges(followup.title, datetime(2026, 11, 25, 9, 0), "email", "New words"),
    )
    edited, _ = parse_both(calendar_bytes(session, [followup]))
    reschedule(session, followup, datetime(2026, 11, 26, 9, 0))
    moved, _ = parse_both(calendar_bytes(session, [followup]))
    uids = {str(e[0]["UID"]) for e in (first, again, edited, moved)}
    assert uids == {f"followup-{followup.id}@outreach-helper.local"}
    assert [int(e[0]["SEQUENCE"]) for e in (first, again, edited, moved)] == [0, 0, 1, 2]


def test_a_renamed_contact_raises_the_sequence_at_the_next_export(session, met):
    event, priya, _li = met
    followup = accept_plan(session, event)[0]
    update_contact(session, priya, ContactInput(name="Priya Raman-Iyer", tier="strengthen"))
    events, _ = parse_both(calendar_bytes(session, [followup]))
    assert (str(events[0]["SUMMARY"]), int(events[0]["SEQUENCE"])) == (
        "Follow up: Priya Raman-Iyer (Email)",
        1,
    )


def test_range_exports_hold_only_open_follow_ups_of_the_event_and_dates_asked(session, met):
    event, _priya, _li = met
    created = accept_plan(session, event)
    drop_followup(session, created[0])
    content, count = range_ics(
        session, FollowUpRange(start=date(2026, 11, 23), end=date(2026, 11, 23))
    )
    events, _ = parse_both(content)
    assert count == 1
    assert [str(e["SUMMARY"]) for e in events] == ["Follow up: Li Wei (LinkedIn)"]
    assert range_ics(session, FollowUpRange(event_id=event.id + 1))[1] == 0


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=WEEKLY;INTERVAL=2", "every 2 weeks"),
        ("FREQ=MONTHLY;INTERVAL=3", "every 3 months"),
        ("FREQ=YEARLY", "every year"),
        ("FREQ=SECONDLY", "FREQ=SECONDLY"),
    ],
)
def test_a_repeat_rule_is_put_in_words_for_the_pages(rule, words):
    assert repeat_label(rule) == words


def test_follow_up_drafts_use_the_users_own_message_templates(session, store, met):
    event, _priya, _li = met
    folder = message_overrides(store.data_dir) / "linkedin_message"
    folder.mkdir(parents=True)
    (folder / "_default.txt").write_text("{{ greeting }} my own follow-up words.\n")
    plan = event_plan(session, event)
    li_drafts = [item.draft for item in plan if item.contact.name == "Li Wei"]
    assert li_drafts and all(draft == "Hi Li, my own follow-up words." for draft in li_drafts)
    assert all("my own" not in item.draft for item in plan if item.contact.name != "Li Wei")


def test_a_second_events_plan_suggests_no_second_repeating_follow_up(session, met):
    first, priya, _li = met
    accept_plan(session, first)
    second = create_event(
        session,
        EventInput(
            name="Payments Meetup",
            kind="meetup",
            starts_at=datetime(2026, 12, 3, 18, 30),
            timezone="Europe/London",
        ),
    )
    add_person_met(session, second, priya.id)
    assert [c.name for c in already_repeating(session, second)] == ["Priya Raman"]
    assert [item.planned.kind for item in event_plan(session, second)] == ["thank_you", "check_in"]
    accept_plan(session, second)
    repeating = session.scalars(
        select(FollowUp).where(FollowUp.contact_id == priya.id, FollowUp.recurrence != "")
    ).all()
    assert len(repeating) == 1
    assert already_repeating(session, first) == []
    assert "cadence" in [item.planned.kind for item in event_plan(session, first)]
