"""Suggest the method's contact categories for a profile, each with the reason a person reads.

Step 3 of the method lists whom to network with: colleagues (current and former),
managers/coaches/mentors/sponsors, customers, suppliers, friends and family, specialists,
recruiters, clubs, and introducers (accountants, solicitors, bank managers, non-executive
directors). Suggestions are multi-label and only suggestions: the user's choice wins.

The words are in `helper.people.cues`; the rules here say when they count:
- Cues are read from what the person does now: each part of the headline (split at "|" and
  "·"), the current title and the titles of roles without an end date. The About text is not
  read; it mentions far more than the person's role ("I work closely with recruiters").
- A colleague works or worked at one of the user's employers, matched loosely ("Contoso" is
  "Contoso Analytics Ltd", "Contoso Bank" is not), or names one after "ex-" or "formerly".
- A senior title is a possible manager (`mentor`) only at one of the user's employers; coaches,
  mentors, sponsors and teachers count wherever they are. Nobody at the user's own employers is
  a supplier.
- `specialist` is the fallback for an expert title that no recruiter, customer, supplier or
  introducer cue claimed ("Sales Engineer" is a supplier), and not for a senior title ("VP
  Engineering") or for words about someone's audience ("coach for engineering managers").
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import chain
from typing import NamedTuple

from helper.normalize import normalize_company, normalize_name, same_organisation
from helper.people.cues import (
    ACRONYMS,
    ADVISERS,
    AGENCY_ROLES,
    AUDIENCE,
    AUDIENCE_AFTER_A_ROLE,
    BANK_ROLES,
    BANKS,
    BOARD,
    COMMUNITY,
    CUES,
    FORMERLY,
    HELPING,
    MEMBERSHIP_BODIES,
    MEMBERSHIP_ROLES,
    NO_ROLE_NOW,
    NOT_THEIR_ROLE,
    OFFICER,
    PARTNER,
    PROFESSIONAL_FIRMS,
    RECRUITMENT_FIRMS,
    RELATIONSHIP,
    SENIOR,
    SENIOR_ACRONYMS,
    SPORT,
    SUBJECT,
    TRAINEE,
    USER_COMMUNITIES,
    USER_COMMUNITY_ROLES,
    acronym_pattern,
    category_patterns,
    fold,
    prefix_pattern,
    words_pattern,
)
from helper.people.lessons import Lessons
from helper.records import CategorySuggestion, MeProfile, ProfileRecord
from helper.vocabulary import CATEGORIES

_SEGMENTS = re.compile(r"\s*[|·•]\s*")
_FAMILY_LABELS = re.compile(r"(?<!\w)(?:family|friends?)(?!\w)", re.IGNORECASE)
# A former employer's name runs from "ex-" to the next separator or joining word.
_NAME_END = re.compile(
    r"\s*(?:[^\w\s&.'’-]|\s[-–—]\s|\b(?:and|now|at|und|jetzt|bei|et|puis|chez)\b)",
    re.IGNORECASE,
)
# The joining words that put an organisation after a role: "Controlling bei Fabrikam".
_AT = re.compile(r"\s*\b(?:at|bei|chez)\b\s*", re.IGNORECASE)
_EXCLUSIVE = ("recruiter", "customer", "supplier", "introducer")
# Where a role gives way to its employer: "Research Fellow at the Turing Institute".
_EMPLOYER_FOLLOWS = re.compile(r"\s(?:at|@|bei|chez)\s.*$|@.*$", re.IGNORECASE)
_CUE_CACHE = 1 << 14
# A headline part of this many words or fewer may be a bare role, its organisation next.
_BARE_ROLE_WORDS = 3


class _Source(NamedTuple):
    """A piece of what the person does now, how a reason names it, and the words around it
    (the piece and its company) that say whether a context-bound cue counts."""

    label: str
    text: str
    context: str
    # A headline part that is a bare role ("Honorary Secretary", "Sprecher") is often followed
    # by the organisation it serves: that next part.
    beside: str = ""


class _Cue(NamedTuple):
    key: str
    words: str  # as written in the source


def _find(pattern: re.Pattern[str], text: str, folded: str) -> str | None:
    match = pattern.search(folded)
    return text[match.start() : match.end()] if match else None


def _find_in_part(pattern: re.Pattern[str], text: str, folded: str, part: str) -> str | None:
    """The first words of `text` that match and lie in `part` (`text` clipped or blanked):
    matched in the whole text, so that a cue's look-ahead sees what follows it."""
    for match in pattern.finditer(folded):
        start, end = match.span()
        if end <= len(part) and part[start:end] == text[start:end]:
            return text[start:end]
    return None


