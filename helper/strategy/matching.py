"""Goals x contacts -> ranked, explained suggestions (step 3 of the method: who can help).

A contact is suggested for a goal only on a positive signal: a wanted category, a keyword found
in the profile (BM25F, `helper.strategy.relevance`), or a target organisation among their employers.
Scope, strategy and tier then scale that score down or leave it be; they never make a contact
relevant on their own, so a plumber is never a suggestion for a seed round. Every reason names
the category, word or organisation that is really in the contact, and the field it is in.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain
from operator import attrgetter

from helper.errors import OutreachError
from helper.records import ContactSnapshot, GoalSpec, MeProfile
from helper.strategy.context import (
    context_reasons,
    effective_scope,
    relationship_strength,
    scope_factor,
    strategy_line,
    tier_factor,
)
from helper.strategy.profile_fields import (
    CompanyTable,
    company_key,
    current_companies,
    email_domain,
    is_current,
    keyword_reason,
    organisation_reasons,
    profile_fields,
)
from helper.strategy.progress import (
    CATEGORY_ADVICE,
    category_advice,
    default_categories,
    wanted_categories,
)
from helper.strategy.relevance import Bm25Settings, RelevanceIndex, fold
from helper.vocabulary import CATEGORIES, SCOPES, STRATEGIES

__all__ = [
    "ContactIndex",
    "MatchWeights",
    "Suggestion",
    "build_index",
    "category_advice",
    "default_categories",
    "rank_contacts",
]


@dataclass(frozen=True)
class MatchWeights:
    """Every number that shapes a ranking. Signals add up to a relevance in [0, 1]; the
    adjustments are factors in (0, 1] that scale it, so a score never leaves [0, 1]."""

    category: float = 0.35
    """Weight of the wanted-category signal among the signals the goal asks for."""

    keyword: float = 0.40
    """Weight of the keyword signal (BM25F per keyword, combined over keywords)."""

    keyword_certainty: float = 0.85
    """Evidence from one keyword at its best match; several keywords together approach 1."""

    organisation: float = 0.45
    """Weight of working, or having worked, at a target organisation."""

    first_category: float = 0.8
    """Category signal for one wanted category; each further one adds the remainder."""

    past_organisation: float = 0.6
    """Organisation signal for a past employer, against 1.0 for a current one."""

    scope_mismatch: float = 0.35
    """Share of the score lost by an internal contact for an external goal, or the reverse."""

    strategy: float = 0.30
    """Share of the score lost at the worst strategy fit: no history for 'cement existing',
    a strong recent relationship for 'develop new'."""

    tier_boost: float = 0.08
    """Share of the score lost by contacts not marked 'strengthen' — their small boost."""

    full_history_interactions: int = 30
    """Interactions (mails both ways and meetings) at which the history counts as full."""

    recency_half_life_days: float = 180.0
    """Days after which the recency part of a relationship's strength halves."""

    recency_share: float = 0.5
    """Part of a relationship's strength that fades with time; the rest is its volume."""

    little_history: float = 0.25
    """Strength below which 'develop new' calls a relationship new enough."""

    text: Bm25Settings = field(default_factory=Bm25Settings)
    """BM25F parameters and field weights of the keyword signal."""


@dataclass(frozen=True)
class Suggestion:
    contact_id: int
    name: str
    score: float
    reasons: list[str]

    def to_json(self) -> dict:
        """The `match --json` shape: {contact_id, name, score, reasons[]}."""
        return {
            "contact_id": self.contact_id,
            "name": self.name,
            "score": round(self.score, 4),
            "reasons": list(self.reasons),
        }


@dataclass
class ContactIndex:
    """What ranking needs about a list of contacts, built once by `build_index` and reused for
    every goal, user and moment; it describes the contacts as they were when it was built."""

    contact_ids: tuple[int, ...]
    weights: MatchWeights
    text: RelevanceIndex
    by_category: dict[str, set[int]]
    current_companies: CompanyTable
    past_companies: CompanyTable
    by_domain: dict[str, set[int]]
    let_go: frozenset[int]
    strengthen: frozenset[int]
    sort_names: tuple[str, ...]
    _strengths: dict[datetime, list[float]] = field(default_factory=dict, repr=False)

    def strengths(self, contacts: Sequence[ContactSnapshot], now: datetime) -> list[float]:
        """Relationship strength per contact position at `now`, kept for the next goal."""
        cached = self._strengths.get(now)
        if cached is None:
            cached = [relationship_strength(c.stats, now, self.weights) for c in contacts]
            # One assignment, so that a reader in another thread sees the old or the new table.
            self._strengths = {now: cached}
        return cached


