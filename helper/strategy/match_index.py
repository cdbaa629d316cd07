"""What ranking needs to know about every contact, gathered once into a `ContactIndex` that
serves every goal until the contacts change.

Each contact becomes a `MatchDocument`: plain tuples and strings only, so that a stored index
(see `helper.store.snapshots`) loads in a fraction of the time it takes to build. The text the
keyword signal reads is indexed by field (`helper.strategy.relevance`): the headline, current
titles, past titles, skills, the about text, and what mail and meetings with the person were
about. Company names are not text: they are the organisation signal's, and count there once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import NamedTuple

from helper.records import ContactSnapshot, ProfileRecord, RelationshipStats, Topic
from helper.strategy.context import relationship_strength
from helper.strategy.match_weights import MatchWeights
from helper.strategy.profile_fields import (
    CompanyTable,
    company_key,
    domain_name,
    email_domain,
    is_current,
)
from helper.strategy.relevance import RelevanceIndex, fold

# A headline part about the past: "ex-Head of Data Platform, Barclays", "ehem. CFO".
_PAST_PART = re.compile(
    r"^\s*(?:ex[- ]|former(?:ly)?\b|previously\b|ehem(?:als|\.)|fruher\b|früher\b|"
    r"anciennement\b|ancien(?:ne)?\b)",
    re.IGNORECASE,
)
_HEADLINE_PARTS = re.compile(r"\s*[|·•]\s*")
# Where a part turns to the past mid-way: "Architect, formerly Head of Data at Monzo".
_PAST_TURN = re.compile(
    r"\s*[,;(–—]\s*(?=ex[- ]|former(?:ly)?\b|previously\b|ehem(?:als|\.)|früher\b|"
    r"anciennement\b|ancien(?:ne)?\b)",
    re.IGNORECASE,
)
# Reply and forward prefixes of mail subjects in English, German and French.
_SUBJECT_PREFIX = re.compile(r"^(?:\s*(?:re|fwd?|aw|wg|tr|réf|ref)\s*(?:\[\d+\])?\s*:\s*)+", re.I)


class Role(NamedTuple):
    title: str
    company: str
    end: str


class TopicEntry(NamedTuple):
    text: str
    kind: str
    when: datetime | None
    event: str


class MatchDocument(NamedTuple):
    """One contact as ranking and its reasons read them."""

    contact_id: int
    name: str
    headline: str
    current_titles: tuple[str, ...]
    current_companies: tuple[str, ...]
    past_roles: tuple[Role, ...]
    skills: tuple[str, ...]
    about: str
    topics: tuple[TopicEntry, ...]
    emails: tuple[str, ...]
    categories: tuple[str, ...]
    tier: str
    stats: RelationshipStats

    def fields(self) -> dict[str, list[str]]:
        """What the person does now and what you talked about, by field, as the keyword
        signal indexes it."""
        return {
            "headline": [self.headline],
            "titles": list(self.current_titles),
            "skills": list(self.skills),
            "history": [topic.text for topic in self.topics],
            "about": [self.about],
        }


def subject_text(subject: str) -> str:
    """A mail subject without its "Re:"/"Fwd:"/"AW:" prefixes."""
    return _SUBJECT_PREFIX.sub("", subject).strip()


def match_document(contact: ContactSnapshot) -> MatchDocument:
    profile = contact.profile
    current = [p for p in profile.positions if is_current(p)]
    titles = [profile.current_title, *(p.title for p in current)]
    companies = [profile.current_company, *(p.company for p in current)]
    current_keys = {company_key(c) for c in companies if c.strip()}
    parts = [
        piece.rstrip(")")
        for part in _HEADLINE_PARTS.split(profile.headline)
        for piece in _PAST_TURN.split(part, maxsplit=1)
        if piece
    ]
    headline = _without_employer(
        " | ".join(part for part in parts if not _PAST_PART.match(part)), companies
    )
    past = tuple(
        Role(p.title, p.company, p.end.strip())
        for p in profile.positions
        if not is_current(p) and company_key(p.company) not in current_keys
    ) + tuple(
        Role(_PAST_PART.sub("", part).strip(), "", "") for part in parts if _PAST_PART.match(part)
    )
    topics = {}
    for topic in sorted(contact.topics, key=_newest_first):
        text = subject_text(topic.text) if topic.kind != "event" else topic.text.strip()
        if text and text.casefold() not in topics:
            topics[text.casefold()] = TopicEntry(text, topic.kind, topic.when, topic.event)
    return MatchDocument(
        contact_id=contact.id,
        name=profile.name,
        headline=headline,
        current_titles=tuple(t for t in dict.fromkeys(titles) if t.strip()),
        current_companies=tuple(c for c in dict.fromkeys(companies) if c.strip()),
        past_roles=past,
        skills=tuple(profile.skills),
        about=profile.about,
        topics=tuple(topics.values()),
        emails=tuple(profile.emails),
        categories=tuple(contact.categories),
        tier=contact.tier,
        stats=contact.stats,
    )


def _without_employer(headline: str, companies: list[str]) -> str:
    """The headline without the name of where they work ("Data Engineer at Contoso
    Analytics"): an employer is the organisation signal's, not words about the work."""
    folded = headline.casefold()
    for company in companies:
        pattern = _employer_pattern(company.strip())
        if pattern is not None and any(name in folded for name in pattern.names):
            headline = pattern.regex.sub(" ", headline)
    return " ".join(headline.split()).strip(" ,;|·•-–—@")


class _EmployerPattern(NamedTuple):
    names: tuple[str, ...]  # casefolded ways to write it, for a cheap test first
    regex: re.Pattern[str]


@lru_cache(maxsize=50_000)
def _employer_pattern(company: str) -> _EmployerPattern | None:
    """How a headline names this employer ("at Contoso Analytics", "@ Contoso Analytics Ltd"),
    compiled once per company: thousands of contacts share one."""
    if not company:
        return None
    names = sorted({company, " ".join(company_key(company).split())} - {""}, key=len)
    alternatives = "|".join(re.escape(name) for name in reversed(names))
    regex = re.compile(
        rf"(?:\s+(?:at|@|bei|chez)\s+|\s*@\s*)?(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE
    )
    return _EmployerPattern(tuple(name.casefold() for name in names), regex)


def _newest_first(topic: Topic) -> float:
    return -(topic.when.timestamp() if topic.when else 0.0)


def record_of(document: MatchDocument) -> tuple:
    """The document as plain tuples, which load from disk in half the time of named ones."""
    stats = document.stats
    return (
        *document[:5],
        tuple(tuple(role) for role in document.past_roles),
        document.skills,
        document.about,
        tuple(tuple(topic) for topic in document.topics),
        document.emails,
        document.categories,
        document.tier,
        (stats.sent, stats.received, stats.met, stats.first_contact, stats.last_contact),
    )


def _document(record: tuple) -> MatchDocument:
    roles, topics, stats = record[5], record[8], record[12]
    return MatchDocument(
        *record[:5],
        tuple(Role(*role) for role in roles),
        *record[6:8],
        tuple(TopicEntry(*topic) for topic in topics),
        *record[9:12],
        RelationshipStats(*stats),
    )


_TIER, _STATS = MatchDocument._fields.index("tier"), MatchDocument._fields.index("stats")


@dataclass
class ContactIndex:
    """What ranking needs about a list of contacts, built once by `build_index` and reused for
    every goal, user and moment; it describes the contacts as they were when it was built, or
    last updated (`helper.strategy.match_update`).

    Documents are numbered in contact id order. A contact removed by an update leaves its
    number unused (its record is None) and a new one takes the next number, so the numbers
    keep the ids' order and an updated index ranks exactly as one built anew."""

    records: tuple[tuple | None, ...]
    weights: MatchWeights
    text: RelevanceIndex
    past_titles: RelevanceIndex
    by_category: dict[str, set[int]]
    current_companies: CompanyTable
    past_companies: CompanyTable
    by_domain: dict[str, set[int]]
    by_domain_name: dict[str, set[int]]
    let_go: frozenset[int]
    sort_names: tuple[str, ...]
    _strengths: dict[datetime, dict[int, float]] = field(default_factory=dict, repr=False)
    _documents: dict[int, MatchDocument] = field(default_factory=dict, repr=False)
    _everyone: set[int] | None = field(default=None, repr=False)
    _numbers: dict[int, int] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.numbers)

    def docs(self) -> list[int]:
        """The numbers of the documents held, in contact id order."""
        return list(self.numbers.values())

    @property
    def numbers(self) -> dict[int, int]:
        """Contact id -> document number, in contact id order."""
        if self._numbers is None:
            self._numbers = {
                record[0]: doc for doc, record in enumerate(self.records) if record is not None
            }
        return self._numbers

    @property
    def newest_id(self) -> int | None:
        """The highest contact id held (the numbers keep the ids' order)."""
        return next(reversed(self.numbers), None)

    @property
    def everyone(self) -> set[int]:
        """Every document but the let-go contacts'."""
        if self._everyone is None:
            self._everyone = set(self.numbers.values()) - self.let_go
        return self._everyone

    def document(self, doc: int) -> MatchDocument:
        """The contact at this position, as reasons read it."""
        found = self._documents.get(doc)
        if found is None:
            found = self._documents[doc] = _document(self.records[doc])
        return found

    def tier(self, doc: int) -> str:
        return self.records[doc][_TIER]

    def stats(self, doc: int) -> RelationshipStats:
        return RelationshipStats(*self.records[doc][_STATS])

    def strength(self, doc: int, now: datetime) -> float:
        """The relationship's strength at `now`, worked out for the documents a ranking asks
        about and kept for the next goal at the same moment."""
        table = self._strengths.get(now)
        if table is None:
            table = {}
            # One assignment, so that a reader in another thread sees the old or the new table.
            self._strengths = {now: table}
        found = table.get(doc)
        if found is None:
            found = table[doc] = relationship_strength(self.stats(doc), now, self.weights)
        return found

    def category_counts(self) -> dict[str, int]:
        """How many contacts each category has, let-go ones not counted."""
        return {key: len(docs - self.let_go) for key, docs in self.by_category.items()}

    def snapshots(self) -> list[ContactSnapshot]:
        """The contacts as far as cadences and category counts need them."""
        return [
            ContactSnapshot(
                id=record[0],
                profile=ProfileRecord(name=record[1]),
                categories=list(record[10]),
                tier=record[_TIER],
                stats=self.stats(doc),
            )
            for doc, record in enumerate(self.records)
            if record is not None
        ]

    def __getstate__(self) -> dict:
        """What is kept on disk: no answers worked out for one moment or one page."""
        kept = {"_strengths": {}, "_documents": {}, "_everyone": None, "_numbers": None}
        return {**self.__dict__, **kept}


