"""The matching index over every contact, kept until the contacts change, in memory and on disk.

At 30,000 contacts, reading them and building the index takes seconds, more than a whole
`match` command may. So the index is built once per version of the store and kept: in memory
for the web service, and in `<data folder>/cache/match-index.pickle` for the next process. A
cheap version key — the newest contact edit, and the count and newest id of every table the
index reads — says whether what is kept still describes the store.

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
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

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
from helper.strategy import (
    CadenceSettings,
    ContactIndex,
    DueItem,
    Gap,
    Ranking,
    build_index,
    category_gaps,
    due_list,
    rank_contacts,
    wanted_categories,
)
from helper.vocabulary import CATEGORIES

log = logging.getLogger(__name__)

# Rankings kept per contact version; a handful of goals times a few limits and hours.
MAX_KEPT_RANKINGS = 256
# Bumped whenever what the index holds changes shape, so that an old file is rebuilt.
INDEX_FORMAT = 2
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
    ("helper.strategy.relevance", "Bm25Settings"),
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
        for this version (counting walks every contact)."""
        if self._gaps is None:
            every_category = GoalSpec(id=0, title="", purpose="", categories=list(CATEGORIES))
            self._gaps = category_gaps(every_category, self._snapshots())
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
    `data_dir` for the next process; rebuilt at most once per change even when several
    requests ask at the same moment."""

    def __init__(self, data_dir: Path | None = None) -> None:
        self._data: MatchData | None = None
        self._lock = threading.Lock()
        self._file = data_dir / INDEX_FILE if data_dir is not None else None
        self.builds = 0

    def get(self, session: Session) -> MatchData:
        version = data_version(session)
        data = self._data
        if data is not None and data.version == version:
            return data
        with self._lock:
            data = self._data
            if data is None or data.version != version:
                data = self._stored(version) or self._build(session, version)
                self._data = data
        return data

    def _key(self, version: tuple[Any, ...]) -> tuple[Any, ...]:
        return (INDEX_FORMAT, code_version(), version)

    def _build(self, session: Session, version: tuple[Any, ...]) -> MatchData:
        with cyclic_gc_paused():
            contacts = load_snapshots(session)
            index = build_index(contacts)
        self.builds += 1
        data = MatchData(version=version, index=index, _contacts=contacts)
        self._store(data)
        return data

    def _stored(self, version: tuple[Any, ...]) -> MatchData | None:
        """The index kept on disk, if it describes this version of the store."""
        if self._file is None or not self._file.is_file():
            return None
        try:
            with self._file.open("rb") as stream, cyclic_gc_paused():
                key, index = _IndexUnpickler(stream).load()
        except Exception as error:  # any damage to the file, whatever it raises: rebuild
            log.warning("the stored match index could not be read (%s); rebuilding it", error)
            return None
        if key != self._key(version) or not isinstance(index, ContactIndex):
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
                pickle.dump((self._key(data.version), data.index), stream, protocol=5)
            os.replace(temporary, self._file)
        except OSError as error:  # a read-only or full disk costs speed, nothing else
            log.warning("the match index could not be kept on disk: %s", error)
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)
