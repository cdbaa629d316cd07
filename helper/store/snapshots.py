"""Every contact as the pure core sees it (`ContactSnapshot`), read in bulk, and the matching
index over them, rebuilt only when the contacts change.

At 30,000 contacts one query per contact would take seconds, so each table is read once and
grouped in Python, and the relationship history comes from one aggregate query. Building the
index also costs seconds at that size, so `MatchCache` keeps it until a cheap version key —
counts and newest ids of the tables it reads — says something changed.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from helper.db.models import Contact, ContactCategory, ContactEmail, Interaction, Position, Skill
from helper.records import ContactSnapshot, GoalSpec, MeProfile, ProfileRecord, RelationshipStats
from helper.records import Position as PositionRecord
from helper.store.contact_records import grouped_by_contact
from helper.store.convert import profile_record
from helper.strategy import (
    CadenceSettings,
    ContactIndex,
    DueItem,
    Gap,
    Suggestion,
    build_index,
    category_gaps,
    due_list,
    rank_contacts,
    wanted_categories,
)
from helper.vocabulary import CATEGORIES

# Rankings kept per contact version; a handful of goals times a few limits and hours.
MAX_KEPT_RANKINGS = 256
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
            )
        )
    return snapshots


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


def data_version(session: Session) -> tuple[Any, ...]:
    """A key that changes whenever anything the snapshots hold changes, in one query: the
    latest contact edit, and the count and newest id of each table read (children are
    replaced, not edited, so a new id marks a change). A bare `count(*)` is answered from the
    table's smallest index; the contacts' `max(updated_at)` is the one full scan."""
    probes = [select(func.max(Contact.updated_at))]
    for table in (Contact, Interaction, Position, Skill, ContactEmail, ContactCategory):
        probes.append(select(func.count()).select_from(table))
        probes.append(select(func.max(table.id)))
    statement = select(*(probe.scalar_subquery() for probe in probes))
    return tuple(session.connection().execute(statement).one())


@dataclass(frozen=True)
class MatchData:
    """The contacts and their index as of one version of the store."""

    version: tuple[Any, ...]
    contacts: list[ContactSnapshot]
    index: ContactIndex
    all_gaps: list[Gap]
    """Every category with fewer than three contacts, as `category_gaps` counts them."""

    _rankings: dict[tuple[Any, ...], list[Suggestion]] = field(default_factory=dict, repr=False)
    _due: dict[tuple[Any, ...], list[DueItem]] = field(default_factory=dict, repr=False)

    def due(self, now: datetime, settings: CadenceSettings) -> list[DueItem]:
        """`due_list` for this version of the contacts, kept per hour and cadence settings."""
        key = (now, tuple(sorted(settings.tier_days.items())), settings.overdue_factor)
        found = self._due.get(key)
        if found is None:
            # One entry: the hour moves on and old answers are never asked for again.
            found = due_list(self.contacts, now, settings)
            self._due.clear()
            self._due[key] = found
        return found

    def ranking(
        self, goal: GoalSpec, me: MeProfile, now: datetime, limit: int | None
    ) -> list[Suggestion]:
        """`rank_contacts` for this version of the contacts, kept for the next request with
        the same goal, profile, hour and limit (a redirect after each shortlist, say)."""
        key = (repr(goal), repr(me), now, limit)
        found = self._rankings.get(key)
        if found is None:
            if len(self._rankings) >= MAX_KEPT_RANKINGS:
                self._rankings.clear()
            found = rank_contacts(goal, self.contacts, me, now=now, index=self.index, limit=limit)
            self._rankings[key] = found
        return found

    def gaps(self, goal: GoalSpec) -> list[Gap]:
        """The goal's category gaps, emptiest first, from the gaps of every category counted
        once when the data was built (counting walks every contact)."""
        wanted = wanted_categories(goal)
        return sorted(
            (gap for gap in self.all_gaps if gap.category in wanted),
            key=lambda gap: (gap.count, wanted.index(gap.category)),
        )


class MatchCache:
    """The newest `MatchData`, shared by every request of one app; rebuilt at most once per
    change even when several requests ask at the same moment."""

    def __init__(self) -> None:
        self._data: MatchData | None = None
        self._lock = threading.Lock()
        self.builds = 0

    def get(self, session: Session) -> MatchData:
        version = data_version(session)
        data = self._data
        if data is not None and data.version == version:
            return data
        with self._lock:
            data = self._data
            if data is None or data.version != version:
                data = self._build(session, version)
                self._data = data
        return data

    def _build(self, session: Session, version: tuple[Any, ...]) -> MatchData:
        contacts = load_snapshots(session)
        self.builds += 1
        every_category = GoalSpec(id=0, title="", purpose="", categories=list(CATEGORIES))
        return MatchData(
            version=version,
            contacts=contacts,
            index=build_index(contacts),
            all_gaps=category_gaps(every_category, contacts),
        )
