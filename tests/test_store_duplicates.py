"""Possible duplicates in the store: found with a reason, merged with the user's picks,
ruled out for good, and the last merge undone."""

from datetime import datetime

import pytest
from sqlalchemy import select

from helper.db.models import (
    Contact,
    ContactCategory,
    ContactEmail,
    Goal,
    GoalContact,
    Interaction,
    MergeRecord,
    Position,
)
from helper.errors import OutreachError
from helper.store.contacts import ContactInput, create_contact, update_contact
from helper.store.duplicates import (
    last_merge,
    mark_not_same,
    merge_pair,
    suspected_pairs,
    undo_merge,
)
from helper.store.merge import merge_contacts


def add(session, name, **fields) -> Contact:
    contact = create_contact(session, ContactInput(name=name, **fields))
    session.flush()
    return contact


def reasons(session) -> dict[tuple[str, str], str]:
    return {(p.first.name, p.second.name): p.reason for p in suspected_pairs(session)}


def test_pairs_are_found_with_the_reason_each_matched(session):
    # Rows as older versions or hand edits left them: the store's unique constraints see two
    # different strings, normalisation sees one person.
    session.add_all(
        [
            Contact(name="Ada Lovelace", emails=[ContactEmail(email="ada@EXAMPLE.com")]),
            Contact(name="Augusta King", emails=[ContactEmail(email="ada@example.com")]),
            Contact(name="Grace Hopper", linkedin_url="https://uk.linkedin.com/in/grace?trk=1"),
            Contact(name="G. Hopper", linkedin_url="https://www.linkedin.com/in/grace/"),
            Contact(name="Alan Turing", current_company="Bletchley Park"),
            Contact(name="Alan Turring", current_company="Bletchley Park Ltd"),
            Contact(name="Joan Clarke", current_company="Bletchley Park"),
            Contact(name="Alan Turing", current_company="Manchester University"),
        ]
    )
    session.commit()
    assert reasons(session) == {
        ("Ada Lovelace", "Augusta King"): "same email ada@example.com",
        ("Grace Hopper", "G. Hopper"): "same LinkedIn URL",
        ("Alan Turing", "Alan Turring"): "similar name at the same company",
    }


def test_a_pair_marked_not_the_same_person_is_never_proposed_again(session):
    first = add(session, "Alan Turing", current_company="Bletchley Park")
    second = add(session, "Alan Turring", current_company="Bletchley Park")
    assert len(suspected_pairs(session)) == 1
    mark_not_same(session, second.id, first.id)
    mark_not_same(session, first.id, second.id)
    session.commit()
    assert suspected_pairs(session) == []


def test_marking_a_contact_different_from_itself_is_refused(session):
    first = add(session, "Alan Turing")
    with pytest.raises(OutreachError, match="always the same person as itself"):
        mark_not_same(session, first.id, first.id)


def test_merging_keeps_the_older_contact_with_the_values_the_user_picked(session):
    first = add(
        session,
        "Alan Turing",
        current_company="Bletchley Park",
        headline="Mathematician",
        emails=["alan@example.com"],
    )
    second = add(
        session,
        "Alan Turring",
        current_company="Bletchley Park",
        headline="Codebreaker",
        emails=["turing@example.com"],
    )
    pair = suspected_pairs(session)[0]
    assert [(c.name, c.first, c.second) for c in pair.choices] == [
        ("name", "Alan Turing", "Alan Turring"),
        ("headline", "Mathematician", "Codebreaker"),
    ]
    second_id = second.id
    survivor = merge_pair(session, second.id, first.id, {"name": "first", "headline": "second"})
    session.commit()
    assert survivor.id == first.id
    assert (survivor.name, survivor.headline) == ("Alan Turing", "Codebreaker")
    assert [e.email for e in survivor.emails] == ["alan@example.com", "turing@example.com"]
    assert session.get(Contact, second_id) is None


def test_picking_the_other_linkedin_url_keeps_the_old_one_among_other_links(session):
    first = add(session, "Ada", linkedin_url="https://www.linkedin.com/in/ada-old/")
    second = add(session, "Ada", linkedin_url="https://www.linkedin.com/in/ada-new/")
    survivor = merge_pair(session, first.id, second.id, {"linkedin_url": "second"})
    assert survivor.linkedin_url == "https://www.linkedin.com/in/ada-new/"
    assert survivor.other_urls == ["https://www.linkedin.com/in/ada-old/"]


@pytest.fixture
def merged(session):
    """Two contacts with children, history and a shared goal, merged."""
    first = add(session, "Alan Turing", current_company="Bletchley Park", emails=["a@x.org"])
    second = add(
        session,
        "Alan Turring",
        current_company="Bletchley Park",
        headline="Codebreaker",
        emails=["b@x.org"],
        linkedin_url="https://www.linkedin.com/in/turing/",
    )
    second.positions = [Position(ordinal=0, title="Codebreaker", company="GC&CS")]
    second.categories = [ContactCategory(key="specialist", reason="", source="user")]
    goal = Goal(title="Find a mentor", purpose="career")
    session.add(goal)
    session.flush()
    session.add_all(
        [
            Interaction(contact_id=second.id, kind="email_received", source_ref="<m1@x>"),
            GoalContact(goal_id=goal.id, contact_id=first.id, stage="suggested", score=0.2),
            GoalContact(goal_id=goal.id, contact_id=second.id, stage="contacted", score=0.9),
        ]
    )
    session.commit()
    ids = (first.id, second.id)
    merge_pair(session, *ids, {})
    session.commit()
    return ids


def test_undo_brings_both_contacts_back_with_their_history_and_links(session, merged):
    first_id, second_id = merged
    undo_merge(session, last_merge(session))
    session.commit()
    session.expire_all()
    first, second = session.get(Contact, first_id), session.get(Contact, second_id)
    assert (first.name, first.headline, first.linkedin_url) == ("Alan Turing", "", None)
    assert [e.email for e in first.emails] == ["a@x.org"]
    assert (second.name, second.headline) == ("Alan Turring", "Codebreaker")
    assert second.linkedin_url == "https://www.linkedin.com/in/turing/"
    assert [e.email for e in second.emails] == ["b@x.org"]
    assert [p.title for p in second.positions] == ["Codebreaker"]
    assert second.category_keys == ["specialist"] and first.category_keys == []
    assert [i.source_ref for i in second.interactions] == ["<m1@x>"]
    links = {(g.contact_id, g.stage, g.score) for g in session.scalars(select(GoalContact))}
    assert links == {(first_id, "suggested", 0.2), (second_id, "contacted", 0.9)}
    assert last_merge(session) is None


def test_undo_is_refused_when_the_merged_contact_changed_since(session, merged):
    first = session.get(Contact, merged[0])
    session.get(MergeRecord, 1).created_at = datetime(2000, 1, 1)
    update_contact(session, first, ContactInput(name="Alan Mathison Turing"))
    session.flush()
    with pytest.raises(OutreachError, match="was changed after the merge"):
        undo_merge(session, last_merge(session))


def test_any_merge_leaves_a_record_with_both_contacts_as_they_were(session):
    first = add(session, "Ada Lovelace", emails=["ada@example.com"])
    second = add(session, "Augusta King", emails=["countess@example.com"])
    merge_contacts(session, first, second)
    record = last_merge(session)
    assert record.survivor_id == first.id
    assert record.snapshot["other"]["name"] == "Augusta King"
    assert record.snapshot["other"]["emails"] == [{"email": "countess@example.com", "label": ""}]
    assert record.snapshot["survivor"]["emails"] == [{"email": "ada@example.com", "label": ""}]
