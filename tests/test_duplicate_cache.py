"""The store's duplicate search, kept between calls, gives after every kind of change (an
added or imported contact, an edited name, employer or email, a deletion, a pair marked as
two people) exactly the pairs a search of the whole store gives."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import insert, select

from helper.db import count_change
from helper.db.models import Contact, ContactEmail, Position
from helper.store.duplicate_cache import DuplicateCache
from helper.store.duplicates import duplicate_pairs, mark_not_same

NAMES = ["Thomas Smith", "Tom Smith", "T. Smith", "Tom", "Thomas Smyth", "Kate Jones"]
NAMES += ["Katherine Jones", "K. Jones", "Ada Novak", "Nadia Novak", "Smith, Thomas"]
COMPANIES = ["Monzo", "Monzo Bank", "Contoso Ltd", "Contoso", ""]
# Two spellings of one address: the store holds both as older versions left them.
EMAILS = ["tom@example.com", "TOM@example.com", "kate@example.org", "Kate@Example.org"]


def free_email(session, rng: random.Random) -> list[str]:
    taken = set(session.scalars(select(ContactEmail.email)))
    return [email for email in rng.sample(EMAILS, 1) if email not in taken]


def add(session, rng: random.Random) -> None:
    emails = [ContactEmail(email=email) for email in free_email(session, rng)]
    session.add(
        Contact(name=rng.choice(NAMES), current_company=rng.choice(COMPANIES), emails=emails)
    )


def imported(session, rng: random.Random) -> None:
    """Rows written as an import writes them: Core statements and the counter moved by hand."""
    rows = [{"name": rng.choice(NAMES)} for _ in range(3)]
    statement = insert(Contact).returning(Contact.id, sort_by_parameter_order=True)
    ids = list(session.scalars(statement, rows))
    roles = [
        {"contact_id": new_id, "ordinal": 0, "company": rng.choice(COMPANIES), "start": "2024"}
        for new_id in ids
    ]
    session.execute(insert(Position), roles)
    count_change(session)


def edit(session, rng: random.Random, action: str) -> None:
    contacts = session.scalars(select(Contact).order_by(Contact.id)).all()
    if len(contacts) < 2:
        add(session, rng)
        return
    contact = rng.choice(contacts)
    if action == "name":
        contact.name = rng.choice(NAMES)
    elif action == "company":
        contact.current_company = rng.choice(COMPANIES)
    elif action == "emails":
        contact.emails = []
        session.flush()
        contact.emails = [ContactEmail(email=email) for email in free_email(session, rng)]
    elif action == "delete":
        session.delete(contact)
    else:
        first, second = rng.sample(contacts, 2)
        mark_not_same(session, first.id, second.id)


@pytest.mark.parametrize("seed", range(3))
def test_the_kept_search_after_each_change_is_the_whole_search(session, seed):
    rng = random.Random(seed)
    for _ in range(40):
        action = rng.choice(("add", "import", "name", "company", "emails", "delete", "not"))
        if action == "add":
            add(session, rng)
        elif action == "import":
            imported(session, rng)
        else:
            edit(session, rng, action)
        session.commit()
        assert duplicate_pairs(session) == DuplicateCache().pairs(session)
    assert duplicate_pairs(session)  # the changes left people alike to find
