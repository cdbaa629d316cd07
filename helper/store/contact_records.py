"""Contacts read in bulk as the core's plain records: one query per table, grouped in Python.

Exports need every field of every contact. Through the ORM, each row of each child table
became a mapped object first, and exporting 30,000 contacts spent most of its 14 seconds there;
plain rows turn into the same records (`convert.profile_record`) several times faster.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from helper import records
from helper.db.models import (
    Contact,
    ContactCategory,
    ContactEmail,
    ContactPhone,
    EducationEntry,
    Position,
    Skill,
)
from helper.records import ContactSnapshot, ProfileRecord
from helper.store.convert import build_profile
from helper.store.gc_pause import cyclic_gc_paused

Rows = dict[int, list[Sequence[Any]]]

# The tables' columns, not the mapped attributes: a statement naming an ORM attribute makes
# SQLAlchemy configure every mapper first, 26 ms of `contacts --json` on an empty store.
_CONTACT = Contact.__table__.c
_EMAIL = ContactEmail.__table__.c
_PHONE = ContactPhone.__table__.c
_POSITION = Position.__table__.c
_EDUCATION = EducationEntry.__table__.c
_SKILL = Skill.__table__.c
_CATEGORY = ContactCategory.__table__.c


# Ids per IN list when reading chosen contacts: far below any database's parameter limit.
IDS_PER_QUERY = 500


def load_contact_records(
    session: Session, *, category: str = "", ids: Collection[int] | None = None
) -> list[ContactSnapshot]:
    """Every contact, those in one category, or those with the given ids, ordered by name then
    id, each with the whole profile `convert.profile_record` gives (children in the ORM
    relationships' order)."""
    with cyclic_gc_paused():
        if ids is None:
            chosen = (
                select(_CATEGORY.contact_id).where(_CATEGORY.key == category) if category else None
            )
            return _load(session, chosen)
        wanted = sorted(set(ids))
        loaded = [
            snapshot
            for start in range(0, len(wanted), IDS_PER_QUERY)
            for snapshot in _load(session, wanted[start : start + IDS_PER_QUERY])
        ]
        return sorted(loaded, key=lambda snapshot: (snapshot.profile.name, snapshot.id))


def _load(session: Session, chosen: Select | list[int] | None) -> list[ContactSnapshot]:

    def grouped(statement: Select) -> Rows:
        if chosen is not None:
            statement = statement.where(statement.selected_columns[0].in_(chosen))
        return grouped_by_contact(session, statement)

    children = _Children(
        emails=grouped(select(_EMAIL.contact_id, _EMAIL.email).order_by(_EMAIL.id)),
        phones=grouped(select(_PHONE.contact_id, _PHONE.e164).order_by(_PHONE.id)),
        positions=grouped(
            select(
                _POSITION.contact_id,
                _POSITION.title,
                _POSITION.company,
                _POSITION.start,
                _POSITION.end,
                _POSITION.location,
                _POSITION.employment_type,
                _POSITION.description,
            ).order_by(_POSITION.contact_id, _POSITION.ordinal, _POSITION.id)
        ),
        education=grouped(
            select(
                _EDUCATION.contact_id,
                _EDUCATION.school,
                _EDUCATION.degree,
                _EDUCATION.start,
                _EDUCATION.end,
            ).order_by(_EDUCATION.contact_id, _EDUCATION.ordinal, _EDUCATION.id)
        ),
        skills=grouped(select(_SKILL.contact_id, _SKILL.name).order_by(_SKILL.id)),
        categories=grouped(
            select(_CATEGORY.contact_id, _CATEGORY.key, _CATEGORY.reason).order_by(
                _CATEGORY.contact_id, _CATEGORY.key
            )
        ),
    )
    contacts = select(
        _CONTACT.id,
        _CONTACT.name,
        _CONTACT.honorific,
        _CONTACT.pronouns,
        _CONTACT.headline,
        _CONTACT.location,
        _CONTACT.current_title,
        _CONTACT.current_company,
        _CONTACT.about,
        _CONTACT.linkedin_url,
        _CONTACT.other_urls,
        _CONTACT.notes,
        _CONTACT.tier,
    ).order_by(_CONTACT.name, _CONTACT.id)
    if chosen is not None:
        contacts = contacts.where(_CONTACT.id.in_(chosen))
    return [children.snapshot(row) for row in session.execute(contacts)]


@dataclass
class _Children:
    """Each child table's rows by contact id, in the order the profile lists them."""

    emails: Rows
    phones: Rows
    positions: Rows
    education: Rows
    skills: Rows
    categories: Rows

    def snapshot(self, contact: Any) -> ContactSnapshot:
        key = contact.id
        categories = self.categories.get(key, ())
        return ContactSnapshot(
            id=key,
            profile=self._profile(contact),
            categories=[category_key for category_key, _ in categories],
            tier=contact.tier,
        )

    def _profile(self, contact: Any) -> ProfileRecord:
        key = contact.id
        return build_profile(
            contact,
            emails=[values[0] for values in self.emails.get(key, ())],
            phones=[values[0] for values in self.phones.get(key, ())],
            positions=[records.Position(*values) for values in self.positions.get(key, ())],
            education=[records.Education(*values) for values in self.education.get(key, ())],
            skills=[values[0] for values in self.skills.get(key, ())],
            categories=[
                records.CategorySuggestion(category_key, reason)
                for category_key, reason in self.categories.get(key, ())
            ],
        )


def grouped_by_contact(session: Session, statement: Any) -> Rows:
    """Rows whose first column is a contact id, grouped by it, the rest of each row kept."""
    groups: Rows = defaultdict(list)
    for row in session.connection().execute(statement):
        groups[row[0]].append(row[1:])
    return groups
