"""One person's roles from two sources, combined without junk: a LinkedIn Connections row
("Product Manager" at "Monzo", no dates) merged into a profile that lists the role in full
("Senior Product Manager", Monzo Bank, from March 2021) fills nothing in and adds nothing,
where a plain union would add an undated, shorter copy of the role.
"""

from __future__ import annotations

import copy
import re
from dataclasses import fields

from helper.normalize import normalize_company, normalize_name, same_organisation
from helper.records import Position

_WORD = re.compile(r"\w+")


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(normalize_name(text)))


def more_specific_title(kept: str, incoming: str) -> str:
    """The title that says more when one is the other with words added ("Senior Product
    Manager" over "Product Manager"); otherwise the incoming one, unless it is empty."""
    kept_words, incoming_words = _words(kept), _words(incoming)
    if incoming_words < kept_words or not incoming_words:
        return kept
    return incoming


def _same_organisation(first: str, second: str) -> bool:
    a, b = normalize_company(first), normalize_company(second)
    return a == b or (bool(a and b) and (same_organisation(a, b) or same_organisation(b, a)))


def more_specific_company(kept: str, incoming: str) -> str:
    """Of two names of one organisation, the longer ("Monzo Bank" over "Monzo"); of two
    organisations, the incoming one, unless it is empty."""
    if kept and incoming and _same_organisation(kept, incoming) and len(incoming) < len(kept):
        return kept
    return incoming or kept


def newer_current_role(kept: tuple[str, str], incoming: tuple[str, str]) -> tuple[str, str]:
    """The current (title, employer) after a newer record: the newer ones, but at the same
    employer the more specific title and name of the two, so a Connections row's "Product
    Manager" at "Monzo" leaves "Senior Product Manager" at "Monzo Bank" as it was."""
    (kept_title, kept_company), (title, company) = kept, incoming
    if company and kept_company and not _same_organisation(kept_company, company):
        return title or kept_title, company
    return more_specific_title(kept_title, title), more_specific_company(kept_company, company)


def is_role(position: Position) -> bool:
    """Whether an entry names a role at all: a title or a company."""
    return bool(position.title.strip() or position.company.strip())


def _same_role(first: Position, second: Position) -> bool:
    """Whether two entries may be one role: one organisation, titles alike or one with
    words added (or one missing), starts equal or one missing."""
    if first.start and second.start and first.start != second.start:
        return False
    if not _same_organisation(first.company, second.company):
        return False
    a, b = _words(first.title), _words(second.title)
    return not a or not b or a <= b or b <= a


def matching_role(roles: list[Position], entry: Position) -> int | None:
    """The index of the role in `roles` that `entry` is, the exact one first, or None."""
    exact = (_words(entry.title), normalize_company(entry.company), entry.start)
    for index, role in enumerate(roles):
        if (_words(role.title), normalize_company(role.company), role.start) == exact:
            return index
    return next((n for n, role in enumerate(roles) if _same_role(role, entry)), None)


def combine_roles(kept: Position, incoming: Position) -> Position:
    """One role from two entries of it: the incoming values where not empty, but the more
    specific title and organisation name of the two."""
    combined = copy.copy(kept)
    for item in fields(Position):
        value = getattr(incoming, item.name)
        if value:
            setattr(combined, item.name, value)
    combined.title = more_specific_title(kept.title, incoming.title)
    combined.company = more_specific_company(kept.company, incoming.company)
    return combined


def merge_roles(old: list[Position], new: list[Position]) -> list[Position]:
    """The roles of both, old first: an incoming role that is one already listed completes
    it, one that names nothing is dropped, any other is added."""
    merged = [copy.copy(role) for role in old]
    for entry in filter(is_role, new):
        index = matching_role(merged, entry)
        if index is None:
            merged.append(copy.copy(entry))
        else:
            merged[index] = combine_roles(merged[index], entry)
    return merged
