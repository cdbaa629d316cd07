"""Goals x contacts -> ranked, explained suggestions (step 3 of the method: who can help).

A contact is suggested for a goal only on a goal-specific signal: a keyword found in what they
do now or in what mail and meetings with them were about (BM25F, `helper.strategy.relevance`,
with equivalent titles from `helper.strategy.titles`), or a target organisation among their
employers. A wanted category adds to that; alone it puts a person in "Could also help"
(`also_helpful`), as does a keyword found only in a past title. Scope filters (an internal goal
shows only people of your organisation, an external one only people outside it), strategy
orders (people you know first for "cement existing", new people first for "develop new"), and
the strengthen tier gives a small boost. Let-go contacts are never shown.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from itertools import chain

from helper.errors import OutreachError
from helper.records import GoalSpec, MeProfile
from helper.strategy.context import KNOWN_TIERS, effective_scope, tier_factor
from helper.strategy.match_index import ContactIndex, build_index
from helper.strategy.match_reasons import ReasonWriter
from helper.strategy.match_update import update_index
from helper.strategy.match_weights import MatchWeights
from helper.strategy.profile_fields import target_key
from helper.strategy.progress import (
    CATEGORY_ADVICE,
    category_advice,
    default_categories,
    wanted_categories,
)
from helper.strategy.titles import equivalents
from helper.vocabulary import SCOPES, STRATEGIES

__all__ = [
    "ContactIndex",
    "MatchWeights",
    "Ranking",
    "Suggestion",
    "build_index",
    "category_advice",
    "default_categories",
    "rank_contacts",
    "update_index",
]


@dataclass(frozen=True)
class Suggestion:
    contact_id: int
    name: str
    score: float
    reasons: list[str]
    also: bool = False
    """In "Could also help": a wanted category, a past title or a weak match, or (for
    "develop new") someone you already know well; scored by the category alone."""

    def to_json(self) -> dict:
        """The `match --json` shape: {contact_id, name, score, reasons[]}, with "also": true
        for a person who could also help."""
        document = {
            "contact_id": self.contact_id,
            "name": self.name,
            "score": round(self.score, 4),
            "reasons": list(self.reasons),
        }
        if self.also:
            document["also"] = True
        return document


@dataclass
class KeywordMatch:
    """One goal keyword: the phrases that count for it and the documents each matches."""

    keyword: str
    phrases: tuple[str, ...]
    scores: dict[int, float]


class Ranking:
    """A goal's suggestions (at most `limit`), and who could also help: people of a wanted
    category, or who once held a matching title, with nothing goal-specific now — worth a
    thought, never ranked among the suggestions. The second list is worked out when first
    asked for."""

    def __init__(self, ranking: _GoalRanking) -> None:
        self._ranking: _GoalRanking | None = ranking
        self.suggestions = ranking.suggestions(ranking.ranked(), also=False)

    @cached_property
    def also(self) -> list[Suggestion]:
        return self._ranking.suggestions(self._ranking.also(), also=True)

    def settled(self) -> Ranking:
        """Both lists worked out and the working state let go, for keeping."""
        self.also  # noqa: B018 - worked out now, kept by cached_property
        self._ranking = None
        return self


def rank_contacts(
    goal: GoalSpec, index: ContactIndex, me: MeProfile, *, now: datetime, limit: int | None = None
) -> Ranking:
    """The contacts who can help with `goal`, in the strategy's order and best first, each
    with its score and reasons; and those who could also help."""
    return Ranking(_GoalRanking(goal, index, me, now, limit))


class _GoalRanking:
    """One goal against one index: the signals, the candidates scope allows, an order, and
    reasons for the few that are shown."""

    def __init__(
        self, goal: GoalSpec, index: ContactIndex, me: MeProfile, now: datetime, limit: int | None
    ) -> None:
        _check_goal(goal)
        if limit is not None and limit < 0:
            raise OutreachError(f"limit must be 0 or more, not {limit}")
        self.goal, self.index, self.me, self.now, self.limit = goal, index, me, now, limit
        self.weights = index.weights
        self.wanted = list(dict.fromkeys(wanted_categories(goal)))
        self.categories = _category_signal(self.wanted, index)
        self.organisations = _organisation_signal(goal.organisations, index)
        self.keywords = [
            KeywordMatch(keyword, phrases, _best_of(index.text.query(phrases)))
            for keyword, phrases in _distinct_keywords(goal.keywords)
        ]
        self.core = {
            doc
            for match in self.keywords
            for phrase in match.phrases
            for doc in index.text.marked(phrase)
        }
        self.past = {
            doc
            for match in self.keywords
            for scores in index.past_titles.query(match.phrases)
            for doc in scores
        }
        self.allowed = _in_scope(goal, me, index)

    @cached_property
    def _evidence(self) -> dict[int, float]:
        return self._keyword_evidence()

    def _keyword_evidence(self) -> dict[int, float]:
        """Per document, the keyword evidence in [0, 1]: each keyword's score relative to its
        best document, combined as independent evidence (1 - prod(1 - certainty * relative))."""
        certainty = self.weights.keyword_certainty
        doubt: dict[int, float] = {}
        for match in self.keywords:
            best = max(match.scores.values(), default=0.0) or 1.0
            for doc, score in match.scores.items():
                doubt[doc] = doubt.get(doc, 1.0) * (1.0 - certainty * score / best)
        # A keyword only in the skills they list counts half, and only beside a wanted
        # category: people keep skills from every job they had, while the headline, titles,
        # about and your history say what they do now.
        half = self.weights.skills_only
        return {
            doc: (1.0 - value) * (1.0 if doc in self.core else half)
            for doc, value in doubt.items()
            if doc in self.core or doc in self.categories
        }

    def ranked(self) -> list[tuple[float, int]]:
        return self._ordered(self._strong(self._scored)[0])

    def _familiar(self) -> set[int]:
        """People who could also help but are not what the goal is after: for "develop new"
        those you already know well, friends and family among them, however little of it the
        store has seen; and for a goal that wants no friends or family, someone who is only a
        friend or relative, whose likeness to the goal is their own life's."""
        scored = (self._evidence.keys() | self.organisations.keys()) & self.allowed
        family = set(self.index.by_category.get("friend_family", ()))
        if "friend_family" in self.wanted:
            family = set()
        only_family = ("friend_family",)
        unwanted = {d for d in scored & family if self.index.document(d).categories == only_family}
        if self.goal.strategy != "develop_new":
            return unwanted
        return unwanted | {
            d
            for d in scored - self._in_the_goal
            if d in family or self.index.strength(d, self.now) >= self.weights.well_known
        }

    @cached_property
    def _in_the_goal(self) -> set[int]:
        """People of a wanted category whose history with you names the goal (a recruiter
        already briefed for the hire): "develop new" is about meeting others, not about
        leaving out those already working on it with you."""
        in_history = {
            doc
            for match in self.keywords
            for phrase in match.phrases
            for doc in self.index.text.in_field(phrase, "history")
        }
        return {doc for doc in in_history & self._evidence.keys() if self.categories.get(doc)}

    def also(self) -> list[tuple[float, int]]:
        """Category-only, past-title-only and weak matches; the category signal first."""
        weak = {doc for _, doc in self._strong(self._scored)[1]}
        specific = self._evidence.keys() | self.organisations.keys()
        background = {doc for match in self.keywords for doc in match.scores}
        rest = self.categories.keys() | self.past | background
        rest = ((rest - specific) | weak) & self.allowed
        # Scored as the category's share of a full match: below anyone ranked for the goal.
        share = _signal_shares(self.goal, bool(self.keywords), self.weights)[0]
        return self._ordered([(share * self.categories.get(doc, 0.0), doc) for doc in rest])

    def _strong(
        self, scored: list[tuple[float, int]]
    ) -> tuple[list[tuple[float, int]], list[tuple[float, int]]]:
        """The matches strong enough to rank, and the weak rest (with, for "develop new", the
        people you already know well)."""
        floor = self.weights.weak * max((score for score, _ in scored), default=0.0)
        familiar = self._familiar()
        return (
            [item for item in scored if item[0] >= floor and item[1] not in familiar],
            [item for item in scored if item[0] < floor or item[1] in familiar],
        )

    @cached_property
    def _scored(self) -> list[tuple[float, int]]:
        keywords = self._evidence
        share_c, share_k, share_o = _signal_shares(self.goal, bool(self.keywords), self.weights)
        specific = (keywords.keys() | self.organisations.keys()) & self.allowed
        alone = self.weights.organisation_alone
        tier_of = {tier: tier_factor(tier, self.weights) for tier in ("strengthen", "other")}
        categories, organisations, tier = (
            self.categories.get,
            self.organisations.get,
            self.index.tier,
        )
        scored = []
        for doc in specific:
            category, keyword = categories(doc, 0.0), keywords.get(doc, 0.0)
            relevance = share_c * category + share_k * keyword + share_o * organisations(doc, 0.0)
            if not category and not keyword:
                relevance *= alone
            factor = tier_of["strengthen" if tier(doc) == "strengthen" else "other"]
            scored.append((relevance * factor, doc))
        return scored

    def _ordered(self, scored: list[tuple[float, int]]) -> list[tuple[float, int]]:
        """Strategy first (people you know, or new people), then score, then name."""
        develop = self.goal.strategy == "develop_new"
        in_the_goal = self._in_the_goal if develop else set()
        group = _strategy_group(self.goal.strategy, self.index, self.now, self.weights, in_the_goal)
        names, index, now = self.index.sort_names, self.index, self.now
        # Between equal scores, people you know better first; for "develop new", less well.
        known = 1.0 if develop else -1.0

        def rough(item: tuple[float, int]) -> tuple[int, float]:
            return (group(item[1]), -round(item[0], 6))

        def key(item: tuple[float, int]) -> tuple[int, float, float, str, int]:
            doc = item[1]
            strength = index.strength(doc, now)
            return (*rough(item), known * strength, names[doc], doc)

        if self.limit is not None and self.limit < len(scored):
            # The best `limit` by group and score, and whatever ties with the last of them,
            # then the full order for those few: cheaper than the full key for everyone.
            if not self.limit:
                return []
            last = rough(heapq.nsmallest(self.limit, scored, key=rough)[-1])
            scored = [item for item in scored if rough(item) <= last]
            return sorted(scored, key=key)[: self.limit]
        return sorted(scored, key=key)

    def suggestions(self, chosen: list[tuple[float, int]], *, also: bool) -> list[Suggestion]:
        writer = ReasonWriter(self.goal, self.me, self.now, self.weights)
        signals = [
            writer.signal_reasons(
                self.index.document(doc),
                wanted=self.wanted,
                keywords=[(m.keyword, m.phrases) for m in self.keywords if doc in m.scores],
                organisations=self.goal.organisations if doc in self.organisations else [],
                formerly=[m.phrases for m in self.keywords] if doc in self.past else [],
            )
            for _, doc in chosen
        ]
        contexts = [writer.context_reasons(self.index.document(doc)) for _, doc in chosen]
        shared = writer.shared(contexts)
        return [
            Suggestion(
                contact_id=self.index.document(doc).contact_id,
                name=self.index.document(doc).name,
                score=score,
                reasons=signal + [r for r in context if r not in shared],
                also=also,
            )
            for (score, doc), signal, context in zip(chosen, signals, contexts, strict=True)
        ]


