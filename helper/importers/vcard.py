"""vCard 2.1, 3.0 and 4.0 files: one contact per card.

A card without FN is named from N; without either, from its first e-mail address (Monica's
tracker, monicahq/monica#2085: one nameless card must not stop a batch). A card with no name and
no e-mail is a Problem. Grouped properties (`item1.EMAIL`) count like ungrouped ones.
"""

from __future__ import annotations

import binascii
import codecs
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from helper.errors import ImportRefused
from helper.importers.text import (
    RAW_CHARS,
    checked_emails,
    checked_links,
    checked_phones,
    decode_line,
    name_from_email,
    peek,
    require_text,
)
from helper.importers.vcard_lines import BadLine, RawProperty, SkippedProperty, read_properties
from helper.normalize import normalize_email, normalize_linkedin_url, normalize_phone
from helper.records import Format, Position, Problem, ProfileRecord

SOURCE = Format.VCARD.value
# Far above any address book's card (Apple's largest cards hold a few hundred properties), low
# enough that a hostile card cannot make a batch crawl.
MAX_PROPERTIES_PER_CARD = 10_000
MAX_JUNK_BEFORE_FIRST_CARD = 50
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_PARAM_WORD = re.compile(r"[A-Za-z][\w-]*")
_TYPE_LABELS = {
    "work": "work",
    "home": "home",
    "cell": "mobile",
    "mobile": "mobile",
    "iphone": "mobile",
    "fax": "fax",
    "pager": "pager",
    "video": "video",
}
_TEXT_TOKEN = re.compile(r"\\.|\\$|[;,]|[^\\;,]+", re.DOTALL)


@dataclass
class _Card:
    number: int
    properties: list[RawProperty] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    count: int = 0

    @property
    def location(self) -> str:
        return f"card {self.number}"


def read(stream: BinaryIO, *, name: str = "") -> Iterator[ProfileRecord | Problem]:
    """Contacts of a vCard file, streaming card by card."""
    head, stream = peek(stream)
    require_text(head, "card")
    label = name or "The file"
    card: _Card | None = None
    cards_seen = 0
    junk: list[Problem] = []
    for item in read_properties(stream):
        if card is not None and isinstance(item, SkippedProperty):
            card.count += 1
        elif isinstance(item, RawProperty) and _is_marker(item, "BEGIN"):
            if card is not None:
                yield _unterminated(card)
            cards_seen += 1
            card = _Card(cards_seen)
            yield from junk
            junk.clear()
        elif card is None:
            junk.append(_outside_problem(item))
            if cards_seen == 0:
                _refuse_if_too_much_junk(junk, label)
            else:
                yield from junk
                junk.clear()
        elif isinstance(item, BadLine):
            card.count += 1
            if card.count <= MAX_PROPERTIES_PER_CARD:
                card.problems.append(_bad_line_problem(item, card))
        elif _is_marker(item, "END"):
            yield from _finish(card)
            card = None
        else:
            _collect(card, item)
    if card is not None:
        yield _unterminated(card)
    if cards_seen == 0:
        raise ImportRefused(f"{label} holds no vCard: there is no BEGIN:VCARD line.")


def _is_marker(prop: RawProperty, name: str) -> bool:
    return prop.name == name and prop.value.strip().upper() == b"VCARD"


def _outside_problem(item: BadLine | RawProperty | SkippedProperty) -> Problem:
    if isinstance(item, BadLine):
        raw = item.raw.decode("utf-8", errors="replace")
        return Problem(f"line {item.line_number}", "text outside a card ignored", raw)
    if isinstance(item, SkippedProperty):
        return Problem(f"line {item.line_number}", f"{item.name} outside a card ignored")
    raw = item.value[:RAW_CHARS].decode("utf-8", errors="replace")
    return Problem(f"line {item.line_number}", f"{item.name} outside a card ignored", raw)


