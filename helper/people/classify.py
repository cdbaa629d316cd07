"""Suggest the method's contact categories for a profile, each with the reason a person reads.

Step 3 of the method lists whom to network with: colleagues (current and former),
managers/coaches/mentors/sponsors, customers, suppliers, friends and family, specialists,
recruiters, clubs, and introducers (accountants, solicitors, bank managers, non-executive
directors). Suggestions are multi-label and only suggestions: the user's choice wins.

Rules, all on whole words (a cue never matches inside another word):
- Cues are read from what the person does now: the headline, the current title and the
  titles and companies of roles without an end date. The About text is not read; it
  mentions far more than the person's role ("I work closely with recruiters").
- "Manager" alone is not a mentor cue: "Product Manager" and "Account Manager" are jobs, not
  relationships. The method's managers are the user's own managers, so a senior title
  (Head of, Director, VP, Chief ... Officer, Engineering Manager, Team Lead, Founder) counts
  as `mentor` only at one of the user's own current or former employers. Coaches, mentors,
  sponsors and angel investors count wherever they are.
- A "bank manager" or "relationship manager" is an introducer, not a mentor.
- `specialist` is the fallback for experts ("Consultant", "Data Scientist") whose title
  matched no other role category, so a "Talent Acquisition Specialist" is a recruiter and a
  "Sales Consultant" a supplier.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from helper.normalize import normalize_company, normalize_name
from helper.records import CategorySuggestion, MeProfile, ProfileRecord
from helper.vocabulary import CATEGORIES


def _words(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(phrases) + r")(?!\w)", re.IGNORECASE)


_ROLE_CUES: dict[str, re.Pattern[str]] = {
    "recruiter": _words(
        r"recruit(?:er|ers|ing|ment)",
        r"talent acquisition",
        r"talent partner",
        r"talent sourcer",
        r"sourcers?",
        r"resourcer",
        r"executive search",
        r"head[- ]?hunt(?:er|ers|ing)",
        r"staffing",
    ),
    "introducer": _words(
        r"(?:chartered |certified )?accountants?",
        r"accountancy",
        r"(?-i:ACA|ACCA|CPA|CIMA)",
        r"solicitors?",
        r"lawyers?",
        r"attorneys?",
        r"barristers?",
        r"notary",
        r"general counsel",
        r"bank manager",
        r"relationship manager",
        r"private banker",
        r"non[- ]executive(?: director)?",
        r"(?-i:NED)",
        r"board member",
        r"board of directors",
        r"trustee",
    ),
    "mentor": _words(
        r"coach(?:es|ing)?",
        r"mentor(?:s|ing)?",
        r"sponsors?",
        r"angel investor",
        r"business angel",
    ),
    "club": _words(
        r"club",
        r"chambers? of commerce",
        r"chamber",
        r"chartered institute",
        r"institute of directors",
        r"membership",
        r"meetups?",
        r"association",
        r"society",
        r"guild",
        r"federation",
        r"rotary",
        r"toastmasters",
        r"networking group",
    ),
    "customer": _words(
        r"buyer",
        r"procurement",
        r"purchasing",
        r"category manager",
        r"strategic sourcing",
    ),
    "supplier": _words(
        r"sales",
        r"account (?:manager|executive|director)",
        r"business development",
        r"vendor",
        r"supplier",
        r"reseller",
        r"distributor",
        r"agency",
    ),
    "specialist": _words(
        r"specialist",
        r"expert",
        r"consultant",
        r"advis[eo]r",
        r"scientist",
        r"researcher",
        r"professor",
        r"economist",
        r"architect",
    ),
}
# An "institute" is a membership body only when the person holds a membership role in it;
# a research institute is an employer.
_INSTITUTE = _words(r"institute", r"institution")
_MEMBERSHIP_ROLE = _words(r"member", r"fellow", r"organi[sz]er", r"chair", r"president")
_SENIOR_TITLE = _words(
    r"head of",
    r"director",
    r"vice president",
    r"(?-i:VP)",
    r"chief \w+ officer",
    r"(?-i:CEO|CTO|CFO|COO|CIO)",
    r"managing director",
    r"general manager",
    r"engineering manager",
    r"people manager",
    r"line manager",
    r"team lead(?:er)?",
    r"founder",
)
_FAMILY_LABELS = _words(r"family", r"friends?")
_ALL_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    *_ROLE_CUES.items(),
    ("institute", _INSTITUTE),
    ("member", _MEMBERSHIP_ROLE),
)
_CUE_CACHE = 1 << 14


class _Source(NamedTuple):
    """A piece of the profile and how a reason names it (a tuple, so that a profile's
    sources can key the cache of `_role_suggestions`)."""

    label: str
    text: str


def _current_sources(profile: ProfileRecord) -> tuple[_Source, ...]:
    sources = [_Source("headline", profile.headline), _Source("title", profile.current_title)]
    for position in profile.positions:
        if position.end or not position.start:
            continue
        where = f" at {position.company}" if position.company else ""
        sources.append(_Source(f"title{where}", position.title))
        sources.append(_Source("current company", position.company))
    sources.append(_Source("current company", profile.current_company))
    return tuple(s for s in sources if s.text)


@lru_cache(maxsize=_CUE_CACHE)
def _cues_in(text: str) -> dict[str, str]:
    """Cue key -> the first words of `text` that match it, for every cue `text` holds.

    An import classifies tens of thousands of profiles whose titles and companies repeat
    ("Software Engineer", "Contoso"); each distinct text is searched once, not per profile.
    Besides the role keys: _INSTITUTE under "institute", _MEMBERSHIP_ROLE under "member"."""
    found: dict[str, str] = {}
    for key, pattern in _ALL_CUES:
        match = pattern.search(text)
        if match:
            found[key] = match.group()
    return found


def _first_cue(key: str, sources: tuple[_Source, ...]) -> str | None:
    for source in sources:
        words = _cues_in(source.text).get(key)
        if words is not None:
            return f"{source.label} says '{words}'"
    return None


@lru_cache(maxsize=_CUE_CACHE)
def _role_suggestions(sources: tuple[_Source, ...]) -> tuple[CategorySuggestion, ...]:
    """The role categories the sources suggest; remembered, since many profiles of an import
    share one title at one company."""
    found: list[CategorySuggestion] = []
    for key in _ROLE_CUES:
        if key == "specialist" and found:
            break
        reason = _first_cue(key, sources)
        if key == "club" and reason is None:
            reason = _institute_membership(sources)
        if reason is not None:
            found.append(CategorySuggestion(key, reason))
    return tuple(found)


def _institute_membership(sources: tuple[_Source, ...]) -> str | None:
    if any("member" in _cues_in(s.text) for s in sources):
        return _first_cue("institute", sources)
    return None


def _my_employers(me: MeProfile) -> dict[str, str]:
    """The user's employers by company key, with how they relate to each."""
    mine = {normalize_company(c): "your current employer" for c in me.employers if c.strip()}
    for company in me.former_employers:
        if company.strip():
            mine.setdefault(normalize_company(company), "your former employer")
    return mine


