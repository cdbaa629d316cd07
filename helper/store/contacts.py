"""Reading and writing contacts: the list with search, filters and pages; one contact's edits."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from helper import records
from helper.db.models import (
    Contact,
    ContactCategory,
    ContactEmail,
    ContactPhone,
    EducationEntry,
    Position,
)
from helper.errors import NotFound, OutreachError
from helper.store.convert import profile_record
from helper.store.lessons import classifier_for, learn_from_choice
from helper.vocabulary import CATEGORIES, TIERS

# Fields a person types on the contact form; once edited there, an import never overwrites them.
EDITABLE_FIELDS = ("name", *records.PERSON_TEXT_FIELDS, "linkedin_url", "tier", "notes")


@dataclass
class ContactFilter:
    q: str = ""
    category: str = ""
    tier: str = ""
    page: int = 1
    per_page: int = 50


@dataclass
class ContactPage:
    contacts: list[Contact]
    total: int
    page: int
    pages: int


@dataclass
class ContactInput:
    """What the contact form (or a script) says a contact is."""

    name: str
    honorific: str = ""
    pronouns: str = ""
    headline: str = ""
    current_title: str = ""
    current_company: str = ""
    location: str = ""
    about: str = ""
    linkedin_url: str = ""
    tier: str = "unset"
    notes: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    # None leaves the stored roles or schools as they are.
    positions: list[records.Position] | None = None
    education: list[records.Education] | None = None


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filtered(statement: Select, flt: ContactFilter) -> Select:
    if flt.q.strip():
        pattern = f"%{_escape_like(flt.q.strip())}%"
        statement = statement.where(
            or_(
                Contact.name.ilike(pattern, escape="\\"),
                Contact.current_company.ilike(pattern, escape="\\"),
                Contact.headline.ilike(pattern, escape="\\"),
                Contact.current_title.ilike(pattern, escape="\\"),
            )
        )
    if flt.category in CATEGORIES:
        statement = statement.where(
            exists().where(
                ContactCategory.contact_id == Contact.id, ContactCategory.key == flt.category
            )
        )
    if flt.tier in TIERS:
        statement = statement.where(Contact.tier == flt.tier)
    return statement


def list_contacts(session: Session, flt: ContactFilter) -> ContactPage:
    """One page of contacts, ordered by name; the count and page use the same filters."""
    total = session.scalar(_filtered(select(func.count(Contact.id)), flt)) or 0
    pages = max(1, math.ceil(total / flt.per_page))
    page = min(max(1, flt.page), pages)
    statement = (
        _filtered(select(Contact), flt)
        .options(selectinload(Contact.categories), selectinload(Contact.emails))
        .order_by(Contact.name, Contact.id)
        .limit(flt.per_page)
        .offset((page - 1) * flt.per_page)
    )
    return ContactPage(list(session.scalars(statement)), total, page, pages)


def get_contact(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFound(f"there is no contact with id {contact_id}")
    return contact


def category_counts(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(ContactCategory.key, func.count()).group_by(ContactCategory.key)
    ).all()
    counts = {key: 0 for key in CATEGORIES}
    counts.update({key: count for key, count in rows if key in counts})
    return counts


def create_contact(session: Session, data: ContactInput, *, source: str = "manual") -> Contact:
    contact = Contact(name=data.name, sources=[source])
    session.add(contact)
    _apply_input(session, contact, data)
    return contact


def update_contact(session: Session, contact: Contact, data: ContactInput) -> Contact:
    """Apply a user's edit; each field that changed is marked as the user's own, and a change
    of categories is a correction the suggester learns from."""
    before = {name: getattr(contact, name) or "" for name in EDITABLE_FIELDS}
    before_record = profile_record(contact)
    before_categories = {c.key: c.source for c in contact.categories}
    _apply_input(session, contact, data)
    changed = {n for n in EDITABLE_FIELDS if (getattr(contact, n) or "") != before[n]}
    after_record = profile_record(contact)
    changed |= {
        name
        for name in ("positions", "education")
        if getattr(before_record, name) != getattr(after_record, name)
    }
    contact.protected_fields = sorted(set(contact.protected_fields) | changed)
    if set(data.categories) != set(before_categories):
        # What the suggester offered: the categories it had stored as suggestions, and what
        # it would suggest now; a category the user set by hand is the user's, not its.
        suggested = {c for c, source in before_categories.items() if source == "suggested"}
        suggested |= {s.key for s in classifier_for(session).classify(after_record)}
        learn_from_choice(
            session, contact, after_record, suggested, before_categories, data.categories
        )
    return contact


def delete_contact(session: Session, contact: Contact) -> None:
    session.delete(contact)


def _apply_input(session: Session, contact: Contact, data: ContactInput) -> None:
    _check_unique(session, contact, data)
    for name in EDITABLE_FIELDS:
        value = getattr(data, name)
        if name == "linkedin_url":
            value = value or None  # NULLs do not collide under the UNIQUE constraint
        setattr(contact, name, value)
    _replace_emails(contact, data.emails)
    _replace_phones(contact, data.phones)
    _replace_categories(contact, data.categories)
    if data.positions is not None:
        contact.positions = [
            Position(ordinal=ordinal, **_fitted(Position, vars(position)))
            for ordinal, position in enumerate(data.positions)
        ]
    if data.education is not None:
        contact.education = [
            EducationEntry(ordinal=ordinal, **_fitted(EducationEntry, vars(school)))
            for ordinal, school in enumerate(data.education)
        ]
    session.flush()


def _fitted(model: type[Position | EducationEntry], values: dict[str, str]) -> dict[str, str]:
    """The values cut to their columns' lengths, which PostgreSQL enforces."""
    columns = model.__table__.c
    return {
        name: value[: columns[name].type.length] if columns[name].type.length else value
        for name, value in values.items()
    }


def _check_unique(session: Session, contact: Contact, data: ContactInput) -> None:
    if data.linkedin_url:
        other = session.scalar(select(Contact).where(Contact.linkedin_url == data.linkedin_url))
        if other is not None and other is not contact:
            raise OutreachError(
                f"{other.name} (contact {other.id}) already has this LinkedIn URL; "
                "merge the two contacts instead",
                value=data.linkedin_url,
            )
    for email in data.emails:
        owner = session.scalar(select(ContactEmail).where(ContactEmail.email == email))
        if owner is not None and owner.contact is not contact:
            raise OutreachError(
                f"{owner.contact.name} (contact {owner.contact_id}) already has {email}; "
                "merge the two contacts instead",
                value=email,
            )


def _replace_emails(contact: Contact, emails: list[str]) -> None:
    kept = {e.email: e for e in contact.emails}
    contact.emails = [
        kept.get(email) or ContactEmail(email=email) for email in dict.fromkeys(emails)
    ]


def _replace_phones(contact: Contact, phones: list[str]) -> None:
    kept = {p.e164: p for p in contact.phones}
    contact.phones = [
        kept.get(phone) or ContactPhone(e164=phone) for phone in dict.fromkeys(phones)
    ]


def _replace_categories(contact: Contact, keys: list[str]) -> None:
    """The form's choice becomes the user's own: kept keys keep their reason."""
    kept = {c.key: c for c in contact.categories}
    chosen = [key for key in CATEGORIES if key in set(keys)]
    result = []
    for key in chosen:
        category = kept.get(key) or ContactCategory(key=key, reason="chosen by you")
        category.source = "user"
        result.append(category)
    contact.categories = result
