"""The merge rule: everything of the other contact moves to the survivor; nothing is lost."""

from datetime import datetime

import pytest
from sqlalchemy import func, select

from helper.db.models import (
    Contact,
    ContactCategory,
    ContactEmail,
    ContactPhone,
    Draft,
    Event,
    EventContact,
    FollowUp,
    Goal,
    GoalContact,
    Interaction,
    Position,
    Skill,
)
from helper.errors import OutreachError
from helper.store.merge import merge_contacts


@pytest.fixture
def pair(session):
    survivor = Contact(
        name="Ada Lovelace",
        headline="",
        current_company="Analytical Engines",
        notes="Met at the Royal Society.",
        emails=[ContactEmail(email="ada@example.com")],
        phones=[ContactPhone(e164="+442079460958")],
        skills=[Skill(name="Mathematics")],
        positions=[Position(ordinal=0, title="Analyst", company="Analytical Engines")],
        categories=[ContactCategory(key="specialist", reason="headline", source="suggested")],
    )
    other = Contact(
        name="Augusta Ada King",
        headline="Countess of Lovelace",
        current_company="Somewhere Else",
        linkedin_url="https://www.linkedin.com/in/ada/",
        notes="Prefers letters.",
        tier="strengthen",
        emails=[ContactEmail(email="countess@example.com")],
        phones=[ContactPhone(e164="+442079460958"), ContactPhone(e164="+14155550100")],
        skills=[Skill(name="mathematics"), Skill(name="Poetry")],
        positions=[Position(ordinal=0, title="Translator", company="Taylor's Memoirs")],
        categories=[
            ContactCategory(key="specialist", reason="", source="user"),
            ContactCategory(key="mentor", reason="", source="user"),
        ],
    )
    session.add_all([survivor, other])
    session.flush()
    return survivor, other


def test_children_move_to_the_survivor_without_duplicates(session, pair):
    survivor, other = pair
    merge_contacts(session, survivor, other)
    session.commit()
    assert {e.email for e in survivor.emails} == {"ada@example.com", "countess@example.com"}
    assert sorted(p.e164 for p in survivor.phones) == ["+14155550100", "+442079460958"]
    assert sorted(s.name for s in survivor.skills) == ["Mathematics", "Poetry"]
    assert [p.title for p in survivor.positions] == ["Analyst", "Translator"]
    assert sorted(survivor.category_keys) == ["mentor", "specialist"]
    assert {c.key: c.source for c in survivor.categories}["specialist"] == "user"


def test_the_survivors_values_stay_and_its_empty_fields_are_filled(session, pair):
    survivor, other = pair
    merge_contacts(session, survivor, other)
    assert survivor.name == "Ada Lovelace"
    assert survivor.current_company == "Analytical Engines"
    assert survivor.headline == "Countess of Lovelace"
    assert survivor.linkedin_url == "https://www.linkedin.com/in/ada/"
    assert survivor.tier == "strengthen"
    assert survivor.notes == "Met at the Royal Society.\n\nPrefers letters."


def test_a_second_linkedin_url_is_kept_among_the_other_urls(session, pair):
    survivor, other = pair
    survivor.linkedin_url = "https://www.linkedin.com/in/ada-lovelace/"
    merge_contacts(session, survivor, other)
    assert "https://www.linkedin.com/in/ada/" in survivor.other_urls


def test_history_links_and_drafts_move_and_the_other_is_deleted(session, pair):
    survivor, other = pair
    goal = Goal(title="Find a mentor", purpose="career")
    event = Event(name="Soirée", starts_at=datetime(2026, 5, 1, 19))
    session.add_all([goal, event])
    session.flush()
    session.add_all(
        [
            Interaction(contact_id=other.id, kind="email_received", source_ref="<a@x>"),
            GoalContact(goal_id=goal.id, contact_id=other.id, stage="contacted", score=0.7),
            GoalContact(goal_id=goal.id, contact_id=survivor.id, stage="suggested", score=0.4),
            EventContact(event_id=event.id, contact_id=other.id, note="Talked engines"),
            FollowUp(contact_id=other.id, due_at=datetime(2026, 5, 3, 9)),
            Draft(contact_id=other.id, channel="email", body="Dear Ada"),
        ]
    )
    session.flush()
    other_id = other.id
    merge_contacts(session, survivor, other)
    session.commit()
    assert session.get(Contact, other_id) is None
    assert [i.source_ref for i in survivor.interactions] == ["<a@x>"]
    links = session.scalars(select(GoalContact)).all()
    assert [(link.contact_id, link.stage, link.score) for link in links] == [
        (survivor.id, "contacted", 0.7)
    ]
    assert session.scalar(select(EventContact.contact_id)) == survivor.id
    assert session.scalar(select(FollowUp.contact_id)) == survivor.id
    assert session.scalar(select(Draft.contact_id)) == survivor.id


def test_merging_a_contact_with_itself_is_refused(session, pair):
    survivor, _ = pair
    with pytest.raises(OutreachError, match="cannot be merged with itself"):
        merge_contacts(session, survivor, survivor)


def test_nothing_is_lost_counted_over_every_child_table(session, pair):
    survivor, other = pair
    before = {
        model: session.scalar(select(func.count()).select_from(model))
        for model in (ContactEmail, Position)
    }
    merge_contacts(session, survivor, other)
    session.commit()
    for model, count in before.items():
        assert session.scalar(select(func.count()).select_from(model)) == count
