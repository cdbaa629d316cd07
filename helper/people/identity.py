"""Which records are the same person, and how two records of one person become one.

Evidence, strongest first: the same LinkedIn URL, a shared email address, or a similar name
at the same current company (rapidfuzz, so "Ada  Lovelace" and "Lovelace, Ada" agree). Two
records with different LinkedIn URLs are two people whatever their names say.
"""

from __future__ import annotations

import copy
import itertools
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from typing import TypeVar

from rapidfuzz import fuzz

from helper.normalize import (
    normalize_company,
    normalize_email,
    normalize_linkedin_url,
    normalize_name,
)
from helper.records import Education, Position, ProfileRecord

# token_sort_ratio of 90 accepts a swapped order, a missing accent or one typo in a
# two-word name ("Jon Smith" / "John Smith" scores 94.7) but not a different first name
# ("Ann Smith" / "Anna Smyth" scores 84).
NAME_SIMILARITY = 90.0
SAME_URL = "same LinkedIn URL"
SIMILAR_NAME = "similar name at the same company"
_EXACT = 100.0
_Entry = TypeVar("_Entry", Position, Education)


@dataclass(frozen=True)
class IdentityMatch:
    """The stored contact a record is the same person as, and why."""

    contact_id: int
    reason: str
    score: float


@dataclass(frozen=True)
class DuplicatePair:
    """Two stored contacts that look like one person; `first_id` < `second_id`."""

    first_id: int
    second_id: int
    reason: str


@dataclass(frozen=True)
class _Keys:
    """A record's identifiers in comparable form, computed once per record."""

    url: str
    emails: frozenset[str]
    companies: frozenset[str]
    name: str

    @classmethod
    def of(cls, record: ProfileRecord) -> _Keys:
        current = [record.current_company]
        current += [p.company for p in record.positions if p.start and not p.end]
        return cls(
            url=normalize_linkedin_url(record.linkedin_url) or "",
            emails=frozenset(e for e in map(normalize_email, record.emails) if e),
            companies=frozenset(k for k in map(normalize_company, set(current)) if k),
            name=" ".join(normalize_name(record.name).replace(",", " ").split()),
        )


def _evidence(first: _Keys, second: _Keys) -> tuple[str, float] | None:
    """Why two records are one person (with a score), or None."""
    if first.url and second.url:
        return (SAME_URL, _EXACT) if first.url == second.url else None
    shared = sorted(first.emails & second.emails)
    if shared:
        return f"same email {shared[0]}", _EXACT
    if first.name and second.name and first.companies & second.companies:
        score = fuzz.token_sort_ratio(first.name, second.name)
        if score >= NAME_SIMILARITY:
            return SIMILAR_NAME, score
    return None


def find_match(
    record: ProfileRecord, candidates: Iterable[tuple[int, ProfileRecord]]
) -> IdentityMatch | None:
    """The candidate that is the same person as `record`, by the strongest evidence."""
    keys = _Keys.of(record)
    best: IdentityMatch | None = None
    for contact_id, candidate in candidates:
        found = _evidence(keys, _Keys.of(candidate))
        if found is None:
            continue
        match = IdentityMatch(contact_id, *found)
        if best is None or _rank(match) > _rank(best):
            best = match
    return best


def _rank(match: IdentityMatch) -> tuple[int, float]:
    if match.reason == SAME_URL:
        return 3, match.score
    return (2 if match.reason.startswith("same email") else 1), match.score


def _merge_text(old: str, new: str, protected: bool) -> str:
    if protected and old:
        return old
    return new if new.strip() else old


def _union(old: list[str], new: list[str]) -> list[str]:
    merged = list(old)
    seen = {item.casefold() for item in old}
    for item in new:
        if item.casefold() not in seen:
            merged.append(item)
            seen.add(item.casefold())
    return merged


def _position_key(position: Position) -> tuple[str, str, str]:
    return (
        normalize_name(position.title),
        normalize_company(position.company),
        position.start,
    )


def _education_key(entry: Education) -> tuple[str, str]:
    return normalize_company(entry.school), normalize_name(entry.degree)