def _bad_line_problem(line: BadLine, card: _Card) -> Problem:
    text = line.raw.decode("utf-8", errors="replace")
    return Problem(card.location, f"unreadable line {line.line_number} ignored", text)


def _refuse_if_too_much_junk(junk: list[Problem], label: str) -> None:
    if len(junk) > MAX_JUNK_BEFORE_FIRST_CARD:
        raise ImportRefused(
            f"{label} is not a vCard file: no BEGIN:VCARD among its first "
            f"{MAX_JUNK_BEFORE_FIRST_CARD} lines."
        )


def _collect(card: _Card, prop: RawProperty) -> None:
    card.count += 1
    if card.count > MAX_PROPERTIES_PER_CARD:
        card.properties.clear()
        return
    if prop.oversize:
        card.problems.append(
            Problem(
                card.location, f"{prop.name} value over 1 MiB ignored (line {prop.line_number})"
            )
        )
    else:
        card.properties.append(prop)


def _unterminated(card: _Card) -> Problem:
    return Problem(card.location, "the card has no END:VCARD; it was not imported")


def _finish(card: _Card) -> Iterator[ProfileRecord | Problem]:
    if card.count > MAX_PROPERTIES_PER_CARD:
        yield Problem(
            card.location,
            f"the card has {card.count:,} properties, over the limit of "
            f"{MAX_PROPERTIES_PER_CARD:,}; it was not imported",
        )
        return
    yield from card.problems
    yield from card_to_contact(card.location, card.properties)


def card_to_contact(
    location: str, properties: list[RawProperty]
) -> Iterator[ProfileRecord | Problem]:
    """One card's properties as a contact (or a Problem when it names nobody)."""
    values = _Values(properties)
    emails, problems = checked_emails(
        [value.removeprefix("mailto:") for value in values.texts("EMAIL")], location
    )
    yield from problems
    name = values.text("FN") or _name_from_n(values.parts("N"))
    if not name and not emails:
        yield Problem(location, "a card with no name and no e-mail address; it was not imported")
        return
    links, problems = checked_links(values.texts("URL") + values.texts("X-SOCIALPROFILE"), location)
    yield from problems
    record = ProfileRecord(
        name=name or name_from_email(emails[0]),
        emails=emails,
        phones=checked_phones(values.texts("TEL")),
        labels=_labels(values),
        email_labels=_typed(values, "EMAIL", normalize_email),
        phone_labels=_typed(values, "TEL", normalize_phone),
        notes="\n".join(values.texts("NOTE")),
        location=_location(values.parts("ADR")),
        source=SOURCE,
        location_in_source=location,
    )
    _set_urls(record, links)
    _set_position(record, values)
    yield record


class _Values:
    """Decoded property values of one card, by property name."""

    def __init__(self, properties: list[RawProperty]) -> None:
        self._by_name: dict[str, list[RawProperty]] = {}
        for prop in properties:
            self._by_name.setdefault(prop.name, []).append(prop)

    def typed(self, name: str) -> list[tuple[str, str]]:
        """Each value with the label its TYPE parameters give ("" for none)."""
        return [
            (unescape(decode_value(prop)).strip(), _type_label(prop.raw_params))
            for prop in self._by_name.get(name, [])
        ]

    def texts(self, name: str) -> list[str]:
        texts = (unescape(decode_value(prop)).strip() for prop in self._by_name.get(name, []))
        return [text for text in texts if text]

    def text(self, name: str) -> str:
        return next(iter(self.texts(name)), "")

    def parts(self, name: str, separator: str = ";") -> list[str]:
        """The components of the first structured value (N, ORG, ADR)."""
        for prop in self._by_name.get(name, []):
            return [unescape(part).strip() for part in split_value(decode_value(prop), separator)]
        return []

    def every_part(self, name: str, separator: str) -> list[str]:
        return [
            unescape(part).strip()
            for prop in self._by_name.get(name, [])
            for part in split_value(decode_value(prop), separator)
        ]


