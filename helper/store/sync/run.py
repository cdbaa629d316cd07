"""A whole sync, a conflict settled, and what the server offers.

The server is reached and its calendar and address book found before anything local is
touched, so a wrong password or a missing collection changes nothing; a failure later
raises, the caller's transaction rolls back, and the next sync finds what this one wrote
by its address (a create refused because the resource exists reads it back).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from helper.db import Store, transaction
from helper.db.models import SyncedResource
from helper.errors import OutreachError, SyncFailed
from helper.store.sync.contacts import CARDS, card_of, take_server_card, wanted_cards
from helper.store.sync.followups import EVENTS, event_of, take_server_event, wanted_events
from helper.store.sync.history import record_failure, record_report
from helper.store.sync.resources import (
    CONFLICT,
    LEFT_OFF,
    SYNCED,
    Conflict,
    Kind,
    SyncReport,
    Wanted,
    clear_conflict,
    conflict_of,
    push,
)
from helper.store.sync.server import (
    Collection,
    DavServer,
    PreconditionFailed,
    find_collection,
    server_errors,
)
from helper.store.sync.settings import SyncSettings, load_password, load_settings
from helper.vocabulary import SYNC_KEEPS


@dataclass(frozen=True)
class ServerOffer:
    """The calendars and address books the user has on the server."""

    calendars: list[Collection]
    address_books: list[Collection]


@dataclass(frozen=True)
class _KindParts:
    kind: Kind
    one: Callable[[Session, int], Wanted | None]
    take_server: Callable[[Session, int, str], None]


_KINDS = {
    EVENTS.key: _KindParts(EVENTS, event_of, take_server_event),
    CARDS.key: _KindParts(CARDS, card_of, take_server_card),
}


class RememberedOffer:
    """The server's collections as last listed, kept a few minutes: listing them signs in
    and takes about a second, and the Sync page shows them on every visit."""

    def __init__(self, keep_s: float = 300.0) -> None:
        self._keep_s = keep_s
        self._kept: tuple[tuple[str, str, str], float, ServerOffer] | None = None
        self._lock = threading.Lock()

    def get(self, settings: SyncSettings, password: str) -> ServerOffer:
        with self._lock:
            kept = self._kept
        fresh = kept is not None and time.monotonic() - kept[1] < self._keep_s
        if kept is not None and fresh and kept[0] == _server_of(settings):
            return kept[2]
        return self.remember(settings, server_offer(settings, password))

    def remember(self, settings: SyncSettings, offer: ServerOffer) -> ServerOffer:
        with self._lock:
            self._kept = (_server_of(settings), time.monotonic(), offer)
        return offer


def _server_of(settings: SyncSettings) -> tuple[str, str, str]:
    return settings.url, settings.user, settings.contacts_url


_SYNCING: dict[Path, threading.Lock] = {}
_SYNCING_GUARD = threading.Lock()


@contextmanager
def one_sync_at_a_time(data_dir: Path, *, wait: bool = True) -> Iterator[bool]:
    """Hold the book's sync turn: the page's Sync now and the service's automatic sync would
    otherwise both create the same rows. Yields False, holding nothing, when `wait` is off and
    another sync of the book is running."""
    with _SYNCING_GUARD:
        lock = _SYNCING.setdefault(data_dir.resolve(), threading.Lock())
    taken = lock.acquire(blocking=wait)
    try:
        yield taken
    finally:
        if taken:
            lock.release()


def sync_book(store: Store, on_write: Callable[[int], None] | None = None) -> SyncReport:
    """Sync a book with the server its saved settings name, once any other sync of it is
    done, and record the outcome for the Sync page (a failure is recorded, then raised): the
    command and the page's Sync now sync this way."""
    with one_sync_at_a_time(store.data_dir):
        return _sync_and_record(store, on_write)


def sync_book_unless_busy(store: Store) -> SyncReport | None:
    """As `sync_book`, or None at once when another sync of the book is running: the
    automatic sync looks again at its next tick."""
    with one_sync_at_a_time(store.data_dir, wait=False) as taken:
        return _sync_and_record(store, None) if taken else None