def build_index(
    contacts: Sequence[ContactSnapshot], weights: MatchWeights | None = None
) -> ContactIndex:
    """Index contacts once; pass the result to `rank_contacts` for each goal."""
    chosen = weights or MatchWeights()
    by_category: dict[str, set[int]] = {}
    current, past = CompanyTable(), CompanyTable()
    by_domain: dict[str, set[int]] = {}
    for doc, contact in enumerate(contacts):
        for key in contact.categories:
            by_category.setdefault(key, set()).add(doc)
        now_keys = {company_key(name) for name in current_companies(contact.profile)}
        for key in now_keys:
            current.add(key, doc)
        for position in contact.profile.positions:
            key = company_key(position.company)
            if not is_current(position) and key not in now_keys:
                past.add(key, doc)
        for address in contact.profile.emails:
            by_domain.setdefault(email_domain(address), set()).add(doc)
    text = RelevanceIndex.build([profile_fields(c.profile) for c in contacts], chosen.text)
    return ContactIndex(
        contact_ids=tuple(c.id for c in contacts),
        weights=chosen,
        text=text,
        by_category=by_category,
        current_companies=current,
        past_companies=past,
        by_domain=by_domain,
        let_go=frozenset(doc for doc, c in enumerate(contacts) if c.tier == "let_go"),
        strengthen=frozenset(doc for doc, c in enumerate(contacts) if c.tier == "strengthen"),
        sort_names=tuple(fold(c.profile.name) for c in contacts),
    )


@dataclass
class _Signals:
    """The positive evidence for one goal, by contact position in the index, each in [0, 1]."""

    wanted: list[str]
    categories: dict[int, float]
    organisations: dict[int, float]
    keywords: dict[int, float]
    per_keyword: list[dict[int, float]]


def rank_contacts(
    goal: GoalSpec,
    contacts: Sequence[ContactSnapshot],
    me: MeProfile,
    *,
    now: datetime,
    index: ContactIndex | None = None,
    limit: int | None = None,
) -> list[Suggestion]:
    """The contacts who can help with `goal`, best first, each with its score and reasons.

    Contacts with no category, keyword or organisation match, and let_go contacts, are left
    out. `index` must come from `build_index(contacts)`; without it one is built.
    """
    _check_goal(goal)
    if limit is not None and limit < 0:
        raise OutreachError(f"limit must be 0 or more, not {limit}")
    index = index or build_index(contacts)
    if index.contact_ids != tuple(map(attrgetter("id"), contacts)):
        raise ValueError("the index was built for other contacts; call build_index(contacts)")
    ranking = _GoalRanking(goal, contacts, me, now, index)
    scored = ranking.scored()

    def order(item: tuple[float, int]) -> tuple[float, str, int]:
        return (-item[0], index.sort_names[item[1]], index.contact_ids[item[1]])

    if limit is not None and limit < len(scored):
        # Keep the best `limit` scores and any ties with the last of them, then order those
        # fully (ties by name): cheaper than a sort key for every candidate.
        cutoff = heapq.nlargest(limit, scored)[-1][0] if limit else float("inf")
        scored = [item for item in scored if item[0] >= cutoff]
    chosen = sorted(scored, key=order)[:limit]
    return [ranking.suggestion(doc, score) for score, doc in chosen]


class _GoalRanking:
    """One goal against one index: the signals, then a score per candidate, then reasons for
    the few that are shown."""

    def __init__(
        self,
        goal: GoalSpec,
        contacts: Sequence[ContactSnapshot],
        me: MeProfile,
        now: datetime,
        index: ContactIndex,
    ) -> None:
        self.goal, self.contacts, self.me, self.now, self.index = goal, contacts, me, now, index
        self.weights = index.weights
        self.signals = _collect_signals(goal, index)
        self.internal = _internal_docs(me, index)
        scope = effective_scope(goal.scope, me)
        self.scope_factors = {
            inside: scope_factor(scope, inside, self.weights) for inside in (True, False)
        }

    def scored(self) -> list[tuple[float, int]]:
        """(score, contact position) of every candidate: relevance times context factors."""
        signals, weights, index = self.signals, self.weights, self.index
        categories, keywords, organisations = (
            signals.categories,
            signals.keywords,
            signals.organisations,
        )
        category_share, keyword_share, organisation_share = _signal_shares(self.goal, weights)
        inside, outside = self.scope_factors[True], self.scope_factors[False]
        strong, usual = tier_factor("strengthen", weights), tier_factor("unset", weights)
        base, slope = strategy_line(self.goal.strategy, weights)
        strengths = index.strengths(self.contacts, self.now) if slope else None
        candidates = (categories.keys() | keywords.keys() | organisations.keys()) - index.let_go
        scored = []
        for doc in candidates:
            relevance = (
                category_share * categories.get(doc, 0.0)
                + keyword_share * keywords.get(doc, 0.0)
                + organisation_share * organisations.get(doc, 0.0)
            )
            factor = (inside if doc in self.internal else outside) * (
                strong if doc in index.strengthen else usual
            )
            if strengths is not None:
                factor *= base + slope * strengths[doc]
            scored.append((relevance * factor, doc))
        return scored

    def suggestion(self, doc: int, score: float) -> Suggestion:
        contact = self.contacts[doc]
        context = context_reasons(
            self.goal, self.me, self.now, contact, doc in self.internal, self.weights
        )
        return Suggestion(
            contact_id=contact.id,
            name=contact.profile.name,
            score=score,
            reasons=_signal_reasons(self.goal, self.signals, doc, contact) + context,
        )


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


