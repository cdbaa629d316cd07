"""Given names that may name one person: a nickname and its full name (Tom, Thomas), two
spellings of one name (Katherine, Catherine), and a name split into given name and surname.

The nicknames come from the `nicknames` package (a hand-curated table of English given names
and their nicknames); the few forms it lacks that a British or European address book holds
are declared below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from nicknames import NickNamer

from helper.normalize import normalize_name

# Spellings of one name, each form as good as the others: no form is short for another.
SPELLINGS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "katherine catherine kathryn katharine catharine katharina kathrin",
        "stephen steven stefan",
        "alexander aleksandr alexandr alexandre",
        "mohammed mohammad muhammad mohamed",
        "sean shaun shawn",
        "isabel isabelle isobel",
        "natalie nathalie",
    )
)
# Nicknames the package lacks, by the full name: Sasha for Alexander is everyday in Russian
# and Ukrainian, Misha for Mikhail, Hannes for Johannes in German. (Kate for Catherine comes
# from the package's Kate for Katherine and the spellings above.)
EXTRA_NICKNAMES: dict[str, tuple[str, ...]] = {
    "alexander": ("sasha", "sacha", "sascha"),
    "alexandra": ("sasha", "sacha"),
    "natalie": ("nat",),
    "natasha": ("tash",),
    "isabel": ("izzy", "izzie"),
    "mikhail": ("misha",),
    "dmitry": ("dima",),
    "pavel": ("pasha",),
    "johannes": ("hannes",),
    "giuseppe": ("beppe", "peppe"),
    "francesca": ("fran",),
    "alistair": ("ali",),
    "mohammed": ("mo",),
}
_NOT_A_LETTER = re.compile(r"[^\w]")


def name_key(word: str) -> str:
    """A given name or surname as compared: case, accents and punctuation ignored."""
    return _NOT_A_LETTER.sub("", normalize_name(word))


@lru_cache(maxsize=1 << 16)
def split_name(name: str) -> tuple[str, str, str]:
    """The given name as written, its key and the surname's key: "Lovelace, Ada" and
    "Ada King Lovelace" give ("Ada", "ada", "lovelace"); a one-word name has no surname."""
    family, comma, given = name.partition(",")
    words = (given.split() + family.split()) if comma and given.strip() else name.split()
    words = [word for word in words if name_key(word)]
    if not words:
        return "", "", ""
    surname = name_key(words[-1]) if len(words) > 1 else ""
    return words[0].rstrip(",."), name_key(words[0]), surname


def is_initial(key: str) -> bool:
    return len(key) == 1


@lru_cache(maxsize=1)
def _relatives() -> dict[str, frozenset[str]]:
    """Each name with the names it is a nickname of or has as a nickname, both ways."""
    pairs: dict[str, set[str]] = {}
    table = NickNamer.default_lookup()
    for full, nicknames in [*table.items(), *EXTRA_NICKNAMES.items()]:
        for nickname in nicknames:
            pairs.setdefault(full, set()).add(nickname)
            pairs.setdefault(nickname, set()).add(full)
    return {name: frozenset(others) for name, others in pairs.items()}


@lru_cache(maxsize=1)
def _spelling_of() -> dict[str, frozenset[str]]:
    return {name: group for group in SPELLINGS for name in group}


def _spellings(key: str) -> frozenset[str]:
    return _spelling_of().get(key, frozenset({key}))


@lru_cache(maxsize=1 << 14)
def name_forms(key: str) -> frozenset[str]:
    """Every given name `key` may be written as: its spellings, their nicknames or full
    names, and those names' spellings ("kate" gives "katherine", so also "catherine")."""
    relatives = _relatives()
    forms: set[str] = set()
    for spelling in _spellings(key):
        for relative in (spelling, *relatives.get(spelling, ())):
            forms |= _spellings(relative)
    return frozenset(forms)


@lru_cache(maxsize=1)
def _families() -> dict[str, str]:
    """Each known name with one name standing for every name linked to it by a chain of
    nicknames and spellings: a cheap grouping key, wider than "is a form of"."""
    parent: dict[str, str] = {}

    def root(name: str) -> str:
        while parent.setdefault(name, name) != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    links: Iterable[tuple[str, str]] = [
        *((name, other) for name, others in _relatives().items() for other in others),
        *((name, min(group)) for group in SPELLINGS for name in group),
    ]
    for name, other in links:
        parent[root(name)] = root(other)
    return {name: root(name) for name in parent}


def family(key: str) -> str:
    """The grouping key of a given name: names that may be one are in one family."""
    return _families().get(key, key)


def relation(first: str, second: str) -> str | None:
    """How two given names, as written, may name one person ("Tom is short for Thomas"), ""
    when they are the same name, or None when they are different names."""
    a, b = name_key(first), name_key(second)
    if a == b:
        return ""
    if b not in name_forms(a):
        return None
    if b in _spellings(a):
        return f"{second} is another spelling of {first}"
    if len(a) == len(b):
        return f"{first} and {second} are forms of one name"
    short, full = sorted((first, second), key=lambda word: len(name_key(word)))
    return f"{short} is short for {full}"


def fuller_name(kept: str, incoming: str) -> str:
    """Of two names of one person, the one that says more: a given name over its initial
    ("Anna Smith" over "A. Smith"), a name with a surname over one without; otherwise the
    incoming one."""
    _, kept_given, kept_surname = split_name(kept)
    _, incoming_given, incoming_surname = split_name(incoming)
    initial_only = is_initial(incoming_given) and not is_initial(kept_given)
    return kept if initial_only or (kept_surname and not incoming_surname) else incoming
