"""Contacts as vCard 4.0 (RFC 6350), the format address books import.

Text values are escaped as §3.4 requires (backslash, comma, semicolon, newline); lines are
folded at 75 octets without splitting a UTF-8 sequence (§3.2); lines end in CRLF (§3.2).
Control characters other than tab are dropped: §3.3 allows none in a value, and a CR or LF
left in would let a value start a property of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

from nameparser import HumanName
from nameparser.config import CONSTANTS

from helper.normalize import normalize_link
from helper.records import CategorySuggestion

CRLF = "\r\n"
MAX_LINE_OCTETS = 75
PRODID = "-//Outreach Helper//Outreach Helper//EN"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_NEWLINE = re.compile(r"\r\n|\r|\n")
# A URI is not TEXT, so it is not backslash-escaped (§3.4 covers TEXT values); characters a
# URI cannot hold literally (controls, spaces) are percent-encoded as RFC 3986 §2.1 does.
_URI_UNSAFE = re.compile(r"[\x00-\x20\x7f]")


def escape_text(value: str) -> str:
    """A TEXT value or component as RFC 6350 §3.4 writes it."""
    text = _NEWLINE.sub("\n", value)
    text = _CONTROL.sub("", text)
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return text.replace("\n", "\\n")


def escape_uri(value: str) -> str:
    return _URI_UNSAFE.sub(lambda match: f"%{ord(match.group()):02X}", value.strip())


def fold(line: str) -> str:
    """One content line folded into physical lines of at most 75 octets (§3.2), each
    continuation starting with a space, never cutting a multi-byte character."""
    if len(line.encode("utf-8")) <= MAX_LINE_OCTETS:
        return line + CRLF
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    limit = MAX_LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            pieces.append("".join(current))
            current, size, limit = [" "], 1, MAX_LINE_OCTETS
        current.append(char)
        size += octets
    pieces.append("".join(current))
    return CRLF.join(pieces) + CRLF


def structured_name(full_name: str) -> str:
    """N: family;given;additional;prefixes;suffixes (§6.2.2), read with nameparser."""
    parts = _plain_name_parts(full_name)
    if parts is None:
        name = HumanName(full_name)
        parts = (name.last, name.first, name.middle, name.title, name.suffix)
    return ";".join(escape_text(part) for part in parts)


# A word nameparser reads as a title, particle, suffix or conjunction: such names go to it.
_PARSER_WORDS = frozenset(
    word.lower()
    for words in (
        CONSTANTS.titles,
        CONSTANTS.prefixes,
        CONSTANTS.suffix_acronyms,
        CONSTANTS.suffix_not_acronyms,
        CONSTANTS.conjunctions,
    )
    for word in words
)
_JOINED_PREFIXES = tuple(word for word in _PARSER_WORDS if word.endswith("-"))
_PLAIN_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*\Z")


def _plain_name_parts(full_name: str) -> tuple[str, str, str, str, str] | None:
    """ "Given [Middle] Family" read without nameparser, which takes about 0.5 ms a name: a
    30,000-contact export spent most of its time there. Any word nameparser gives a role to,
    punctuation, or more words than three, and it reads the name itself."""
    words = full_name.split()
    if not 2 <= len(words) <= 3:
        return None
    for word in words:
        folded = word.lower()
        if not _PLAIN_WORD.match(word) or folded in _PARSER_WORDS:
            return None
        if folded.startswith(_JOINED_PREFIXES):
            return None
    return (words[-1], words[0], " ".join(words[1:-1]), "", "")


class Card(Protocol):
    """What a card is written from: a ProfileRecord, or the few fields an export loads."""

    @property
    def name(self) -> str: ...
    @property
    def current_title(self) -> str: ...
    @property
    def current_company(self) -> str: ...
    @property
    def linkedin_url(self) -> str: ...
    @property
    def notes(self) -> str: ...
    @property
    def emails(self) -> list[str]: ...
    @property
    def phones(self) -> list[str]: ...
    @property
    def other_urls(self) -> list[str]: ...
    @property
    def categories(self) -> list[CategorySuggestion]: ...


def card(profile: Card) -> str:
    """One contact as a vCard 4.0 card, CRLF line ends included."""
    lines = ["BEGIN:VCARD", "VERSION:4.0", f"PRODID:{PRODID}"]
    lines.append(f"FN:{escape_text(profile.name)}")
    lines.append(f"N:{structured_name(profile.name)}")
    lines += [f"EMAIL:{escape_text(email)}" for email in profile.emails]
    # VALUE=uri with a tel: URI is the form §6.4.1 recommends for 4.0.
    lines += [f"TEL;VALUE=uri:tel:{escape_uri(phone)}" for phone in profile.phones]
    if profile.current_company:
        lines.append(f"ORG:{escape_text(profile.current_company)}")
    if profile.current_title:
        lines.append(f"TITLE:{escape_text(profile.current_title)}")
    # Checked again on the way out: a link stored before links were checked, or restored from a
    # JSON export as it was, may be one the address book would run (`javascript:`).
    urls = [
        link for url in (profile.linkedin_url, *profile.other_urls) if (link := normalize_link(url))
    ]
    lines += [f"URL:{escape_uri(url)}" for url in urls]
    if profile.notes.strip():
        lines.append(f"NOTE:{escape_text(profile.notes)}")
    keys = [category.key for category in profile.categories]
    if keys:
        lines.append("CATEGORIES:" + ",".join(escape_text(key) for key in keys))
    lines.append("END:VCARD")
    return "".join(fold(line) for line in lines)


def vcards(profiles: Iterable[Card]) -> str:
    """A .vcf file of every contact, one card after another."""
    return "".join(card(profile) for profile in profiles)
