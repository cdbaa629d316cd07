"""Text copied from a LinkedIn profile page (select all + copy) -> ProfileRecord.

Chromium, Firefox and Safari copy the same page with different blank lines, and every
visible string may be followed by its screen-reader copy (LinkedIn's hidden accessibility
text). So blank lines carry no meaning here, a line repeated at once is read once, and
the page is read as: the top card (name, pronouns, degree, headline, location) up to the
first section heading, then one block of lines per section.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from helper.normalize import (
    normalize_email,
    normalize_link,
    normalize_linkedin_url,
    normalize_phone,
)
from helper.profiles import words
from helper.profiles.logos import logo_company, with_logo_companies
from helper.profiles.names import clean_name, pronoun_words, pronouns_of
from helper.profiles.sections import (
    EMPLOYMENT_TYPE,
    TENURE,
    looks_like_place,
    parse_certifications,
    parse_date_range,
    parse_education,
    parse_experience,
    parse_languages,
    parse_skills,
    parse_volunteering,
)
from helper.records import ProfileRecord

_SKIPPED_PREFIXES = ("find a different", "published by", "veröffentlicht von", "publié par")
_CHROME_PATTERN = re.compile(
    "|".join(
        f"(?:{pattern})"
        for pattern in (
            r"^try premium\b",
            r"^reactivate premium\b",
            r"^get hired faster\b",
            r"^mutual connections?\b",
            r"^.+['’]s? (website|blog|portfolio|rss feed)$",
            r"^(background|cover|profile) (image|photo|picture)( of .+)?$",
            r"^.+ logo$",
            r"^logo (of|von|de|du) .+$",
            r"^[·•|]$",
            r"^[\d,.]+[km]?\+?\s+(followers?|connections?)(\s*·.*)?$",
            # The counts in German and French: "Mehr als 500 Kontakte", "+ de 500 relations".
            r"^(mehr als\s+)?[\d.,\u202f\u00a0 ]+\+?\s+(kontakte|follower)$",
            r"^(\+\s*de\s+)?[\d.,\u202f\u00a0 ]+\+?\s+(relations|abonnés|abonné·e·s)$",
            r"^[\d,.]+[km]?\+?\s+followers?\s*·\s*[\d,.]+\+?\s+connections?$",
            r"\bmutual connections?$",
            r"^\d+\s+(new\s+)?notifications?(\s+total)?$",
            r"^(see|view|show)\s+(all|more|less|fewer)\b",
            r"^see\s+\d+\+?$",
            rf"^{words.endorsement_pattern()}",
            r"^\d+\s+experiences?\s+(at|across)\b",
            # Where a skill was used, in German and French: "2 Erfahrungen bei …".
            r"^\d+\s+(berufs)?erfahrungen\s+(bei|in)\b",
            r"^\d+\s+expériences?\s+(chez|dans)\b",
            rf"^{words.show_all_pattern()}$",
            r"^talks about\b",
            r"^sign in to view\b",
            r"^(view|contact|get introduced to|join linkedin and access)\b.*\b(profile|directly)\b",
            rf"^·?\s*{words.degree_pattern()}$",
            rf"^(?:…|\.\.\.)?\s*{words.see_more_pattern()}$",
            r"^[\d,.]+[km]?\+?\s+(abonnenten|kontakte|abonnés|relations)(\s*·.*)?$",
            r"^[\w ,;&]*\d[\d,]*\+?\s+employees;?$",
            r"^.+['’]s? profile$",
            r"^\d+\s+(profile views?|post impressions?|search appearances?)$",
            r"^<?/[a-z]+>$",
            r"^\d+\+?$",
        )
    ),
    re.IGNORECASE,
)
_END_OF_PAGE = re.compile(
    r"^(linkedin corporation ©|linkedin corporation \d{4}|© \d{4} linkedin|linkedin © \d{4})",
    re.IGNORECASE,
)
_DEGREE_SUFFIX = re.compile(rf"\s*·\s*{words.degree_pattern()}$|\s+{words.degree_pattern()}$", re.I)
# "(Mobile)", "(Mobil)", "(Portable)" after a number in the Contact info overlay.
_PHONE_LABEL = re.compile(r"\s*\([^\d)]*\)\s*$")
_ROLE_JOINERS = ("at", "bei", "chez", "@", "·")
_DEGREE_LINE = re.compile(rf"^·?\s*{words.degree_pattern()}$", re.IGNORECASE)
_CONTACT_INFO_SUFFIX = re.compile(
    r"\s*·?\s*(?:" + "|".join(map(re.escape, words.contact_info_labels())) + r")$", re.IGNORECASE
)
_EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.|(?:[a-z]{2,3}\.)?linkedin\.com/)[^\s<>()\"']+", re.I)
_PHONE_LINE = re.compile(r"^\+?[\d ()./-]{7,}(\s*\([^\d()]{2,20}\))?$")
# "2016 - 2021" is a span of years, not the number 20162021: a phone reader never sees one.
_YEAR_RANGE = re.compile(r"(?<!\d)(?:19|20)\d\d\s*(?:[-–—/]|to|bis|à)\s*(?:19|20)\d\d(?!\d)")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)


def visible_lines(text: str) -> list[str]:
    """Non-blank, stripped lines with immediate repeats (accessibility copies) removed.

    The hidden copy does not always repeat the visible text to the letter: it writes "Jan 2024
    to Present" under "Jan 2024 - Present", so two date lines for the same span are one line."""
    text = text.translate(_ZERO_WIDTH).replace("\xa0", " ")
    lines: list[str] = []
    previous_key: object = None
    for raw in re.split(r"\r\n|\r|\n|\u2028|\u2029", text):
        line = " ".join(raw.split())
        if not line:
            continue
        key = _repeat_key(line)
        if key != previous_key:
            lines.append(line)
        previous_key = key
    return lines


