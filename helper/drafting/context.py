"""The facts a message template may use, cleaned so that no slot can print empty or "None".

Every value is a plain string, bool, int or list of those. A short field (a name, a title, a
company) longer than MAX_FIELD_CHARS, or with no letter or digit in it, is treated as unknown:
a sentence that needs it is left out rather than built on a value that is not a real name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from nameparser import HumanName

from helper.drafting.channels import Channel
from helper.drafting.fit import tidy
from helper.normalize import normalize_company, normalize_name
from helper.records import (
    ContactSnapshot,
    GoalSpec,
    MeProfile,
    Position,
    ProfileRecord,
    Touch,
)

MAX_FIELD_CHARS = 120
MAX_FIRST_NAME_CHARS = 40
# Past this, no amount of stray whitespace leaves a name or title: skip the cleaning work.
_MAX_RAW_FIELD_CHARS = 8 * MAX_FIELD_CHARS
_CURRENT_END_WORDS = {"", "present", "now", "current", "today"}
_LOWERCASE_OPENERS = {"A", "An", "The", "My", "Our", "Some", "Any"}
_SENTENCE_OPENERS = ("i ", "i'", "i’", "happy ", "glad ", "we ", "we'", "we’")
# Unicode categories Cc (C0 and C1 controls), Zl and Zp (line and paragraph separators).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_WHITESPACE = re.compile(r"\s+")
# Not "na" or "nil": Na and Nil are names.
_PLACEHOLDERS = frozenset({"none", "n/a", "null", "-", "--", "—", "tbd"})
_BRACE_RUN = re.compile(r"\{\{+|\}\}+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True)
class SharedContext:
    """What links the user and the contact, as known to the caller (the store, the event log).

    Employer, school and location are also worked out from Me and the profile; a value given
    here wins.
    """

    employer: str = ""
    school: str = ""
    location: str = ""
    event_met_at: str = ""
    # The day of that event: a later meeting is the last touch, not the event.
    event_met_on: date | None = None
    introducer: str = ""
    upcoming_event: str = ""
    # What was discussed at the event met at, as the user noted it.
    event_note: str = ""
    # The latest interaction: the message says it, and never "we haven't met" after one.
    last_touch: Touch | None = None


def clean_text(value: str) -> str:
    """One line of text: control characters removed, whitespace runs made one space.

    Doubled braces become single ones: `{{` in a message is what a broken template prints, so
    a recipient must never see it, whoever typed it.
    """
    printable = _CONTROL.sub(" ", value or "")
    unbraced = _BRACE_RUN.sub(lambda run: run.group(0)[0], printable)
    text = _WHITESPACE.sub(" ", unbraced).strip()
    # "none", "n/a" or "-" typed into a field means it is empty, not a thing to write about.
    return "" if text.lower().rstrip(".") in _PLACEHOLDERS else text


def clean_field(value: str) -> str:
    """A short fact, or "" when it is too long or has nothing readable in it."""
    if len(value or "") > _MAX_RAW_FIELD_CHARS:
        return ""
    text = clean_text(value).rstrip(" ,;:")
    if len(text) > MAX_FIELD_CHARS or not any(c.isalnum() for c in text):
        return ""
    return text


def as_sentence(value: str) -> str:
    """Free text written by the user, made one sentence-ended, capitalised line."""
    text = clean_text(value)
    if not any(c.isalnum() for c in text):
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…" else text + "."


def first_name_of(full_name: str) -> str:
    """The name to greet someone by, or "" when no usable name is known."""
    name = clean_field(full_name)
    if not name or "@" in name:
        return ""
    if _CJK.search(name):
        candidate = name
    else:
        parsed = HumanName(name)
        candidate = parsed.first
        if len(candidate.rstrip(".")) <= 1 and parsed.middle:
            candidate = parsed.middle.split()[0]
        # nameparser joins "A & B" into one first name; a greeting wants the first word only.
        words = candidate.split()
        candidate = words[0] if words else ""
        if not any(c.isalnum() for c in candidate):
            candidate = ""
        if not candidate and parsed.title and parsed.last:
            candidate = f"{parsed.title} {parsed.last}"
    # Tidied as the message will be, so the name greeted is the name returned.
    candidate = clean_field(tidy(_trim_marks(candidate)))
    return candidate if len(candidate) <= MAX_FIRST_NAME_CHARS else ""


def _trim_marks(text: str) -> str:
    """`text` without punctuation, symbols or spaces at either end ("Ann ," -> "Ann").

    By Unicode category, so a name ending in a combining vowel sign keeps it.
    """
    start, end = 0, len(text)
    while start < end and unicodedata.category(text[start])[0] in "PSZ":
        start += 1
    while end > start and unicodedata.category(text[end - 1])[0] in "PSZ":
        end -= 1
    return text[start:end]


def _is_current(position: Position) -> bool:
    return position.end.strip().lower() in _CURRENT_END_WORDS


def current_role(profile: ProfileRecord) -> tuple[str, str]:
    """(title, company) now, from the profile's top card or its first open position."""
    title, company = clean_field(profile.current_title), clean_field(profile.current_company)
    open_positions = [p for p in profile.positions if _is_current(p)]
    if open_positions and not (title and company):
        title = title or clean_field(open_positions[0].title)
        company = company or clean_field(open_positions[0].company)
    return title, company


