"""Drafts in the store: composed from the stored contact, goal and events, edited, copied,
and marked sent (an interaction logged, the contact moved on in the goal)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from helper.db.models import EducationEntry, GoalContact, Interaction, Position
from helper.errors import NotFound, OutreachError
from helper.store.contacts import ContactInput, create_contact
from helper.store.drafts import (
    DraftRequest,
    compose_for,
    compose_intro,
    delete_draft,
    drafts_for,
    edit_draft,
    get_draft,
    introducers_for,
    mark_copied,
    mark_sent,
    measure,
    preferred_channel,
    save_draft,
    shared_context,
)
from helper.store.events import EventInput, add_person_met, create_event
from helper.store.goals import GoalInput, create_goal, move_stage, shortlist
from helper.store.me import update_me
from helper.store.message_templates import message_overrides

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def person(session, name, *, jobs=(), schools=(), **fields):
    contact = create_contact(session, ContactInput(name=name, **fields))
    for ordinal, (title, company, end) in enumerate(jobs):
        contact.positions.append(
            Position(ordinal=ordinal, title=title, company=company, start="2015", end=end)
        )
    for ordinal, school in enumerate(schools):
        contact.education.append(EducationEntry(ordinal=ordinal, school=school))
    session.flush()
    return contact


def career_goal(session):
    return create_goal(
        session, GoalInput(title="Move into data leadership", purpose="career", keywords=["data"])
    )


def event_with(session, contact, starts: datetime, name: str):
    event = create_event(
        session, EventInput(name=name, kind="conference", starts_at=starts.replace(tzinfo=None))
    )
    add_person_met(session, event, contact.id)
    return event


def test_a_draft_names_the_contact_and_fits_the_channel(session):
    priya = person(session, "Priya Raman", current_title="Head of Data", current_company="Globex")
    update_me(session, {"name": "Sam Carter"})
    composed = compose_for(session, DraftRequest(priya.id, "linkedin_connect"))
    assert composed.channel == "linkedin_connect"
    assert "Priya" in composed.body
    assert composed.limit == 300
    assert 0 < composed.length <= 300
    assert composed.questions


def test_the_free_account_note_limit_from_me_applies(session):
    priya = person(session, "Priya Raman", current_company="Globex")
    update_me(session, {"linkedin_note_limit": 200})
    composed = compose_for(session, DraftRequest(priya.id, "linkedin_connect"))
    assert composed.limit == 200
    assert composed.length <= 200


def test_the_goal_is_used_and_an_unknown_goal_or_channel_is_named(session):
    priya = person(session, "Priya Raman", current_company="Globex")
    goal = career_goal(session)
    composed = compose_for(session, DraftRequest(priya.id, "email", goal.id))
    assert composed.subject
    with pytest.raises(NotFound, match="no goal with id 999"):
        compose_for(session, DraftRequest(priya.id, "email", 999))
    with pytest.raises(OutreachError, match="unknown channel 'fax'"):
        compose_for(session, DraftRequest(priya.id, "fax"))
    with pytest.raises(NotFound, match="no contact with id 999"):
        compose_for(session, DraftRequest(999, "email"))


def test_an_upcoming_event_preselects_in_person_and_a_past_one_is_where_you_met(session):
    priya = person(session, "Priya Raman", emails=["priya@example.com"])
    assert preferred_channel(session, priya, NOW) == "email"
    event_with(session, priya, NOW - timedelta(days=30), "Data Summit")
    assert preferred_channel(session, priya, NOW) == "email"
    event_with(session, priya, NOW + timedelta(days=5), "Fintech Meetup")
    assert preferred_channel(session, priya, NOW) == "in_person"
    shared = shared_context(session, priya.id, NOW)
    assert shared.event_met_at == "Data Summit"
    assert shared.upcoming_event == "Fintech Meetup"


def test_without_an_email_the_linkedin_note_is_preselected(session):
    tom = person(session, "Tom Hughes", linkedin_url="https://www.linkedin.com/in/tom-hughes/")
    assert preferred_channel(session, tom, NOW) == "linkedin_connect"


def test_a_users_template_in_the_data_folder_wins(session, tmp_path):
    priya = person(session, "Priya Raman")
    folder = message_overrides(tmp_path)
    (folder / "x_dm").mkdir(parents=True)
    (folder / "x_dm" / "_default.txt").write_text("{{ greeting }} my own words.\n")
    composed = compose_for(session, DraftRequest(priya.id, "x_dm"), override_dir=folder)
    assert composed.body == "Hi Priya, my own words."


def test_saving_editing_and_copying_keep_the_users_text(session):
    priya = person(session, "Priya Raman")
    composed = compose_for(session, DraftRequest(priya.id, "email"))
    draft = save_draft(session, priya.id, None, composed)
    assert get_draft(session, draft.id).body == composed.body
    edit_draft(session, draft, "  Coffee   next week? ", "Hi Priya,\n\nCoffee?\n")
    assert (draft.subject, draft.body) == ("Coffee next week?", "Hi Priya,\n\nCoffee?")
    mark_copied(session, draft, NOW)
    assert draft.copied_at == NOW.replace(tzinfo=None)
    assert drafts_for(session, priya.id) == [draft]


def test_a_deleted_draft_is_gone_and_a_sent_ones_interaction_stays(session):
    priya = person(session, "Priya Raman")
    kept = save_draft(
        session, priya.id, None, compose_for(session, DraftRequest(priya.id, "email"))
    )
    sent = save_draft(
        session, priya.id, None, compose_for(session, DraftRequest(priya.id, "email"))
    )
    mark_sent(session, sent, NOW)
    delete_draft(session, sent)
    session.flush()
    assert drafts_for(session, priya.id) == [kept]
    with pytest.raises(NotFound):
        get_draft(session, sent.id)
    assert session.scalars(select(Interaction.kind)).all() == ["email_sent"]


def test_an_edit_over_the_hard_limit_or_empty_is_refused_and_the_draft_kept(session):
    priya = person(session, "Priya Raman")
    draft = save_draft(
        session, priya.id, None, compose_for(session, DraftRequest(priya.id, "linkedin_connect"))
    )
    before = draft.body
    with pytest.raises(OutreachError, match="310 characters, over this channel's limit of 300"):
        edit_draft(session, draft, "", "x" * 310)
    with pytest.raises(OutreachError, match="the message is empty"):
        edit_draft(session, draft, "", "   ")
    assert draft.body == before


def test_emoji_count_twice_on_linkedin_as_its_form_fields_do(session):
    assert measure(session, "linkedin_connect", "Hi 👋") == (5, 300)
    assert measure(session, "email", "Hi 👋") == (4, None)


@pytest.mark.parametrize(
    ("channel", "kind"),
    [
        ("email", "email_sent"),
        ("linkedin_connect", "message"),
        ("linkedin_message", "message"),
        ("x_dm", "message"),
        ("in_person", "met"),
        ("video_call", "call"),
    ],
)
def test_marking_sent_logs_the_right_kind_of_interaction(session, channel, kind):
    priya = person(session, "Priya Raman")
    draft = save_draft(
        session, priya.id, None, compose_for(session, DraftRequest(priya.id, channel))
    )
    interaction = mark_sent(session, draft, NOW)
    assert (interaction.kind, interaction.channel) == (kind, channel)
    assert interaction.occurred_at == NOW.replace(tzinfo=None)
    assert draft.sent_at == NOW.replace(tzinfo=None)


def test_marking_sent_twice_is_refused_and_logs_once(session):
    priya = person(session, "Priya Raman")
    draft = save_draft(
        session, priya.id, None, compose_for(session, DraftRequest(priya.id, "email"))
    )
    mark_sent(session, draft, NOW)
    with pytest.raises(OutreachError, match="already marked sent on 26 Nov 2026"):
        mark_sent(session, draft, NOW)
    assert len(session.scalars(select(Interaction)).all()) == 1


def stage_of(session, goal, contact):
    return session.scalar(
        select(GoalContact.stage).where(
            GoalContact.goal_id == goal.id, GoalContact.contact_id == contact.id
        )
    )


def test_sending_for_a_goal_moves_a_shortlisted_contact_to_contacted(session):
    priya = person(session, "Priya Raman")
    goal = career_goal(session)
    shortlist(session, goal, priya, None)
    draft = save_draft(
        session, priya.id, goal.id, compose_for(session, DraftRequest(priya.id, "email", goal.id))
    )
    mark_sent(session, draft, NOW)
    assert stage_of(session, goal, priya) == "contacted"


def test_sending_for_a_goal_adds_a_suggested_contact_to_the_pipeline(session):
    priya = person(session, "Priya Raman")
    goal = career_goal(session)
    draft = save_draft(
        session, priya.id, goal.id, compose_for(session, DraftRequest(priya.id, "email", goal.id))
    )
    mark_sent(session, draft, NOW)
    assert stage_of(session, goal, priya) == "contacted"


def test_sending_does_not_move_a_contact_back_from_a_later_stage(session):
    priya = person(session, "Priya Raman")
    goal = career_goal(session)
    shortlist(session, goal, priya, None)
    move_stage(session, goal, priya.id, "met")
    draft = save_draft(
        session, priya.id, goal.id, compose_for(session, DraftRequest(priya.id, "email", goal.id))
    )
    mark_sent(session, draft, NOW)
    assert stage_of(session, goal, priya) == "met"


def test_introducers_share_an_employer_or_school_with_the_contact(session):
    priya = person(
        session,
        "Priya Raman",
        current_company="Globex",
        jobs=[("Head of Data", "Globex", ""), ("Consultant", "McKinsey", "2022")],
        schools=["Université de Genève"],
    )
    alex = person(session, "Alex Morgan", jobs=[("Analyst", "McKinsey & Co.", "2019")])
    lena = person(session, "Lena Vogel", schools=["Universite de Geneve"])
    glen = person(session, "Glen Smith", current_company="Globex Ltd")
    person(session, "Gia Lopez", current_company="Globexia")
    found = introducers_for(session, priya)
    assert [(i.contact.name, i.link) for i in found] == [
        ("Alex Morgan", "McKinsey & Co."),
        ("Glen Smith", "Globex Ltd"),
        ("Lena Vogel", "Universite de Geneve"),
    ]
    assert {alex.id, lena.id, glen.id} == {i.contact.id for i in found}


def test_a_contact_with_no_employer_or_school_has_no_introducers(session):
    priya = person(session, "Priya Raman")
    person(session, "Alex Morgan", current_company="Globex")
    assert introducers_for(session, priya) == []


def test_an_introduction_request_goes_to_the_introducer_and_quotes_a_blurb(session):
    priya = person(
        session, "Priya Raman", current_company="Globex", jobs=[("Analyst", "McKinsey", "2019")]
    )
    alex = person(session, "Alex Morgan", jobs=[("Analyst", "McKinsey", "2018")])
    update_me(session, {"name": "Sam Carter", "headline": "Head of Growth at Acme"})
    composed = compose_intro(session, DraftRequest(priya.id, "email"), alex.id)
    assert composed.body.startswith("Hi Alex,")
    assert "Priya Raman" in composed.subject
    assert "I'm Sam Carter, Head of Growth at Acme." in composed.body
    assert composed.questions == []
    asking_first = compose_intro(
        session, DraftRequest(priya.id, "email"), alex.id, double_opt_in=True
    )
    assert asking_first.body != composed.body


def test_an_introduction_through_the_contact_themselves_is_refused(session):
    priya = person(session, "Priya Raman")
    with pytest.raises(OutreachError, match="someone other than the contact"):
        compose_intro(session, DraftRequest(priya.id, "email"), priya.id)


def test_a_colleague_with_mail_history_hears_about_the_last_email_never_that_we_have_not_met(
    session,
):
    update_me(session, {"name": "Sam Carter", "employers": ["Contoso"]})
    colleague = person(session, "Grace Liu", current_title="VP Data", current_company="Contoso")
    for days, subject in ((90, "Quarterly planning"), (12, "Re: Streaming platform budget")):
        session.add(
            Interaction(
                contact_id=colleague.id,
                kind="email_received",
                occurred_at=(NOW - timedelta(days=days)).replace(tzinfo=None),
                summary=subject,
            )
        )
    session.flush()

    draft = compose_for(session, DraftRequest(colleague.id, "linkedin_message"), now=NOW)

    assert "Thanks for your email in November about “Streaming platform budget”." in (draft.body)
    assert re.search(r"\bmet\b", draft.body) is None


def test_the_context_names_the_event_met_at_with_its_note_and_the_last_touch(session):
    priya = person(session, "Priya Raman")
    event = event_with(session, priya, NOW - timedelta(days=3), "DataConf")
    event.attendees[0].note = "her team's move to a lakehouse"
    session.flush()

    shared = shared_context(session, priya.id, NOW)

    assert (shared.event_met_at, shared.event_note) == (
        "DataConf",
        "her team's move to a lakehouse",
    )
    assert shared.last_touch is not None and shared.last_touch.kind == "met"