def _repeat_key(line: str) -> object:
    """Lines with one key are one line: the same span of dates, or the same tenure written
    short and long ("Vollzeit · 12 J. 2 Mon." over "Vollzeit · 12 Jahre 2 Monate")."""
    span = parse_date_range(line)
    if span:
        return ("dates", span.start, span.end)
    tenure = TENURE.match(line)
    if tenure:
        return ("tenure", (tenure["type"] or "").casefold(), tuple(re.findall(r"\d+", line)))
    return line


def is_chrome(line: str) -> bool:
    """True for a line LinkedIn draws around every profile (navigation, buttons, counts)."""
    folded = line.casefold()
    return folded in words.chrome_lines() or bool(_CHROME_PATTERN.search(line))


def section_key(line: str) -> str | None:
    """The section a heading line opens ("skipped" for other people's), else None.

    Old public pages prefix headings with the member's name ("Justin Grevich's Experience").
    """
    folded = " ".join(line.casefold().split())
    candidates = [folded]
    possessive = re.search(r"['’]s?\s+(?P<rest>[^'’]+)$", folded)
    if possessive:
        candidates.append(possessive["rest"])
    for candidate in candidates:
        if candidate in words.section_headings():
            return words.section_headings()[candidate]
        if candidate in words.skipped_headings() or candidate.startswith(_SKIPPED_PREFIXES):
            return "skipped"
    return None


@dataclass
class PageText:
    top: list[str] = field(default_factory=list)
    sections: dict[str, list[str]] = field(default_factory=dict)


def split_sections(lines: list[str], headings: frozenset[str] | None = None) -> PageText:
    """The top card and each section's lines; skipped sections and chrome are dropped.

    A skipped block (another person's card, the footer) runs until a profile section not
    seen yet, because the page lists each of its own sections once. When the caller knows
    which lines are headings (saved HTML), only those open sections: a cause named
    "Education" in a list is not the Education section.
    """
    page = PageText()
    menu_end = _site_menu_end(lines)
    current: list[str] | None = page.top
    ended = False  # past the footer, only the "Contact info" overlay is the person's
    for index, line in enumerate(lines):
        if _END_OF_PAGE.match(line) or _is_footer_start(lines, index):
            ended, current = True, None
            continue
        if index < menu_end:
            continue
        is_heading = headings is None or line.casefold() in headings
        key = section_key(line) if is_heading and not _is_employment_type(lines, index) else None
        if ended and key not in ("contact", None):
            key = "skipped"
        if key == "contact" and current is page.top:
            current.append(line)
        elif key == "skipped":
            current = None
        elif key is not None and key not in page.sections:
            current = page.sections.setdefault(key, [])
        elif key is not None and (current is None or current is page.sections[key]):
            continue  # the hidden copy of the heading just read, or one in a skipped block
        elif current is not None and (
            not is_chrome(line)
            or _CONTACT_INFO_SUFFIX.search(line)
            # A logo may be all an Experience entry says of its company.
            or (current is page.sections.get("experience") and logo_company(line))
        ):
            current.append(line)
    return page


