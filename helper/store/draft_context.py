"""What links the user and a contact, as a draft tells it: the event they met at and what was
discussed there, the next event they will both be at, and the last time they were in touch.

Drafts and follow-ups both read it, so a message never says "we haven't met" to someone with
history and a thank-you names what was talked about.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from helper.db.models import Event, EventContact, Interaction
from helper.drafting import SharedContext
from helper.records import Touch
from helper.vocabulary import LOGGED_TOUCH_PREFIX


def naive_utc(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)


def linked_event(
    session: Session, contact_id: int, now: datetime, *, upcoming: bool
) -> Event | None:
    """The next event the contact is linked to, or the last one before `now`."""
    starts = Event.starts_at
    statement = (
        select(Event)
        .join(EventContact, EventContact.event_id == Event.id)
        .where(EventContact.contact_id == contact_id)
        .where(starts >= now if upcoming else starts < now)
        .order_by(starts if upcoming else starts.desc())
        .limit(1)
    )
    return session.scalar(statement)


def last_touch(session: Session, contact_id: int, before: datetime) -> Touch | None:
    """The latest dated interaction with the contact up to `before`."""
    row = session.execute(
        select(
            Interaction.kind, Interaction.occurred_at, Interaction.summary, Interaction.source_ref
        )
        .where(Interaction.contact_id == contact_id, Interaction.occurred_at <= before)
        .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
        .limit(1)
    ).first()
    if row is None or row.occurred_at is None:
        return None
    logged = (row.source_ref or "").startswith(LOGGED_TOUCH_PREFIX)
    return Touch(row.kind, row.occurred_at.date(), row.summary or "", logged=logged)


def _note(session: Session, event: Event, contact_id: int) -> str:
    note = session.scalar(
        select(EventContact.note).where(
            EventContact.event_id == event.id, EventContact.contact_id == contact_id
        )
    )
    return note or ""


def shared_context(
    session: Session,
    contact_id: int,
    now: datetime | None = None,
    *,
    event: Event | None = None,
) -> SharedContext:
    """The context for a draft to the contact: `event` (a follow-up's) or the last one they
    were met at, with its note, the next event, and the last touch."""
    moment = naive_utc(now)
    met = event or linked_event(session, contact_id, moment, upcoming=False)
    upcoming = None if event else linked_event(session, contact_id, moment, upcoming=True)
    return SharedContext(
        event_met_at=met.name if met else "",
        event_met_on=met.starts_at.date() if met else None,
        event_note=_note(session, met, contact_id) if met else "",
        upcoming_event=upcoming.name if upcoming else "",
        last_touch=last_touch(session, contact_id, moment),
    )
