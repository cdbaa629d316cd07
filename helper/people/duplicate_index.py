"""Possible duplicates among many records, found without comparing every two of them, and
kept up to date as records change, so that after an import only the new and changed records
are compared again.

Records meet in blocks (the same URL, an email, likeness's name-and-employer keys). Similar
names are found per employer: rapidfuzz scores each name against the employer's distinct
names in C, which is what makes a large employer cheap. Every candidate pair then gets its
reason from `identity.duplicate_reason`, the lower id first, so a pair's reason does not
depend on the order records arrive in.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz, process

from helper.people.given_names import is_initial, name_forms
from helper.people.identity import (
    NAME_SIMILARITY,
    DuplicatePair,
    IdentityKeys,
    duplicate_reason,
)
from helper.records import ProfileRecord

_Pair = tuple[int, int]
_Block = tuple[str, ...]


# Blocks that only some members need: a given name at an employer is for a name without a
# surname ("Tom"), a surname and initial for an initial ("A. Smith"); two full names in one
# such block that may be one person also share a "kin" block.
_NARROW = ("given", "initial")


def _anchors(block: _Block, keys: IdentityKeys) -> bool:
    """Whether the record is one a narrow block is for."""
    if block[0] == "given":
        return not keys.naming.surname
    return block[0] == "initial" and is_initial(keys.naming.given)


def _pair(first: int, second: int) -> _Pair:
    return (first, second) if first < second else (second, first)


class DuplicateIndex:
    """Every record's keys, the blocks they are in and the pairs found among them."""

    def __init__(self) -> None:
        self._keys: dict[int, IdentityKeys] = {}
        self._blocks: defaultdict[_Block, set[int]] = defaultdict(set)
        self._anchors: defaultdict[_Block, set[int]] = defaultdict(set)  # whom it is for
        # employer key → token-sorted name → ids: the names a similar name is looked for in
        self._staff: defaultdict[str, defaultdict[str, set[int]]] = defaultdict(
            lambda: defaultdict(set)
        )
        self._found: dict[_Pair, str] = {}

    def update(self, changed: Mapping[int, IdentityKeys], removed: Collection[int] = ()) -> None:
        """Take the changed records' new keys and forget the removed ones; only the changed
        records are compared (with every record), and pairs with a removed record go."""
        gone = changed.keys() | set(removed)
        for contact_id in gone & self._keys.keys():
            old = self._keys.pop(contact_id)
            for table, key in self._places(old, old.block_keys()):
                table[key].discard(contact_id)
                if not table[key]:
                    del table[key]
        if gone:
            self._found = {pair: why for pair, why in self._found.items() if gone.isdisjoint(pair)}
        touched: set[_Block] = set()
        for contact_id, keys in changed.items():
            touched.update(self._add(contact_id, keys))
        candidates = self._block_pairs(touched, changed) | self._similar_names(changed)
        for low, high in candidates:
            reason = duplicate_reason(self._keys[low], self._keys[high])
            if reason is not None:
                self._found[low, high] = reason

    def pairs(
        self, not_same: set[frozenset[int]] | frozenset[frozenset[int]] = frozenset()
    ) -> list[DuplicatePair]:
        """The pairs found, by id, less those the user marked as two people."""
        found = sorted(self._found.items())
        if not_same:
            found = [(pair, why) for pair, why in found if frozenset(pair) not in not_same]
        return [DuplicatePair(first, second, reason) for (first, second), reason in found]

    def _add(self, contact_id: int, keys: IdentityKeys) -> tuple[_Block, ...]:
        """Keep the record in its places (as `_places` lists them) and return its blocks."""
        self._keys[contact_id] = keys
        blocks = keys.block_keys()
        for block in blocks:
            self._blocks[block].add(contact_id)
            if block[0] in _NARROW and _anchors(block, keys):
                self._anchors[block].add(contact_id)
        if keys.name:
            for company in keys.companies:
                self._staff[company][keys.sorted_name].add(contact_id)
        return blocks

    def _places(
        self, keys: IdentityKeys, blocks: Iterable[_Block]
    ) -> list[tuple[dict[Any, set[int]], Hashable]]:
        """Where the record is kept: its blocks, and its name under each of its employers."""
        places: list[tuple[dict[Any, set[int]], Hashable]] = []
        for block in blocks:
            places.append((self._blocks, block))
            if _anchors(block, keys):
                places.append((self._anchors, block))
        if keys.name:
            places += [(self._staff[company], keys.sorted_name) for company in keys.companies]
        return places

    def _block_pairs(self, touched: Iterable[_Block], changed: Collection[int]) -> set[_Pair]:
        """Pairs that share a block, one of them changed; a narrow block pairs only the
        members it is for with the others, a kin block only names that are forms of one."""
        found: set[_Pair] = set()
        for block in touched:
            members = self._blocks[block]
            if len(members) < 2:
                continue
            if block[0] in _NARROW:
                found.update(
                    _pair(a, b)
                    for a in self._anchors.get(block, ())
                    for b in members
                    if a != b and (a in changed or b in changed)
                )
                continue
            fresh = sorted(m for m in members if m in changed)
            kept = [m for m in members if m not in changed]
            pairs = [
                *itertools.combinations(fresh, 2),
                *(_pair(a, b) for a in fresh for b in kept),
            ]
            if block[0] == "kin":
                pairs = [pair for pair in pairs if self._kin(*pair)]
            found.update(pairs)
        return found

    def _kin(self, first: int, second: int) -> bool:
        """Whether the two given names may be one (`given_names.relation`): a family of
        names linked by a chain of nicknames is much wider than that."""
        a, b = self._keys[first].naming.given, self._keys[second].naming.given
        return a == b or b in name_forms(a) or a in name_forms(b)

    def _similar_names(self, changed: Mapping[int, IdentityKeys]) -> set[_Pair]:
        """Pairs of a changed record and anyone at one of its employers whose name scores at
        least NAME_SIMILARITY: token_sort_ratio is ratio over the token-sorted names."""
        asked: dict[str, set[str]] = {}
        for keys in changed.values():
            if keys.name:
                for company in keys.companies:
                    asked.setdefault(company, set()).add(keys.sorted_name)
        found: set[_Pair] = set()
        for company, names in asked.items():
            staff = self._staff[company]
            by_length = sorted(staff, key=len)
            lengths = [len(name) for name in by_length]
            if len(names) < len(staff):
                for name in names:
                    choices = _within_reach(name, names, by_length, lengths)
                    found |= _named_alike(name, choices, staff, changed)
                continue
            # Asked for every name (as on the first search), each finds those after it in
            # `by_length` only (ratio is symmetric), itself included for namesakes.
            for position, name in enumerate(by_length):
                high = bisect_right(lengths, len(name) * 11 // 9 + 1)
                found |= _named_alike(name, by_length[position:high], staff, changed)
        return found


def _named_alike(
    name: str, choices: list[str], staff: dict[str, set[int]], changed: Collection[int]
) -> set[_Pair]:
    """Pairs of someone named `name` and someone named a choice that scores high enough, one
    of them changed."""
    similar = process.extract(
        name, choices, scorer=fuzz.ratio, score_cutoff=NAME_SIMILARITY, limit=None
    )
    return {
        _pair(a, b)
        for choice, _, _ in similar
        for a in staff[name]
        for b in staff[choice]
        if a != b and (a in changed or b in changed)
    }


def _within_reach(
    name: str, asked: set[str], by_length: list[str], lengths: list[int]
) -> list[str]:
    """The names `name` is scored against: those whose length allows a ratio of 90 (the
    difference in length is at most a tenth of both lengths together), less the shorter ones
    that are asked themselves, which find `name` in their own turn."""
    size = len(name)
    low = bisect_left(lengths, size * 9 // 11)
    middle = bisect_left(lengths, size)
    high = bisect_right(lengths, size * 11 // 9 + 1)
    return [other for other in by_length[low:middle] if other not in asked] + by_length[middle:high]


def find_duplicate_pairs(
    records: Sequence[tuple[int, ProfileRecord]],
    *,
    not_same: set[frozenset[int]] | frozenset[frozenset[int]] = frozenset(),
) -> list[DuplicatePair]:
    """Pairs of records that look like one person, each with the strongest reason.

    Pairs the user marked "not the same person" (`not_same`) are never proposed again.
    """
    index = DuplicateIndex()
    index.update({contact_id: IdentityKeys.of(record) for contact_id, record in records})
    return index.pairs(not_same)