def _check_goal(goal: GoalSpec) -> None:
    where = f"goal {goal.id}"
    if goal.scope not in SCOPES:
        raise OutreachError(f"unknown scope '{goal.scope}'", location=where, value=goal.scope)
    if goal.strategy not in STRATEGIES:
        raise OutreachError(
            f"unknown strategy '{goal.strategy}'", location=where, value=goal.strategy
        )
    unknown = [key for key in goal.categories if key not in CATEGORY_ADVICE]
    if unknown:
        raise OutreachError(f"unknown category '{unknown[0]}'", location=where, value=unknown[0])


def _category_signal(wanted: list[str], index: ContactIndex) -> dict[int, float]:
    counts = Counter(chain.from_iterable(index.by_category.get(key, ()) for key in wanted))
    first = index.weights.first_category
    return {doc: min(1.0, first + (1.0 - first) * (n - 1)) for doc, n in counts.items()}


def _organisation_signal(targets: list[str], index: ContactIndex) -> dict[int, float]:
    """1.0 for working at a target now, less for having worked there. An address at the
    target's domain counts as working there, unless a past role there says they left:
    people keep old work addresses after they move on."""
    found: dict[int, float] = {}
    past = index.weights.past_organisation
    for target in targets:
        key = target_key(target)
        by_address = index.by_domain_name.get(key, set()) if key else set()
        current = index.current_companies.docs_for(target)
        left = index.past_companies.docs_for(target) - current
        for doc in left | by_address:
            found[doc] = max(found.get(doc, 0.0), past)
        found.update(dict.fromkeys(current | (by_address - left), 1.0))
    return {doc: value for doc, value in found.items() if doc not in index.let_go}


