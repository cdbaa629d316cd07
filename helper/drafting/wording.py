"""How a fact is put into an English sentence: an organisation after "at", an event's name,
a name in a formal greeting, a mail subject, a day, what was discussed at an event.

Each function takes a value as stored and gives the words a message can say, or "" when no
sentence can say it well: a subject too long to quote, a note that is a to-do.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from nameparser import HumanName

from helper.drafting.context import clean_field, clean_text

# The longest topic and mail subject a sentence quotes.
MAX_TOPIC_CHARS = 70
MAX_SUBJECT_CHARS = 60
_REPLY_PREFIX = re.compile(r"^\s*(?:(?:re|fwd?|aw|wg|tr)\s*:\s*)+", re.IGNORECASE)
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
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAYS_PER_WEEK = len(_WEEKDAYS)
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
    month = MONTHS[when.month - 1]
    return f"in {month}" if when.year == today.year else f"in {month} {when.year}"


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