def _merge_entries(
    old: list[_Entry], new: list[_Entry], key: Callable[[_Entry], Hashable]
) -> list[_Entry]:
    """Entries of both, once each; an entry in both takes the newer non-empty values."""
    merged = [copy.copy(entry) for entry in old]
    index = {key(entry): entry for entry in merged}
    for entry in new:
        match = index.get(key(entry))
        if match is None:
            merged.append(copy.copy(entry))
            index[key(entry)] = merged[-1]
            continue
        for item in fields(entry):
            value = getattr(entry, item.name)
            if value:
                setattr(match, item.name, value)
    return merged


def merge_profiles(
    existing: ProfileRecord,
    incoming: ProfileRecord,
    *,
    protected_fields: set[str] | frozenset[str] = frozenset(),
) -> ProfileRecord:
    """One record from two of the same person; neither input is changed.

    Field by field: the incoming (newer) value wins when it is not empty; a field the user
    edited (`protected_fields`) keeps the user's value; lists are unioned in order, without
    duplicates, except that a protected list stays as the user left it.
    """
    merged = copy.deepcopy(existing)
    for item in fields(ProfileRecord):
        name = item.name
        old, new = getattr(existing, name), getattr(incoming, name)
        protected = name in protected_fields
        if isinstance(old, str):
            setattr(merged, name, _merge_text(old, new, protected))
        elif name == "positions":
            merged.positions = (_newer_entries if protected else _merge_entries)(
                old, new, _position_key
            )
        elif name == "education":
            merged.education = (_newer_entries if protected else _merge_entries)(
                old, new, _education_key
            )
        elif name == "categories" and not protected:
            keys = {c.key for c in old}
            merged.categories = list(old) + [c for c in new if c.key not in keys]
        elif isinstance(old, list) and not protected and name != "missing_fields":
            setattr(merged, name, _union(old, new))
        elif name == "connected_on" and not (protected and old):
            merged.connected_on = new or old
    merged.missing_fields = [
        name
        for name in _union(existing.missing_fields, incoming.missing_fields)
        if not getattr(merged, name, None)
    ]
    return merged


def _newer_entries(
    old: list[_Entry], new: list[_Entry], key: Callable[[_Entry], Hashable]
) -> list[_Entry]:
    """A list the user edited, plus the incoming entries that start after all of its own: a
    new job from a later import is added, while an entry the user removed or corrected (which
    starts no later than what they kept) does not come back."""
    latest = max((entry.start for entry in old if entry.start), default="")
    known = {key(entry) for entry in old}
    return [*old, *(copy.copy(e) for e in new if e.start > latest and key(e) not in known)]


def _blocks(keys: Sequence[_Keys]) -> Iterator[list[int]]:
    """Groups of record positions that share a key: URL, email, or current company.

    Only records in one block are compared, so thousands of records cost thousands of
    comparisons, not millions.
    """
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for position, key in enumerate(keys):
        if key.url:
            by_key[("url", key.url)].append(position)
        for email in key.emails:
            by_key[("email", email)].append(position)
        for company in key.companies:
            by_key[("company", company)].append(position)
    return (members for members in by_key.values() if len(members) > 1)


def find_duplicate_pairs(
    records: Sequence[tuple[int, ProfileRecord]],
    *,
    not_same: set[frozenset[int]] | frozenset[frozenset[int]] = frozenset(),
) -> list[DuplicatePair]:
    """Pairs of records that look like one person, each with the strongest reason.

    Pairs the user marked "not the same person" (`not_same`) are never proposed again.
    """
    keys = [_Keys.of(record) for _, record in records]
    found: dict[tuple[int, int], str] = {}
    for members in _blocks(keys):
        for a, b in itertools.combinations(members, 2):
            id_a, id_b = records[a][0], records[b][0]
            pair = (min(id_a, id_b), max(id_a, id_b))
            if id_a == id_b or pair in found or frozenset(pair) in not_same:
                continue
            evidence = _evidence(keys[a], keys[b])
            if evidence is not None:
                found[pair] = evidence[0]
    return [DuplicatePair(a, b, reason) for (a, b), reason in sorted(found.items())]
