"""What the user's category corrections teach the suggester: a weight per term and category.

A term is a word of a headline or title, or two neighbouring words ("wealth manager"); the
company's name is left out, being no trait of a role. When the user ticks a category the
suggester did not offer, the terms of that person's headline and title are weighed up for it;
when they untick one it did offer, weighed down. A later headline is similar to what was
marked when it shares a marked pair of words or three marked words (one shared word, "Senior"
or "Recruiter", is no likeness; nor is a pair with a word of rank, "senior software"): then the
category is suggested ("you marked similar headlines as introducers") or withheld.

Colleague and friend-or-family are facts about the user (employers, family), not words of a
headline, so they are never learned.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from itertools import pairwise

from helper.people.cues import fold
from helper.records import CategorySuggestion, ProfileRecord
from helper.vocabulary import CATEGORIES

LEARNED_CATEGORIES = tuple(k for k in CATEGORIES if k not in ("colleague", "friend_family"))
SIMILAR_BY_WORDS = 3
_TOKEN = re.compile(r"[^\W\d_][\w&'-]*[^\W_]")
_PARTS = re.compile(r"[|·•,;()/]|\s[-–—]\s")
# Where a title gives way to its company: "Wealth Manager at Brewin Dolphin".
_COMPANY_FOLLOWS = re.compile(r"\s(?:at|@|bei|chez)\s.*$|@.*$")
# Words that join a title to its company in English, German and French say nothing of a role.
_JOINING_WORDS = frozenset(
    {
        *("at", "of", "the", "and", "for", "in", "on", "with", "to", "an", "by", "from"),
        *("bei", "und", "fur", "der", "die", "das", "im", "von", "zu", "mit"),
        *("chez", "de", "du", "des", "la", "le", "les", "et", "pour", "en", "au", "aux", "un"),
    }
)
# Words of rank that go before a role, which many different roles share: no pair that starts
# with one ("senior software") makes a likeness; "partnerships lead" does.
_RANK_WORDS = frozenset(
    {
        *("senior", "junior", "lead", "principal", "staff", "associate", "assistant"),
        *("deputy", "interim", "acting", "global", "regional", "group", "sr", "jr"),
    }
)

Weights = Mapping[tuple[str, str], int]


def _plural(key: str) -> str:
    return CATEGORIES.term(key).plural


def terms(text: str, company: str = "") -> frozenset[str]:
    """The words of `text` a lesson is about (folded, without joining words or the words of
    `company`) and each pair of neighbouring ones within a part of it, except pairs that start
    with a word of rank."""
    left_out = _JOINING_WORDS | set(_TOKEN.findall(fold(company)))
    found: set[str] = set()
    for part in _PARTS.split(fold(text)):
        words = [w for w in _TOKEN.findall(_COMPANY_FOLLOWS.sub("", part)) if w not in left_out]
        found.update(words)
        found.update(
            f"{first} {second}" for first, second in pairwise(words) if first not in _RANK_WORDS
        )
    return frozenset(found)


def profile_terms(profile: ProfileRecord) -> frozenset[str]:
    return terms(f"{profile.headline} | {profile.current_title}", profile.current_company)


def correction(
    profile: ProfileRecord, added: Collection[str], removed: Collection[str]
) -> dict[tuple[str, str], int]:
    """The change of weights one correction makes: +1 for each term of the profile in a
    category the user added, -1 in one the user removed."""
    change: dict[tuple[str, str], int] = {}
    for key in LEARNED_CATEGORIES:
        step = (key in added) - (key in removed)
        if step:
            for term in profile_terms(profile):
                change[term, key] = step
    return change


@dataclass(frozen=True)
class Lessons:
    weights: Weights = field(default_factory=dict)

    def _similar(self, mine: frozenset[str], key: str, sign: int) -> bool:
        marked = [t for t in mine if self.weights.get((t, key), 0) * sign > 0]
        return any(" " in t for t in marked) or len(marked) >= SIMILAR_BY_WORDS

    def withheld(self, profile: ProfileRecord) -> set[str]:
        """Categories the user took off people with similar headlines."""
        if not self.weights:
            return set()
        mine = profile_terms(profile)
        return {key for key in LEARNED_CATEGORIES if self._similar(mine, key, -1)}

    def suggest(self, profile: ProfileRecord, exclude: Collection[str]) -> list[CategorySuggestion]:
        """Categories the user gave people with similar headlines, beyond `exclude`."""
        if not self.weights:
            return []
        mine = profile_terms(profile)
        return [
            CategorySuggestion(
                key, f"you marked similar headlines as {CATEGORIES.term(key).plural}"
            )
            for key in LEARNED_CATEGORIES
            if key not in exclude and self._similar(mine, key, +1)
        ]
