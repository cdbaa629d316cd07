"""Every contact as the pure core sees it (`ContactSnapshot`), read in bulk: the profile, the
relationship history, and what mail and events with them were about.

At 30,000 contacts one query per contact would take seconds, so each table is read once and
grouped in Python, and the relationship history comes from one aggregate query.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Row, Select, case, func, select
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
from helper.strategy.profile_fields import is_current
from helper.vocabulary import CHANNELS

# Kinds of interaction that count as meeting: in person, by phone or by message.
MET_KINDS = ("met", "call", "message")


def load_snapshots(session: Session, ids: Iterable[int] | None = None) -> list[ContactSnapshot]:
    """All contacts (or those with the given ids: a few hundred at most), ordered by id, with
    positions, skills, emails, categories and history."""
    wanted = None if ids is None else sorted(set(ids))
    children = _children(session, wanted)
    stats = relationship_stats(session, wanted)
    topics = _topics(session, wanted)
    statement = select(
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
    rows = session.connection().execute(_among(statement, Contact.id, wanted))
    return [
        ContactSnapshot(
            id=row.id,
            profile=_profile(row, children),
            categories=[values[0] for values in children["categories"].get(row.id, ())],
            tier=row.tier or "unset",
            stats=stats.get(row.id) or RelationshipStats(),
            topics=topics.get(row.id, []),
        )
        for row in rows
    ]


def _among(statement: Select, column: Any, ids: list[int] | None) -> Select:
    return statement if ids is None else statement.where(column.in_(ids))


def _children(session: Session, ids: list[int] | None) -> dict[str, dict[int, list[tuple]]]:
    """Each child table's rows per contact, one query per table."""

    def grouped(statement: Select) -> dict[int, list[tuple]]:
        return grouped_by_contact(session, _among(statement, statement.selected_columns[0], ids))

    return {
        "positions": grouped(
            select(
                Position.contact_id,
                Position.title,
                Position.company,
                Position.start,
                Position.end,
                Position.location,
            ).order_by(Position.contact_id, Position.ordinal, Position.id),
        ),
        "skills": grouped(select(Skill.contact_id, Skill.name).order_by(Skill.id)),
        "emails": grouped(
            select(ContactEmail.contact_id, ContactEmail.email).order_by(ContactEmail.id)
        ),
        "categories": grouped(
            select(ContactCategory.contact_id, ContactCategory.key).order_by(ContactCategory.key),
        ),
    }


def _profile(row: Row, children: dict[str, dict[int, list[tuple]]]) -> ProfileRecord:
    jobs = [
        PositionRecord(*(value or "" for value in values))
        for values in children["positions"].get(row.id, ())
    ]
    # A role with no end stands for the current one when the contact row names none.
    current = next((job for job in jobs if is_current(job)), None)
    return ProfileRecord(
        name=row.name,
        headline=row.headline or "",
        current_title=row.current_title or (current.title if current else ""),
        current_company=row.current_company or (current.company if current else ""),
        location=row.location or "",
        about=row.about or "",
        linkedin_url=row.linkedin_url or "",
        emails=[values[0] for values in children["emails"].get(row.id, ())],
        positions=jobs,
        skills=[values[0] for values in children["skills"].get(row.id, ())],
    )


# What mail with one person was about: their latest subjects are enough for matching.
TOPICS_PER_CONTACT = 40
# Summaries the product wrote itself ("Met at PyCon", a follow-up's title, "LinkedIn
# message" for a draft sent without a subject) say nothing of what was discussed; the
# event's note stands for the meeting.
_WORDS_WE_WROTE = (
    Interaction.source_ref.is_(None) | ~Interaction.source_ref.startswith("followup:"),
    Interaction.source_ref.is_(None) | ~Interaction.source_ref.startswith("event:"),
    Interaction.summary.not_in([channel.label for channel in CHANNELS.terms.values()]),
)


def _topics(session: Session, ids: list[int] | None) -> dict[int, list[Topic]]:
    """Per contact, what mail and meetings with them were about, newest first (subjects and
    notes of interactions), and the notes of the events you met them at."""
    found: dict[int, list[Topic]] = {}
    interactions = session.connection().execute(
        _among(
            select(
                Interaction.contact_id,
                Interaction.summary,
                Interaction.kind,
                Interaction.occurred_at,
            )
            .where(Interaction.summary != "", *_WORDS_WE_WROTE)
            .order_by(Interaction.contact_id, Interaction.occurred_at.desc()),
            Interaction.contact_id,
            ids,
        )
    )
    for contact_id, summary, kind, when in interactions:
        listed = found.setdefault(contact_id, [])
        if len(listed) < TOPICS_PER_CONTACT:
            listed.append(Topic(summary, kind, when))
    notes = session.connection().execute(
        _among(
            select(EventContact.contact_id, EventContact.note, Event.name, Event.starts_at)
            .join(Event, Event.id == EventContact.event_id)
            .where(EventContact.note != ""),
            EventContact.contact_id,
            ids,
        )
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