def _find_acronym(acronyms: tuple[str, ...], text: str) -> str | None:
    match = acronym_pattern(acronyms).search(text)
    return match.group() if match else None


def _blanked(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


@lru_cache(maxsize=_CUE_CACHE)
def _said_of_themselves(text: str) -> str:
    """`text` without what someone seeks or is hiring for ("Looking for a mentor", "We're
    recruiting!", "Open to work"), which is not their role."""
    sought = prefix_pattern(NOT_THEIR_ROLE).search(fold(text))
    return _blanked(text, sought.start(), len(text)) if sought else text


@cache
def _role_words() -> re.Pattern[str]:
    return words_pattern((*chain.from_iterable(c.words for c in CUES), *SENIOR, *OFFICER))


def _own_role(text: str, guarded: tuple[str, ...] = AUDIENCE_AFTER_A_ROLE) -> str:
    """`text` without the words that name someone's audience ("coach for engineering
    managers", "helping procurement teams ...") or a community ("sponsor, Women in
    Engineering"): those are not their role. A `guarded` word ends the role only after a word
    of one ("Proud to be a Data Scientist" keeps its scientist)."""
    folded = fold(text)
    if prefix_pattern(HELPING).match(folded):
        return ""
    end = len(text)
    for clip in words_pattern(AUDIENCE + guarded).finditer(folded):
        always = words_pattern(AUDIENCE).fullmatch(clip.group())
        if always or _role_words().search(folded, 0, clip.start()):
            end = clip.start()
            break
    own = text[:end]
    for community in words_pattern(COMMUNITY).finditer(folded, 0, end):
        own = _blanked(own, community.start(), community.end())
    return own


@lru_cache(maxsize=_CUE_CACHE)
def _cues_in(text: str, context: str, beside: str = "") -> tuple[_Cue, ...]:
    """Every category `text` holds a cue for, with the first words that matched, in the
    method's order. Imports classify thousands of profiles whose titles repeat, so each
    distinct text is searched once."""
    text = _said_of_themselves(text)
    if len(text.split()) <= _BARE_ROLE_WORDS:
        context = f"{context} {beside}"
    else:
        beside = ""
    folded = fold(text)
    own_role = _own_role(text)
    expertise = _own_role(text, AUDIENCE_AFTER_A_ROLE + SUBJECT)
    found: dict[str, str] = {}
    for key, pattern in category_patterns().items():
        # Buyers, sellers and experts are often whom someone serves: only their own role
        # counts, and for an expert not their subject ("lecturer in engineering").
        searched = {
            "customer": own_role,
            "supplier": own_role,
            "specialist": expertise,
            "introducer": expertise,  # "Lecturer in Commercial Law" is no lawyer
        }.get(key, text)
        words = _find_in_part(pattern, text, folded, searched)
        words = words or _find_acronym(ACRONYMS.get(key, ()), text)
        if words:
            found[key] = words
    club_office = _in_context(text, context, (BOARD + OFFICER, COMMUNITY), found, "club")
    # "Fellow of the Royal Society" is a member; "Research Fellow at the Institute" works there.
    membership = f"{_EMPLOYER_FOLLOWS.sub('', text)} {beside}"
    club_office |= _in_context(
        text, membership, (MEMBERSHIP_ROLES, MEMBERSHIP_BODIES), found, "club"
    )
    if not club_office:
        _in_context(text, "", (BOARD, ()), found, "introducer")
    for roles, where in ((BANK_ROLES, BANKS), (RELATIONSHIP, BANKS), (PARTNER, PROFESSIONAL_FIRMS)):
        _in_context(text, context, (roles, where), found, "introducer")
    # A consultant at a recruitment or interim-management firm places people: a recruiter.
    _in_context(text, context, (AGENCY_ROLES, RECRUITMENT_FIRMS), found, "recruiter")
    if _in_context(text, text, (USER_COMMUNITY_ROLES, USER_COMMUNITIES), found, "supplier"):
        found.pop("club", None)
    if "mentor" in found and words_pattern(SPORT).search(fold(context)):
        found["specialist"] = found.pop("mentor")  # a rugby coach coaches players
    if "customer" in found and _find(words_pattern(ADVISERS), text, folded):
        found.pop("customer")  # "Procurement Consultant" advises buyers: an expert
    relationship = _find(words_pattern(RELATIONSHIP), text, folded)
    if relationship and "introducer" not in found:
        found["supplier"] = relationship
    if club_office or _senior_words(text):
        found.pop("specialist", None)  # "VP Engineering", "Chair, Society of Data Engineers"
    return tuple(_Cue(key, found[key]) for key in CATEGORIES if key in found)


def _in_context(
    text: str,
    context: str,
    rule: tuple[tuple[str, ...], tuple[str, ...]],
    found: dict[str, str],
    key: str,
) -> bool:
    """Whether `text` holds one of a rule's roles where its context words are (anywhere, when
    the rule has none); the role's words are then a cue for `key`."""
    roles, contexts = rule
    if contexts and words_pattern(contexts).search(fold(context)) is None:
        return False
    words = _find(words_pattern(roles), text, fold(text))
    if words:
        found.setdefault(key, words)
    return words is not None


def _senior_words(text: str) -> str | None:
    return _find(words_pattern(SENIOR), text, fold(text)) or _find_acronym(SENIOR_ACRONYMS, text)


def _current_sources(profile: ProfileRecord) -> tuple[_Source, ...]:
    company = profile.current_company
    parts = [part for part in _SEGMENTS.split(profile.headline) if part]
    sources = [
        _Source("headline", part, f"{part} {company}", beside)
        for part, beside in zip(parts, [*parts[1:], ""][: len(parts)], strict=True)
    ]
    if profile.current_title:
        sources.append(
            _Source("title", profile.current_title, f"{profile.current_title} {company}")
        )
    for position in profile.positions:
        if position.end or not position.start or not position.title:
            continue
        where = f" at {position.company}" if position.company else ""
        context = f"{position.title} {position.company}"
        sources.append(_Source(f"title{where}", position.title, context))
    return tuple(sources)


@lru_cache(maxsize=_CUE_CACHE)
def _role_suggestions(sources: tuple[_Source, ...]) -> tuple[CategorySuggestion, ...]:
    """The role categories the sources suggest, each with the words that caused it."""
    found: dict[str, CategorySuggestion] = {}
    for source in sources:
        for cue in _cues_in(source.text, source.context, source.beside):
            reason = f"{source.label} says '{cue.words}'"
            found.setdefault(cue.key, CategorySuggestion(cue.key, reason))
    if any(key in found for key in _EXCLUSIVE):
        found.pop("specialist", None)
    return tuple(found[key] for key in CATEGORIES if key in found)


CURRENT_EMPLOYER = "your current employer"


class _Employer(NamedTuple):
    key: str
    relation: str  # "your current employer" or "your former employer"


def _my_employers(me: MeProfile) -> tuple[_Employer, ...]:
    mine = [_Employer(normalize_company(c), CURRENT_EMPLOYER) for c in me.employers]
    mine += [_Employer(normalize_company(c), "your former employer") for c in me.former_employers]
    return tuple(employer for employer in mine if employer.key)


def _family_name(name: str) -> str:
    words = normalize_name(name).split()
    return words[-1] if words else ""


class Classifier:
    """`classify` for many profiles against one user: what it needs of Me (employers by
    company key, family name) and the lessons of the user's corrections are worked out once,
    not once per profile of an import."""

    def __init__(self, me: MeProfile | None = None, lessons: Lessons | None = None) -> None:
        self._mine = _my_employers(me) if me is not None else ()
        self._my_family = _family_name(me.name) if me is not None else ""
        self._lessons = lessons or Lessons()

    def classify(self, profile: ProfileRecord) -> list[CategorySuggestion]:
        """The categories the profile suggests, in the method's order, one reason each."""
        found: dict[str, CategorySuggestion] = {}
        at_mine = self._employer_of(profile.current_company)
        colleague = self._colleague(profile, at_mine)
        if colleague is not None:
            found["colleague"] = colleague
            manager = self._manager(profile, at_mine)
            if manager is not None:
                found["mentor"] = manager
        for suggestion in _role_suggestions(_current_sources(profile)):
            found.setdefault(suggestion.key, suggestion)
        for learned in self._lessons.suggest(profile, exclude=found):
            found[learned.key] = learned
        for key in self._lessons.withheld(profile):
            found.pop(key, None)
        if at_mine is not None:
            found.pop("supplier", None)  # nobody sells to you from your own employer
            if at_mine.relation == CURRENT_EMPLOYER:
                found.pop("customer", None)  # nor buys from you: its buyers are colleagues
        if prefix_pattern(NO_ROLE_NOW).search(fold(profile.headline)):
            # "Open to work | Former hospital buyer", "Retired engineer": no role now, so no
            # buyer, seller or practising expert; a former employer they name still makes a
            # colleague, and a retired mentor still mentors.
            for key in ("specialist", "customer", "supplier"):
                found.pop(key, None)
        family = self._friend_family(profile)
        if family is not None:
            found.setdefault(family.key, family)
        return [found[key] for key in CATEGORIES if key in found]

    def _employer_of(self, company: str) -> _Employer | None:
        key = normalize_company(company) if company else ""
        if not key:
            return None
        return next((e for e in self._mine if same_organisation(e.key, key)), None)

    def _colleague(
        self, profile: ProfileRecord, at_mine: _Employer | None
    ) -> CategorySuggestion | None:
        if at_mine is not None:
            return CategorySuggestion(
                "colleague", f"works at {profile.current_company}, {at_mine.relation}"
            )
        for position in profile.positions:
            employer = self._employer_of(position.company)
            if employer is not None:
                verb = "works" if not position.end and position.start else "worked"
                return CategorySuggestion(
                    "colleague", f"{verb} at {position.company}, {employer.relation}"
                )
        for mention, name, _ in _former_employers_named(profile.headline):
            employer = self._employer_of(name)
            if employer is not None:
                return CategorySuggestion(
                    "colleague", f"headline says '{mention}', {employer.relation}"
                )
        return None

    def _manager(
        self, profile: ProfileRecord, at_mine: _Employer | None
    ) -> CategorySuggestion | None:
        """A senior person at one of the user's employers may be (or have been) their manager."""
        if at_mine is not None:
            for text in (profile.headline, profile.current_title):
                senior = _senior_words(text)
                if senior:
                    return _possible_manager(senior, profile.current_company)
        for position in profile.positions:
            senior = _senior_words(position.title)
            if senior and self._employer_of(position.company) is not None:
                return _possible_manager(position.title, position.company)
        for _, name, role in _former_employers_named(profile.headline):
            senior = _senior_words(role)
            if senior and self._employer_of(name) is not None:
                return _possible_manager(senior, name)  # "ex-Fabrikam CTO"
        return None

    def _friend_family(self, profile: ProfileRecord) -> CategorySuggestion | None:
        for label in profile.labels:
            if _FAMILY_LABELS.search(label):
                return CategorySuggestion("friend_family", f"labelled '{label}' in your contacts")
        if self._my_family and profile.name and _family_name(profile.name) == self._my_family:
            surname = profile.name.split()[-1]
            return CategorySuggestion("friend_family", f"shares your family name '{surname}'")
        return None


def _possible_manager(title: str, company: str) -> CategorySuggestion:
    return CategorySuggestion(
        "mentor", f"'{title}' at {company}, an employer you share: a possible manager or sponsor"
    )


@lru_cache(maxsize=_CUE_CACHE)
def _former_employers_named(headline: str) -> tuple[tuple[str, str, str], ...]:
    """(the words as written, the organisation's name, the role after it) for each
    "ex-Contoso" in a headline.

    The name ends at a separator, a joining word, or a word of a role: "ex-Northwind Traders
    buyer" names Northwind Traders, "ex-Fabrikam CTO" Fabrikam with the role "CTO"."""
    found = []
    for match in prefix_pattern(FORMERLY).finditer(fold(headline)):
        rest = headline[match.end() :]
        end = _NAME_END.search(rest)
        named = rest[: end.start()] if end else rest
        role_at = _first_role_word(named)
        name = named[:role_at].strip()
        if name:
            mention = headline[match.start() : match.end()] + name
            found.append((mention, name, named[role_at:].strip()))
        if end and _AT.fullmatch(rest[end.start() : end.end()]):
            found.extend(_employer_after_role(headline, match.start(), rest, end.end(), named))
    return tuple(found)


def _employer_after_role(
    headline: str, start: int, rest: str, after: int, role: str
) -> tuple[tuple[str, str, str], ...]:
    """ "früher Controlling bei Fabrikam": the organisation named after the past role."""
    tail = rest[after:]
    end = _NAME_END.search(tail)
    name = (tail[: end.start()] if end else tail).strip()
    if not name:
        return ()
    mention = headline[start : len(headline) - len(tail)] + name
    return ((mention.strip(), name, role.strip()),)


def _first_role_word(text: str) -> int:
    """Where the first word of a role starts in `text` (its length when none does)."""
    folded = fold(text)
    patterns = (*category_patterns().values(), words_pattern(SENIOR), words_pattern(TRAINEE))
    starts = [found.start() for pattern in patterns if (found := pattern.search(folded))]
    acronym = acronym_pattern(SENIOR_ACRONYMS).search(text)
    if acronym:
        starts.append(acronym.start())
    return min(starts, default=len(text))
