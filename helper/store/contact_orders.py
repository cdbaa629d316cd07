"""The contact list's orders in time: by last contact, and by when the next touch is due.

Both need every contact's latest interaction, and at 30,000 contacts reading those takes
longer than the rest of the page together. So each order is worked out for every contact at
once and kept, until the change counter moves (every write to contacts or their history moves
it), the cadence settings change, or the hour turns (a contact never in touch is due "now").
The web service keeps one `ContactOrders` for all its requests; the list then only filters
and slices a kept order.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, func, select
from sqlalchemy.orm import Session

from helper.db import change_count
from helper.db.models import Contact, Interaction
from helper.strategy.cadence import CadenceSettings, next_due

# The orders kept here, by their key in `CONTACT_SORTS`.
TIME_SORTS = ("last_contact", "next_due")


@dataclass(frozen=True)
class _Kept:
    key: tuple[Any, ...]
    orders: dict[str, list[int]]


class ContactOrders:
    """Every contact's id in each time order, worked out once per version of the store."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: _Kept | None = None

    def ordered_ids(
        self, session: Session, sort: str, settings: CadenceSettings, now: datetime
    ) -> list[int]:
        """All contact ids in the order `sort` names (one of `TIME_SORTS`); `now` is naive
        UTC, as the store's times are."""
        hour = now.replace(minute=0, second=0, microsecond=0)
        key = (change_count(session), tuple(sorted(settings.tier_days.items())), hour)
        with self._lock:
            if self._kept is None or self._kept.key != key:
                self._kept = _Kept(key, _orders(session, settings, hour))
            return self._kept.orders[sort]


def _orders(session: Session, settings: CadenceSettings, now: datetime) -> dict[str, list[int]]:
    """Both orders from three plain queries; the sorts are stable over the name order, so
    names break every tie."""
    connection = session.connection()
    latest = select(Interaction.contact_id, func.max(Interaction.occurred_at)).group_by(
        Interaction.contact_id
    )
    last = {cid: _moment(when) for cid, when in _plain_rows(connection, latest) if when}
    # The name order from the name index alone, and the tiers in table order: together twice
    # as quick as reading the tiers in name order.
    by_name = _plain_rows(connection, select(Contact.id).order_by(Contact.name, Contact.id))
    tiers = dict(_plain_rows(connection, select(Contact.id, Contact.tier)))
    people = [(cid, tiers[cid]) for (cid,) in by_name if cid in tiers]
    touched = sorted((cid for cid, _ in people if cid in last), key=last.__getitem__, reverse=True)
    never = [cid for cid, _ in people if cid not in last]
    # Never in touch is due now; tiers without a cadence come after everyone with one.
    due_at = {
        cid: next_due(last.get(cid), tier, settings) or now
        for cid, tier in people
        if tier in settings.tier_days
    }
    no_cadence = [cid for cid, tier in people if tier not in settings.tier_days]
    return {
        "last_contact": touched + never,
        "next_due": sorted(due_at, key=due_at.__getitem__) + no_cadence,
    }


def _plain_rows(connection: Connection, statement: Select) -> list[tuple[Any, ...]]:
    """A statement without parameters, its rows as the driver gives them: at 30,000 contacts
    SQLAlchemy's rows and type conversions cost twice what the queries do."""
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(statement.compile(dialect=connection.dialect)))
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _moment(value: datetime | str) -> datetime:
    """A stored time: SQLite gives its ISO 8601 text, other databases a datetime."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)
