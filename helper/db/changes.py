"""Counting the writes goal matching depends on, and which contacts each touched, so that a
cached index knows when it is stale and what to re-read.

Each writing transaction takes one number from the counter. ORM writes are counted by hooks on
every session the store makes: `before_flush` takes the number, `after_flush` logs the contacts
the flushed rows belong to. The bulk paths that write with Core statements (imports, their undo,
a JSON restore) call `count_change` themselves, with the contacts when they know them. A write
that does not say which contacts it touched is logged with none (NULL): the index is then built
anew."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import case, delete, func, insert, inspect, select, update
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
# Past this many contacts one write is logged as touching any: the index is built anew, as it
# is past as many changed contacts in all (the match cache's limit is this one).
MOST_LOGGED = 2_000
_COUNTER = ChangeCounter.__table__
_LOG = ContactChange.__table__
# Where a session keeps the number of its open transaction's writes.
_CHANGE_KEY = "change_number"


def count_change(session: Session, contact_ids: Iterable[int | None] | None = None) -> None:
    """Log the contacts a write touched (`None`, or a None among them: it does not say) under
    the number of the session's transaction, on its connection (so that no flush is set off
    from inside one)."""
    change = transaction_change(session)
    ids = set(contact_ids) if contact_ids is not None else {None}
    logged = [None] if None in ids or len(ids) > MOST_LOGGED else sorted(ids)
    session.connection().execute(
        insert(_LOG), [{"change": change, "contact_id": cid} for cid in logged]
    )


def transaction_change(session: Session) -> int:
    """The number the transaction's writes are logged under: the counter moved on once, at the
    first counted write (a writer with Core statements calls this before its first one). The
    counter's row, made in every store by revision 0012, then stays locked until the commit, so
    writers take their numbers one after another; taking it before the write's own rows means
    two writers queue on the counter rather than deadlock on each other's rows."""
    change = session.info.get(_CHANGE_KEY)
    if change is None:
        connection = session.connection()
        connection.execute(update(_COUNTER).values(contacts=_COUNTER.c.contacts + 1))
        change = connection.scalar(select(_COUNTER.c.contacts))
        session.info[_CHANGE_KEY] = change
        if change % 100 == 0:
            connection.execute(delete(_LOG).where(_LOG.c.change <= change - KEPT_CHANGES))
    return change


def take_change_before_flush(session: Session, _context: Any, _instances: Any) -> None:
    """`before_flush`: a flush about to write what matching reads takes the transaction's
    number first (see `transaction_change`)."""
    if any(isinstance(row, WATCHED) for row in (*session.new, *session.dirty, *session.deleted)):
        transaction_change(session)


def forget_change(session: Session, transaction: Any) -> None:
    """`after_transaction_end`: the next transaction takes a number of its own."""
    if transaction.parent is None:
        session.info.pop(_CHANGE_KEY, None)


def count_store_replaced(session: Session, previous: int) -> None:
    """After the store's file was put back from a copy, whose counter and log are the copy's:
    the counter moves past `previous` (what it was before) with a write naming no contacts, so
    nothing kept for the replaced content is taken for this one, even once later writes bring
    the counter back to numbers seen before."""
    behind = _COUNTER.c.contacts < previous
    session.connection().execute(
        update(_COUNTER).values(contacts=case((behind, previous), else_=_COUNTER.c.contacts))
    )
    count_change(session)


def change_count(session: Session) -> int:
    return session.connection().scalar(select(_COUNTER.c.contacts)) or 0


def changes_since(session: Session, change: int, until: int) -> dict[int, set[int | None]]:
    """Per counted write after `change` up to `until`, the contacts it touched (None: any);
    empty when the log no longer reaches back to the write after `change`."""
    connection = session.connection()
    oldest = connection.scalar(select(func.min(_LOG.c.change)))
    if oldest is None or oldest > change + 1:
        return {}
    rows = connection.execute(
        select(_LOG.c.change, _LOG.c.contact_id).where(
            _LOG.c.change > change, _LOG.c.change <= until
        )
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