def past_roles(profile: ProfileRecord) -> list[dict[str, str]]:
    """Finished positions, most recent first as the profile lists them, with a usable title."""
    roles = []
    for position in profile.positions:
        title, company = clean_field(position.title), clean_field(position.company)
        if not _is_current(position) and (title or company):
            roles.append({"title": title, "company": company})
    return roles


def _matching(candidates: list[str], wanted: list[str], key: Callable[[str], str]) -> str:
    """The first candidate equal to a wanted value under `key`, or ""."""
    wanted_keys = {key(w) for w in map(clean_field, wanted) if w and key(w)}
    for candidate in candidates:
        if candidate and key(candidate) in wanted_keys:
            return candidate
    return ""


def shared_facts(profile: ProfileRecord, me: MeProfile) -> SharedContext:
    """Employer, school and location the user and the contact have in common."""
    companies = [clean_field(profile.current_company)]
    companies += [clean_field(p.company) for p in profile.positions]
    employer = _matching(companies, [*me.employers, *me.former_employers], normalize_company)
    schools = [clean_field(e.school) for e in profile.education]
    school = _matching(schools, me.schools, normalize_name)
    return SharedContext(employer=employer, school=school, location=_shared_location(profile, me))


def _shared_location(profile: ProfileRecord, me: MeProfile) -> str:
    theirs, mine = clean_field(profile.location), clean_field(me.location)
    if not theirs or not mine:
        return ""
    # The city is what people say ("We're both based in Leeds"), not the whole address.
    their_city, my_city = theirs.split(",")[0].strip(), mine.split(",")[0].strip()
    return their_city if normalize_name(their_city) == normalize_name(my_city) else ""


def merge_shared(computed: SharedContext, given: SharedContext | None) -> SharedContext:
    if given is None:
        return computed
    return SharedContext(
        employer=clean_field(given.employer) or computed.employer,
        school=clean_field(given.school) or computed.school,
        location=clean_field(given.location) or computed.location,
        event_met_at=clean_field(given.event_met_at),
        event_met_on=given.event_met_on,
        introducer=clean_field(given.introducer),
        upcoming_event=clean_field(given.upcoming_event),
        event_note=clean_text(given.event_note),
        last_touch=given.last_touch,
    )


def goal_context(goal: GoalSpec | None, company: str) -> dict[str, object]:
    """The goal as templates name it; its keywords are for matching, never for prose."""
    if goal is None:
        return {"purpose": "", "goal_title": "", "aim": "", "target_org": ""}
    organisations = [o for o in (clean_field(o) for o in goal.organisations) if o]
    # Named as the profile spells it: that is the name the person uses.
    theirs = company if company and _matching(organisations, [company], normalize_company) else ""
    return {
        "purpose": goal.purpose,
        "goal_title": clean_field(goal.title),
        "aim": clean_field(goal.aim),
        "target_org": theirs,
    }


