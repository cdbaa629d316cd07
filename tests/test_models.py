"""The ORM models: constraints and cascades that keep the store consistent."""

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from helper.db.models import (
    Contact,
    ContactCategory,
    ContactEmail,
    Goal,
    GoalContact,
    Interaction,
    Position,
)


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_deleting_a_contact_removes_its_children_and_history(session):
    contact = Contact(
        name="Ada",
        emails=[ContactEmail(email="ada@example.com")],
        positions=[Position(title="Analyst")],
        categories=[ContactCategory(key="specialist")],
        interactions=[Interaction(kind="met", source_ref="x")],
    )
    session.add(contact)
    session.commit()
    session.delete(contact)
    session.commit()
    for model in (ContactEmail, Position, ContactCategory, Interaction):
        assert count(session, model) == 0


def test_an_email_address_belongs_to_one_contact_only(session):
    session.add(Contact(name="A", emails=[ContactEmail(email="same@example.com")]))
    session.add(Contact(name="B", emails=[ContactEmail(email="same@example.com")]))
    with pytest.raises(IntegrityError):
        session.commit()


def test_an_interaction_source_ref_is_stored_once(session):
    contact = Contact(name="A")
    session.add(contact)
    session.flush()
    session.add_all(
        [
            Interaction(contact_id=contact.id, kind="email_sent", source_ref="<m@x>"),
            Interaction(contact_id=contact.id, kind="email_sent", source_ref="<m@x>"),
        ]
    )
    with pytest.raises(IntegrityError):
        session.commit()


def test_a_contact_is_on_a_goal_once(session):
    goal, contact = Goal(title="G", purpose="career"), Contact(name="C")
    session.add_all([goal, contact])
    session.flush()
    session.add_all(
        [GoalContact(goal=goal, contact=contact), GoalContact(goal=goal, contact=contact)]
    )
    with pytest.raises(IntegrityError):
        session.commit()


def test_foreign_keys_are_enforced_by_sqlite(session):
    session.add(Interaction(contact_id=999, kind="met"))
    with pytest.raises(IntegrityError):
        session.commit()


def test_list_fields_default_to_empty_lists(session):
    contact = Contact(name="Plain")
    session.add(contact)
    session.commit()
    session.expire_all()
    stored = session.get(Contact, contact.id)
    assert (stored.other_urls, stored.sources, stored.protected_fields) == ([], [], [])
    assert stored.tier == "unset"
