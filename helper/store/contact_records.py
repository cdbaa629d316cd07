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
                select(ContactCategory.contact_id).where(ContactCategory.key == category)
                if category
                else None
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
        emails=grouped(
            select(ContactEmail.contact_id, ContactEmail.email).order_by(ContactEmail.id)
        ),
        phones=grouped(
            select(ContactPhone.contact_id, ContactPhone.e164).order_by(ContactPhone.id)
        ),
        positions=grouped(
            select(
                Position.contact_id,
                Position.title,
                Position.company,
                Position.start,
                Position.end,
                Position.location,
                Position.employment_type,
                Position.description,
            ).order_by(Position.contact_id, Position.ordinal, Position.id)
        ),
        education=grouped(
            select(
                EducationEntry.contact_id,
                EducationEntry.school,
                EducationEntry.degree,
                EducationEntry.start,
                EducationEntry.end,
            ).order_by(EducationEntry.contact_id, EducationEntry.ordinal, EducationEntry.id)
        ),
        skills=grouped(select(Skill.contact_id, Skill.name).order_by(Skill.id)),
        categories=grouped(
            select(
                ContactCategory.contact_id, ContactCategory.key, ContactCategory.reason
            ).order_by(ContactCategory.contact_id, ContactCategory.key)
        ),
    )
    contacts = select(
        Contact.id,
        Contact.name,
        Contact.honorific,
        Contact.pronouns,
        Contact.headline,
        Contact.location,
        Contact.current_title,
        Contact.current_company,
        Contact.about,
        Contact.linkedin_url,
        Contact.other_urls,
        Contact.notes,
        Contact.tier,
    ).order_by(Contact.name, Contact.id)
    if chosen is not None:
        contacts = contacts.where(Contact.id.in_(chosen))
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