def offer_context(offer: str) -> dict[str, str]:
    """The offer as a phrase completing "I can offer …", or as the user's own sentence."""
    text = clean_text(offer)
    if not any(c.isalnum() for c in text):
        return {"offer": "", "offer_sentence": ""}
    if text.lower().startswith(_SENTENCE_OPENERS):
        return {"offer": "", "offer_sentence": as_sentence(text)}
    first_word, _, rest = text.partition(" ")
    if first_word in _LOWERCASE_OPENERS:
        text = first_word.lower() + (" " + rest if rest else "")
    return {"offer": text.rstrip(".!?;:, "), "offer_sentence": ""}


def opens_with_closing(signature: str) -> bool:
    """Whether the signature's first line is a closing ("Best,", "Viele Grüße", "Cordialement"):
    the channel's own closing above it would say goodbye twice."""
    first = next((line.strip() for line in signature.splitlines() if line.strip()), "")
    words = first.rstrip(",!.").casefold()
    return bool(first) and len(words.split()) <= 5 and (first.endswith(",") or words in _CLOSINGS)


# Closings written without a comma, in the languages people sign in.
_CLOSINGS = frozenset(
    closing.casefold()
    for closing in {
        "best", "best regards", "kind regards", "regards", "warm regards", "many thanks",
        "thanks", "cheers", "all the best", "sincerely", "yours sincerely", "viele grüße",
        "beste grüße", "liebe grüße", "freundliche grüße", "mit freundlichen grüßen", "lg",
        "vg", "cordialement", "bien cordialement", "bien à vous", "belle journée", "merci",
    }
)  # fmt: skip


def signature_lines(me: MeProfile) -> list[str]:
    """The user's signature, line by line, or their name when no signature is set."""
    lines = [clean_text(line) for line in (me.signature or "").splitlines()]
    lines = [line for line in lines if line and any(c.isalnum() for c in line)]
    return lines or ([clean_field(me.name)] if clean_field(me.name) else [])


def me_context(me: MeProfile) -> dict[str, object]:
    employers = [e for e in (clean_field(e) for e in me.employers) if e]
    return {
        "me_name": clean_field(me.name),
        "me_first_name": first_name_of(me.name),
        "me_headline": clean_field(me.headline),
        "me_company": employers[0] if employers else "",
        "pitch": as_sentence(me.pitch),
        "signature_lines": signature_lines(me),
        **offer_context(me.offer),
    }


def greeting_for(first_name: str, channel: Channel) -> str:
    return f"Hi {first_name}," if first_name else channel.greeting_unknown


def contact_context(contact: ContactSnapshot, channel: Channel) -> dict[str, object]:
    profile = contact.profile
    title, company = current_role(profile)
    roles = past_roles(profile)
    schools = [s for s in (clean_field(e.school) for e in profile.education) if s]
    first_name = first_name_of(profile.name)
    return {
        "first_name": first_name,
        "greeting": greeting_for(first_name, channel),
        "full_name": clean_field(profile.name),
        "title": title,
        "company": company,
        "past_roles": roles,
        "past_title": roles[0]["title"] if roles else "",
        "past_company": roles[0]["company"] if roles else "",
        "school": schools[0] if schools else "",
        "location": clean_field(profile.location),
        "headline": clean_field(profile.headline),
    }


def build_context(
    contact: ContactSnapshot,
    channel: Channel,
    me: MeProfile,
    goal: GoalSpec | None = None,
    shared: SharedContext | None = None,
) -> dict[str, object]:
    """Everything a message template may refer to; see templates/messages/_shared/_default.txt."""
    context = contact_context(contact, channel)
    together = merge_shared(shared_facts(contact.profile, me), shared)
    both_current = bool(together.employer) and normalize_company(
        together.employer
    ) == normalize_company(str(context["company"]))
    context |= {
        "shared_employer": together.employer,
        "shared_employer_current": both_current
        and any(normalize_company(e) == normalize_company(together.employer) for e in me.employers),
        "shared_school": together.school,
        "shared_location": together.location,
        "event_met_at": together.event_met_at,
        "introducer": together.introducer,
        "upcoming_event": together.upcoming_event,
        "channel": channel.key,
        "limit": channel.body_limit or 0,
        "subject_limit": channel.subject_limit or 0,
        "call_minutes": channel.call_minutes,
        "sign_off": "" if opens_with_closing(me.signature or "") else channel.sign_off,
    }
    return context | goal_context(goal, str(context["company"])) | me_context(me)