def _sync_and_record(store: Store, on_write: Callable[[int], None] | None) -> SyncReport:
    try:
        settings, password = load_settings(store.data_dir), load_password(store.data_dir)
        with transaction(store.sessions) as session:
            report = sync_now(session, settings, password, on_write)
    except OutreachError as error:  # the server's refusal, or a record it cannot take
        record_failure(store.data_dir, str(error))
        raise
    record_report(store.data_dir, report)
    return report


def server_offer(settings: SyncSettings, password: str) -> ServerOffer:
    """Sign in and list the collections: the connection test of setup."""
    server = DavServer(settings, password)
    with server_errors(settings):
        return ServerOffer(server.calendars(), server.address_books())


def sync_now(
    session: Session,
    settings: SyncSettings,
    password: str,
    on_write: Callable[[int], None] | None = None,
) -> SyncReport:
    """Push the open follow-ups to the calendar and the chosen contacts to the address book
    the settings name (either may be left out); `on_write` hears the count of writes so far."""
    if not settings.calendar and not settings.address_book:
        raise SyncFailed("choose a calendar, an address book or both to sync with")
    server = DavServer(settings, password, on_write)
    report = SyncReport()
    with server_errors(settings):
        calendar, book = None, None
        if settings.calendar:
            calendar = find_collection(server.calendars(), "calendar", settings.calendar)
        if settings.address_book:
            book = find_collection(server.address_books(), "address book", settings.address_book)
        if calendar is not None:
            push(session, server, EVENTS, calendar.url, wanted_events(session), report)
        if book is not None:
            push(session, server, CARDS, book.url, wanted_cards(session, settings), report)
    return report


def pending_conflicts(session: Session) -> list[Conflict]:
    """What changed on the server and waits for the user's choice, oldest first."""
    conflicts = []
    for row in _conflict_rows(session):
        item = _KINDS[row.kind].one(session, row.local_id)
        if item is not None:
            conflicts.append(conflict_of(row, item))
    return conflicts


def settle(session: Session, settings: SyncSettings, password: str, uid: str, keep: str) -> None:
    """Keep one version of a conflict: ours (written over the server's copy, only while that
    copy is the one the user saw) or the server's (taken in here; a deletion on the server
    leaves a contact off it, and drops a follow-up)."""
    if keep not in SYNC_KEEPS:
        raise SyncFailed(f"keep is {' or '.join(SYNC_KEEPS)}, not {keep!r}")
    row = session.scalar(select(SyncedResource).where(SyncedResource.uid == uid))
    if row is None or row.state != CONFLICT:
        raise SyncFailed(f"nothing changed on the server waits for a choice for {uid}")
    parts = _KINDS[row.kind]
    if keep == "local":
        _put_ours(session, settings, password, row, parts)
        return
    parts.take_server(session, row.local_id, row.server_text)
    item = parts.one(session, row.local_id)
    if item is None:  # a follow-up dropped because its event was deleted on the server
        session.delete(row)
    elif not row.server_text:
        row.state = LEFT_OFF
    else:
        row.etag, row.version, row.state = row.server_etag, item.version, SYNCED
    clear_conflict(row)
    session.flush()


def _put_ours(
    session: Session, settings: SyncSettings, password: str, row: SyncedResource, parts: _KindParts
) -> None:
    item = parts.one(session, row.local_id)
    if item is None:
        raise SyncFailed("it was deleted here since; the next sync leaves the server's copy")
    server = DavServer(settings, password)
    with server_errors(settings):
        try:
            etag = server.put(row.href, item.text, parts.kind.content_type, row.server_etag or None)
        except PreconditionFailed as error:
            raise SyncFailed(
                "it changed on the server again since this sync: sync, then look at both "
                "versions once more"
            ) from error
    row.etag, row.version, row.state = etag, item.version, SYNCED
    clear_conflict(row)
    session.flush()


def _conflict_rows(session: Session) -> list[SyncedResource]:
    return list(
        session.scalars(
            select(SyncedResource)
            .where(SyncedResource.state == CONFLICT)
            .order_by(SyncedResource.conflict_since, SyncedResource.id)
        )
    )
