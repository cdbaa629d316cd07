"""The matching index over every contact, kept in memory and on disk and brought up to date
contact by contact.

At 30,000 contacts, reading them and building the index takes seconds, more than a whole
`match` command may. So the index is built once and kept: in memory for the web service, and
in `<data folder>/cache/match-index.pickle` for the next process. A cheap version key — the
store's change counter, the newest contact edit, and the count and newest id of every table the
index reads — says whether what is kept still describes the store. When it does not, the change
log (`helper.db.changes`) says which contacts the writes since touched, and only those are
re-read and re-indexed (`update_index`); the index is built anew when the log cannot say (a
bulk write, a gap in the log, a write the counter missed) or names too many contacts.

The file holds plain tuples, strings, numbers and arrays, and is read with an unpickler that
accepts nothing else, so a file that is not ours cannot run code; one that is damaged or from
another version is rebuilt.
"""

from __future__ import annotations

import hashlib
import inspect
import logging
import os
import pickle
import tempfile
import threading
from bisect import insort
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from helper.db.changes import MOST_LOGGED, changes_since
from helper.db.models import (
    ChangeCounter,
    Contact,
    ContactCategory,
    ContactEmail,
    EventContact,
    Interaction,
    Position,
    Skill,
)
from helper.private_files import private_folder
from helper.records import ContactSnapshot, GoalSpec, MeProfile
from helper.store.gc_pause import cyclic_gc_paused
from helper.store.snapshots import load_snapshots
from helper.strategy.cadence import CadenceSettings, DueItem, due_list
from helper.strategy.matching import ContactIndex, Ranking, build_index, rank_contacts, update_index
from helper.strategy.progress import Gap, gaps_of_counts, wanted_categories
from helper.vocabulary import CATEGORIES

log = logging.getLogger(__name__)

# Rankings kept per contact version; a handful of goals times a few limits and hours.
MAX_KEPT_RANKINGS = 256
# Bumped whenever what the index holds changes shape, so that an old file is rebuilt.
INDEX_FORMAT = 3
# Past this many changed contacts (or this share of them all), building anew is as quick; a
# single write naming more is logged as touching any.
MOST_UPDATED = MOST_LOGGED
MOST_UPDATED_SHARE = 0.1
INDEX_FILE = Path("cache") / "match-index.pickle"
# What the index file may hold: these classes, and the builtins pickle writes as such.
_ALLOWED = {
    ("array", "array"),
    ("array", "_array_reconstructor"),
    ("datetime", "datetime"),
    ("datetime", "timezone"),
    ("datetime", "timedelta"),
    ("builtins", "set"),
    ("builtins", "frozenset"),
    ("helper.strategy.match_index", "ContactIndex"),
    ("helper.strategy.match_weights", "MatchWeights"),
    ("helper.strategy.text_terms", "Bm25Settings"),
    ("helper.strategy.relevance", "RelevanceIndex"),
    ("helper.strategy.relevance", "_Posting"),
    ("helper.strategy.profile_fields", "CompanyTable"),
}


def data_version(session: Session) -> tuple[Any, ...]:
    """A key that changes whenever anything the index holds changes, in one query: the
    store's change counter (every write to contacts, their rows, history and events moves
    it), with the latest contact edit and each table's count and newest id, which also tell
    apart a store restored from a backup. A bare `count(*)` is answered from the table's
    smallest index; the contacts' `max(updated_at)` is the one full scan."""
    probes = [select(ChangeCounter.contacts), select(func.max(Contact.updated_at))]
    for table in (Contact, Interaction, Position, Skill, ContactEmail, ContactCategory):
        probes.append(select(func.count()).select_from(table))
        probes.append(select(func.max(table.id)))
    probes.append(select(func.count()).select_from(EventContact))
    statement = select(*(probe.scalar_subquery() for probe in probes))
    return tuple(session.connection().execute(statement).one())


@cache
def code_version() -> str:
    """A digest of the code that builds and ranks the index: an index built by other rules
    (weights, tokens, titles) must not be read back after an upgrade."""
    digest = hashlib.sha256()
    strategy_folder = Path(inspect.getfile(build_index)).parent
    sources = sorted(strategy_folder.glob("*.py"))
    for source in (*sources, Path(inspect.getfile(load_snapshots)), Path(__file__)):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class MatchData:
    """The contacts' index as of one version of the store, with the answers given from it."""

    version: tuple[Any, ...]
    index: ContactIndex
    _rankings: dict[tuple[Any, ...], Ranking] = field(default_factory=dict, repr=False)
    _due: dict[tuple[Any, ...], list[DueItem]] = field(default_factory=dict, repr=False)
    _gaps: list[Gap] | None = field(default=None, repr=False)
    _contacts: list[ContactSnapshot] | None = field(default=None, repr=False)

    def _snapshots(self) -> list[ContactSnapshot]:
        if self._contacts is None:
            self._contacts = self.index.snapshots()
        return self._contacts

    def due(self, now: datetime, settings: CadenceSettings) -> list[DueItem]:
        """`due_list` for this version of the contacts, kept per hour and cadence settings."""
        key = (now, tuple(sorted(settings.tier_days.items())), settings.overdue_factor)
        found = self._due.get(key)
        if found is None:
            # One entry: the hour moves on and old answers are never asked for again.
            found = due_list(self._snapshots(), now, settings)
            self._due = {key: found}
        return found

    def ranking(self, goal: GoalSpec, me: MeProfile, now: datetime, limit: int | None) -> Ranking:
        """`rank_contacts` for this version of the contacts, kept for the next request with
        the same goal, profile, hour and limit."""
        key = (repr(goal), repr(me), now, limit)
        found = self._rankings.get(key)
        if found is None:
            if len(self._rankings) >= MAX_KEPT_RANKINGS:
                self._rankings.clear()
            # Settled: the ranking's working state is dropped, and with it most of its memory.
            found = rank_contacts(goal, self.index, me, now=now, limit=limit).settled()
            self._rankings[key] = found
        return found

    def gaps(self, goal: GoalSpec) -> list[Gap]:
        """The goal's category gaps, emptiest first, from every category's gaps counted once
        for this version."""
        if self._gaps is None:
            every_category = GoalSpec(id=0, title="", purpose="", categories=list(CATEGORIES))
            self._gaps = gaps_of_counts(every_category, self.index.category_counts())
        wanted = wanted_categories(goal)
        return sorted(
            (gap for gap in self._gaps if gap.category in wanted),
            key=lambda gap: (gap.count, wanted.index(gap.category)),
        )


