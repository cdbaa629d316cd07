"""Saving a confirmed profile: a new contact, or an update of the person already stored.

The preview and the save use the same rules, so what the preview says ("this will update
Priya Raman's record") is what the save does.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from helper.db.models import (
    Contact,
    ContactCategory,
    ContactEmail,
    ContactPhone,
    EducationEntry,
    Position,
    Skill,
)
from helper.errors import OutreachError
from helper.normalize import normalize_email, normalize_linkedin_url
from helper.people import find_match, merge_profiles
from helper.records import CategorySuggestion, ProfileRecord
from helper.records import Position as ProfilePosition
from helper.store.contacts import ContactInput, create_contact
from helper.store.convert import profile_record
from helper.store.duplicates import namesakes
from helper.store.lessons import classifier_for, learn_from_choice, suggestions_for
from helper.vocabulary import CATEGORIES

SOURCE = "profile"
# A pasted profile is compared with the few stored people who share an identifier with it,
# never with the whole store.
MAX_CANDIDATES = 200
SCALAR_LABELS = {
    "name": "Name",
    "honorific": "Honorific",
    "pronouns": "Pronouns",
    "headline": "Headline",
    "current_title": "Current title",
    "current_company": "Current company",
    "location": "Location",
    "about": "About",
}


@dataclass(frozen=True)
class FieldChange:
    """One line of "what changes" on the preview: a field and its old and new value."""

    label: str
    before: str
    after: str


@dataclass
class ProfilePreview:
    """What confirming would do: the suggestions, and the stored person it would update."""

    record: ProfileRecord
    suggestions: list[CategorySuggestion]
    match: Contact | None = None
    match_reason: str = ""
    changes: list[FieldChange] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    # With no match, the stored people of the same name the user may mean instead.
    namesakes: list[tuple[Contact, str]] = field(default_factory=list)

    @property
    def checked_categories(self) -> list[str]:
        """The categories ticked at first: the stored ones, then the suggestions."""
        keys = set(self.match.category_keys if self.match else [])
        keys |= {s.key for s in self.suggestions}
        return [key for key in CATEGORIES if key in keys]


@dataclass(frozen=True)
class SavedProfile:
    contact: Contact
    created: bool


def find_existing(session: Session, record: ProfileRecord) -> tuple[Contact, str] | None:
    """The stored person `record` is, with the reason (same LinkedIn URL, same email...)."""
    conditions = []
    url = normalize_linkedin_url(record.linkedin_url)
    if url:
        conditions.append(Contact.linkedin_url == url)
    emails = [e for e in map(normalize_email, record.emails) if e]
    if emails:
        conditions.append(Contact.emails.any(ContactEmail.email.in_(emails)))
    companies = {record.current_company, *(p.company for p in record.positions if not p.end)}
    lowered = [c.strip().lower() for c in companies if c.strip()]
    if lowered:
        conditions.append(func.lower(Contact.current_company).in_(lowered))
    if record.name.strip():
        conditions.append(func.lower(Contact.name) == record.name.strip().lower())
    if not conditions:
        return None
    contacts = {
        c.id: c
        for c in session.scalars(select(Contact).where(or_(*conditions)).limit(MAX_CANDIDATES))
    }
    match = find_match(record, ((i, profile_record(c)) for i, c in contacts.items()))
    return (contacts[match.contact_id], match.reason) if match else None


def preview_profile(session: Session, record: ProfileRecord) -> ProfilePreview:
    """Suggested categories and the existing contact, if any, with what would change."""
    found = find_existing(session, record)
    match = found[0] if found is not None else None
    preview = ProfilePreview(record, suggestions_for(classifier_for(session), record, match))
    if found is not None:
        preview.match, preview.match_reason = found
        preview.changes, preview.kept = _changes(preview.match, record)
    elif record.name.strip():
        preview.namesakes = namesakes(session, record.name.strip(), record.current_company)
    return preview


def _changes(contact: Contact, record: ProfileRecord) -> tuple[list[FieldChange], list[str]]:
    protected = set(contact.protected_fields)
    before = profile_record(contact)
    after = merge_profiles(before, record, protected_fields=protected)
    changes = [
        FieldChange(label, getattr(before, name), getattr(after, name))
        for name, label in SCALAR_LABELS.items()
        if getattr(before, name) != getattr(after, name)
    ]
    kept = [
        label
        for name, label in SCALAR_LABELS.items()
        if name in protected
        and getattr(record, name)
        and getattr(record, name) != getattr(before, name)
    ]
    added = {
        "Email addresses": [e for e in after.emails if e not in before.emails],
        "Phone numbers": [p for p in after.phones if p not in before.phones],
        "Roles": [_role(p) for p in after.positions[len(before.positions) :]],
        "Education": [e.school for e in after.education[len(before.education) :]],
        "Skills": after.skills[len(before.skills) :],
    }
    changes += [FieldChange(label, "", "adds " + "; ".join(v)) for label, v in added.items() if v]
    if after.linkedin_url != before.linkedin_url:
        changes.append(FieldChange("LinkedIn URL", before.linkedin_url, after.linkedin_url))
    return changes, kept


def _role(position: ProfilePosition) -> str:
    return " at ".join(part for part in (position.title, position.company) if part)


def save_profile(
    session: Session, record: ProfileRecord, chosen_categories: Collection[str]
) -> SavedProfile:
    """Store a confirmed profile; the ticked categories are kept, suggested or the user's.

    What the user changed from the preview's ticks (the stored categories and the
    suggestions) is a correction the suggester learns from."""
    found = find_existing(session, record)
    match = found[0] if found is not None else None
    suggestions = suggestions_for(classifier_for(session), record, match)
    offered = {s.key for s in suggestions} | set(match.category_keys if match else ())
    if match is None:
        contact, created = _create(session, record), True
    else:
        contact, created = match, False
        _update(session, contact, record)
    _set_categories(contact, set(chosen_categories), {s.key: s for s in suggestions})
    suggested = {s.key for s in suggestions}
    learn_from_choice(session, contact, record, suggested, offered, chosen_categories)
    session.flush()
    return SavedProfile(contact, created)


def _create(session: Session, record: ProfileRecord) -> Contact:
    contact = create_contact(
        session,
        ContactInput(
            name=record.name or (record.emails[0] if record.emails else "Unnamed"),
            **{name: getattr(record, name) for name in SCALAR_LABELS if name != "name"},
            linkedin_url=normalize_linkedin_url(record.linkedin_url) or "",
            notes=record.notes,
            emails=list(dict.fromkeys(record.emails)),
            phones=list(dict.fromkeys(record.phones)),
        ),
        source=SOURCE,
    )
    contact.other_urls = list(dict.fromkeys(record.other_urls))
    _write_lists(contact, profile_record(contact), record)
    return contact


def _update(session: Session, contact: Contact, record: ProfileRecord) -> None:
    """Field by field: newer non-empty values win, the user's edits stay, lists are unioned."""
    before = profile_record(contact)
    merged = merge_profiles(before, record, protected_fields=set(contact.protected_fields))
    for name in SCALAR_LABELS:
        setattr(contact, name, getattr(merged, name))
    url = normalize_linkedin_url(merged.linkedin_url)
    if url and not contact.linkedin_url:
        contact.linkedin_url = url
    contact.other_urls = list(dict.fromkeys(merged.other_urls))
    if record.notes.strip() and record.notes.strip() not in contact.notes:
        contact.notes = "\n\n".join(n for n in (contact.notes, record.notes.strip()) if n)
    _refuse_taken_emails(session, contact, [e for e in merged.emails if e not in before.emails])
    _write_lists(contact, before, merged)
    if SOURCE not in contact.sources:
        contact.sources = [*contact.sources, SOURCE]


