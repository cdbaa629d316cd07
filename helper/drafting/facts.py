"""What a message can truthfully say about a person, gathered once per draft.

Everything here is read from the stored record, "Me", the goal and what links the two (mail,
events, an introducer). Values are cleaned so a sentence built on them reads well: a company
of "Self-employed" is no place to work "at", a skill keeps no "(Programming Language)"; how
each is then put into a sentence is `wording`'s. A fact that cannot be cleaned into something
readable is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from helper.drafting.context import (
    SharedContext,
    as_sentence,
    clean_field,
    clean_text,
    current_role,
    first_name_of,
    merge_shared,
    past_roles,
    shared_facts,
)
from helper.drafting.wording import MONTHS, event_topic, formal_name, in_sentence
from helper.normalize import normalize_company
from helper.records import ContactSnapshot, GoalSpec, MeProfile, Position, Touch

# Employers that are no place to work "at" in a sentence.
NOT_A_COMPANY = frozenset(
    {
        "self-employed", "self employed", "freelance", "freelancer", "independent",
        "independent consultant", "retired", "stealth", "stealth mode", "stealth startup",
        "confidential", "various", "unemployed", "career break", "looking for work",
    }
)  # fmt: skip
# A role started this recently is news worth congratulating someone on.
RECENT_MOVE_DAYS = 270
MAX_QUOTE_CHARS = 100
# What the order of preference is when a person has several categories and the goal wants
# none of them: the categories whose ask is most specific first.
CATEGORY_PRECEDENCE = (
    "introducer",
    "recruiter",
    "mentor",
    "customer",
    "supplier",
    "specialist",
    "club",
    "colleague",
    "friend_family",
)
# Pitches that ask for a job belong to career goals only.
_JOB_HUNT = re.compile(
    r"\b(?:looking (?:for|to move into) (?:a |my |the )?(?:new |next )?(?:role|job|position)"
    r"|looking to (?:move|grow|step|transition|progress)\b|open to (?:new )?"
    r"(?:roles|opportunities|work)|job[- ]hunting|(?:next|new) (?:role|job|position|challenge)"
    r"|seeking (?:a |my )?(?:new )?(?:role|job|position)|(?:actively |currently )?looking for "
    r"(?:my |a )?next)",
    re.IGNORECASE,
)
_SEGMENTS = re.compile(r"\s*[|•·]\s*|\s+[-–—]\s+")
_HIRING = re.compile(
    r"^#?(?:we(?:'|’)re |we are |i(?:'|’)m |i am |now |actively )?hiring\b"
    r"[\s:!,\-–—]*(?P<what>.*)$",
    re.IGNORECASE,
)
_HIRING_HASHTAG = re.compile(r"#hiring\b|\bwe(?:'|’)re hiring\b|\bwe are hiring\b", re.IGNORECASE)
_OPEN_TO = re.compile(r"^open to\s*:?\s*(?P<what>.+)$", re.IGNORECASE)
_QUALIFIER = re.compile(r"\s*\([^)]*\)\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|so)\s+|;\s+(?:and\s+)?|\s+—\s+")
_SEE_MORE = re.compile(r"\s*(?:…|\.\.\.)\s*see more\s*$", re.IGNORECASE)
_MONTH_PREFIXES = {name[:3].casefold(): number for number, name in enumerate(MONTHS, start=1)}
_YEAR_MONTH = re.compile(r"^(?P<year>(?:19|20)\d\d)(?:-(?P<month>\d\d))?")
_MONTH_YEAR = re.compile(r"^(?P<month>[A-Za-z]{3,9})\.?\s+(?P<year>(?:19|20)\d\d)")


@dataclass(frozen=True)
class PersonFacts:
    """The contact as a message may describe them."""

    first_name: str
    full_name: str
    formal_name: str
    title: str
    company: str
    past_title: str
    past_company: str
    categories: tuple[str, ...]
    family: bool
    internal: bool
    touches: int
    last_touch: Touch | None
    event_met_at: str
    event_met_on: date | None
    # They knew each other before that event: seeing them there was no first meeting.
    knew_before_event: bool
    event_topic: str
    introducer: str
    upcoming_event: str
    recent_move: bool
    hiring: str
    open_to: str
    about_line: str
    shared_employer: str
    shared_employer_current: bool
    shared_school: str
    shared_location: str
    skills: tuple[str, ...]

    @property
    def has_history(self) -> bool:
        """True when the user and the person have been in touch: mail, a meeting, an event."""
        return bool(self.touches or self.last_touch or self.event_met_at or self.introducer)


@dataclass(frozen=True)
class GoalFacts:
    """What the user wants from the goal, in their own words."""

    purpose: str
    aim: str
    target: str
    targets_them: bool
    pitch: str
    offer: str
    ask: str
    internal: bool
    wanted: tuple[str, ...]


@dataclass(frozen=True)
class MeFacts:
    """The user as the message introduces them."""

    name: str
    first_name: str
    headline: str
    company: str
    pitch: str
    pitch_without_job_hunt: str
    offer: str
    signature_lines: tuple[str, ...]


def usable_company(company: str) -> str:
    """The company as a place to work "at", or "" for self-employment and the like."""
    text = clean_field(company)
    return "" if text.casefold().strip(" .") in NOT_A_COMPANY else text


def usable_skill(skill: str) -> str:
    """A skill as it reads in a sentence: "Python (Programming Language)" -> "Python"."""
    return clean_field(_QUALIFIER.sub("", clean_field(skill)))


def role_start(position: Position) -> date | None:
    """When a position began, from "2024-03", "2024", "Mar 2024" or "March 2024"."""
    text = position.start.strip()
    if match := _YEAR_MONTH.match(text):
        return date(int(match["year"]), int(match["month"] or 1), 1)
    if match := _MONTH_YEAR.match(text):
        month = _MONTH_PREFIXES.get(match["month"][:3].casefold())
        return date(int(match["year"]), month, 1) if month else None
    return None


def _recent_move(snapshot: ContactSnapshot, company: str, today: date) -> bool:
    current = [p for p in snapshot.profile.positions if p.end.strip().casefold() in ("", "present")]
    for position in current:
        same = normalize_company(position.company) == normalize_company(company)
        started = role_start(position)
        if same and started and 0 <= (today - started).days <= RECENT_MOVE_DAYS:
            return True
    return False


def _segments(text: str) -> list[str]:
    return [part.strip() for part in _SEGMENTS.split(clean_text(text)) if part.strip()]


def hiring_line(headline: str, about: str) -> str:
    """What the person says they are hiring for ("data engineers in London"), "yes" when they
    only say they are hiring, or ""."""
    for segment in _segments(headline):
        if match := _HIRING.match(segment):
            what = match["what"].strip(" .!#")
            return what if 3 <= len(what) <= 60 else "yes"
    return "yes" if _HIRING_HASHTAG.search(headline) or _HIRING_HASHTAG.search(about) else ""


def open_to_line(headline: str) -> str:
    """ "advisory roles" from a headline segment "Open to advisory roles", or ""."""
    for segment in _segments(headline):
        if match := _OPEN_TO.match(segment):
            what = match["what"].strip(" .!")
            return what if 3 <= len(what) <= 60 else ""
    return ""


def about_line(about: str) -> str:
    """The first sentence of their About text, when it is short enough to quote."""
    text = _SEE_MORE.sub("", clean_text(about))
    first = _SENTENCE_END.split(text, maxsplit=1)[0].strip() if text else ""
    if not 20 <= len(first) <= MAX_QUOTE_CHARS or "http" in first.casefold():
        return ""
    return first if first[-1] in ".!?" else first + "."


def _knew_before(
    snapshot: ContactSnapshot, event_day: date | None, company: str, me: MeProfile
) -> bool:
    """Whether the user knew them before the event they met at: an earlier touch, the same
    employer now, or family."""
    first = snapshot.stats.first_contact
    earlier = event_day is not None and first is not None and first.date() < event_day
    return earlier or _works_with_me(company, me) or "friend_family" in snapshot.categories


def _works_with_me(company: str, me: MeProfile) -> bool:
    key = normalize_company(company)
    return bool(key) and any(normalize_company(e) == key for e in me.employers)


def person_facts(
    snapshot: ContactSnapshot,
    me: MeProfile,
    shared: SharedContext | None,
    today: date,
) -> PersonFacts:
    profile = snapshot.profile
    title, raw_company = current_role(profile)
    company = usable_company(raw_company)
    roles = past_roles(profile)
    together = merge_shared(shared_facts(profile, me), shared)
    shared_current = bool(together.employer) and _works_with_me(together.employer, me)
    shared_current = shared_current and normalize_company(together.employer) == normalize_company(
        raw_company
    )
    given = shared or SharedContext()
    return PersonFacts(
        first_name=first_name_of(profile.name),
        full_name=clean_field(profile.name),
        formal_name=formal_name(profile.name, title or profile.headline, profile.honorific),
        title=title,
        company=in_sentence(company),
        past_title=roles[0]["title"] if roles else "",
        past_company=in_sentence(usable_company(roles[0]["company"])) if roles else "",
        categories=tuple(snapshot.categories),
        family="friend_family" in snapshot.categories,
        internal=_works_with_me(raw_company, me),
        touches=snapshot.stats.total,
        last_touch=given.last_touch,
        event_met_at=together.event_met_at,
        event_met_on=together.event_met_on,
        knew_before_event=_knew_before(snapshot, together.event_met_on, raw_company, me),
        event_topic=event_topic(given.event_note),
        introducer=together.introducer,
        upcoming_event=together.upcoming_event,
        recent_move=bool(company) and _recent_move(snapshot, raw_company, today),
        hiring=hiring_line(profile.headline, profile.about),
        open_to=open_to_line(profile.headline),
        about_line=about_line(profile.about),
        shared_employer=in_sentence(together.employer),
        shared_employer_current=shared_current,
        shared_school=in_sentence(together.school),
        shared_location=together.location,
        skills=tuple(s for s in map(usable_skill, profile.skills) if s),
    )


def goal_facts(goal: GoalSpec | None, company: str) -> GoalFacts:
    if goal is None:
        return GoalFacts("", "", "", False, "", "", "", False, ())
    organisations = [o for o in map(clean_field, goal.organisations) if o]
    theirs = [o for o in organisations if normalize_company(o) == normalize_company(company)]
    others = [o for o in organisations if o not in theirs]
    return GoalFacts(
        purpose=goal.purpose,
        aim=aim_phrase(goal.aim),
        target=others[0] if others else "",
        targets_them=bool(theirs),
        pitch=as_sentence(goal.pitch),
        offer=clean_text(goal.offer),
        ask=as_sentence(goal.ask),
        internal=goal.scope == "internal",
        wanted=tuple(goal.categories),
    )


def aim_phrase(aim: str) -> str:
    """The goal's aim as it completes "I'm working on …": no closing full stop, first letter
    lower-cased unless it starts a name."""
    text = clean_text(aim).rstrip(" .!;:,")
    if not text or not any(c.isalnum() for c in text):
        return ""
    first, _, rest = text.partition(" ")
    if first[:1].isupper() and first[1:].islower() and first.casefold() in _LOWER_STARTS:
        text = first.lower() + (" " + rest if rest else "")
    return text


# Words an aim may start with that are not names, so they are lower-cased mid-sentence.
_LOWER_STARTS = frozenset(
    {
        "a", "an", "the", "my", "our", "finding", "moving", "building", "growing", "getting",
        "learning", "hiring", "selling", "making", "meeting", "winning", "landing", "raising",
        "becoming", "joining", "starting", "launching", "creating", "setting", "understanding",
        "exploring", "improving", "more", "new", "better", "closer", "stronger",
    }
)  # fmt: skip


def me_facts(me: MeProfile) -> MeFacts:
    employers = [e for e in map(usable_company, me.employers) if e]
    lines = [clean_text(line) for line in (me.signature or "").splitlines()]
    lines = [line for line in lines if line and any(c.isalnum() for c in line)]
    name = clean_field(me.name)
    pitch = as_sentence(me.pitch)
    return MeFacts(
        name=name,
        first_name=first_name_of(me.name),
        headline=clean_field(me.headline),
        company=employers[0] if employers else "",
        pitch=pitch,
        pitch_without_job_hunt=without_job_hunt(pitch),
        offer=clean_text(me.offer),
        signature_lines=tuple(lines or ([name] if name else [])),
    )


def without_job_hunt(pitch: str) -> str:
    """The pitch with every sentence or clause that asks for a job left out."""
    kept = []
    for sentence in _SENTENCE_END.split(pitch):
        clauses = [c for c in _CLAUSE_BREAK.split(sentence.strip()) if c.strip()]
        useful = [c.strip() for c in clauses if not _JOB_HUNT.search(c)]
        if len(useful) == len(clauses):
            kept.append(sentence.strip())  # nothing to leave out: the sentence as written
        elif useful:
            text = ", ".join(useful).rstrip(" ,;")
            kept.append(text if text[-1] in ".!?" else text + ".")
    return " ".join(kept)


def primary_category(person: PersonFacts, goal: GoalFacts) -> str:
    """The category the ask is written for: one the goal wants, else the most specific."""
    for key in goal.wanted:
        if key in person.categories:
            return key
    for key in CATEGORY_PRECEDENCE:
        if key in person.categories:
            return key
    return ""
