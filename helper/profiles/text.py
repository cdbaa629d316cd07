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

from helper.normalize import normalize_email, normalize_linkedin_url, normalize_phone
from helper.profiles.sections import (
    looks_like_place,
    parse_certifications,
    parse_education,
    parse_experience,
    parse_languages,
    parse_skills,
    parse_volunteering,
)
from helper.records import ProfileRecord

_SECTIONS: dict[str, str] = {
    "about": "about",
    "summary": "about",
    "experience": "experience",
    "education": "education",
    "skills": "skills",
    "top skills": "skills",
    "skills & expertise": "skills",
    "skills & endorsements": "skills",
    "licenses & certifications": "certifications",
    "licences & certifications": "certifications",
    "certifications": "certifications",
    "volunteering": "volunteering",
    "volunteer experience": "volunteering",
    "volunteer experience & causes": "volunteering",
    "languages": "languages",
    "contact info": "contact",
}
# Sections that hold other people's content or the site's, never this person's record.
_SKIPPED_HEADINGS = frozenset(
    {
        *("featured", "activity", "recommendations", "honors & awards", "honours & awards"),
        *("publications", "projects", "courses", "organizations", "organisations", "interests"),
        *("causes", "patents", "test scores", "services", "analytics", "resources"),
        *("additional information", "people also viewed", "people you may know"),
        *("more profiles for you", "you might like", "explore premium profiles"),
        *("other similar profiles", "who your viewers also viewed"),
        *("viewers of this profile also viewed...", "pages for you", "more activity"),
        *("recommendations received", "profile language", "public profile & url"),
    }
)
_SKIPPED_PREFIXES = ("find a different", "published by")
_CHROME_LINES = frozenset(
    line.casefold()
    for line in (
        *("Skip to main content", "Home", "My Network", "Jobs", "Messaging", "Notifications"),
        *("Me", "For Business", "Work", "Advertise", "Post a job", "Learning", "Search"),
        *("Message", "Connect", "More", "Follow", "Following", "Pending", "Open to"),
        *("Add profile section", "Add section", "Enhance profile", "Show details", "Show all"),
        *("Show credential", "See credential", "Endorse", "Endorsed", "Influencer", "Verified"),
        *("Premium", "Visit my website", "Report this profile", "Join to view profile", "Sign in"),
        *("Join now", "Save to PDF", "Send profile in a message", "Request a recommendation"),
        *("About this profile", "Provides services", "Private to you", "Contact info"),
        *("Contact Info", "Email", "Phone", "Website", "Websites", "Birthday", "Connected"),
        *("Address", "Your Profile", "Show recruiter insights", "Talent Solutions"),
        *("Community Guidelines", "Marketing Solutions", "Privacy & Terms", "Ad Choices"),
        *("Sales Solutions", "Safety Center", "Questions?", "Visit our Help Center."),
        *("Manage your account and privacy", "Go to your Settings."),
        *("Recommendation transparency", "Learn more about Recommended Content."),
        *("Select Language", "Promoted", "Ad Options", "Status is online", "Status is offline"),
        *("Status is reachable", "Open to work", "Hiring", "See all details", "…see more"),
        *("...see more", "see more", "see less", "Show more", "Show less"),
    )
)
_CHROME_PATTERN = re.compile(
    "|".join(
        f"(?:{pattern})"
        for pattern in (
            r"^try premium\b",
            r"^reactivate premium\b",
            r"^get hired faster\b",
            r"^mutual connections?\b",
            r"^.+['’]s? (website|blog|portfolio|rss feed)$",
            r"^(background|cover|profile) (image|photo|picture)$",
            r"^[\d,.]+[km]?\+?\s+(followers?|connections?)(\s*·.*)?$",
            r"^[\d,.]+[km]?\+?\s+followers?\s*·\s*[\d,.]+\+?\s+connections?$",
            r"\bmutual connections?$",
            r"^\d+\s+(new\s+)?notifications?(\s+total)?$",
            r"^(see|view|show)\s+(all|more|less|fewer)\b",
            r"^see\s+\d+\+?$",
            r"^endorsed by\b",
            r"^\d+\s+endorsements?$",
            r"^\d+\s+experiences?\s+(at|across)\b",
            r"^passed linkedin skill assessment$",
            r"^talks about\b",
            r"^sign in to view\b",
            r"^(view|contact|get introduced to|join linkedin and access)\b.*\b(profile|directly)\b",
            r"^·?\s*(1st|2nd|3rd\+?)(\s+degree\s+connection)?$",
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
_DEGREE_SUFFIX = re.compile(r"\s*·?\s*\b(1st|2nd|3rd\+?)(\s+degree\s+connection)?$", re.IGNORECASE)
_PRONOUNS = re.compile(
    r"^\(?((?:she|he|they|ze|xe|hir|any)(?:\s*/\s*(?:her|hers|him|his|they|them|theirs|"
    r"zir|xem|she|he|pronouns))+)\)?$",
    re.IGNORECASE,
)
_DEGREE_LINE = re.compile(r"^·?\s*(1st|2nd|3rd\+?)(\s+degree\s+connection)?$", re.IGNORECASE)
_PRONOUNS_IN_NAME = re.compile(
    r"\s*\((?P<p>(?:she|he|they|ze|xe)(?:\s*/\s*\w+)+)\)\s*$", re.IGNORECASE
)
_CONTACT_INFO_SUFFIX = re.compile(r"\s*·?\s*contact info$", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.|(?:[a-z]{2,3}\.)?linkedin\.com/)[^\s<>()\"']+", re.I)
_PHONE_LINE = re.compile(r"^\+?[\d ()./-]{7,}(\s*\((mobile|work|home|other)\))?$", re.IGNORECASE)
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)


def visible_lines(text: str) -> list[str]:
    """Non-blank, stripped lines with immediate repeats (accessibility copies) removed."""
    text = text.translate(_ZERO_WIDTH).replace("\xa0", " ")
    lines: list[str] = []
    for raw in re.split(r"\r\n|\r|\n|\u2028|\u2029", text):
        line = " ".join(raw.split())
        if line and (not lines or line != lines[-1]):
            lines.append(line)
    return lines


def is_chrome(line: str) -> bool:
    """True for a line LinkedIn draws around every profile (navigation, buttons, counts)."""
    folded = line.casefold()
    return folded in _CHROME_LINES or bool(_CHROME_PATTERN.search(line))


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
        if candidate in _SECTIONS:
            return _SECTIONS[candidate]
        if candidate in _SKIPPED_HEADINGS or candidate.startswith(_SKIPPED_PREFIXES):
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
    current: list[str] | None = page.top
    for index, line in enumerate(lines):
        if _END_OF_PAGE.match(line) or _is_footer_start(lines, index):
            break
        is_heading = headings is None or line.casefold() in headings
        key = section_key(line) if is_heading else None
        if key == "contact" and current is page.top:
            current.append(line)
        elif key == "skipped":
            current = None
        elif key is not None and (key not in page.sections or current is not None):
            current = page.sections.setdefault(key, [])
        elif current is not None and (not is_chrome(line) or _CONTACT_INFO_SUFFIX.search(line)):
            current.append(line)
    return page


def _is_footer_start(lines: list[str], index: int) -> bool:
    """The site footer opens with "About" then "Accessibility"; it is not the About section."""
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return lines[index] == "About" and following == "Accessibility"


def looks_like_profile_text(lines: list[str]) -> bool:
    """Copied profile text has two profile section headings, or one with LinkedIn chrome
    (navigation, buttons, counts) around it; a bio that says "Experience" once has neither."""
    headings = sum(1 for line in lines if section_key(line) not in (None, "skipped"))
    chrome = sum(1 for line in lines[:200] if is_chrome(line) and len(line) > 3)
    return headings >= 1 and (headings >= 2 or chrome >= 1)


@dataclass
class TopCard:
    name: str = ""
    pronouns: str = ""
    headline: str = ""
    location: str = ""


def name_before_degree(lines: list[str]) -> str:
    """The line that carries the connection degree ("Jane Doe · 2nd"), or the line just above
    a degree or pronouns line, skipping site chrome: the surest sign of the name when
    navigation text leads the copy."""
    for index, line in enumerate(lines[:60]):
        if section_key(line) not in (None, "contact"):
            break
        pronouns = _PRONOUNS.match(_DEGREE_SUFFIX.sub("", line))
        if _DEGREE_SUFFIX.search(line) and not (pronouns or _DEGREE_LINE.match(line)):
            return line
        if pronouns or _DEGREE_LINE.match(line):
            before = [
                text for text in lines[:index] if not is_chrome(text) and not _PRONOUNS.match(text)
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
        if _contact_value(line) or line.casefold() == "contact info":
            continue
        if not card.name:
            card.name, card.pronouns = _name_and_pronouns(line)
        elif _PRONOUNS.match(_DEGREE_SUFFIX.sub("", line)) and not card.pronouns:
            card.pronouns = _PRONOUNS.match(_DEGREE_SUFFIX.sub("", line))[1]
        else:
            rest.append(line)
    if rest:
        card.headline = rest[0]
    card.location = _top_card_location(rest[1:], lines)
    return card


def _name_and_pronouns(line: str) -> tuple[str, str]:
    name = _DEGREE_SUFFIX.sub("", line)
    pronouns = _PRONOUNS_IN_NAME.search(name)
    if pronouns:
        return name[: pronouns.start()].strip(), pronouns["p"]
    return name.strip(" ·"), ""


def _top_card_location(candidates: list[str], all_lines: list[str]) -> str:
    for line in candidates:
        if _CONTACT_INFO_SUFFIX.search(line):
            return _CONTACT_INFO_SUFFIX.sub("", line).strip(" ·")
    for before, after in itertools.pairwise(all_lines):
        if after.casefold() == "contact info" and before in candidates:
            return before
    return next((line for line in candidates if looks_like_place(line)), "")


def _contact_value(line: str) -> bool:
    """Lines of the "Contact info" overlay that are an address, number or link."""
    return bool(
        _EMAIL.fullmatch(line)
        or _URL.fullmatch(line)
        or (_PHONE_LINE.match(line) and sum(c.isdigit() for c in line) >= 7)
    )


def contact_details(lines: list[str], record: ProfileRecord) -> None:
    """Emails, phone numbers and links written in the given lines, added to `record`."""
    for line in lines:
        for found in _EMAIL.findall(line):
            email = normalize_email(found)
            if email and email not in record.emails:
                record.emails.append(email)
        if _PHONE_LINE.match(line) and sum(c.isdigit() for c in line) >= 7:
            phone = normalize_phone(re.sub(r"\((mobile|work|home|other)\)", "", line, flags=re.I))
            if phone and phone not in record.phones:
                record.phones.append(phone)
        for url in _URL.findall(line):
            _add_url(url.rstrip(".,;"), record)


def _add_url(url: str, record: ProfileRecord) -> None:
    linkedin = normalize_linkedin_url(url)
    if linkedin:
        if not record.linkedin_url:
            record.linkedin_url = linkedin
        return
    if "linkedin.com" in url.casefold() or _EMAIL.search(url):
        return
    full = url if "://" in url else "https://" + url
    if full not in record.other_urls:
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
        pronouns=card.pronouns,
        headline=card.headline,
        location=card.location,
        source="linkedin_text",
    )
    sections = page.sections
    record.about = "\n".join(sections.get("about", []))
    record.positions = parse_experience(sections.get("experience", []))
    record.education = parse_education(sections.get("education", []))
    record.skills = parse_skills(sections.get("skills", []))
    record.certifications = parse_certifications(sections.get("certifications", []))
    record.volunteering = parse_volunteering(sections.get("volunteering", []))
    record.languages = parse_languages(sections.get("languages", []))
    contact_details(page.top + sections.get("contact", []), record)
    return record
