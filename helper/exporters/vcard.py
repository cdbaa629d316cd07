"""Contacts as vCard 3.0 (RFC 2426, the default) or 4.0 (RFC 6350), the files address books
import.

Both versions escape TEXT values alike (RFC 2426 §5 after RFC 2425 §5.8.4; RFC 6350 §3.4:
backslash, comma, semicolon, newline), fold lines at 75 octets without splitting a UTF-8
sequence (RFC 2425 §5.8.1; RFC 6350 §3.2) and end lines in CRLF. Control characters other
than tab are dropped: neither version allows one in a value (RFC 2425 §5.8.3, RFC 6350 §3.3),
and a CR or LF left in would let a value start a property of its own.

The versions differ in how they write a contact's identity and its typed addresses: 3.0 has
`UID:<uuid>`, `EMAIL;TYPE=INTERNET,WORK:` and `TEL;TYPE=CELL:+44…` (RFC 2426 §3.6.7, §3.3.2,
§3.3.1); 4.0 has `UID:urn:uuid:<uuid>`, `EMAIL;TYPE=work:` and `TEL;VALUE=uri;TYPE=cell:tel:+44…`
(RFC 6350 §6.7.6, §6.4.2, §6.4.1).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import Protocol

from helper.errors import OutreachError
from helper.normalize import normalize_link
from helper.records import CategorySuggestion

CRLF = "\r\n"
MAX_LINE_OCTETS = 75
PRODID = "-//Outreach Helper//Outreach Helper//EN"
VERSIONS = ("3.0", "4.0")
# Google Contacts, iCloud/Apple Contacts and Outlook import 3.0 cleanly; some read 4.0 badly.
DEFAULT_VERSION = "3.0"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_NEWLINE = re.compile(r"\r\n|\r|\n")
# Every character escape_text changes: most values (names, addresses) hold none.
_ESCAPED = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\\,;]")
# A URI is not TEXT, so it is not backslash-escaped (§3.4 covers TEXT values); characters a
# URI cannot hold literally (controls, spaces) are percent-encoded as RFC 3986 §2.1 does.
_URI_UNSAFE = re.compile(r"[\x00-\x20\x7f]")
_LABEL_WORD = re.compile(r"[a-z]+")
# A stored label's words ("work", "Home", "Work mobile") to the TYPE values both versions
# name: work and home (RFC 2426 §3.3.1, in use for EMAIL too; RFC 6350 §5.6), cell, fax, pager,
# voice and video (RFC 2426 §3.3.1, RFC 6350 §6.4.1). A word neither names gives no TYPE.
_EMAIL_TYPES = {
    "work": "work",
    "office": "work",
    "business": "work",
    "home": "home",
    "personal": "home",
    "private": "home",
}
_PHONE_TYPES = {
    **_EMAIL_TYPES,
    "mobile": "cell",
    "cell": "cell",
    "cellular": "cell",
    "fax": "fax",
    "pager": "pager",
    "voice": "voice",
    "video": "video",
}


def escape_text(value: str) -> str:
    """A TEXT value or component as RFC 6350 §3.4 and RFC 2426 §5 (RFC 2425 §5.8.4) write it."""
    if _ESCAPED.search(value) is None:
        return value
    text = _NEWLINE.sub("\n", value)
    text = _CONTROL.sub("", text)
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return text.replace("\n", "\\n")


def escape_uri(value: str) -> str:
    return _URI_UNSAFE.sub(lambda match: f"%{ord(match.group()):02X}", value.strip())


def fold(line: str) -> str:
    """One content line folded into physical lines of at most 75 octets (RFC 6350 §3.2, RFC
    2425 §5.8.1 for 3.0), each continuation starting with a space, never cutting a multi-byte
    character."""
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
    """N: family;given;additional;prefixes;suffixes (RFC 6350 §6.2.2, RFC 2426 §3.1.2),
    read with nameparser."""
    parts = _plain_name_parts(full_name)
    if parts is None:
        from nameparser import HumanName  # loaded on first use, as `_parser_words` says

        name = HumanName(full_name)
        parts = (name.last, name.first, name.middle, name.title, name.suffix)
    return ";".join(escape_text(part) for part in parts)


@cache
def _parser_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """The words nameparser reads as a title, particle, suffix or conjunction (names holding
    one go to it), and the particles joined by a hyphen. Loaded on the first vCard written:
    nameparser is a tenth of the start-up of the exports that write none."""
    from nameparser.config import CONSTANTS

    words = frozenset(
        word.lower()
        for group in (
            CONSTANTS.titles,
            CONSTANTS.prefixes,
            CONSTANTS.suffix_acronyms,
            CONSTANTS.suffix_not_acronyms,
            CONSTANTS.conjunctions,
        )
        for word in group
    )
    return words, tuple(word for word in words if word.endswith("-"))


_PLAIN_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*\Z")


def _plain_name_parts(full_name: str) -> tuple[str, str, str, str, str] | None:
    """ "Given [Middle] Family" read without nameparser, which takes about 0.5 ms a name: a
    30,000-contact export spent most of its time there. Any word nameparser gives a role to,
    punctuation, or more words than three, and it reads the name itself."""
    words = full_name.split()
    parser_words, joined_prefixes = _parser_words()
    if not 2 <= len(words) <= 3:
        return None
    for word in words:
        folded = word.lower()
        if not _PLAIN_WORD.match(word) or folded in parser_words:
            return None
        if folded.startswith(joined_prefixes):
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


class StoredCard(Card, Protocol):
    """A contact of the store: its UID (`contact_uid`) and the stored label of each e-mail
    address and phone number, in the order of `emails` and `phones`. A card written from a
    plain record (one read from a file) has no UID and no TYPE parameters."""

    @property
    def uid(self) -> str: ...
    @property
    def email_labels(self) -> Sequence[str]: ...
    @property
    def phone_labels(self) -> Sequence[str]: ...


def card(profile: Card, version: str = DEFAULT_VERSION) -> str:
    """One contact as a vCard 3.0 or 4.0 card, CRLF line ends included."""
    if version not in VERSIONS:
        raise OutreachError(f"vCard {version!r} is not written; use {' or '.join(VERSIONS)}.")
    v3 = version == "3.0"
    lines = ["BEGIN:VCARD", f"VERSION:{version}", f"PRODID:{PRODID}"]  # PRODID: 2426 §3.6.3
    uid = getattr(profile, "uid", "")
    if uid:
        lines.append(f"UID:{uid}" if v3 else f"UID:urn:uuid:{uid}")
    # FN is required in both versions (RFC 2426 §5, RFC 6350 §6.2.1), N in 3.0 (RFC 2426 §5):
    # both are always written.
    lines.append(f"FN:{escape_text(profile.name)}")
    lines.append(f"N:{structured_name(profile.name)}")
    _add_addresses(lines, profile, v3)
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


def vcards(profiles: Iterable[Card], version: str = DEFAULT_VERSION) -> str:
    """A .vcf file of every contact, one card after another."""
    return "".join(card(profile, version) for profile in profiles)


def _add_addresses(lines: list[str], profile: Card, v3: bool) -> None:
    """Each EMAIL and TEL, typed from its stored label as the version writes types."""
    emails, phones = profile.emails, profile.phones
    if emails:
        labels: Sequence[str] = getattr(profile, "email_labels", ())
        lines += [
            f"EMAIL{_type_param(_nth(labels, n), 'EMAIL', v3)}:{escape_text(email)}"
            for n, email in enumerate(emails)
        ]
    if phones:
        labels = getattr(profile, "phone_labels", ())
        if v3:  # RFC 2426 §3.3.1: `TEL;TYPE=CELL:+44…`, the number as text
            lines += [
                f"TEL{_type_param(_nth(labels, n), 'TEL', True)}:{escape_text(phone)}"
                for n, phone in enumerate(phones)
            ]
        else:  # RFC 6350 §6.4.1: a tel: URI with VALUE=uri, the form it recommends
            lines += [
                f"TEL;VALUE=uri{_type_param(_nth(labels, n), 'TEL', False)}:tel:{escape_uri(phone)}"
                for n, phone in enumerate(phones)
            ]


def _nth(labels: Sequence[str], n: int) -> str:
    return labels[n] if n < len(labels) else ""


_TYPE_TABLES = {"EMAIL": _EMAIL_TYPES, "TEL": _PHONE_TYPES}


@lru_cache(
    maxsize=4096
)  # a store has a handful of distinct labels, each written thousands of times
def _type_param(label: str, prop: str, v3: bool) -> str:
    """The TYPE parameter of a stored label (";TYPE=work"): the label's words the property's
    table names, in its order, each once; "" when it names none. RFC 2426 writes types in
    capitals by custom (they are case-insensitive), RFC 6350 in lower case. A 3.0 EMAIL says
    INTERNET (the default) outright, as Apple and Google write it (RFC 2426 §3.3.2)."""
    table = _TYPE_TABLES[prop]
    first = ("internet",) if v3 and prop == "EMAIL" else ()
    words = _LABEL_WORD.findall(label.lower())
    types = [*first, *dict.fromkeys(table[w] for w in words if w in table)]
    written = [value.upper() if v3 else value for value in types]
    return f";TYPE={','.join(written)}" if written else ""
