"""Counting the writes goal matching depends on, and which contacts each touched, so that a
cached index knows when it is stale and what to re-read.

ORM writes are counted by an `after_flush` hook on every session the store makes, with the
contacts the flushed rows belong to; the bulk paths that write with Core statements (imports,
their undo, a JSON restore) call `count_change` themselves, with the contacts when they know
them. A write that does not say which contacts it touched is logged with none (NULL): the
index is then built anew."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, insert, inspect, select, update
from sqlalchemy.orm import Session

from helper.db.models import (
    ChangeCounter,
    Contact,
    ContactCategory,
    ContactChange,
    ContactEmail,
    ContactPhone,
    EducationEntry,
    Event,
    EventContact,
    Interaction,
    Position,
    Skill,
)

WATCHED = (
    Contact,
    ContactEmail,
    ContactPhone,
    Position,
    EducationEntry,
    Skill,
    ContactCategory,
    Interaction,
    Event,
    EventContact,
)
# Changes whose contacts are kept; an index older than that is built anew.
KEPT_CHANGES = 2_000
# Past this many contacts one write is logged as touching any: the index is built anew.
MOST_LOGGED = 1_000
_COUNTER = ChangeCounter.__table__
_LOG = ContactChange.__table__


def count_change(session: Session, contact_ids: Iterable[int | None] | None = None) -> None:
    """Move the counter on and log the contacts the write touched (`None`, or a None among
    them: it does not say), in the session's transaction (on its connection, so that no flush
    is set off from inside one)."""
    connection = session.connection()
    # The row exists in every store (revision 0012); updating it holds it until the commit,
    # so concurrent writers take their numbers one after another.
    connection.execute(update(_COUNTER).values(contacts=_COUNTER.c.contacts + 1))
    change = connection.scalar(select(_COUNTER.c.contacts))
    ids = set(contact_ids) if contact_ids is not None else {None}
    logged = [None] if None in ids or len(ids) > MOST_LOGGED else sorted(ids)
    connection.execute(insert(_LOG), [{"change": change, "contact_id": cid} for cid in logged])
    if change % 100 == 0:
        connection.execute(delete(_LOG).where(_LOG.c.change <= change - KEPT_CHANGES))


def change_count(session: Session) -> int:
    return session.connection().scalar(select(_COUNTER.c.contacts)) or 0


def changes_since(session: Session, change: int) -> dict[int, set[int | None]]:
    """Per counted write after `change`, the contacts it touched (None: any)."""
    rows = session.connection().execute(
        select(_LOG.c.change, _LOG.c.contact_id).where(_LOG.c.change > change)
    )
    found: dict[int, set[int | None]] = {}
    for number, contact_id in rows:
        found.setdefault(number, set()).add(contact_id)
    return found


def count_watched_writes(session: Session, _context: Any) -> None:
    """`after_flush`: count the flush if it wrote anything matching reads, with the contacts
    it touched (the flushed rows' ids and owners are known by now)."""
    touched: set[int | None] = set()
    for instance in (*session.new, *session.dirty, *session.deleted):
        if isinstance(instance, WATCHED):
            touched |= _contacts_of(session, instance)
    if touched:
        count_change(session, touched)


def _contacts_of(session: Session, instance: Any) -> set[int | None]:
    """The contacts a written row belongs to, before and after the write; None when its
    owner is not loaded."""
    state = inspect(instance)
    if isinstance(instance, Contact):
        return {state.dict.get("id")}
    found: set[int | None] = set()
    if isinstance(instance, Event):
        event_id = state.dict.get("id")
        if event_id is not None:
            attending = select(EventContact.contact_id).where(EventContact.event_id == event_id)
            found.update(session.connection().scalars(attending))
        removed = state.attrs.attendees.history.deleted or ()
        found.update(inspect(row).dict.get("contact_id") for row in removed)
        return found
    found.add(state.dict.get("contact_id"))
    found.update(cid for cid in state.attrs.contact_id.history.deleted or () if cid is not None)
    owner = state.attrs.contact.history
    for contact in (*(owner.added or ()), *(owner.deleted or ())):
        if contact is not None:
            found.add(inspect(contact).dict.get("id"))
    return found