def _refuse_taken_emails(session: Session, contact: Contact, emails: list[str]) -> None:
    for email in emails:
        owner = session.scalar(select(ContactEmail).where(ContactEmail.email == email))
        if owner is not None and owner.contact_id != contact.id:
            raise OutreachError(
                f"{owner.contact.name} (contact {owner.contact_id}) already has {email}; "
                "merge the two contacts on the Possible duplicates page first",
                value=email,
            )


def _write_lists(contact: Contact, before: ProfileRecord, merged: ProfileRecord) -> None:
    """Bring the child rows in line with `merged`, whose lists start with `before`'s."""
    contact.emails += [ContactEmail(email=e) for e in merged.emails if e not in before.emails]
    contact.phones += [ContactPhone(e164=p) for p in merged.phones if p not in before.phones]
    for ordinal, entry in enumerate(merged.positions):
        if ordinal >= len(contact.positions):
            contact.positions.append(Position(ordinal=_next_ordinal(contact.positions)))
        row = contact.positions[ordinal]
        for name in ("title", "company", "start", "end", "location", "employment_type"):
            setattr(row, name, getattr(entry, name)[:300])
        row.description = entry.description
    for ordinal, school in enumerate(merged.education):
        if ordinal >= len(contact.education):
            contact.education.append(EducationEntry(ordinal=_next_ordinal(contact.education)))
        row = contact.education[ordinal]
        for name in ("school", "degree", "start", "end"):
            setattr(row, name, getattr(school, name)[:300])
    have = {s.name.casefold() for s in contact.skills}
    for skill in dict.fromkeys(merged.skills):
        if skill.casefold() not in have:
            contact.skills.append(Skill(name=skill[:200]))
            have.add(skill.casefold())


def _next_ordinal(rows: list) -> int:
    return rows[-1].ordinal + 1 if rows else 0


def _set_categories(
    contact: Contact, chosen: set[str], suggestions: dict[str, CategorySuggestion]
) -> None:
    """Ticked categories stay; a new one is "suggested" (with the classifier's reason) when
    the classifier proposed it, else the user's own choice, which imports never replace."""
    existing = {c.key: c for c in contact.categories}
    kept = []
    for key in (k for k in CATEGORIES if k in chosen):
        if key in existing:
            kept.append(existing[key])
        elif key in suggestions:
            reason = suggestions[key].reason[:500]
            kept.append(ContactCategory(key=key, reason=reason, source="suggested"))
        else:
            kept.append(ContactCategory(key=key, reason="chosen by you", source="user"))
    contact.categories = kept
