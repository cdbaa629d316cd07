"""The Possible duplicates search kept between requests, one per database engine: when the
store changed (an import, an edit, a merge) only the contacts whose name, employer, URL,
emails or open roles changed are compared again, and the pairs of the others are kept."""

from __future__ import annotations

import functools
import threading
import weakref
from collections import defaultdict
from collections.abc import Hashable, Sequence
from typing import Any

from sqlalchemy import ClauseElement, Engine, func, select
from sqlalchemy.orm import Session

from helper.db import change_count
from helper.db.models import Contact, ContactEmail, NotSamePerson, Position
from helper.people import DuplicateIndex, DuplicatePair, IdentityKeys
from helper.store.gc_pause import cyclic_gc_paused

# What identity compares of one contact: name, company, URL, emails, (company, start, end)
# of each role in order.
Identity = tuple[str, str, str, tuple[str, ...], tuple[tuple[str, str, str], ...]]


def not_same_pairs(session: Session) -> set[frozenset[int]]:
    rows = session.execute(select(NotSamePerson.first_id, NotSamePerson.second_id))
    return {frozenset(row) for row in rows}


def identities(session: Session) -> dict[int, Identity]:
    """Only what identity compares, read as plain rows: loading every contact as ORM objects
    took 50 s at 30,000 contacts."""
    read = functools.partial(_rows, session)
    emails: defaultdict[int, list[str]] = defaultdict(list)
    for contact_id, email in read(select(ContactEmail.contact_id, ContactEmail.email)):
        emails[contact_id].append(email)
    roles: defaultdict[int, list[tuple[str, str, str]]] = defaultdict(list)
    ordered = select(Position.contact_id, Position.company, Position.start, Position.end)
    ordered = ordered.order_by(Position.contact_id, Position.ordinal)
    for contact_id, company, start, end in read(ordered):
        roles[contact_id].append((company, start, end))
    people = select(Contact.id, Contact.name, Contact.current_company, Contact.linkedin_url)
    return {
        contact_id: (
            name,
            company,
            url or "",
            tuple(sorted(emails[contact_id])) if contact_id in emails else (),
            tuple(roles[contact_id]) if contact_id in roles else (),
        )
        for contact_id, name, company, url in read(people)
    }


def _rows(session: Session, statement: ClauseElement) -> Sequence[Any]:
    """The statement's rows as the database driver returns them, in the session's transaction:
    SQLAlchemy's result rows were two thirds of reading a store's 135,000 rows. (Only for
    columns without a type that converts what the driver returns.)"""
    connection = session.connection()
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(statement.compile(dialect=connection.dialect)))
        return cursor.fetchall()
    finally:
        cursor.close()


def identity_keys(identity: Identity) -> IdentityKeys:
    """What identity compares of one contact as read, as `IdentityKeys.of` its record."""
    name, company, url, emails, roles = identity
    # As `profile_record` does: without a stated company, the first role's company counts.
    current = [company or (roles[0][0] if roles else "")]
    current += [role_company for role_company, start, end in roles if start and not end]
    return IdentityKeys.of_parts(name, current, url, emails)


class DuplicateCache:
    """The index of one store, with the identities it was built from and the store's state
    then (its change counter, contact count, newest id and newest edit)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # the server answers requests on several threads
        self._state: Hashable = None
        self._identities: dict[int, Identity] = {}
        self._index = DuplicateIndex()

    def pairs(self, session: Session) -> list[DuplicatePair]:
        """The pairs as the session's snapshot of the store has them."""
        state = _state(session)
        # The index's hundreds of thousands of small objects would be walked by every
        # collection the search's allocations set off: see `gc_pause`.
        with self._lock, cyclic_gc_paused():
            if state != self._state:
                self._refresh(identities(session))
                self._state = state
            return self._index.pairs(not_same_pairs(session))

    def _refresh(self, current: dict[int, Identity]) -> None:
        kept = self._identities
        changed = {i: identity_keys(v) for i, v in current.items() if kept.get(i) != v}
        self._index.update(changed, kept.keys() - current.keys())
        self._identities = current


def _state(session: Session) -> Hashable:
    """Moves with every write to what identity reads; the counts also catch a store file
    put back from a backup, whose counter may repeat one seen before."""
    count, newest, edited = session.execute(
        select(func.count(Contact.id), func.max(Contact.id), func.max(Contact.updated_at))
    ).one()
    return change_count(session), count, newest, edited


_caches: weakref.WeakKeyDictionary[Engine, DuplicateCache] = weakref.WeakKeyDictionary()
_caches_lock = threading.Lock()


def cache_for(session: Session) -> DuplicateCache:
    """The cache of the session's database, made on first use and gone with its engine."""
    engine = session.get_bind()
    with _caches_lock:
        return _caches.setdefault(engine, DuplicateCache())
