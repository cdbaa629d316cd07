"""Staging an import: records are matched to people and collected in memory, with no write
to the store, so a long read never holds SQLite's write lock and a fatal error
leaves nothing behind. `publish` then writes the plan in short batches.

Staged interactions are plain tuples (`StagedInteraction`), not dataclasses, and they wait in a
`Spool` on disk rather than in a list: a 100,000-message mailbox stages about 90,000 of them,
and the process's memory must not grow with the mailbox."""

from __future__ import annotations

import pickle
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from hashlib import blake2b
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from helper.db.models import Contact, ContactEmail, Interaction
from helper.importers.text import name_from_email
from helper.normalize import (
    normalize_company,
    normalize_email,
    normalize_linkedin_url,
    normalize_name,
)
from helper.people import merge_profiles
from helper.records import InteractionRecord, Problem, ProfileRecord

STORED_PROBLEMS = 1000
# A mailbox names the same few hundred correspondents on every message.
_email_key = lru_cache(maxsize=1 << 16)(normalize_email)
SUMMARY_CHARS = 2000
SOURCE_REF_CHARS = 500


# One interaction row waiting to be published: (key, kind, occurred_at, channel, summary,
# source_ref), where `key` is a contact id, or a negative staging key for a contact the same
# import creates. A plain tuple: a NamedTuple pickled through Python-level methods, and every
# staged row is pickled into the spool and back.
StagedInteraction = tuple[int, str, datetime | None, str, str, str]


class Spool:
    """Values written to an anonymous temporary file in chunks and read back in the same
    order: a list whose size does not count against memory. Only this process writes the
    file, so unpickling it reads nothing foreign."""

    def __init__(self, folder: Path | None = None, *, chunk: int = 5000) -> None:
        self._folder = folder
        self._file: IO[bytes] | None = None
        self._pending: list[Any] = []
        self._chunk = chunk
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def append(self, value: Any) -> None:
        self._pending.append(value)
        self._count += 1
        if len(self._pending) >= self._chunk:
            self._flush()

    def _flush(self) -> None:
        if self._file is None:
            # Kept open across calls on purpose; close() ends it (and the OS removes it).
            self._file = tempfile.TemporaryFile(prefix="import-", dir=self._folder)  # noqa: SIM115
        self._file.seek(0, 2)
        pickle.dump(self._pending, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._pending = []

    def batches(self) -> Iterator[list[Any]]:
        """The values in chunks, in the order appended; may be read more than once."""
        if self._pending:
            self._flush()
        if self._file is None:
            return
        self._file.seek(0)
        while True:
            try:
                batch = pickle.load(self._file)
            except EOFError:
                return
            position = self._file.tell()
            yield batch
            self._file.seek(position)

    def __iter__(self) -> Iterator[Any]:
        for batch in self.batches():
            yield from batch

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._pending, self._count = [], 0


def _ref_digest(source_ref: str) -> int:
    return int.from_bytes(blake2b(source_ref.encode(), digest_size=8).digest(), "big")


class RefDigests:
    """A set of source refs kept as 64-bit digests, which matters at 100,000 messages. A false
    "seen" needs a digest collision, about one chance in 10^9 at 10^5 refs.

    The digests sit in an open-addressing table of machine words (linear probing, at most half
    full, 0 marking a free slot): 16 to 32 bytes a ref, where a set of Python ints took 70 and
    made the import's memory grow with the mailbox."""

    def __init__(self) -> None:
        self._slots = _empty_slots(_FIRST_SLOTS)
        self._count = 0
        self._has_zero = False  # the one digest a free slot cannot hold
        # The ref last looked up and its digest: a lookup is mostly followed by adding the
        # same ref, which then costs no second digest.
        self._last: tuple[str, int] = ("", _ref_digest(""))

    def _digest(self, source_ref: str) -> int:
        last_ref, digest = self._last
        if source_ref != last_ref:
            digest = _ref_digest(source_ref)
            self._last = (source_ref, digest)
        return digest

    def _slot(self, digest: int) -> int:
        """The slot holding `digest`, or the free slot where it would go."""
        slots = self._slots
        mask = len(slots) - 1
        index = digest & mask
        while True:
            held = slots[index]
            if held == digest or not held:
                return index
            index = (index + 1) & mask

    def __contains__(self, source_ref: object) -> bool:
        if not isinstance(source_ref, str):
            return False
        digest = self._digest(source_ref)
        if not digest:
            return self._has_zero
        return self._slots[self._slot(digest)] == digest

    def __len__(self) -> int:
        return self._count + self._has_zero

    def add(self, source_ref: str) -> None:
        digest = self._digest(source_ref)
        if not digest:
            self._has_zero = True
            return
        index = self._slot(digest)
        if self._slots[index] == digest:
            return
        self._slots[index] = digest
        self._count += 1
        if 2 * self._count > len(self._slots):
            self._grow()

    def _grow(self) -> None:
        held = [digest for digest in self._slots if digest]
        self._slots = _empty_slots(2 * len(self._slots))
        for digest in held:
            self._slots[self._slot(digest)] = digest


_FIRST_SLOTS = 1 << 12


def _empty_slots(count: int) -> memoryview:
    return memoryview(bytearray(8 * count)).cast("Q")


def naive_utc(when: datetime | None) -> datetime | None:
    """Stored times are naive UTC (SQLite keeps no zone)."""
    if when is None or when.tzinfo is None:
        return when
    return when.astimezone(UTC).replace(tzinfo=None)


@dataclass
class StoreIndex:
    """The store's identifiers, read once: which contact has which email, URL or name."""

    by_email: dict[str, int] = field(default_factory=dict)
    by_url: dict[str, int] = field(default_factory=dict)
    by_name_company: dict[tuple[str, str], int] = field(default_factory=dict)
    by_name: dict[str, list[int]] = field(default_factory=dict)
    urls: dict[int, str] = field(default_factory=dict)
    source_refs: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, session: Session, *, with_source_refs: bool) -> StoreIndex:
        index = cls()
        for email, contact_id in session.execute(
            select(ContactEmail.email, ContactEmail.contact_id)
        ):
            index.by_email[email] = contact_id
        rows = session.execute(
            select(Contact.id, Contact.name, Contact.current_company, Contact.linkedin_url)
        )
        for contact_id, name, company, url in rows:
            index.add_person(contact_id, name, company, url or "")
        if with_source_refs:
            refs = session.scalars(
                select(Interaction.source_ref).where(Interaction.source_ref.is_not(None))
            )
            index.source_refs = set(refs)
        return index

    def add_person(self, key: int, name: str, company: str, url: str) -> None:
        if url:
            self.by_url[url] = key
            self.urls[key] = url
        name_key = normalize_name(name)
        if name_key:
            self.by_name.setdefault(name_key, []).append(key)
            company_key = normalize_company(company)
            if company_key:
                self.by_name_company[(name_key, company_key)] = key

    def find(self, record: ProfileRecord) -> int | None:
        """Exact evidence only: URL, then email, then the same name at the same company.
        Near matches are left to the Possible duplicates page, where a person decides."""
        url = normalize_linkedin_url(record.linkedin_url) or ""
        if url and url in self.by_url:
            return self.by_url[url]
        for email in record.emails:
            if email in self.by_email and self._urls_agree(self.by_email[email], url):
                return self.by_email[email]
        key = (normalize_name(record.name), normalize_company(record.current_company))
        if all(key) and key in self.by_name_company:
            found = self.by_name_company[key]
            return found if self._urls_agree(found, url) else None
        return None

    def _urls_agree(self, key: int, url: str) -> bool:
        """Two different LinkedIn URLs are two people, whatever else they share."""
        known = self.urls.get(key, "")
        return not (url and known and url != known)


