"""Events and the people met there: record an event, link contacts with a note of what was
discussed, and create a contact on the spot for someone not yet in the book.

Times are kept as naive UTC (as everywhere in the store); the event's own IANA time zone is
kept beside them so pages and the follow-up plan can show and reason in local time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from helper.db.models import Contact, Event, EventContact, Interaction
from helper.errors import NotFound, OutreachError
from helper.normalize import normalize_email
from helper.store.contacts import (
    ContactFilter,
    ContactInput,
    create_contact,
    get_contact,
    list_contacts,
)
from helper.vocabulary import EVENT_KINDS

# A meeting at a virtual event is a call, not an in-person meeting (Interaction kinds).
_MET_KIND = {"virtual": "call"}


@dataclass
class EventInput:
    """What the event form (or `events add`) says; times are local to `timezone`."""

    name: str
    kind: str
    starts_at: datetime
    timezone: str = "UTC"
    ends_at: datetime | None = None
    place: str = ""
    url: str = ""
    notes: str = ""


def zone_named(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise OutreachError(
            f"{name!r} is not a time zone name such as Europe/London", value=name
        ) from error


# Plans and calendars add days and time-zone offsets to stored times; near the ends of
# Python's calendar (years 1 and 9999) that arithmetic overflows, and no real meeting is there.
STORABLE_YEARS = range(1900, 3000)


def to_stored(moment: datetime, timezone: str) -> datetime:
    """A local (naive, in `timezone`) or aware time as the store keeps it: naive UTC."""
    if moment.year not in STORABLE_YEARS:
        raise OutreachError(
            f"{moment:%Y-%m-%d} is outside the years {STORABLE_YEARS[0]} to "
            f"{STORABLE_YEARS[-1]}; pick a date between them",
            value=str(moment),
        )
    aware = moment if moment.tzinfo else moment.replace(tzinfo=zone_named(timezone))
    return aware.astimezone(UTC).replace(tzinfo=None)


def to_local(stored: datetime, timezone: str) -> datetime:
    """A stored naive-UTC time as an aware time in `timezone`."""
    return stored.replace(tzinfo=UTC).astimezone(zone_named(timezone))


def list_events(session: Session) -> list[Event]:
    """Every event, the most recent first, with the people met there."""
    statement = (
        select(Event)
        .options(selectinload(Event.attendees).selectinload(EventContact.contact))
        .order_by(Event.starts_at.desc(), Event.id.desc())
    )
    return list(session.scalars(statement))


def get_event(session: Session, event_id: int) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound(f"there is no event with id {event_id}")
    return event


def create_event(session: Session, data: EventInput) -> Event:
    event = Event()
    _apply(event, data)
    session.add(event)
    session.flush()
    return event


def update_event(session: Session, event: Event, data: EventInput) -> Event:
    _apply(event, data)
    for link in event.attendees:
        _met_interaction(session, event, link.contact_id)
    session.flush()
    return event


def delete_event(session: Session, event: Event) -> None:
    for link in list(event.attendees):
        remove_person_met(session, event, link.contact_id)
    session.delete(event)
    session.flush()


def _apply(event: Event, data: EventInput) -> None:
    name = " ".join(data.name.split())
    if not name:
        raise OutreachError("give the event a name")
    if data.kind not in EVENT_KINDS:
        raise OutreachError(
            f"{data.kind!r} is not a kind of event; use one of {', '.join(EVENT_KINDS)}",
            value=data.kind,
        )
    starts = to_stored(data.starts_at, data.timezone)
    ends = to_stored(data.ends_at, data.timezone) if data.ends_at else None
    if ends is not None and ends <= starts:
        raise OutreachError("the event must end after it starts")
    if data.url and not data.url.lower().startswith(("https://", "http://")):
        raise OutreachError("the event link must start with https:// or http://", value=data.url)
    event.name, event.kind, event.timezone = name, data.kind, data.timezone
    event.starts_at, event.ends_at = starts, ends
    event.place, event.url, event.notes = data.place.strip(), data.url.strip(), data.notes.strip()


def add_person_met(session: Session, event: Event, contact_id: int, note: str = "") -> EventContact:
    """Link a contact to the event (or update the note when already linked)."""
    contact = get_contact(session, contact_id)
    link = _link(event, contact.id)
    if link is None:
        link = EventContact(contact=contact, note=note.strip())
        event.attendees.append(link)
    elif note.strip():
        link.note = note.strip()
    session.flush()
    _met_interaction(session, event, contact.id)
    return link


def add_new_person_met(
    session: Session, event: Event, name: str, email: str = "", note: str = ""
) -> EventContact:
    """Create a contact for someone met who is not in the book yet, and link them."""
    clean_name = " ".join(name.split())
    if not clean_name:
        raise OutreachError("give the person's name")
    emails = []
    if email.strip():
        normal = normalize_email(email)
        if normal is None:
            raise OutreachError(f"{email.strip()!r} is not a valid email address", value=email)
        emails.append(normal)
    contact = create_contact(session, ContactInput(name=clean_name, emails=emails), source="event")
    return add_person_met(session, event, contact.id, note)


def set_met_note(session: Session, event: Event, contact_id: int, note: str) -> EventContact:
    link = _link(event, contact_id)
    if link is None:
        raise NotFound(f"contact {contact_id} is not among the people met at {event.name}")
    link.note = note.strip()
    session.flush()
    return link


def remove_person_met(session: Session, event: Event, contact_id: int) -> None:
    link = _link(event, contact_id)
    if link is None:
        raise NotFound(f"contact {contact_id} is not among the people met at {event.name}")
    event.attendees.remove(link)
    session.delete(link)
    recorded = session.scalar(
        select(Interaction).where(Interaction.source_ref == _met_ref(event, contact_id))
    )
    if recorded is not None:
        session.delete(recorded)
    session.flush()


def _link(event: Event, contact_id: int) -> EventContact | None:
    return next((a for a in event.attendees if a.contact_id == contact_id), None)


def _met_ref(event: Event, contact_id: int) -> str:
    return f"event:{event.id}:contact:{contact_id}"


def _met_interaction(session: Session, event: Event, contact_id: int) -> None:
    """Meeting someone is a touch that resets their cadence: one Interaction per
    person and event, found again by its `source_ref` when the event changes."""
    ref = _met_ref(event, contact_id)
    interaction = session.scalar(select(Interaction).where(Interaction.source_ref == ref))
    if interaction is None:
        interaction = Interaction(contact_id=contact_id, source_ref=ref)
        session.add(interaction)
    interaction.kind = _MET_KIND.get(event.kind, "met")
    interaction.channel = "video_call" if event.kind == "virtual" else "in_person"
    interaction.occurred_at = event.starts_at
    interaction.summary = f"Met at {event.name}"
    session.flush()


def contacts_not_met(session: Session, event: Event, query: str, limit: int = 20) -> list[Contact]:
    """Contacts whose name, company or headline matches `query`, not yet linked to the event."""
    if not query.strip():
        return []
    linked = {a.contact_id for a in event.attendees}
    found = list_contacts(session, ContactFilter(q=query, per_page=limit + len(linked))).contacts
    return [c for c in found if c.id not in linked][:limit]
