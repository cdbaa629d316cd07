"""Counting the writes goal matching depends on, so a cached index knows when it is stale.

ORM writes are counted by a `before_flush` hook on every session the store makes; the bulk
paths that write with Core statements (imports, their undo, a JSON restore) call
`count_change` themselves."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from helper.db.models import (
    ChangeCounter,
    Contact,
    ContactCategory,
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
_COUNTER = ChangeCounter.__table__


def count_change(session: Session) -> None:
    """Move the counter on, in the session's transaction (on its connection, so that no
    flush is set off from inside one)."""
    connection = session.connection()
    moved = connection.execute(update(_COUNTER).values(contacts=_COUNTER.c.contacts + 1))
    if not moved.rowcount:
        connection.execute(insert(_COUNTER).values(id=1, contacts=1))


def change_count(session: Session) -> int:
    return session.connection().scalar(select(_COUNTER.c.contacts)) or 0


def count_watched_writes(session: Session, _context: Any, _instances: Any) -> None:
    """`before_flush`: count the flush if it writes anything matching reads."""
    pending = (*session.new, *session.dirty, *session.deleted)
    if any(isinstance(instance, WATCHED) for instance in pending):
        count_change(session)
