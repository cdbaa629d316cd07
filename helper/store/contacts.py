"""Reading and writing contacts: the list with search, filters, orders and pages; one
contact's edits."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from helper import records
from helper.db.models import (
    Contact,
    ContactCategory,
    ContactEmail,
    ContactPhone,
    EducationEntry,
    GoalContact,
    Interaction,
    Position,
    utcnow,
)
from helper.errors import NotFound, OutreachError
from helper.store.contact_orders import TIME_SORTS, ContactOrders
from helper.store.convert import profile_record
from helper.store.lessons import classifier_for, learn_from_choice
from helper.strategy.cadence import CadenceSettings, DueStatus, due_status, next_due
from helper.vocabulary import CATEGORIES, CONTACT_SORTS, TIERS

# Fields a person types on the contact form; once edited there, an import never overwrites them.
EDITABLE_FIELDS = ("name", *records.PERSON_TEXT_FIELDS, "linkedin_url", "tier", "notes")


@dataclass
class ContactFilter:
    q: str = ""
    category: str = ""
    tier: str = ""
    sort: str = "name"
    page: int = 1
    per_page: int = 50
    # Leave out the people already in this goal's pipeline (the goal page's "add someone").
    not_on_goal: int | None = None


@dataclass(frozen=True)
class ContactTiming:
    """When a listed contact was last in touch, and when their tier's cadence next wants one."""

    last_contact: datetime | None
    next_due: datetime | None
    status: DueStatus


@dataclass
class ContactPage:
    contacts: list[Contact]
    total: int
    page: int
    pages: int
    timing: dict[int, ContactTiming] = field(default_factory=dict)


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
    if flt.not_on_goal is not None:
        statement = statement.where(
            ~exists().where(
                GoalContact.contact_id == Contact.id, GoalContact.goal_id == flt.not_on_goal
            )
        )
    return statement


def _order(sort: str) -> tuple[Any, ...]:
    if sort == "company":
        no_company = Contact.current_company == ""
        return (no_company, Contact.current_company, Contact.name, Contact.id)
    return (Contact.name, Contact.id)


def list_contacts(
    session: Session,
    flt: ContactFilter,
    cadence: CadenceSettings | None = None,
    orders: ContactOrders | None = None,
) -> ContactPage:
    """One page of contacts in the filter's order (`CONTACT_SORTS`); the count and the page
    use the same filters. `cadence` is the user's, which "next touch due" is computed with;
    `orders` keeps the orders in time between calls."""
    settings = cadence or CadenceSettings()
    total = session.scalar(_filtered(select(func.count(Contact.id)), flt)) or 0
    pages = max(1, math.ceil(total / flt.per_page))
    page = min(max(1, flt.page), pages)
    offset = (page - 1) * flt.per_page
    loaded = select(Contact).options(selectinload(Contact.categories), selectinload(Contact.emails))
    if flt.sort in TIME_SORTS:
        ordered = (orders or ContactOrders()).ordered_ids(session, flt.sort, settings, utcnow())
        ids = _page_of(session, ordered, flt, offset)
        found = {c.id: c for c in session.scalars(loaded.where(Contact.id.in_(ids)))}
        contacts = [found[contact_id] for contact_id in ids if contact_id in found]
    else:
        sort = flt.sort if flt.sort in CONTACT_SORTS else "name"
        statement = _filtered(loaded, flt).order_by(*_order(sort))
        contacts = list(session.scalars(statement.limit(flt.per_page).offset(offset)))
    return ContactPage(contacts, total, page, pages, _timing(session, contacts, settings))


def _page_of(session: Session, ordered: list[int], flt: ContactFilter, offset: int) -> list[int]:
    """One page of a kept order, less the contacts the filter leaves out."""
    narrowed = flt.q.strip() or flt.category or flt.tier or flt.not_on_goal is not None
    if narrowed:
        wanted = set(session.scalars(_filtered(select(Contact.id), flt)))
        ordered = [contact_id for contact_id in ordered if contact_id in wanted]
    return ordered[offset : offset + flt.per_page]


def _timing(
    session: Session, contacts: Sequence[Contact], settings: CadenceSettings
) -> dict[int, ContactTiming]:
    last = dict(
        session.execute(
            select(Interaction.contact_id, func.max(Interaction.occurred_at))
            .where(Interaction.contact_id.in_([c.id for c in contacts]))
            .group_by(Interaction.contact_id)
        ).all()
    )
    now = datetime.now(UTC)
    return {
        c.id: ContactTiming(
            last_contact=last.get(c.id),
            next_due=next_due(last.get(c.id), c.tier, settings),
            status=due_status(last.get(c.id), c.tier, now, settings),
        )
        for c in contacts
    }


def contact_ids(session: Session, flt: ContactFilter) -> list[int]:
    """Every contact the filter matches, on every page: what "select all" selects."""
    return list(session.scalars(_filtered(select(Contact.id), flt).order_by(Contact.id)))


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
