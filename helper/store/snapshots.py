"""Every contact as the pure core sees it (`ContactSnapshot`), read in bulk: the profile, the
relationship history, and what mail and events with them were about.

At 30,000 contacts one query per contact would take seconds, so each table is read once and
grouped in Python, and the relationship history comes from one aggregate query.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from helper.db.models import (
    Contact,
    ContactCategory,
    ContactEmail,
    Event,
    EventContact,
    Interaction,
    Position,
    Skill,
)
from helper.records import ContactSnapshot, ProfileRecord, RelationshipStats, Topic
from helper.records import Position as PositionRecord
from helper.store.contact_records import grouped_by_contact
from helper.store.convert import profile_record

# Kinds of interaction that count as meeting: in person, by phone or by message.
MET_KINDS = ("met", "call", "message")


def load_snapshots(session: Session) -> list[ContactSnapshot]:
    """All contacts, ordered by id, with positions, skills, emails, categories and history."""
    positions = grouped_by_contact(
        session,
        select(
            Position.contact_id,
            Position.title,
            Position.company,
            Position.start,
            Position.end,
            Position.location,
        ).order_by(Position.contact_id, Position.ordinal, Position.id),
    )
    skills = grouped_by_contact(session, select(Skill.contact_id, Skill.name).order_by(Skill.id))
    emails = grouped_by_contact(
        session, select(ContactEmail.contact_id, ContactEmail.email).order_by(ContactEmail.id)
    )
    categories = grouped_by_contact(
        session,
        select(ContactCategory.contact_id, ContactCategory.key).order_by(ContactCategory.key),
    )
    stats = relationship_stats(session)
    topics = _topics(session)
    rows = session.connection().execute(
        select(
            Contact.id,
            Contact.name,
            Contact.headline,
            Contact.current_title,
            Contact.current_company,
            Contact.location,
            Contact.about,
            Contact.linkedin_url,
            Contact.tier,
        ).order_by(Contact.id)
    )
    snapshots = []
    for row in rows:
        jobs = [
            PositionRecord(*(value or "" for value in values))
            for values in positions.get(row.id, ())
        ]
        first = jobs[0] if jobs else None
        profile = ProfileRecord(
            name=row.name,
            headline=row.headline or "",
            current_title=row.current_title or (first.title if first else ""),
            current_company=row.current_company or (first.company if first else ""),
            location=row.location or "",
            about=row.about or "",
            linkedin_url=row.linkedin_url or "",
            emails=[values[0] for values in emails.get(row.id, ())],
            positions=jobs,
            skills=[values[0] for values in skills.get(row.id, ())],
        )
        snapshots.append(
            ContactSnapshot(
                id=row.id,
                profile=profile,
                categories=[values[0] for values in categories.get(row.id, ())],
                tier=row.tier or "unset",
                stats=stats.get(row.id) or RelationshipStats(),
                topics=topics.get(row.id, []),
            )
        )
    return snapshots


# What mail with one person was about: their latest subjects are enough for matching.
TOPICS_PER_CONTACT = 40


def _topics(session: Session) -> dict[int, list[Topic]]:
    """Per contact, what mail and meetings with them were about, newest first (subjects and
    notes of interactions), and the notes of the events you met them at."""
    found: dict[int, list[Topic]] = {}
    interactions = session.connection().execute(
        select(
            Interaction.contact_id, Interaction.summary, Interaction.kind, Interaction.occurred_at
        )
        .where(Interaction.summary != "")
        .order_by(Interaction.contact_id, Interaction.occurred_at.desc())
    )
    for contact_id, summary, kind, when in interactions:
        listed = found.setdefault(contact_id, [])
        if len(listed) < TOPICS_PER_CONTACT:
            listed.append(Topic(summary, kind, when))
    notes = session.connection().execute(
        select(EventContact.contact_id, EventContact.note, Event.name, Event.starts_at)
        .join(Event, Event.id == EventContact.event_id)
        .where(EventContact.note != "")
    )
    for contact_id, note, name, when in notes:
        found.setdefault(contact_id, []).append(Topic(note, "event", when, name))
    return found


def snapshot_of(session: Session, contact: Contact) -> ContactSnapshot:
    """The contact as the pure core sees it (drafting, questions)."""
    stats = relationship_stats(session, [contact.id]).get(contact.id)
    snapshot = ContactSnapshot(
        id=contact.id,
        profile=profile_record(contact),
        categories=contact.category_keys,
        tier=contact.tier,
    )
    if stats is not None:
        snapshot.stats = stats
    return snapshot


def relationship_stats(
    session: Session, contact_ids: Iterable[int] | None = None
) -> dict[int, RelationshipStats]:
    """Mail sent and received and meetings per contact, with the first and last touch, in one
    aggregate query. A follow-up marked done is logged as an interaction, so it counts too."""
    kind = Interaction.kind
    statement = select(
        Interaction.contact_id,
        func.sum(case((kind == "email_sent", 1), else_=0)),
        func.sum(case((kind == "email_received", 1), else_=0)),
        func.sum(case((kind.in_(MET_KINDS), 1), else_=0)),
        func.min(Interaction.occurred_at),
        func.max(Interaction.occurred_at),
    ).group_by(Interaction.contact_id)
    if contact_ids is not None:
        wanted = list(contact_ids)
        statement = statement.where(Interaction.contact_id.in_(wanted))
    return {
        row[0]: RelationshipStats(
            sent=row[1] or 0,
            received=row[2] or 0,
            met=row[3] or 0,
            first_contact=row[4],
            last_contact=row[5],
        )
        for row in session.connection().execute(statement)
    }