def _distinct_keywords(keywords: list[str]) -> list[tuple[str, tuple[str, ...]]]:
    """Each keyword with its equivalent phrases, once per meaning: "Director of Data" and
    "Chief Data Officer" name one title, which is one piece of evidence, not two."""
    seen: set[frozenset[str]] = set()
    distinct = []
    for keyword in keywords:
        phrases = equivalents(keyword)
        meaning = frozenset(phrase.casefold() for phrase in phrases)
        if meaning not in seen:
            seen.add(meaning)
            distinct.append((keyword, phrases))
    return distinct


def _best_of(per_phrase: list[dict[int, float]]) -> dict[int, float]:
    """Per document, its best score over a keyword's equivalent phrases, each phrase's scores
    relative to its own best: a long phrase ("Chief Technology Officer") adds up more words
    than its abbreviation ("CTO"), though both say the same."""
    best: dict[int, float] = {}
    for scores in per_phrase:
        top = max(scores.values(), default=0.0)
        for doc, score in scores.items():
            relative = score / top if top else 0.0
            if relative > best.get(doc, 0.0):
                best[doc] = relative
    return best


def _signal_shares(
    goal: GoalSpec, has_keywords: bool, weights: MatchWeights
) -> tuple[float, float, float]:
    """Category, keyword and organisation weights, shared among the signals the goal asks for
    so that a contact matching all of them scores 1."""
    keyword = weights.keyword if has_keywords else 0.0
    organisation = weights.organisation if goal.organisations else 0.0
    total = weights.category + keyword + organisation
    return weights.category / total, keyword / total, organisation / total