def _site_menu_end(lines: list[str]) -> int:
    """Where the site's menu at the top of the copy ends. A page seen signed out opens with
    one whose items include a section's name: French pages list "Formation" (learning)
    between "Personnes" and "Emplois", which is no Education section."""
    index, named_item = 0, False
    while index < len(lines):
        if _menu_item(lines, index):
            named_item = True
        elif not is_chrome(lines[index]):
            break
        index += 1
    return index if named_item else 0


def _menu_item(lines: list[str], index: int) -> bool:
    """A section's name between two lines of the site's menu."""
    before = lines[index - 1] if index > 0 else ""
    after = lines[index + 1] if index + 1 < len(lines) else ""
    named = section_key(lines[index]) not in (None, "skipped")
    return named and bool(before and after) and is_chrome(before) and is_chrome(after)


def _is_employment_type(lines: list[str], index: int) -> bool:
    """A heading word that is a role's employment type where it stands ("Ausbildung" is the
    Education heading and an apprenticeship): right above the role's date line."""
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return bool(EMPLOYMENT_TYPE.match(lines[index])) and parse_date_range(following) is not None


def _is_footer_start(lines: list[str], index: int) -> bool:
    """The site footer opens with "About" then "Accessibility" (in the page's language); it
    is not the About section."""
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return (lines[index].casefold(), following.casefold()) in words.footer_starts()


def looks_like_profile_text(lines: list[str]) -> bool:
    """Copied profile text has two profile section headings, or one with LinkedIn chrome
    (navigation, buttons, counts) around it, or one followed by the date line of an entry (a
    minimal paste: name, headline, "Experience", a role); a bio that says "Experience" once
    has none of these."""
    heading_at = [i for i, line in enumerate(lines) if section_key(line) not in (None, "skipped")]
    if not heading_at:
        return False
    chrome = sum(1 for line in lines[:200] if is_chrome(line) and len(line) > 3)
    dated = any(parse_date_range(line) for line in lines[heading_at[0] + 1 :])
    return len(heading_at) >= 2 or chrome >= 1 or dated


@dataclass
class TopCard:
    name: str = ""
    honorific: str = ""
    pronouns: str = ""
    headline: str = ""
    location: str = ""
    # True when the location is only a place-like line, with no "Contact info" beside it.
    location_guessed: bool = False


def name_before_degree(lines: list[str]) -> str:
    """The line that carries the connection degree ("Jane Doe · 2nd"), or the line just above
    a degree or pronouns line, skipping site chrome: the surest sign of the name when
    navigation text leads the copy."""
    for index, line in enumerate(lines[:60]):
        if section_key(line) not in (None, "contact"):
            break
        pronouns = pronouns_of(_DEGREE_SUFFIX.sub("", line))
        if _DEGREE_SUFFIX.search(line) and not (pronouns or _DEGREE_LINE.match(line)):
            return line
        if pronouns or _DEGREE_LINE.match(line):
            before = [
                text
                for text in lines[:index]
                if not is_chrome(text) and not pronouns_of(text) and not pronoun_words(text)
            ]
            return before[-1] if before else ""
    return ""


def parse_top_card(lines: list[str], name_hint: str = "") -> TopCard:
    """Name first; then pronouns and degree; the first other line is the headline; the
    location is the line that carries (or precedes) "Contact info", else a place-like line.

    With a `name_hint` found among the lines, what comes before it is not the person's.
    """
    if name_hint in lines:
        lines = lines[lines.index(name_hint) :]
    card = TopCard()
    rest: list[str] = []
    for line in lines:
        if _contact_value(line) or line.casefold() in words.contact_info_labels():
            continue
        if not card.name:
            card.name, card.pronouns, card.honorific = _name_and_pronouns(line)
        elif not card.pronouns and not rest and _pronoun_line(line):
            card.pronouns = _pronoun_line(line)  # right under the name, "Elle" alone is one
        else:
            rest.append(line)
    if rest:
        card.headline = rest[0]
    card.location, card.location_guessed = _top_card_location(rest[1:], lines)
    return card


def _pronoun_line(line: str) -> str:
    text = _DEGREE_SUFFIX.sub("", line)
    return pronouns_of(text) or pronoun_words(text)


def _name_and_pronouns(line: str) -> tuple[str, str, str]:
    person = clean_name(_DEGREE_SUFFIX.sub("", line))
    return person.name, person.pronouns, person.honorific