class _IndexUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a match index")
        return super().find_class(module, name)


class MatchCache:
    """The newest `MatchData`, shared by every request of one app and kept on disk in
    `data_dir` for the next process; brought up to date at most once per change even when
    several requests ask at the same moment. `builds` counts the indexes built from every
    contact, `updates` those brought up to date from the change log."""

    def __init__(self, data_dir: Path | None = None) -> None:
        self._data: MatchData | None = None
        self._lock = threading.Lock()
        self._file = data_dir / INDEX_FILE if data_dir is not None else None
        self.builds = 0
        self.updates = 0

    def get(self, session: Session) -> MatchData:
        version = data_version(session)
        data = self._data
        if data is not None and data.version == version:
            return data
        with self._lock:
            data = self._data
            if data is None or data.version != version:
                data = self._newer(session, version, data or self._stored())
                self._data = data
        return data

    def _newer(
        self, session: Session, version: tuple[Any, ...], kept: MatchData | None
    ) -> MatchData:
        if kept is not None and kept.version == version:
            return kept
        if kept is not None:
            with cyclic_gc_paused():
                updated = self._updated(session, kept, version)
            if updated is not None:
                return updated
        return self._build(session, version)

    def _key(self) -> tuple[Any, ...]:
        return (INDEX_FORMAT, code_version())

    def _updated(
        self, session: Session, kept: MatchData, version: tuple[Any, ...]
    ) -> MatchData | None:
        """`kept` brought up to `version` by re-reading the contacts the change log names;
        None when it names too many or cannot say."""
        changed = changed_contacts(session, kept.version[0], version[0])
        most = max(MOST_UPDATED_SHARE * len(kept.index), 50)
        if changed is None or len(changed) > min(MOST_UPDATED, most):
            return None
        snapshots = {snapshot.id: snapshot for snapshot in load_snapshots(session, changed)}
        index = update_index(kept.index, {cid: snapshots.get(cid) for cid in changed})
        if index is None or (len(index), index.newest_id) != version[2:4]:
            return None  # the counts say the log missed something: build anew
        self.updates += 1
        log.info("match index updated for %d changed contacts", len(changed))
        return MatchData(version, index, _contacts=_merged(kept._contacts, changed, snapshots))

    def _build(self, session: Session, version: tuple[Any, ...]) -> MatchData:
        with cyclic_gc_paused():
            contacts = load_snapshots(session)
            index = build_index(contacts)
        self.builds += 1
        log.info("match index built for %d contacts", len(contacts))
        data = MatchData(version=version, index=index, _contacts=contacts)
        self._store(data)
        return data

    def _stored(self) -> MatchData | None:
        """The index kept on disk, if this code built it, with the version it describes."""
        if self._file is None or not self._file.is_file():
            return None
        try:
            with self._file.open("rb") as stream, cyclic_gc_paused():
                key, version, index = _IndexUnpickler(stream).load()
        except Exception as error:  # any damage to the file, whatever it raises: rebuild
            log.warning("the stored match index could not be read (%s); rebuilding it", error)
            return None
        if key != self._key() or not isinstance(index, ContactIndex):
            return None
        if not isinstance(version, tuple):
            return None
        return MatchData(version=version, index=index)

    def _store(self, data: MatchData) -> None:
        """Write the index beside the store, whole or not at all."""
        if self._file is None:
            return
        temporary: str | None = None
        try:
            private_folder(self._file.parent)
            handle, temporary = tempfile.mkstemp(dir=self._file.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                pickle.dump((self._key(), data.version, data.index), stream, protocol=5)
            os.replace(temporary, self._file)
        except OSError as error:  # a read-only or full disk costs speed, nothing else
            log.warning("the match index could not be kept on disk: %s", error)
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)


def _merged(
    contacts: list[ContactSnapshot] | None,
    changed: set[int],
    snapshots: dict[int, ContactSnapshot],
) -> list[ContactSnapshot] | None:
    """The kept contacts (in id order) with the changed ones as they are now, if any were
    kept: what cadences read, without going through every contact again."""
    if contacts is None:
        return None
    kept = [contact for contact in contacts if contact.id not in changed]
    for snapshot in snapshots.values():
        insort(kept, snapshot, key=lambda contact: contact.id)
    return kept


def changed_contacts(session: Session, since: int | None, until: int | None) -> set[int] | None:
    """The contacts the counted writes after change `since` up to `until` touched; None when
    the log cannot say: the counter went back or stood still (a store put back from a copy, a
    write that did not count), a write named no contacts, or the log no longer reaches back."""
    if until is None or until <= (since or 0):
        return None
    since = since or 0
    found: set[int] = set()
    logged = changes_since(session, since, until)
    for change in range(since + 1, until + 1):
        contacts = logged.get(change)
        if not contacts or None in contacts:
            return None
        found.update(contact for contact in contacts if contact is not None)
    return found