def _in_scope(goal: GoalSpec, me: MeProfile, index: ContactIndex) -> set[int]:
    """The documents the goal's scope allows, never a let-go contact. Scope applies once you
    say where you work."""
    everyone = index.everyone
    scope = effective_scope(goal.scope, me)
    if scope == "both":
        return everyone
    inside = _internal_docs(me, index)
    return everyone & inside if scope == "internal" else everyone - inside


def _internal_docs(me: MeProfile, index: ContactIndex) -> set[int]:
    """Contacts who work where you work now: by employer name, or by an address at your
    domain unless a past role with you says they left (they keep the address)."""
    docs: set[int] = set()
    left: set[int] = set()
    for employer in me.employers:
        docs |= index.current_companies.docs_for(employer)
        left |= index.past_companies.docs_for(employer)
    left -= docs
    for domain in me.domains:
        docs |= index.by_domain.get(domain.lower().lstrip("@"), set()) - left
    return docs


def _strategy_group(
    strategy: str,
    index: ContactIndex,
    now: datetime,
    weights: MatchWeights,
    in_the_goal: set[int],
) -> Callable[[int], int]:
    """0 for the people the strategy puts first, 1 for the rest: for 'cement existing' those
    you have history with (or chose to strengthen or maintain), for 'develop new' those you
    barely know and those already working on the goal with you."""
    if strategy == "both":
        return lambda doc: 0
    if strategy == "cement_existing":
        return lambda doc: 0 if _known(index, doc) else 1
    little = weights.little_history
    return lambda doc: 0 if doc in in_the_goal or index.strength(doc, now) < little else 1


def _known(index: ContactIndex, doc: int) -> bool:
    return index.stats(doc).total > 0 or index.tier(doc) in KNOWN_TIERS
