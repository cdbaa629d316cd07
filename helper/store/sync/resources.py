"""One kind of resource (follow-ups as events, contacts as cards) brought in step with its
collection on the server, without ever overwriting an edit made there unseen.

Each pushed resource has a `SyncedResource` row: its address, the server's ETag right after
our write, and the version of ours written. A sync reads the collection's ETags once; then
- a resource of ours with no row is created with `If-None-Match: *`;
- one whose server ETag is still ours is rewritten (`If-Match`) only if our version moved;
- one whose ETag moved was edited on the server (the phone): it is read back, and unless it
  says what ours says, it becomes a conflict, holding the server's text until the user picks
  a version (`run.settle`); a resource deleted on the server is a conflict too;
- one no longer wanted (a follow-up done, a contact deleted) is deleted with `If-Match`; if it
  was edited on the server it is left there, and no longer ours; so are the copies in a
  calendar or address book the user no longer syncs with.
A write refused with 412 means the server changed between our read and our write: that
resource is read back like any other edited one. Resources that are not ours (no row, and not
at an address of ours) are never read, written or deleted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.orm import Session

from helper.db.models import SyncedResource, utcnow
from helper.store.sync.server import DavServer, Multiget, PreconditionFailed, resource_key

SYNCED, CONFLICT, LEFT_OFF = "synced", "conflict", "left_off"
_FOLDED = re.compile(r"\r?\n[ \t]")
# Lines that differ between two writes of the same content: when it was written, by what.
_INCIDENTAL = re.compile(r"^(DTSTAMP|PRODID|REV|LAST-MODIFIED)[;:]", re.IGNORECASE)


@dataclass(frozen=True)
class Wanted:
    """A resource this store puts on the server: whose it is (`local_id`), its UID, its text,
    the version that says our side changed, and a name to show the user."""

    local_id: int
    uid: str
    text: str
    version: str
    name: str


@dataclass(frozen=True)
class Kind:
    """What differs between follow-ups and contacts on the server."""

    key: str
    content_type: str
    extension: str
    multiget: Multiget


@dataclass(frozen=True)
class Conflict:
    """Something changed on the server since we wrote it, and different from ours: both
    versions, for the user to pick one. `server_text` is empty when it was deleted there."""

    kind: str
    local_id: int
    uid: str
    name: str
    local_text: str
    server_text: str

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "id": self.local_id,
            "uid": self.uid,
            "name": self.name,
            "deleted_on_server": not self.server_text,
            "here": self.local_text,
            "server": self.server_text,
        }


@dataclass
class SyncReport:
    """The UIDs a sync created, updated, removed and left as they were, and the conflicts."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def summary(self) -> str:
        text = (
            f"Synced: {len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.removed)} removed, {len(self.unchanged)} unchanged."
        )
        if self.conflicts:
            count = len(self.conflicts)
            text += f" {count} {'was' if count == 1 else 'were'} changed on the server meanwhile."
        return text

    def as_json(self) -> dict[str, list]:
        return {
            "created": self.created,
            "updated": self.updated,
            "removed": self.removed,
            "conflicts": [conflict.as_json() for conflict in self.conflicts],
        }


def push(
    session: Session,
    server: DavServer,
    kind: Kind,
    collection: str,
    wanted: Sequence[Wanted],
    report: SyncReport,
) -> None:
    """Bring `collection` in step with `wanted`, recording what was done in `report`."""
    rows = {}
    inside = resource_key(collection).rstrip("/") + "/"
    for row in _rows_of(session, kind.key):
        if resource_key(row.href).startswith(inside):
            rows[row.local_id] = row
        else:  # written to another calendar or address book, since unchosen: not ours now
            session.delete(row)
    session.flush()  # before a new row takes a forgotten one's place
    on_server = server.etags(collection)
    pairs: list[tuple[SyncedResource, Wanted]] = []
    to_read: list[tuple[SyncedResource, Wanted]] = []
    for item in wanted:
        row = rows.pop(item.local_id, None)
        if row is None:
            row = SyncedResource(
                kind=kind.key,
                local_id=item.local_id,
                uid=item.uid,
                href=resource_url(collection, item.uid, kind),
                etag="",
                version="",
                state=SYNCED,
                server_etag="",
                server_text="",
            )
            session.add(row)
        pairs.append((row, item))
        if _write_or_defer(server, kind, row, item, on_server.get(resource_key(row.href)), report):
            to_read.append((row, item))
    _read_back(server, kind, collection, to_read)
    for row in rows.values():
        _remove(session, server, row, on_server.get(resource_key(row.href)), report)
    session.flush()
    report.conflicts += [conflict_of(row, item) for row, item in pairs if row.state == CONFLICT]


