"""Which records are the same person, and how two records of one person become one.

Evidence, strongest first: the same LinkedIn URL, a shared email address, or a similar name
at the same current company (rapidfuzz, so "Ada  Lovelace" and "Lovelace, Ada" agree). Two
records with different LinkedIn URLs are two people whatever their names say. Possible
duplicates, which the user decides on, also take a nickname or an initial of the name at the
same organisation written another way (`likeness`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, fields
from typing import TypeVar

from rapidfuzz import fuzz

from helper.normalize import (
    normalize_company,
    normalize_email,
    normalize_linkedin_url,
    normalize_name,
)
from helper.people.given_names import name_forms, split_name
from helper.people.likeness import Naming, likeness, name_likeness
from helper.people.roles import merge_roles, newer_current_role
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
class IdentityKeys:
    """A record's identifiers in comparable form, computed once per record."""

    url: str
    emails: frozenset[str]
    companies: frozenset[str]
    name: str
    sorted_name: str  # the name's words in order: what token_sort_ratio compares
    naming: Naming

    @classmethod
    def of(cls, record: ProfileRecord) -> IdentityKeys:
        current = [record.current_company]
        current += [p.company for p in record.positions if p.start and not p.end]
        return cls.of_parts(record.name, current, record.linkedin_url, record.emails)

    @classmethod
    def of_parts(
        cls, name: str, current: Iterable[str], url: str, emails: Iterable[str]
    ) -> IdentityKeys:
        """The keys of a name, current employers, LinkedIn URL and emails as written."""
        naming = Naming.of(name, current)
        compared = " ".join(normalize_name(name).replace(",", " ").split())
        return cls(
            url=normalize_linkedin_url(url) or "",
            emails=frozenset(e for e in map(normalize_email, emails) if e),
            companies=frozenset(key for key, _ in naming.companies),
            name=compared,
            sorted_name=" ".join(sorted(compared.split())),
            naming=naming,
        )

    def block_keys(self) -> tuple[tuple[str, ...], ...]:
        """Keys two records of one person share: the URL, an email, or likeness's keys. (A
        similar name at the same company is found by comparing the company's names instead.)"""
        urls = [("url", self.url)] if self.url else []
        emails = [("email", email) for email in self.emails]
        return (*urls, *emails, *self.naming.block_keys())


def _evidence(first: IdentityKeys, second: IdentityKeys) -> tuple[str, float] | None:
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
    keys = IdentityKeys.of(record)
    best: IdentityMatch | None = None
    for contact_id, candidate in candidates:
        found = _evidence(keys, IdentityKeys.of(candidate))
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


def _current_role(
    existing: ProfileRecord, incoming: ProfileRecord, protected: set[str] | frozenset[str]
) -> tuple[str, str]:
    """The current title and employer of the merged record; the user's own stay."""
    title, company = newer_current_role(
        (existing.current_title, existing.current_company),
        (incoming.current_title.strip(), incoming.current_company.strip()),
    )
    if "current_title" in protected and existing.current_title:
        title = existing.current_title
    if "current_company" in protected and existing.current_company:
        company = existing.current_company
    return title, company


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

    Field by field: the incoming (newer) value wins when it is not empty, but at the same
    employer a shorter title or employer name does not replace a longer one; a field the
    user edited (`protected_fields`) keeps the user's value; lists are unioned in order,
    without duplicates (an incoming role already listed completes it), except that a
    protected list stays as the user left it.
    """
    merged = copy.deepcopy(existing)
    for item in fields(ProfileRecord):
        name = item.name
        old, new = getattr(existing, name), getattr(incoming, name)
        protected = name in protected_fields
        if isinstance(old, str):
            setattr(merged, name, _merge_text(old, new, protected))
        elif name == "positions":
            merged.positions = (
                _newer_entries(old, new, _position_key) if protected else merge_roles(old, new)
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
        elif isinstance(old, dict):  # labels: a label already known stays
            setattr(merged, name, {**new, **old})
        elif name == "connected_on" and not (protected and old):
            merged.connected_on = new or old
    merged.current_title, merged.current_company = _current_role(
        existing, incoming, protected_fields
    )
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


def duplicate_reason(first: IdentityKeys, second: IdentityKeys) -> str | None:
    """Why two records may be one person, for the user to decide on, or None."""
    found = _evidence(first, second)
    if found is not None and found[0] != SIMILAR_NAME:
        return found[0]
    if first.url and second.url:
        return None
    names = name_likeness(first.naming, second.naming)
    if found is not None and names in (None, ["same name"]):
        return SIMILAR_NAME  # a spelling alike at one company: the older rule's own words
    return likeness(first.naming, second.naming) if names else None


def find_namesakes(
    name: str, company: str, candidates: Iterable[tuple[int, str, str]]
) -> list[tuple[int, str]]:
    """The candidates (id, name, company) a new contact may be, with the reason: exactly the
    same name, or a form of it at the same organisation ("Tom" for "Thomas")."""
    mine = Naming.of(name, [company])
    if not mine.given:
        return []
    exact, forms = normalize_name(mine.full), name_forms(mine.given)
    found = []
    for contact_id, other_name, other_company in candidates:
        given = split_name(other_name)[1]
        if not given or (given not in forms and given[0] != mine.given[0]):
            continue  # a cheap test first: most people have another given name
        theirs = Naming.of(other_name, [other_company])
        reason = likeness(mine, theirs)
        if reason is None and normalize_name(theirs.full) == exact:
            reason = "same name"
        if reason is not None:
            found.append((contact_id, reason))
    return found
