"""Loading contacts in bulk gives exactly the records the ORM path gives, in the same order."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from helper.db.models import (
    Contact,
    ContactCategory,
    ContactEmail,
    ContactPhone,
    EducationEntry,
    Position,
    Skill,
)
from helper.records import ContactSnapshot
from helper.store.contact_records import load_contact_records
from helper.store.convert import profile_record
from helper.store.demo import seed_demo_store


def through_the_orm(session, category: str = "") -> list[ContactSnapshot]:
    statement = (
        select(Contact)
        .order_by(Contact.name, Contact.id)
        .options(
            selectinload(Contact.emails),
            selectinload(Contact.phones),
            selectinload(Contact.positions),
            selectinload(Contact.education),
            selectinload(Contact.skills),
            selectinload(Contact.categories),
        )
    )
    if category:
        statement = statement.where(Contact.categories.any(ContactCategory.key == category))
    return [
        ContactSnapshot(id=c.id, profile=profile_record(c), categories=c.category_keys, tier=c.tier)
        for c in session.scalars(statement)
    ]


def add_full_contact(session) -> None:
    """One contact with every child, entered out of order, and a namesake."""
    contact = Contact(
        name="Ada Lovelace",
        other_urls=["https://example.org/ada"],
        notes="Met at the Analytical Society",
        tier="strengthen",
        sources=["manual"],
        positions=[
            Position(ordinal=1, title="Translator", company="Menabrea", start="1842"),
            Position(ordinal=0, title="Analyst", company="Analytical Engines", start="1843"),
        ],
        education=[
            EducationEntry(ordinal=1, school="Home", degree="Tutoring"),
            EducationEntry(ordinal=0, school="University of London", degree="Mathematics"),
        ],
        emails=[ContactEmail(email="ada@example.org"), ContactEmail(email="ada@work.example")],
        phones=[ContactPhone(e164="+447700900123")],
        skills=[Skill(name="Mathematics"), Skill(name="Poetry")],
        categories=[
            ContactCategory(key="specialist", reason="title says 'Analyst'"),
            ContactCategory(key="colleague", reason="works at Analytical Engines"),
        ],
    )
    session.add_all([contact, Contact(name="Ada Lovelace", sources=["vcard"])])
    session.commit()
    session.expire_all()  # the ORM reads the collections back in their stored order


def test_every_contact_loads_with_every_field_as_the_orm_gives_it(store, session):
    seed_demo_store(store.sessions)
    add_full_contact(session)
    loaded = load_contact_records(session)
    assert len(loaded) > 40
    assert loaded == through_the_orm(session)


def test_one_category_loads_only_its_contacts_with_all_their_categories(store, session):
    seed_demo_store(store.sessions)
    add_full_contact(session)
    loaded = load_contact_records(session, category="colleague")
    assert loaded == through_the_orm(session, "colleague")
    ada = next(snapshot for snapshot in loaded if snapshot.profile.emails)
    assert ada.categories == ["colleague", "specialist"]
    assert [p.title for p in ada.profile.positions] == ["Analyst", "Translator"]
    assert ada.profile.current_company == "Analytical Engines"


def test_an_empty_store_loads_nothing(session):
    assert load_contact_records(session) == []