def _top_card_location(candidates: list[str], all_lines: list[str]) -> tuple[str, bool]:
    """The location, and whether it was guessed from its look rather than read beside the
    "Contact info" link LinkedIn puts after it."""
    for line in candidates:
        place = _CONTACT_INFO_SUFFIX.sub("", line).strip(" ·")
        if place and place != line.strip(" ·"):  # "Place · Contact info" on one line
            return place, False
    place = next((line for line in candidates if looks_like_place(line)), "")
    for before, after in itertools.pairwise(all_lines):
        # "Contact info" on its own line, or " · Contact info" after the place's line break;
        # the mobile view puts the company and school between them ("IAE Lyon").
        label = after.strip(" ·").casefold()
        beside = label in words.contact_info_labels() and before in candidates
        if beside and (looks_like_place(before) or not place):
            return before, False
    return place, bool(place)


def _contact_value(line: str) -> bool:
    """Lines of the "Contact info" overlay that are an address, number or link."""
    return bool(_EMAIL.fullmatch(line) or _URL.fullmatch(line) or _is_phone_line(line))


def _is_phone_line(line: str) -> bool:
    if not _PHONE_LINE.match(line) or sum(c.isdigit() for c in line) < 7:
        return False
    return not (parse_date_range(line) or _YEAR_RANGE.search(line))


_SEE_MORE_SUFFIX = re.compile(rf"\s*(?:…|\.\.\.)\s*{words.see_more_pattern()}\s*$", re.IGNORECASE)


def without_see_more(line: str) -> str:
    """A shortened line without its "…see more" ("… mehr anzeigen", "…voir plus")."""
    return _SEE_MORE_SUFFIX.sub("…", line) if _SEE_MORE_SUFFIX.search(line) else line


def without_dates(text: str) -> str:
    """The text with every span of years blanked out, for a phone-number reader."""
    return _YEAR_RANGE.sub(lambda span: " " * len(span.group()), text)


def contact_details(lines: list[str], record: ProfileRecord) -> None:
    """Emails, phone numbers and links written in the given lines, added to `record`."""
    for line in lines:
        for found in _EMAIL.findall(line):
            email = normalize_email(found)
            if email and email not in record.emails:
                record.emails.append(email)
        if _is_phone_line(line):
            phone = normalize_phone(_PHONE_LABEL.sub("", line))
            if phone and phone not in record.phones:
                record.phones.append(phone)
        for url in _URL.findall(line):
            _add_url(url.rstrip(".,;"), record)


def _without_roles(skills: list[str], positions: list) -> list[str]:
    """The skills without the "Partner at Whitfield & Grey LLP" lines LinkedIn writes under a
    skill to say where it was used: those are the person's roles."""
    roles = {
        f"{p.title} {joiner} {p.company}".casefold() for p in positions for joiner in _ROLE_JOINERS
    }
    return [skill for skill in skills if skill.casefold() not in roles]


def _add_url(url: str, record: ProfileRecord) -> None:
    linkedin = normalize_linkedin_url(url)
    if linkedin:
        if not record.linkedin_url:
            record.linkedin_url = linkedin
        return
    if "linkedin.com" in url.casefold() or _EMAIL.search(url):
        return
    full = normalize_link(url if "://" in url else "https://" + url)
    if full and full not in record.other_urls:
        record.other_urls.append(full)


def parse_profile_text(text: str, headings: frozenset[str] | None = None) -> ProfileRecord:
    """Read copied profile text; fields it cannot find stay empty.

    `headings` (casefolded lines), when given, are the only lines that may open a section.
    """
    lines = visible_lines(text)
    page = split_sections(lines, headings)
    card = parse_top_card(page.top, name_before_degree(lines))
    record = ProfileRecord(
        name=card.name,
        honorific=card.honorific,
        pronouns=card.pronouns,
        headline=card.headline,
        location=card.location,
        guessed_fields=["location"] if card.location_guessed else [],
        source="linkedin_text",
    )
    sections = page.sections
    about = dict.fromkeys(without_see_more(line) for line in sections.get("about", []))
    record.about = "\n".join(about)  # a hidden copy repeats the whole text: once is enough
    # Time away ("Full-time parenting" / "Career Break") is an entry of Experience, no role.
    record.positions = [
        position
        for position in parse_experience(with_logo_companies(sections.get("experience", [])))
        if position.company.casefold() not in words.career_breaks()
    ]
    record.education = parse_education(sections.get("education", []))
    record.skills = _without_roles(parse_skills(sections.get("skills", [])), record.positions)
    record.certifications = parse_certifications(sections.get("certifications", []))
    record.volunteering = parse_volunteering(sections.get("volunteering", []))
    record.languages = parse_languages(sections.get("languages", []))
    contact_details(page.top + sections.get("contact", []), record)
    return record