def _collect_signals(goal: GoalSpec, index: ContactIndex) -> _Signals:
    wanted = list(dict.fromkeys(wanted_categories(goal)))
    counts = Counter(chain.from_iterable(index.by_category.get(key, ()) for key in wanted))
    value_of = [_category_value(matched, index.weights) for matched in range(len(wanted) + 1)]
    organisations: dict[int, float] = {}
    past_share = index.weights.past_organisation
    for name in goal.organisations:
        target = company_key(name)
        for doc in index.past_companies.docs_for(target):
            organisations[doc] = max(organisations.get(doc, 0.0), past_share)
        for doc in index.current_companies.docs_for(target):
            organisations[doc] = 1.0
    per_keyword = [
        {doc: score for doc, score in scores.items() if doc not in index.let_go}
        for scores in index.text.query(goal.keywords)
    ]
    return _Signals(
        wanted=wanted,
        categories={doc: value_of[matched] for doc, matched in counts.items()},
        organisations=organisations,
        keywords=_keyword_evidence(per_keyword, index.weights.keyword_certainty),
        per_keyword=per_keyword,
    )


def _keyword_evidence(per_keyword: list[dict[int, float]], certainty: float) -> dict[int, float]:
    """Per contact, the keyword evidence in [0, 1].

    Each keyword's BM25F score is taken relative to the best contact for that keyword, then the
    keywords combine as independent evidence (1 - prod(1 - certainty * relative)): each keyword
    counts once, and more keywords matched means more confidence.
    """
    doubt: dict[int, float] = {}
    for scores in per_keyword:
        best = max(scores.values(), default=0.0) or 1.0
        for doc, score in scores.items():
            doubt[doc] = doubt.get(doc, 1.0) * (1.0 - certainty * score / best)
    return {doc: 1.0 - value for doc, value in doubt.items()}


def _signal_shares(goal: GoalSpec, weights: MatchWeights) -> tuple[float, float, float]:
    """Category, keyword and organisation weights, shared among the signals the goal asks for
    so that a contact matching all of them scores 1."""
    keyword = weights.keyword if goal.keywords else 0.0
    organisation = weights.organisation if goal.organisations else 0.0
    total = weights.category + keyword + organisation
    return weights.category / total, keyword / total, organisation / total


def _category_value(matched: int, weights: MatchWeights) -> float:
    if not matched:
        return 0.0
    return min(1.0, weights.first_category + (1.0 - weights.first_category) * (matched - 1))


def _internal_docs(me: MeProfile, index: ContactIndex) -> set[int]:
    """Contacts who work where you work now, by employer name or by email domain."""
    docs: set[int] = set()
    for employer in me.employers:
        docs |= index.current_companies.docs_for(company_key(employer))
    for domain in me.domains:
        docs |= index.by_domain.get(domain.lower().lstrip("@"), set())
    return docs


def _signal_reasons(
    goal: GoalSpec, signals: _Signals, doc: int, contact: ContactSnapshot
) -> list[str]:
    reasons = [
        f"{CATEGORIES.term(key).noun} — goal wants {CATEGORIES.term(key).plural}"
        for key in signals.wanted
        if key in contact.categories
    ]
    if doc in signals.organisations:
        reasons.extend(organisation_reasons(goal.organisations, contact.profile))
    fields = profile_fields(contact.profile)
    for phrase, scores in zip(goal.keywords, signals.per_keyword, strict=True):
        reason = keyword_reason(phrase, fields) if doc in scores else None
        if reason:
            reasons.append(reason)
    return reasons
