"""The relationship behind a suggestion: how established it is, how it reads ("you exchanged
23 emails, last 3 weeks ago"), and what scope, strategy and tier make of it. None of these
makes a contact relevant to a goal; `helper.strategy.matching` filters, orders and boosts with
them."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Protocol

from helper.records import MeProfile, RelationshipStats

# Tiers the user chose for people they mean to keep: they count as known without history.
KNOWN_TIERS = frozenset({"strengthen", "maintain"})


class ContextWeights(Protocol):
    """The part of `helper.strategy.match_weights.MatchWeights` this module reads."""

    tier_boost: float
    full_history_interactions: int
    recency_half_life_days: float
    recency_share: float
    little_history: float


def as_utc(moment: datetime) -> datetime:
    """Naive datetimes are taken as UTC so that stored and computed times compare."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def days_between(earlier: datetime, later: datetime) -> float:
    return max(0.0, (as_utc(later) - as_utc(earlier)).total_seconds() / 86_400)


def time_ago(moment: datetime, now: datetime) -> str:
    """'today', '5 days ago', '3 weeks ago', '4 months ago', '2 years ago'."""
    days = int(days_between(moment, now))
    if days < 1:
        return "today"
    if days == 1:
        return "yesterday"
    for unit_days, unit, below in ((1, "day", 14), (7, "week", 60), (30, "month", 730)):
        if days < below:
            return _count(days // unit_days, unit) + " ago"
    return _count(days // 365, "year") + " ago"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def relationship_strength(
    stats: RelationshipStats, now: datetime, weights: ContextWeights
) -> float:
    """How established a relationship is, in [0, 1]: volume of exchanges, faded by time."""
    if stats.total == 0:
        return 0.0
    volume = min(1.0, math.log1p(stats.total) / math.log1p(weights.full_history_interactions))
    recency = 0.0
    if stats.last_contact is not None:
        age_days = days_between(stats.last_contact, now)
        recency = 0.5 ** (age_days / weights.recency_half_life_days)
    return volume * (1.0 - weights.recency_share + weights.recency_share * recency)


def describe_history(stats: RelationshipStats, now: datetime) -> str:
    """'you exchanged 23 emails and met 3 times, last 3 weeks ago'."""
    parts = []
    if stats.sent and stats.received:
        parts.append(f"you exchanged {_count(stats.sent + stats.received, 'email')}")
    elif stats.sent:
        parts.append(f"you sent {_count(stats.sent, 'email')}")
    elif stats.received:
        parts.append(f"they sent you {_count(stats.received, 'email')}")
    if stats.met:
        met = "once" if stats.met == 1 else f"{stats.met} times"
        parts.append(f"met {met}" if parts else f"you met {met}")
    text = " and ".join(parts)
    if stats.last_contact is not None:
        text += f", last {time_ago(stats.last_contact, now)}"
    return text


def effective_scope(goal_scope: str, me: MeProfile) -> str:
    """Scope cannot apply until you say where you work; until then every goal is 'both'."""
    return goal_scope if (me.employers or me.domains) else "both"


def tier_factor(tier: str, weights: ContextWeights) -> float:
    return 1.0 if tier == "strengthen" else 1.0 - weights.tier_boost


def strategy_reason(
    strategy: str, stats: RelationshipStats, now: datetime, weights: ContextWeights, tier: str = ""
) -> str | None:
    if strategy == "both":
        return None
    if stats.total == 0:
        if strategy == "develop_new":
            return "no history with you yet — fits 'develop new'"
        # Someone you chose to strengthen or maintain is listed with the people you know; the
        # tier says why, and "prefers people you know" would contradict that.
        if tier in KNOWN_TIERS:
            return None
        return "no history with you yet — 'cement existing' prefers people you know"
    history = describe_history(stats, now)
    if strategy == "cement_existing":
        return f"{history} — fits 'cement existing'"
    if relationship_strength(stats, now, weights) < weights.little_history:
        return f"little history ({history}) — fits 'develop new'"
    return f"{history} — 'develop new' prefers people you know less"
