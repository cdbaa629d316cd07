"""Anything that is not a LinkedIn page: an email signature, a conference badge, a bio.

Reads what is plainly there: a name, email addresses (email-validator, no DNS), phone
numbers (phonenumbers, E.164), links (a LinkedIn member link becomes `linkedin_url`), and a
title and company when the text states them ("Head of Sales at Contoso Ltd", a title line
and a company line under the name, or "Title:" / "Company:" labels).
"""

from __future__ import annotations

import re

import phonenumbers
from nameparser import HumanName

from helper.normalize import normalize_email
from helper.profiles.names import clean_name
from helper.profiles.sections import looks_like_place
from helper.profiles.text import (
    contact_details,
    is_chrome,
    section_key,
    visible_lines,
    without_dates,
)
from helper.records import ProfileRecord

DEFAULT_PHONE_REGION = "GB"
_LABEL = re.compile(r"^(?P<label>[A-Za-z][A-Za-z ]{1,20}?)\s*:\s*(?P<value>\S.*)$")
_LABELS = {
    "name": "name",
    "full name": "name",
    "title": "title",
    "job title": "title",
    "role": "title",
    "position": "title",
    "company": "company",
    "organisation": "company",
    "organization": "company",
    "employer": "company",
}
_NOT_A_NAME = re.compile(
    r"^(best|kind|warm|many thanks|thanks|thank you|cheers|regards|sincerely|sent from|"
    r"hello|hi|dear|yours|with best|all the best|my name is|contact|mobile|tel|phone|email|"
    r"web|www|http|linkedin|twitter|address|office|direct)\b",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:['’.-][^\W\d_]*)*\.?$")
_TITLE_AT = re.compile(
    r"^(?P<title>[^@|,;:]{2,80}?)\s+(?:at|@)\s+(?P<company>[^\s|,;].{1,80}?)\.?$", re.IGNORECASE
)
_SEPARATED = re.compile(r"^(?P<title>[^|,–—]{2,80}?)\s*(?:\||,|–|—| - )\s*(?P<company>.{2,80})$")
_BIO = re.compile(
    r"\b(?:is|am|works as|working as|serves as)\s+(?:an?\s+|the\s+)?(?P<title>[^.,;]{2,80}?)"
    r"\s+at\s+(?P<company>[^\W\d_][^.;,]{1,80}?)(?:[.;,]|\s+(?:where|since|and|who)\b|$)",
    re.IGNORECASE,
)
_BIO_NAME = re.compile(r"^(?P<name>(?:[^\W\d_][\w'’.-]*\s+){1,3}[^\W\d_][\w'’.-]*)\s+(?:is|was)\b")
_CONTACT_LINE = re.compile(r"@|https?://|www\.|linkedin\.com|\d{3}", re.IGNORECASE)


def looks_like_name(line: str) -> bool:
    """Two to four words, each starting with a capital letter (or a script without case)."""
    words = line.split()
    if not 2 <= len(words) <= 4 or _NOT_A_NAME.match(line) or len(line) > 60:
        return False
    return all(_NAME_WORD.match(word) and not word[0].islower() for word in words)


def _display_name(line: str) -> str:
    """Badge text is often in capitals: "GRACE HOPPER" -> "Grace Hopper"."""
    if line.isupper():
        name = HumanName(line)
        name.capitalize(force=True)
        return str(name)
    return line


def _phones(text: str) -> list[str]:
    found: list[str] = []
    for match in phonenumbers.PhoneNumberMatcher(
        without_dates(text), DEFAULT_PHONE_REGION, leniency=phonenumbers.Leniency.VALID
    ):
        number = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        if number not in found:
            found.append(number)
    return found


def _labelled(lines: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in lines:
        match = _LABEL.match(line)
        key = _LABELS.get(match["label"].strip().casefold()) if match else None
        if match and key and key not in values:
            values[key] = match["value"].strip()
    return values


def _name_index(lines: list[str]) -> int | None:
    for index, line in enumerate(lines):
        if looks_like_name(line.rstrip(",")):
            return index
    return None


def _title_and_company(lines: list[str], name_index: int | None, text: str) -> tuple[str, str]:
    """From "Title at Company", or the plain lines under the name, or a bio sentence."""
    following = lines[name_index + 1 : name_index + 3] if name_index is not None else []
    plain = [line for line in following if not _CONTACT_LINE.search(line)]
    for line in plain[:1]:
        for pattern in (_TITLE_AT, _SEPARATED):
            match = pattern.match(line)
            if match:
                return match["title"].strip(), match["company"].strip()
    if len(plain) == 2 and plain == following and not _is_place_line(plain[1]):
        return plain[0], plain[1]  # a title line and a company line (a place is no company)
    bio = _BIO.search(text)
    if bio:
        return bio["title"].strip(), bio["company"].strip()
    return (plain[0], "") if plain else ("", "")


def _place_under_the_name(lines: list[str], name_index: int | None) -> str:
    """A "City, Region, Country" line among the two under the name, as a pasted card
    ("Name", "Title", "Köln, Nordrhein-Westfalen, Deutschland") puts it."""
    if name_index is None:
        return ""
    following = lines[name_index + 1 : name_index + 3]
    return next((line for line in following if _is_place_line(line)), "")


def _is_place_line(line: str) -> bool:
    """ "Köln, Nordrhein-Westfalen, Deutschland": names between commas, none of a firm's
    words ("Fielding, Marsh and Partners" and "United States Navy" are organisations)."""
    return "," in line and looks_like_place(line) and not _FIRM_WORDS.search(line)


_FIRM_WORDS = re.compile(
    r"&|\b(?:and|und|et|Ltd|LLP|LLC|Inc|GmbH|AG|SA|SAS|Partners|Associates|Group)\b"
)


def parse_freeform(text: str) -> ProfileRecord:
    """Whatever the text states; fields it does not state stay empty."""
    lines = [
        line for line in visible_lines(text) if not is_chrome(line) and section_key(line) is None
    ]
    record = ProfileRecord(source="freeform")
    labelled = _labelled(lines)
    name_index = _name_index(lines)
    bio_name = _BIO_NAME.match(lines[0]) if lines else None
    if "name" in labelled:
        record.name = labelled["name"]
    elif name_index is not None:
        # "Dr. Hans-Jürgen Müller": the honorific apart, as a LinkedIn page's name gives it.
        person = clean_name(_display_name(lines[name_index].rstrip(",")))
        record.name, record.honorific = person.name, person.honorific
    elif bio_name:
        record.name = bio_name["name"]
    title, company = _title_and_company(lines, name_index, " ".join(lines))
    record.current_title = labelled.get("title", title)
    record.current_company = labelled.get("company", company)
    record.location = _place_under_the_name(lines, name_index)
    # Without a label, a name, title or company is read from where it stands: a guess.
    record.guessed_fields = [
        name
        for name, label in (
            ("name", "name"),
            ("current_title", "title"),
            ("current_company", "company"),
        )
        if getattr(record, name) and label not in labelled
    ]
    contact_details(lines, record)
    for phone in _phones(text):
        if phone not in record.phones:
            record.phones.append(phone)
    record.emails = [e for e in record.emails if normalize_email(e)]
    return record
