"""What a message can truthfully say about a person, gathered once per draft.

Everything here is read from the stored record, "Me", the goal and what links the two (mail,
events, an introducer). Values are cleaned so a sentence built on them reads well: a company
of "Self-employed" is no place to work "at", a skill keeps no "(Programming Language)", a mail
subject loses its "Re:". A fact that cannot be cleaned into something readable is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from nameparser import HumanName

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
MAX_TOPIC_CHARS = 70
MAX_SUBJECT_CHARS = 60
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
_REPLY_PREFIX = re.compile(r"^\s*(?:(?:re|fwd?|aw|wg|tr)\s*:\s*)+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|so)\s+|;\s+(?:and\s+)?|\s+—\s+")
_SEE_MORE = re.compile(r"\s*(?:…|\.\.\.)\s*see more\s*$", re.IGNORECASE)
_DISCUSSION_VERBS = re.compile(
    r"^(?:we\s+)?(?:discussed|talked about|chatted about|spoke about|conversation about"
    r"|chat about|talk about|discussion (?:of|about))\s+",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:i|me|my|mine|we|us|our)\b", re.IGNORECASE)
# Notes that say what to do, or what the person does, rather than what was talked about.
_ACTION_NOTE = re.compile(
    r"^(?:promised|send|sent|will|owe|follow(?:ing)? up|intro(?:duce[sd]?)?|share|ask(?:ed)?"
    r"|todo|to do|runs|wants|works|is|was|has|had|needs|leads|manages|organi[sz]es|owns"
    r"|looking|interested|hiring|invited|offered|mentioned|said|told|knows|met|seems"
    r"|happy to|glad to|keen to|can|could|would)\b",
    re.IGNORECASE,
)
_THIRD_PERSON = (
    (re.compile(r"\b(?:they|she|he)(?:'|’)re\b|\b(?:she|he)(?:'|’)s\b", re.I), "you're"),
    (re.compile(r"\b(?:their|his|her)\b", re.I), "your"),
    (re.compile(r"\b(?:them|him)\b", re.I), "you"),
    (re.compile(r"\b(?:they|she|he)\b", re.I), "you"),
)
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAYS_PER_WEEK = len(_WEEKDAYS)
_MONTH_PREFIXES = {name[:3].casefold(): number for number, name in enumerate(_MONTHS, start=1)}
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


# Names a sentence needs "the" before: "at the University of Leeds".
_NEEDS_ARTICLE = re.compile(
    r"^(?:university|institute|school|college|academy|museum|bank|department|ministry|office"
    r"|royal society|london school)\s+of\b",
    re.IGNORECASE,
)
# Honorifics a formal greeting keeps ("Dear Dr Ortiz").
_HONORIFICS = {"dr": "Dr", "prof": "Professor", "professor": "Professor"}


def in_sentence(name: str) -> str:
    """An organisation's name as it reads after "at": without its legal form ("OTTO (GmbH &
    Co KG)" is "OTTO", nobody writes "your team at Zalando SE"), with "the" where English
    wants one."""
    name = without_legal_form(name)
    return f"the {name}" if _NEEDS_ARTICLE.match(name) else name


def event_in_sentence(name: str) -> str:
    """An event's name as a sentence says it: "the Manufacturing Leaders Summit" for
    "Manufacturing Leaders Summit 2026" (the year goes without saying a month on)."""
    text = _EVENT_YEAR.sub("", name).strip() or name
    if _EVENT_NOUN.search(text) and not text.casefold().startswith("the "):
        return f"the {text}"
    return text


# A year closing an event's name, and the nouns that make an event's name want "the".
_EVENT_YEAR = re.compile(r"[\s'’]+(?:19|20)\d\d$|\s+'\d\d$")
_EVENT_NOUN = re.compile(
    r"\b(?:summit|conference|congress|expo|exhibition|forum|meetup|breakfast|dinner|lunch|"
    r"festival|fair|show|symposium|workshop|awards|gala|retreat)\b$",
    re.IGNORECASE,
)


def without_legal_form(name: str) -> str:
    """The name without the legal form it ends with, unless that is all there is."""
    shorter = _LEGAL_FORM.sub("", name).strip(" ,")
    return shorter if any(ch.isalnum() for ch in shorter) else name


# Company legal forms as registers write them (UK, US, DACH, France, Benelux, Italy, Nordics).
_LEGAL_FORM = re.compile(
    r"(?:,?\s+|\s*\(\s*)(?:gGmbH|GmbH\s*&\s*Co\.?\s*KG(?:aA)?|GmbH|KGaA|AG|SE|KG|OHG|e\.\s?V\.|"
    r"Ltd\.?|Limited|LLC|L\.L\.C\.|Inc\.?|Corp\.?|PLC|plc|LLP|B\.V\.|BV|N\.V\.|NV|"
    r"S\.A\.S\.?|SAS|S\.A\.|SA|SARL|S\.à\s?r\.l\.|S\.p\.A\.|SpA|S\.r\.l\.|Srl|Oy|AB|A/S|"
    r"ApS|Pty\.?\s+Ltd\.?)\s*\)?\.?$"
)


def formal_name(full_name: str, role: str = "", honorific: str = "") -> str:
    """ "Dr Ortiz" for "Dr Helen Ortiz" or for "Helen Ortiz" with the honorific "Dr"
    ("Professor Ortiz" for "Prof. Dr." or when their role is a professorship), or "" when
    there is no honorific."""
    parsed = HumanName(clean_field(f"{honorific} {full_name}".strip()))
    first_title = parsed.title.split()[0] if parsed.title else ""
    title = _HONORIFICS.get(first_title.casefold().rstrip("."), "")
    if title and role.casefold().startswith("professor"):
        title = "Professor"
    return f"{title} {parsed.last}" if title and parsed.last else ""


def usable_company(company: str) -> str:
    """The company as a place to work "at", or "" for self-employment and the like."""
    text = clean_field(company)
    return "" if text.casefold().strip(" .") in NOT_A_COMPANY else text


def usable_skill(skill: str) -> str:
    """A skill as it reads in a sentence: "Python (Programming Language)" -> "Python"."""
    return clean_field(_QUALIFIER.sub("", clean_field(skill)))


def mail_subject(summary: str) -> str:
    """A mail subject without "Re:"/"Fwd:", or "" when too long to quote."""
    text = _REPLY_PREFIX.sub("", clean_text(summary)).strip(" '\"“”")
    return text if 3 <= len(text) <= MAX_SUBJECT_CHARS and any(c.isalpha() for c in text) else ""


def reads_as_english(text: str) -> bool:
    """Whether a line is more English than German or French, by its small words: drafts are
    written in English, and a quote in another language reads as pasted into them."""
    words = re.findall(r"[^\W\d_]+", text.casefold())
    english = sum(word in _ENGLISH_WORDS for word in words)
    other = sum(word in _GERMAN_FRENCH_WORDS for word in words)
    return english >= other


_ENGLISH_WORDS = frozenset({
    "the", "and", "for", "with", "of", "to", "in", "on", "a", "an", "is", "are", "our", "my",
    "we", "i", "at", "by", "from", "that", "this",
})  # fmt: skip
_GERMAN_FRENCH_WORDS = frozenset({
    "der", "die", "das", "und", "für", "mit", "von", "zu", "im", "ist", "sind", "wir", "ich",
    "auf", "bei", "den", "dem", "des", "ein", "eine", "le", "la", "les", "et", "pour", "avec",
    "du", "de", "au", "aux", "une", "un", "dans", "sur", "est", "sont", "nous", "je", "par", "en",
})  # fmt: skip


def time_phrase(when: date, today: date) -> str:
    """When something happened, as a person says it: "yesterday", "on Tuesday" within the
    week, "last week", else "in March" ("in March 2024" another year). "In November" said
    of four days ago, on 3 December, reads as long ago."""
    days = (today - when).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if 1 < days < _DAYS_PER_WEEK:
        return f"on {_WEEKDAYS[when.weekday()]}"
    this_week = today - timedelta(days=today.weekday())
    if this_week - timedelta(days=_DAYS_PER_WEEK) <= when < this_week:
        return "last week"
    month = _MONTHS[when.month - 1]
    return f"in {month}" if when.year == today.year else f"in {month} {when.year}"


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


# Where a note's first thought ends: a semicolon, a line break, or a full stop that ends no
# abbreviation ("vs.", "e.g.", "z.B.", "bzw.", "Dr.") and no number ("3.5").
_NOTE_SENTENCE_END = re.compile(
    r"[;\n]|(?<!\bvs)(?<!\bca)(?<!\bbzw)(?<!\betc)(?<!\bDr)(?<!\bProf)(?<!\bNr)(?<!\bSt)"
    r"(?<!\bz\.B)(?<!\be\.g)(?<!\bi\.e)(?<!\bu\.a)\.(?!\d)(?![A-Za-z]\.)"
)
# A clause that ends on a word that needs more after it is no topic.
_DANGLING_END = re.compile(
    r"\b(?:vs|versus|and|or|of|with|to|for|the|a|an|und|oder|mit|für|et|ou|avec|pour)\.?$",
    re.IGNORECASE,
)


def event_topic(note: str) -> str:
    """What was discussed, as it completes "our conversation about …", or "".

    Notes are written about the person ("her move to Berlin"), so third-person words become
    "you"/"your"; a note that is a to-do or speaks of the user is not quoted."""
    first = _NOTE_SENTENCE_END.split(clean_text(note))[0]
    for clause in (first, first.split(",")[0]):
        topic = _DISCUSSION_VERBS.sub("", clause.strip()).strip(" .")
        if not topic or _ACTION_NOTE.match(topic) or _FIRST_PERSON.search(topic):
            continue
        if _DANGLING_END.search(topic):
            continue  # "accuracy of estimates vs": cut in the middle of a thought
        for pattern, replacement in _THIRD_PERSON:
            topic = pattern.sub(replacement, topic)
        if 3 <= len(topic) <= MAX_TOPIC_CHARS:
            return topic[0].lower() + topic[1:] if topic[:2].istitle() else topic
    return ""


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
