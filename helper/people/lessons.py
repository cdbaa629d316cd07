"""What the user's category corrections teach the suggester: a weight per term and category.

A term is a word of a headline or title, or two neighbouring words ("wealth manager"). When the
user ticks a category the suggester did not offer, the terms of that person's headline and title
are weighed up for it; when they untick one it did offer, the terms that caused it are weighed
down. A later headline is similar when it shares a marked pair of words, or three marked words
(one shared word, "Senior" or "Bristol", is no likeness): it gets the category with the reason
"you marked similar headlines as introducers". A cue whose terms were weighed down no longer
counts.

Colleague and friend-or-family are facts about the user (employers, family), not words of a
headline, so they are never learned.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise

from helper.people.cues import fold
from helper.records import CategorySuggestion, ProfileRecord
from helper.vocabulary import CATEGORIES

LEARNED_CATEGORIES = tuple(k for k in CATEGORIES if k not in ("colleague", "friend_family"))
SIMILAR_BY_WORDS = 3
_TOKEN = re.compile(r"[^\W\d_][\w&'-]*[^\W_]")
_PARTS = re.compile(r"[|·•,;()/@]|\s[-–—]\s")
# Words that join a title to its company in English, German and French say nothing of a role.
_JOINING_WORDS = frozenset(
    {
        *("at", "of", "the", "and", "for", "in", "on", "with", "to", "an", "by", "from"),
        *("bei", "und", "fur", "der", "die", "das", "im", "von", "zu", "mit"),
        *("chez", "de", "du", "des", "la", "le", "les", "et", "pour", "en", "au", "aux", "un"),
    }
)

Weights = Mapping[tuple[str, str], int]


def terms(text: str) -> frozenset[str]:
    """The words of `text` a lesson is about (folded, joining words left out) and each pair of
    neighbouring ones within a part of it ("Wealth Manager | Bristol": no "manager bristol")."""
    found: set[str] = set()
    for part in _PARTS.split(fold(text)):
        words = [w for w in _TOKEN.findall(part) if w not in _JOINING_WORDS]
        found.update(words)
        found.update(f"{first} {second}" for first, second in pairwise(words))
    return frozenset(found)


def profile_terms(profile: ProfileRecord) -> frozenset[str]:
    return terms(f"{profile.headline} | {profile.current_title}")


def correction(
    profile: ProfileRecord,
    suggestions: Iterable[CategorySuggestion],
    added: Collection[str],
    removed: Collection[str],
) -> dict[tuple[str, str], int]:
    """The change of weights one correction makes: +1 for each term of the profile in a
    category the user added, -1 for each term that caused a suggestion the user removed (the
    whole headline's terms when the suggestion named none)."""
    causes = {s.key: terms(s.cue) for s in suggestions if s.cue}
    headline = profile_terms(profile)
    change: dict[tuple[str, str], int] = {}
    for key in (k for k in LEARNED_CATEGORIES if k in added):
        for term in headline:
            change[term, key] = change.get((term, key), 0) + 1
    for key in (k for k in LEARNED_CATEGORIES if k in removed):
        for term in causes.get(key) or headline:
            change[term, key] = change.get((term, key), 0) - 1
    return change


@dataclass(frozen=True)
class Lessons:
    weights: Weights = field(default_factory=dict)

    def unlearned(self, key: str, cue: str) -> bool:
        """Whether the user's corrections weighed the terms of this cue down for `key`."""
        if not self.weights:
            return False
        return sum(self.weights.get((term, key), 0) for term in terms(cue)) < 0

    def suggest(self, profile: ProfileRecord, exclude: Collection[str]) -> list[CategorySuggestion]:
        """Categories the user gave people with similar headlines, beyond `exclude`."""
        if not self.weights:
            return []
        mine = profile_terms(profile)
        found = []
        for key in (k for k in LEARNED_CATEGORIES if k not in exclude):
            marked = sorted(t for t in mine if self.weights.get((t, key), 0) > 0)
            pairs = [t for t in marked if " " in t]
            if pairs or len(marked) >= SIMILAR_BY_WORDS:
                noun = CATEGORIES.term(key).plural
                cue = pairs[0] if pairs else " ".join(marked)
                reason = f"you marked similar headlines as {noun}"
                found.append(CategorySuggestion(key, reason, cue=cue))
        return found