def build_index(
    contacts: Sequence[ContactSnapshot], weights: MatchWeights | None = None
) -> ContactIndex:
    """Index contacts once; pass the result to the ranking for each goal."""
    weights = weights or MatchWeights()
    documents = tuple(match_document(c) for c in contacts)
    by_category: dict[str, set[int]] = {}
    current, past = CompanyTable(), CompanyTable()
    by_domain: dict[str, set[int]] = {}
    by_domain_name: dict[str, set[int]] = {}
    for doc, document in enumerate(documents):
        for key in document.categories:
            by_category.setdefault(key, set()).add(doc)
        for name in document.current_companies:
            current.add(name, doc)
        for role in document.past_roles:
            past.add(role.company, doc)
        for address in document.emails:
            domain = email_domain(address)
            by_domain.setdefault(domain, set()).add(doc)
            if name := domain_name(domain):  # none for a shared provider such as gmail.com
                by_domain_name.setdefault(name, set()).add(doc)
    text = RelevanceIndex.build([d.fields() for d in documents], weights.text)
    past_titles = RelevanceIndex.build(
        [{"titles": [role.title for role in d.past_roles]} for d in documents], weights.text
    )
    return ContactIndex(
        records=tuple(record_of(d) for d in documents),
        weights=weights,
        text=text,
        past_titles=past_titles,
        by_category=by_category,
        current_companies=current,
        past_companies=past,
        by_domain=by_domain,
        by_domain_name=by_domain_name,
        let_go=frozenset(n for n, d in enumerate(documents) if d.tier == "let_go"),
        sort_names=tuple(fold(d.name) for d in documents),
    )