def decode_value(prop: RawProperty) -> str:
    """A property's value as text: quoted-printable undone, then its CHARSET applied.

    Without a CHARSET the value is UTF-8 (vCard 3.0/4.0), with any byte that is not UTF-8 read
    as Windows-1252 (raw 8-bit 2.1 files from Windows). A declared charset that misdecodes a
    byte gets a replacement character rather than failing the card."""
    data = prop.value
    if prop.encoding == "QUOTED-PRINTABLE":
        data = binascii.a2b_qp(data)
    codec = _codec(prop.charset)
    if codec:
        return data.decode(codec, errors="replace")
    return decode_line(data)


def _codec(charset: str) -> str:
    if not charset:
        return ""
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return ""


def split_value(text: str, separator: str) -> list[str]:
    """Split on `separator` where it is not backslash-escaped (RFC 6350 §3.4); escapes stay."""
    parts = [""]
    for token in _TEXT_TOKEN.findall(text):
        if token == separator:
            parts.append("")
        else:
            parts[-1] += token
    return parts


def unescape(text: str) -> str:
    """`\\n` -> newline, `\\,` `\\;` `\\:` `\\\\` -> the character (RFC 6350 §3.4; Apple
    escapes `:` in URLs)."""
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda match: "\n" if match.group(1) in "nN" else match.group(1), text)


def _name_from_n(parts: list[str]) -> str:
    """FN built from N (family;given;additional;prefix;suffix), family first for CJK names."""
    padded = [*parts, "", "", "", "", ""][:5]
    family, given, additional, prefix, suffix = (part.replace(",", " ") for part in padded)
    if _CJK.search(family + given):
        ordered = [prefix, family, given, additional, suffix]
    else:
        ordered = [prefix, given, additional, family, suffix]
    return " ".join(part for part in ordered if part)


def _type_label(raw_params: str) -> str:
    """The words a person reads of an EMAIL's or TEL's TYPE (`TYPE=WORK,VOICE`, `type=cell`,
    2.1's bare `;WORK;FAX`): RFC 2426 §3.3.1-3.3.2, RFC 6350 §6.4.1. Others (internet, pref,
    voice, x-…) and other parameters' values name nothing to keep."""
    words = (_TYPE_LABELS.get(word.lower(), "") for word in _PARAM_WORD.findall(raw_params))
    return " ".join(dict.fromkeys(word for word in words if word))


def _typed(values: _Values, name: str, normalize: Callable[[str], str | None]) -> dict[str, str]:
    labels = {}
    for text, label in values.typed(name):
        key = normalize(text.removeprefix("mailto:").removeprefix("tel:")) if text else None
        if key and label and key not in labels:
            labels[key] = label
    return labels


def _labels(values: _Values) -> list[str]:
    return list(dict.fromkeys(part for part in values.every_part("CATEGORIES", ",") if part))


def _location(adr: list[str]) -> str:
    """Locality, region and country of the first ADR (post office box;extended;street;
    locality;region;postal code;country, RFC 6350 §6.3.1)."""
    padded = [*adr, "", "", "", "", "", "", ""][:7]
    return ", ".join(part for part in (padded[3], padded[4], padded[6]) if part)


def _set_urls(record: ProfileRecord, urls: list[str]) -> None:
    for url in urls:
        linkedin_url = normalize_linkedin_url(url)
        if linkedin_url and not record.linkedin_url:
            record.linkedin_url = linkedin_url
        elif linkedin_url != record.linkedin_url and url not in record.other_urls:
            record.other_urls.append(url)


def _set_position(record: ProfileRecord, values: _Values) -> None:
    company = next(iter(values.parts("ORG")), "")
    title = values.text("TITLE")
    record.current_company = company
    record.current_title = title
    if company or title:
        record.positions.append(Position(title=title, company=company))
