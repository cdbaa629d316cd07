"""The reasons beside a suggestion: each true of the contact as stored, quoting their words as
written, from their current role unless it says "formerly", with no reason twice and none that
every suggestion shares."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from helper.records import GoalSpec, MeProfile
from helper.strategy.context import as_utc, strategy_reason
from helper.strategy.match_index import MatchDocument, TopicEntry
from helper.strategy.match_weights import MatchWeights
from helper.strategy.profile_fields import domain_name, email_domain, target_key, target_matches
from helper.strategy.relevance import find_phrase
from helper.vocabulary import CATEGORIES

FIELD_REASONS: dict[str, str] = {
    "headline": "headline mentions '{}'",
    "titles": "job title mentions '{}'",
    "skills": "skills include '{}'",
    "about": "about section mentions '{}'",
}
TOPIC_REASONS: dict[str, str] = {
    "email_sent": "you emailed about '{}' {}",
    "email_received": "they emailed you about '{}' {}",
    "call": "you spoke about '{}' on a call {}",
    "met": "you met about '{}' {}",
    "message": "you messaged about '{}' {}",
}
TIER_REASON = "tier: you chose to strengthen this relationship"


class ReasonWriter:
    def __init__(self, goal: GoalSpec, me: MeProfile, now: datetime, weights: MatchWeights) -> None:
        self.goal, self.me, self.now, self.weights = goal, me, now, weights

    def signal_reasons(
        self,
        document: MatchDocument,
        *,
        wanted: Sequence[str],
        keywords: Sequence[tuple[str, tuple[str, ...]]],
        organisations: Sequence[str],
        formerly: Sequence[tuple[str, ...]],
    ) -> list[str]:
        reasons = [
            f"{CATEGORIES.term(key).noun} — goal wants {CATEGORIES.term(key).plural}"
            for key in wanted
            if key in document.categories
        ]
        reasons += _organisation_reasons(organisations, document)
        found = [hit for k, phrases in keywords if (hit := self._found(k, phrases, document))]
        reasons += _without_repeats(found)
        if not found:  # a past title is worth saying only when nothing current matched
            past = {reason for phrases in formerly if (reason := _formerly(phrases, document))}
            reasons += sorted(past)[:1]
        return reasons

    def context_reasons(self, document: MatchDocument) -> list[str]:
        stats, tier = document.stats, document.tier
        reasons = [strategy_reason(self.goal.strategy, stats, self.now, self.weights, tier)]
        if document.tier == "strengthen":
            reasons.append(TIER_REASON)
        return [reason for reason in reasons if reason]

    def shared(self, reasons: Sequence[Sequence[str]]) -> set[str]:
        """Context reasons every shown suggestion has ("no history with you yet" beside each
        of them): they tell the user nothing."""
        if len(reasons) < 2:
            return set()
        return set.intersection(*(set(these) for these in reasons))

    def _found(
        self, keyword: str, phrases: tuple[str, ...], document: MatchDocument
    ) -> tuple[str, str, str] | None:
        """(field, words as written, reason) for the first field that holds the keyword."""
        for name, segments in (
            ("headline", [document.headline]),
            ("titles", document.current_titles),
            ("skills", document.skills),
        ):
            for phrase in phrases:
                for segment in segments:
                    words = find_phrase(segment, phrase)
                    if words:
                        return name, words, _with_keyword(FIELD_REASONS[name], words, keyword)
        for phrase in phrases:
            for topic in document.topics:
                words = find_phrase(topic.text, phrase)
                if words:
                    return "history", words, self._topic_reason(topic, words, keyword)
            words = find_phrase(document.about, phrase)
            if words:
                return "about", words, _with_keyword(FIELD_REASONS["about"], words, keyword)
        return None

    def _topic_reason(self, topic: TopicEntry, words: str, keyword: str) -> str:
        when = _month(topic.when, self.now)
        if topic.kind == "event":
            reason = (
                f"at {topic.event} {when}, you discussed '{words}'"
                if topic.event
                else f"you discussed '{words}' {when}"
            )
        else:
            template = TOPIC_REASONS.get(topic.kind, "your history mentions '{}' {}")
            reason = template.format(words, when)
        return _for_keyword(" ".join(reason.split()), words, keyword)


def _month(when: datetime | None, now: datetime) -> str:
    if when is None:
        return ""
    moment, today = as_utc(when), as_utc(now)
    month = moment.strftime("%B")
    return f"in {month}" if moment.year == today.year else f"in {month} {moment.year}"


def _for_keyword(reason: str, words: str, keyword: str) -> str:
    """The reason, saying which keyword an equivalent title stood for: "… 'CDO' (for 'Chief
    Data Officer')"."""
    if words.casefold() == keyword.casefold() or keyword.casefold() in words.casefold():
        return reason
    if find_phrase(words, keyword):
        return reason
    return f"{reason} (for '{keyword}')"


def _with_keyword(template: str, words: str, keyword: str) -> str:
    return _for_keyword(template.format(words), words, keyword)


def _without_repeats(found: list[tuple[str, str, str]]) -> list[str]:
    """Keyword reasons, without one whose words another reason of the same field already
    quotes ("'stream processing'" makes "'stream'" redundant)."""
    kept = []
    for field, words, reason in found:
        folded = words.casefold()
        covered = any(
            other_field == field and folded != other.casefold() and folded in other.casefold()
            for other_field, other, _ in found
        )
        if not covered and reason not in kept:
            kept.append(reason)
    return kept


def _organisation_reasons(targets: Sequence[str], document: MatchDocument) -> list[str]:
    if not targets:
        return []
    now_at = [
        f"works at {company}, a target organisation"
        for company in document.current_companies
        if any(target_matches(target, company) for target in targets)
    ]
    wanted = {target_key(target) for target in targets}
    now_at += [
        f"email at {domain}, a target organisation"
        for domain in dict.fromkeys(email_domain(a) for a in document.emails)
        if not now_at and not _left(targets, document) and domain_name(domain) in wanted
    ][:1]
    if now_at:
        return now_at
    return [
        f"worked at {role.company}{f' until {role.end}' if role.end else ''}, a target organisation"
        for role in document.past_roles
        if any(target_matches(target, role.company) for target in targets)
    ][:1]


def _left(targets: Sequence[str], document: MatchDocument) -> bool:
    """A past role at a target: an address there is an old one."""
    return any(
        target_matches(target, role.company) for role in document.past_roles for target in targets
    )


def _formerly(phrases: tuple[str, ...], document: MatchDocument) -> str | None:
    for role in document.past_roles:
        for phrase in phrases:
            words = find_phrase(role.title, phrase)
            if words:
                at = f" at {role.company}" if role.company else ""
                until = f" until {role.end}" if role.end else ""
                return f"formerly '{words}'{at}{until}"
    return None