def _rows_of(session: Session, kind: str) -> list[SyncedResource]:
    return list(
        session.scalars(
            select(SyncedResource).where(SyncedResource.kind == kind).order_by(SyncedResource.id)
        )
    )


def resource_url(collection: str, uid: str, kind: Kind) -> str:
    """Where a new resource goes: its UID as the file name, `/` and `@` percent-encoded."""
    return collection.rstrip("/") + "/" + quote(uid, safe="") + kind.extension


def conflict_of(row: SyncedResource, item: Wanted) -> Conflict:
    return Conflict(row.kind, row.local_id, row.uid, item.name, item.text, row.server_text)


def _write_or_defer(
    server: DavServer,
    kind: Kind,
    row: SyncedResource,
    item: Wanted,
    server_etag: str | None,
    report: SyncReport,
) -> bool:
    """Write what can be written unseen; True when the server's copy must be read first."""
    if row.state == LEFT_OFF:
        return False
    if row.state == CONFLICT:
        # Still waiting for the user, unless the server changed again (or came back).
        return server_etag != (row.server_etag or None)
    if row.etag == "":  # never written, or its first write was lost
        return _create(server, kind, row, item, report)
    if server_etag is None:
        _mark_conflict(row, "", "")  # deleted on the server
        return False
    if server_etag != row.etag:
        return True
    if row.version == item.version:
        report.unchanged.append(item.uid)
        return False
    try:
        row.etag = server.put(row.href, item.text, kind.content_type, row.etag)
    except PreconditionFailed:
        return True
    row.version = item.version
    report.updated.append(item.uid)
    return False


def _create(
    server: DavServer, kind: Kind, row: SyncedResource, item: Wanted, report: SyncReport
) -> bool:
    try:
        row.etag = server.put(row.href, item.text, kind.content_type, None)
    except PreconditionFailed:
        return True  # already there: pushed by a sync whose record was lost
    row.version, row.state = item.version, SYNCED
    report.created.append(item.uid)
    return False


def _read_back(
    server: DavServer, kind: Kind, collection: str, pairs: list[tuple[SyncedResource, Wanted]]
) -> None:
    """Read the server's copies edited since our write: the same as ours is in step again,
    anything else a conflict for the user."""
    found = server.multiget(collection, kind.multiget, [row.href for row, _item in pairs])
    for row, item in pairs:
        etag, text = found.get(resource_key(row.href), ("", ""))
        if text and same_content(text, item.text):
            row.etag, row.version, row.state = etag, item.version, SYNCED
            clear_conflict(row)
        else:
            _mark_conflict(row, etag, text)


def _remove(
    session: Session,
    server: DavServer,
    row: SyncedResource,
    server_etag: str | None,
    report: SyncReport,
) -> None:
    """A resource of ours no longer wanted: deleted where the server still has our write;
    one edited there stays, the user's now."""
    if server_etag is not None and server_etag == row.etag and row.state == SYNCED:
        try:
            server.delete(row.href, row.etag)
            report.removed.append(row.uid)
        except PreconditionFailed:
            pass
    session.delete(row)


def _mark_conflict(row: SyncedResource, etag: str, text: str) -> None:
    row.state, row.server_etag, row.server_text = CONFLICT, etag, text
    row.conflict_since = utcnow()


def clear_conflict(row: SyncedResource) -> None:
    row.server_etag, row.server_text, row.conflict_since = "", "", None


def same_content(first: str, second: str) -> bool:
    """Whether two resources say the same, ignoring line folding, line ends, the order of
    properties (servers such as Radicale write them sorted) and the lines a writer stamps on
    each write."""
    return _meaningful(first) == _meaningful(second)


def _meaningful(text: str) -> list[str]:
    unfolded = _FOLDED.sub("", text.replace("\r\n", "\n"))
    return sorted(line for line in unfolded.split("\n") if line and not _INCIDENTAL.match(line))
