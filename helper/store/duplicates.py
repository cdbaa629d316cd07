"""Possible duplicates: stored contacts that look like one person, the user's decisions on
them ("merge, taking these values" or "not the same person"), and undoing the last merge."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session, selectinload

from helper.db import count_change
from helper.db.models import (
    Contact,
    ContactCategory,
    ContactEmail,
    ContactPhone,
    EducationEntry,
    EventContact,
    GoalContact,
    MergeRecord,
    NotSamePerson,
    Position,
    Skill,
    utcnow,
)
from helper.errors import OutreachError
from helper.people import (
    DuplicatePair,
    find_namesakes,
    fuller_name,
    newer_current_role,
)
from helper.store.contacts import get_contact
from helper.store.duplicate_cache import cache_for, not_same_pairs
from helper.store.merge import MOVED_MODELS, merge_contacts

# The fields a person picks between when two records disagree; lists are always unioned.
PICKABLE_FIELDS = {
    "name": "Name",
    "honorific": "Honorific",
    "pronouns": "Pronouns",
    "headline": "Headline",
    "current_title": "Current title",
    "current_company": "Current company",
    "location": "Location",
    "linkedin_url": "LinkedIn URL",
    "tier": "Relationship",
    "about": "About",
}
CHILD_MODELS = {
    "emails": ContactEmail,
    "phones": ContactPhone,
    "positions": Position,
    "education": EducationEntry,
    "skills": Skill,
    "categories": ContactCategory,
}
_TIMESTAMPS = ("created_at", "updated_at")
# A warning before adding someone names this many people at most: more would not help choose.
MAX_NAMESAKES = 5


@dataclass(frozen=True)
class FieldChoice:
    """A field on which the two contacts disagree, with both values and the side ticked."""

    name: str
    label: str
    first: str
    second: str
    preferred: str = "first"


@dataclass(frozen=True)
class SuspectedPair:
    first: Contact
    second: Contact
    reason: str

    @property
    def choices(self) -> list[FieldChoice]:
        """Fields where both have a value and the values differ: the user picks one, the
        first contact's ticked unless the second's says more."""
        fuller = self._fuller_values()
        result = []
        for name, label in PICKABLE_FIELDS.items():
            first, second = getattr(self.first, name) or "", getattr(self.second, name) or ""
            if name == "tier" and "unset" in (first, second):
                continue
            if first and second and first != second:
                side = "second" if fuller.get(name) == second else "first"
                result.append(FieldChoice(name, label, first, second, side))
        return result

    def _fuller_values(self) -> dict[str, str]:
        """A full name over an initial, and at one employer the more specific title and
        employer name ("Senior Product Manager" at "Monzo Bank" over "Product Manager" at
        "Monzo"), so a merge with the ticks as they are loses nothing."""
        first, second = self.first, self.second
        title, company = newer_current_role(
            (second.current_title, second.current_company),
            (first.current_title, first.current_company),
        )
        name = fuller_name(second.name, first.name)
        return {"name": name, "current_title": title, "current_company": company}


def duplicate_pairs(session: Session) -> list[DuplicatePair]:
    """Every pair that looks like one person, with the reason, except those ruled out; only
    the contacts changed since the last search are compared again."""
    return cache_for(session).pairs(session)


def namesakes(session: Session, name: str, company: str) -> list[tuple[Contact, str]]:
    """The stored contacts a new contact named `name` at `company` may be, with the reason:
    the same name, or a nickname or initial of it at the same organisation."""
    rows = session.execute(
        select(Contact.id, Contact.name, Contact.current_company).order_by(Contact.id)
    )
    found = find_namesakes(name, company, rows)[:MAX_NAMESAKES]
    contacts = session.scalars(select(Contact).where(Contact.id.in_([i for i, _ in found])))
    by_id = {contact.id: contact for contact in contacts}
    return [(by_id[contact_id], reason) for contact_id, reason in found]


def with_contacts(session: Session, pairs: list[DuplicatePair]) -> list[SuspectedPair]:
    """The pairs with both contacts loaded, for showing them side by side."""
    ids = {i for pair in pairs for i in (pair.first_id, pair.second_id)}
    contacts = {
        c.id: c
        for c in session.scalars(
            select(Contact).where(Contact.id.in_(ids)).options(selectinload(Contact.emails))
        )
    }
    return [SuspectedPair(contacts[p.first_id], contacts[p.second_id], p.reason) for p in pairs]


def suspected_pairs(session: Session) -> list[SuspectedPair]:
    return with_contacts(session, duplicate_pairs(session))


def mark_not_same(session: Session, first_id: int, second_id: int) -> None:
    """Remember that two contacts are different people: never proposed again."""
    first, second = get_contact(session, first_id), get_contact(session, second_id)
    if first.id == second.id:
        raise OutreachError("a contact is always the same person as itself")
    low, high = sorted((first.id, second.id))
    if frozenset((low, high)) not in not_same_pairs(session):
        session.add(NotSamePerson(first_id=low, second_id=high))
        session.flush()


def merge_pair(
    session: Session, first_id: int, second_id: int, picks: Mapping[str, str]
) -> Contact:
    """Merge the pair into the older contact; `picks` maps a field to "first" or "second"."""
    low, high = sorted((first_id, second_id))
    survivor, other = get_contact(session, low), get_contact(session, high)
    prefer_other = [
        name for name, side in picks.items() if name in PICKABLE_FIELDS and side == "second"
    ]
    return merge_contacts(session, survivor, other, prefer_other=prefer_other)


def last_merge(session: Session) -> MergeRecord | None:
    """The newest merge not yet undone: the one "Undo the last merge" undoes."""
    return session.scalar(
        select(MergeRecord)
        .where(MergeRecord.undone_at.is_(None))
        .order_by(MergeRecord.id.desc())
        .limit(1)
    )


def undo_merge(session: Session, record: MergeRecord) -> tuple[Contact, Contact]:
    """Both contacts back as they were before the merge, with their history and links.

    Refused when the merged contact was changed or deleted since, because undoing would
    throw those changes away."""
    survivor = session.get(Contact, record.survivor_id) if record.survivor_id else None
    if survivor is None:
        raise OutreachError("the merged contact was deleted since; there is nothing to undo")
    if survivor.updated_at > record.created_at:
        raise OutreachError(
            f"{survivor.name} was changed after the merge; undoing it would lose those changes"
        )
    snapshot = record.snapshot
    _restore_contact(session, survivor, snapshot["survivor"])
    other = _recreate(session, snapshot["other"])
    old_other_id = snapshot["other"]["id"]
    for name, model in MOVED_MODELS.items():
        session.execute(
            update(model)
            .where(model.id.in_(snapshot["moved"][name]), model.contact_id == survivor.id)
            .values(contact_id=other.id)
        )
    ids = {old_other_id: other.id, survivor.id: survivor.id}
    _restore_links(session, GoalContact, "goal_id", snapshot["goal_links"], ids)
    _restore_links(session, EventContact, "event_id", snapshot["event_links"], ids)
    record.undone_at = utcnow()
    session.flush()
    session.expire(survivor, ["interactions"])
    return survivor, other


def _columns(document: dict[str, Any]) -> dict[str, Any]:
    values = {k: v for k, v in document.items() if k not in CHILD_MODELS}
    for name in _TIMESTAMPS:
        if values.get(name):
            values[name] = datetime.fromisoformat(values[name])
    return values


def _children(document: dict[str, Any]) -> dict[str, list]:
    return {
        relation: [model(**row) for row in document[relation]]
        for relation, model in CHILD_MODELS.items()
    }


def _restore_contact(session: Session, contact: Contact, document: dict[str, Any]) -> None:
    for relation in CHILD_MODELS:
        setattr(contact, relation, [])
    # Free the unique emails and URL before the other contact takes its own back.
    contact.linkedin_url = None
    session.flush()
    for name, value in _columns(document).items():
        if name != "id":
            setattr(contact, name, value)
    for relation, rows in _children(document).items():
        setattr(contact, relation, rows)
    session.flush()


def _recreate(session: Session, document: dict[str, Any]) -> Contact:
    values = _columns(document)
    if session.get(Contact, values["id"]) is not None:
        del values["id"]  # SQLite reused the id for a newer contact: take a fresh one
    contact = Contact(**values, **_children(document))
    session.add(contact)
    session.flush()
    return contact


def _restore_links(
    session: Session, model: type, key: str, rows: list[dict], ids: dict[int, int]
) -> None:
    """Put back both contacts' links on the objects the merge touched; newer links stay."""
    touched = {row[key] for row in rows}
    if not touched:
        return
    count_change(session)  # bulk statements pass no flush that would count them
    session.execute(
        delete(model).where(
            getattr(model, key).in_(touched), model.contact_id.in_(set(ids.values()))
        )
    )
    session.execute(insert(model), [{**row, "contact_id": ids[row["contact_id"]]} for row in rows])