@dataclass
class ImportPlan:
    """What an import will write. New people get negative keys until they are published."""

    index: StoreIndex
    new_people: dict[int, ProfileRecord] = field(default_factory=dict)
    incoming: dict[int, list[ProfileRecord]] = field(default_factory=dict)
    interactions: Spool = field(default_factory=Spool)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    staged_refs: RefDigests = field(default_factory=RefDigests)
    _next_new_key: int = -1

    def add_problem(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < STORED_PROBLEMS:
            self.problems.append(problem)

    def add_profile(self, record: ProfileRecord) -> None:
        if not (record.name or record.emails or record.linkedin_url):
            self.skipped["no name, email or LinkedIn URL"] += 1
            return
        key = self.index.find(record)
        if key is None:
            self._add_new(record)
        elif key < 0:
            self.new_people[key] = merge_profiles(self.new_people[key], record)
            self._remember(key, self.new_people[key])
        else:
            self.incoming.setdefault(key, []).append(record)
            self._remember(key, record)

    def _add_new(self, record: ProfileRecord) -> None:
        key = self._next_new_key
        self._next_new_key -= 1
        self.new_people[key] = record
        self._remember(key, record)

    def _remember(self, key: int, record: ProfileRecord) -> None:
        url = normalize_linkedin_url(record.linkedin_url) or ""
        for email in record.emails:
            self.index.by_email.setdefault(email, key)
        if url and key not in self.index.urls:
            self.index.add_person(key, record.name, record.current_company, url)
        elif key not in self.index.urls:
            self.index.add_person(key, record.name, record.current_company, "")

    def add_interaction(self, record: InteractionRecord) -> None:
        if record.source_ref in self.index.source_refs or record.source_ref in self.staged_refs:
            self.skipped["already imported"] += 1
            return
        key = self._person_for(record)
        if key is None:
            self.skipped["no matching contact"] += 1
            return
        self.staged_refs.add(record.source_ref)
        staged: StagedInteraction = (
            key,
            record.kind,
            naive_utc(record.when),
            record.channel,
            record.summary[:SUMMARY_CHARS],
            record.source_ref[:SOURCE_REF_CHARS],
        )
        self.interactions.append(staged)

    def _person_for(self, record: InteractionRecord) -> int | None:
        """The contact an interaction is with; a correspondent by email becomes a contact."""
        url = normalize_linkedin_url(record.linkedin_url) or ""
        if url and url in self.index.by_url:
            return self.index.by_url[url]
        email = _email_key(record.email) if record.email else None
        if email:
            if email not in self.index.by_email:
                name = record.name or name_from_email(email) or email
                self._add_new(ProfileRecord(name=name, emails=[email]))
            return self.index.by_email[email]
        people = self.index.by_name.get(normalize_name(record.name), [])
        return people[0] if len(people) == 1 else None