def _shared_employers(profile: ProfileRecord, mine: dict[str, str]) -> list[tuple[str, str, bool]]:
    """(their company, how Me relates to it, whether they are there now) for each overlap."""
    roles = [(p.company, not p.end and bool(p.start)) for p in profile.positions]
    if profile.current_company:
        roles.insert(0, (profile.current_company, True))
    shared = []
    for company, is_current in roles:
        relation = mine.get(normalize_company(company)) if company else None
        if relation:
            shared.append((company, relation, is_current))
    return shared


def _colleague(shared: list[tuple[str, str, bool]]) -> CategorySuggestion | None:
    for company, relation, is_current in shared:
        verb = "works" if is_current else "worked"
        return CategorySuggestion("colleague", f"{verb} at {company}, {relation}")
    return None


def _senior_at_my_employer(
    profile: ProfileRecord, shared: list[tuple[str, str, bool]]
) -> CategorySuggestion | None:
    """A senior person at the user's own employer may be (or have been) their manager."""
    shared_keys = {normalize_company(company) for company, _, _ in shared}
    for position in profile.positions:
        if normalize_company(position.company) in shared_keys:
            senior = _SENIOR_TITLE.search(position.title)
            if senior:
                return CategorySuggestion(
                    "mentor",
                    f"'{position.title}' at {position.company}, an employer you share: "
                    "a possible manager or sponsor",
                )
    return None


def _family_name(name: str) -> str:
    words = normalize_name(name).split()
    return words[-1] if words else ""


class Classifier:
    """`classify` for many profiles against one user: what it needs of Me (employers by
    company key, family name) is worked out once, not once per profile of an import."""

    def __init__(self, me: MeProfile | None = None) -> None:
        self._mine = _my_employers(me) if me is not None else {}
        self._my_family = _family_name(me.name) if me is not None else ""

    def classify(self, profile: ProfileRecord) -> list[CategorySuggestion]:
        """The categories the profile suggests, in the method's order, one reason each."""
        found: dict[str, CategorySuggestion] = {}
        if self._mine:  # no employers of the user's: no colleague and no manager to find
            shared = _shared_employers(profile, self._mine)
            if shared:
                for suggestion in (_colleague(shared), _senior_at_my_employer(profile, shared)):
                    if suggestion is not None:
                        found.setdefault(suggestion.key, suggestion)
        for suggestion in _role_suggestions(_current_sources(profile)):
            found.setdefault(suggestion.key, suggestion)
        family = self._friend_family(profile)
        if family is not None:
            found.setdefault(family.key, family)
        if len(found) < 2:
            return list(found.values())
        return [found[key] for key in CATEGORIES if key in found]

    def _friend_family(self, profile: ProfileRecord) -> CategorySuggestion | None:
        for label in profile.labels:
            if _FAMILY_LABELS.search(label):
                return CategorySuggestion("friend_family", f"labelled '{label}' in your contacts")
        if self._my_family and profile.name and _family_name(profile.name) == self._my_family:
            surname = profile.name.split()[-1]
            return CategorySuggestion("friend_family", f"shares your family name '{surname}'")
        return None


def classify(profile: ProfileRecord, me: MeProfile | None = None) -> list[CategorySuggestion]:
    """The categories the profile suggests, in the method's order, one reason each."""
    return Classifier(me).classify(profile)
