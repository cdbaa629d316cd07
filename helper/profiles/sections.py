"""The sections of a LinkedIn profile below the top card, read from its visible lines.

Lines arrive already cleaned (no blank lines, no site chrome, no repeated accessibility
copies). Every entry of Experience, Education and Volunteering is anchored on its date line
("Jan 2020 - Present · 4 yrs 2 mos", "2009 – 2013", "December 2008 – Present (7 years 1
month)"), because the date line is the one line whose shape LinkedIn has kept stable; the
lines just above a date name the entry, the lines below describe it.

Dates come out as "YYYY-MM" or "YYYY"; a current role has an empty `end`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from helper.normalize import normalize_name
from helper.profiles import words
from helper.records import Education, Position

_MONTH = words.month_pattern()
_POINT = rf"(?:{_MONTH}\s+)?(?:19|20)\d\d"
_ONGOING = words.ongoing_pattern()
_JOINER = words.joiner_pattern()
_DURATION = words.duration_pattern()
_EMPLOYMENT_TYPES = words.employment_type_pattern()
_WORK_MODE = words.work_mode_pattern()

# Old public pages run the location on after a bracketed duration:
# "2011 – Present (4 years)San Francisco Bay Area".
DATE_RANGE = re.compile(
    rf"^(?P<start>{_POINT})(?:{_JOINER}(?P<end>{_POINT}|{_ONGOING}))?"
    rf"(?:\s*·?\s*{_DURATION}|\s*\({_DURATION}\)\s*(?P<place>[^\W\d].*)?)?$",
    re.IGNORECASE,
)
TENURE = re.compile(rf"^(?:(?P<type>{_EMPLOYMENT_TYPES})\s*·\s*)?{_DURATION}$", re.IGNORECASE)
# A group's company and its total tenure on one line: "Whitfield & Grey LLP · 6 yrs 3 mos".
COMPANY_WITH_TENURE = re.compile(
    rf"^(?P<company>.+?)\s*·\s*(?:(?P<type>{_EMPLOYMENT_TYPES})\s*·\s*)?{_DURATION}$",
    re.IGNORECASE,
)
EMPLOYMENT_TYPE = re.compile(rf"^{_EMPLOYMENT_TYPES}$", re.IGNORECASE)
COMPANY_WITH_TYPE = re.compile(rf"^(?P<company>.+?)\s*·\s*(?P<type>{_EMPLOYMENT_TYPES})$", re.I)
PLACE_WITH_MODE = re.compile(rf"^(?P<place>.*?)\s*·?\s*(?P<mode>{_WORK_MODE})$", re.IGNORECASE)
_PLACE_WORDS = re.compile(
    r"\b(Area|Region|Metropolitan|Greater|County|United Kingdom|United States|England|"
    r"Scotland|Wales|Ireland|Germany|France|Spain|Sweden|India|Canada|Australia)\b"
)
# Words of job titles in the reader's languages: a line holding one is no place name.
_ROLE_WORDS = re.compile(
    r"\b(?:director|manager|engineer|lead|head|officer|partner|consultant|founder|investor|"
    r"associate|analyst|designer|developer|recruiter|president|chair|advis[eo]r|coach|"
    r"teacher|professor|lecturer|specialist|executive|intern|student|owner|architect|"
    r"leiter(?:in)?|geschäftsführer(?:in)?|berater(?:in)?|entwickler(?:in)?|ingenieur(?:in)?|"
    r"vorstand|gründer(?:in)?|inhaber(?:in)?|directeur|directrice|responsable|ingénieure?|"
    r"consultante?|fondat(?:eur|rice)|chef|chargée?|gérante?|associée?|stagiaire|"
    r"présidente?)\b",
    re.IGNORECASE,
)
# German titles are compounds whose last part is the role: "Gruppenleiter", "Vertriebsingenieurin".
_COMPOUND_ROLE = re.compile(
    r"\w(?:leiter|ingenieur|berater|entwickler|manager|referent|techniker|direktor|assistent|"
    r"architekt|designer|beauftragte)(?:in|r)?\b",
    re.IGNORECASE,
)
# A labelled detail line under a role: "Skills: SQL · Python", "Kenntnisse: …", "Compétences : …".
_LABELLED = re.compile(r"^[^\W\d][\w\s’'-]{0,30}\s?:\s")
_SCHOOL_WORDS = re.compile(
    r"(Universit|College|School|Institute|Academy|Polytechnic|Hochschule|Gymnasium|"
    r"Lyc[ée]e|Escuela|Universidad|Université|Università|Universität|大学|学院|大學)",
    re.IGNORECASE,
)
_EDUCATION_DETAIL = re.compile(rf"^{words.education_detail_pattern()}\s*:", re.IGNORECASE)
_CERT_DETAIL = re.compile(r"^(Issued|Credential ID|Expires|Expired|Skills\s*:)", re.IGNORECASE)
_PROFICIENCY = re.compile(r"proficiency\)?$", re.IGNORECASE)
_MONTH_WORD = re.compile(r"^([^\W\d_]+)")


@dataclass(frozen=True)
class DateRange:
    start: str
    end: str
    place: str = ""


def iso_point(text: str) -> str:
    """ "Jan 2020" (or "Jan. 2020", "janv. 2020") -> "2020-01", "2013" -> "2013",
    "Present" -> "" (an ongoing role)."""
    year = re.search(r"(?:19|20)\d\d", text)
    if not year:
        return ""
    word = _MONTH_WORD.match(text.strip())
    month = words.month_numbers().get(word[1].casefold()) if word else None
    return f"{year.group()}-{month:02d}" if month else year.group()


def parse_date_range(line: str) -> DateRange | None:
    match = DATE_RANGE.match(line.strip())
    if not match:
        return None
    start = iso_point(match.group("start"))
    end_text = match.group("end")
    end = iso_point(end_text) if end_text else start
    return DateRange(start, end, (match.group("place") or "").strip())


def looks_like_place(line: str, *, short_names: bool = False) -> bool:
    """A short "City, Region, Country" line or one naming an area, never a sentence.

    LinkedIn locations carry no digits and no sentence punctuation, and each comma-separated
    part is a name of a few words. With `short_names`, a bare capitalised name of up to
    three words ("Guayaquil") counts too: right under a date line nothing else is that short.
    """
    if PLACE_WITH_MODE.match(line):
        return True
    if len(line) > 70 or line.endswith((".", "!", "?", ":")) or "·" in line:
        return False
    if _ROLE_WORDS.search(line):
        return False  # "Non-Executive Director" is a role, not a town
    if any(ch.isdigit() for ch in line):
        return False
    words = line.split()
    if _PLACE_WORDS.search(line) and len(words) <= 8:
        return True
    parts = [part.split() for part in line.split(",")]
    if len(parts) > 1:
        return all(1 <= len(part) <= 4 for part in parts)
    return short_names and len(words) <= 3 and all(w[0].isupper() for w in words)


# A line that tells rather than names: long, a sentence, a bullet, figures and semicolons.
_DESCRIPTION = re.compile(r"^[•\-–*·▪►✓✔]\s|[.!?…]$|;\s|\d+\s*%|[€$£]\s?\d")


def is_description(line: str) -> bool:
    """True for a line of a role's description, never its title or company."""
    return len(line) > 90 or len(line.split()) > 12 or bool(_DESCRIPTION.search(line))


def _date_indices(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if parse_date_range(line)]


@dataclass
class _Role:
    title: str
    company: str
    employment_type: str
    date_index: int


@dataclass
class _Group:
    company: str = ""
    employment_type: str = ""
    location: str = ""
    repeats_company: bool | None = None


def _tenure_index(lines: list[str], low: int, high: int) -> int | None:
    for k in range(high, low - 1, -1):
        if TENURE.match(lines[k]):
            return k
    return None


def _role_before(
    lines: list[str], low: int, date_index: int, group: _Group | None, claimed: set[int]
) -> tuple[_Role, _Group | None]:
    """The role named just above one date line, and the company group it belongs to.

    `low` is the first line after the previous date line: nothing above it is this role's.
    """
    j = date_index - 1
    role_type = ""
    while j >= low and EMPLOYMENT_TYPE.match(lines[j]):
        role_type = lines[j]
        claimed.add(j)
        j -= 1
    group = _group_for(lines, low, j, group, claimed)
    if group is not None and j >= low:
        group = _public_group_role(lines, low, j, group)
    if group is not None:
        return _grouped_role(lines, low, j, group, claimed, role_type, date_index), group
    return _single_role(lines, low, j, claimed, role_type, date_index), None


def _grouped_role(
    lines: list[str],
    low: int,
    j: int,
    group: _Group,
    claimed: set[int],
    role_type: str,
    date_index: int,
) -> _Role:
    """A role inside a company group: its title line, plus the repeated company if any."""
    role_type = role_type or group.employment_type
    title_index = j - 1 if group.repeats_company else j
    if title_index < low:
        return _Role("", group.company, role_type, date_index)
    claimed.update(range(title_index, j + 1))
    return _Role(lines[title_index], group.company, role_type, date_index)


def _single_role(
    lines: list[str], low: int, j: int, claimed: set[int], role_type: str, date_index: int
) -> _Role:
    """ "Title", then "Company" or "Company · Full-time", then the date line."""
    if j < low:
        return _Role("", "", role_type, date_index)
    title = lines[j - 1] if j - 1 >= low and not is_description(lines[j - 1]) else ""
    claimed.update(range(max(j - 1, low), j + 1))
    company_line = COMPANY_WITH_TYPE.match(lines[j])
    if company_line:
        return _Role(title, company_line["company"], company_line["type"], date_index)
    if not title:
        return _Role(lines[j], "", role_type, date_index)
    return _Role(title, lines[j], role_type, date_index)


def _public_group_role(lines: list[str], low: int, j: int, group: _Group) -> _Group | None:
    """Logged-out pages repeat the company under each grouped role ("Title", "Company",
    date); once the first role of a group does, a role without it has left the group."""
    repeats = j - 1 >= low and normalize_name(lines[j]) == normalize_name(group.company)
    if group.repeats_company is None:
        group.repeats_company = repeats
        return group
    return group if repeats == group.repeats_company else None


def _group_for(
    lines: list[str], low: int, j: int, group: _Group | None, claimed: set[int]
) -> _Group | None:
    """A company line with a total tenure under it ("Fabrikam", "Full-time · 6 yrs") or on it
    ("Fabrikam · 6 yrs 3 mos") opens a group of roles; a company line with an employment type
    ("Fabrikam · Full-time") closes it."""
    combined = next(
        (k for k in range(j - 1, low - 1, -1) if COMPANY_WITH_TENURE.match(lines[k])), None
    )
    tenure = _tenure_index(lines, low, j - 1)
    if combined is not None and (tenure is None or combined > tenure):
        found = COMPANY_WITH_TENURE.match(lines[combined])
        opened = _Group(found["company"], found["type"] or "")
        claimed.add(combined)
        return _with_location(lines, opened, combined, j, claimed)
    if tenure is not None and tenure - 1 >= low:
        opened = _Group(lines[tenure - 1], TENURE.match(lines[tenure])["type"] or "")
        claimed.update({tenure - 1, tenure})
        return _with_location(lines, opened, tenure, j, claimed)
    if group is not None and j >= low and COMPANY_WITH_TYPE.match(lines[j]):
        return None
    if group is not None and _names_title_and_company(lines, low, j, group):
        return None
    return group


def _names_title_and_company(lines: list[str], low: int, j: int, group: _Group) -> bool:
    """Whether the two lines above a date are a new role's title and its company (a company
    shown without an employment type), after a group's last role: a grouped role has one
    line, its title, and the line above it is the previous role's place or description."""
    if group.repeats_company or j - 1 < low:
        return False
    title, company = lines[j - 1], lines[j]
    if normalize_name(company) == normalize_name(group.company):
        return False
    if _ROLE_WORDS.search(company) or _COMPOUND_ROLE.search(company):
        return False  # the lower line is a role's title ("Gruppenleiter Konstruktion")
    if looks_like_place(title) or _LABELLED.match(title):
        return False  # the previous role's place or its "Skills: …" line
    return all(not is_description(line) and len(line.split()) <= 8 for line in (title, company))


def _with_location(
    lines: list[str], opened: _Group, header_end: int, j: int, claimed: set[int]
) -> _Group:
    """The group's location, when a place line follows its header."""
    repeated = normalize_name(lines[j]) == normalize_name(opened.company)
    title_index = j - 1 if repeated else j
    if header_end + 1 < title_index and looks_like_place(lines[header_end + 1]):
        opened.location = _place_without_mode(lines[header_end + 1])
        claimed.add(header_end + 1)
    return opened


def parse_experience(lines: list[str]) -> list[Position]:
    """Positions in page order; roles grouped under one company share its name."""
    dates = _date_indices(lines)
    claimed: set[int] = set(dates)
    roles: list[tuple[_Role, _Group | None]] = []
    group: _Group | None = None
    low = 0
    for date_index in dates:
        role, group = _role_before(lines, low, date_index, group, claimed)
        roles.append((role, group))
        low = date_index + 1
    positions = []
    for number, (role, role_group) in enumerate(roles):
        bound = dates[number + 1] if number + 1 < len(dates) else len(lines)
        location, description = _details_after(lines, role.date_index, bound, claimed)
        if not location and role_group is not None:
            location = role_group.location
        span = parse_date_range(lines[role.date_index])
        positions.append(
            Position(
                title=role.title,
                company=role.company,
                start=span.start if span else "",
                end=span.end if span else "",
                location=location,
                employment_type=role.employment_type,
                description=description,
            )
        )
    return positions


def _details_after(
    lines: list[str], date_index: int, bound: int, claimed: set[int]
) -> tuple[str, str]:
    """The location line (if any) under a date, and the free text that follows it.

    A duration copied onto its own line under the dates ("4 yrs 2 mos") is skipped.
    """
    span = parse_date_range(lines[date_index])
    location = span.place if span else ""
    rest = [k for k in range(date_index + 1, bound) if k not in claimed]
    if rest and rest[0] == date_index + 1 and TENURE.match(lines[rest[0]]):
        date_index = rest.pop(0)
    next_line = lines[rest[0]] if rest and rest[0] == date_index + 1 else ""
    if not location and next_line and looks_like_place(next_line, short_names=True):
        location = _place_without_mode(lines[rest.pop(0)])
    description = "\n".join(lines[k] for k in rest if not lines[k].startswith("Skills:"))
    return location, description


def _place_without_mode(line: str) -> str:
    """ "London, England, United Kingdom · Hybrid" keeps the place and the work mode."""
    match = PLACE_WITH_MODE.match(line)
    if not match:
        return line
    place, mode = match.group("place").strip(" ·"), match.group("mode")
    return f"{place} ({mode})" if place else mode


def parse_education(lines: list[str]) -> list[Education]:
    dates = _date_indices(lines)
    claimed: set[int] = set(dates)
    found: list[tuple[int, Education]] = []
    low = 0
    for date_index in dates:
        span = parse_date_range(lines[date_index])
        header = [k for k in range(low, date_index) if not _EDUCATION_DETAIL.match(lines[k])]
        header = [k for k in header[-2:] if not _is_sentence(lines[k])]
        claimed.update(range(low, date_index))
        low = date_index + 1
        if not header:
            continue
        school, degree = _school_and_degree([lines[k] for k in header])
        found.append((header[0], Education(school, degree, span.start, span.end)))
    dated = {normalize_name(entry.school) for _, entry in found}
    found.extend(
        (k, entry)
        for k, entry in _undated_schools(lines, claimed)
        if normalize_name(entry.school) not in dated
    )
    return [entry for _, entry in sorted(found, key=lambda pair: pair[0])]


def _is_sentence(line: str) -> bool:
    return len(line) > 120 or line.endswith((".", "!", "?"))


def _school_and_degree(header: list[str]) -> tuple[str, str]:
    if len(header) == 1:
        return header[0], ""
    first, second = header
    if _SCHOOL_WORDS.search(second) and not _SCHOOL_WORDS.search(first):
        return second, first
    return first, second


def _undated_schools(lines: list[str], claimed: set[int]) -> list[tuple[int, Education]]:
    """Schools listed without years still count when their name says they are a school."""
    found = []
    for k, line in enumerate(lines):
        if k in claimed or not _SCHOOL_WORDS.search(line) or _EDUCATION_DETAIL.match(line):
            continue
        degree = ""
        if k + 1 < len(lines) and k + 1 not in claimed and not _SCHOOL_WORDS.search(lines[k + 1]):
            degree = lines[k + 1]
            claimed.add(k + 1)
        claimed.add(k)
        found.append((k, Education(line, degree)))
    return found


def parse_skills(lines: list[str]) -> list[str]:
    """One skill a line, or several on one line separated by "·" or "•"."""
    skills: list[str] = []
    for line in lines:
        if _EDUCATION_DETAIL.match(line) or parse_date_range(line):
            continue
        for part in re.split(r"\s+[·•]\s+|\s*[·•]\s*$|^\s*[·•]\s*", line):
            skill = part.strip()
            if skill and skill.casefold() not in {s.casefold() for s in skills}:
                skills.append(skill)
    return skills


def parse_languages(lines: list[str]) -> list[str]:
    return [line for line in lines if not _PROFICIENCY.search(line)]


def parse_certifications(lines: list[str]) -> list[str]:
    """Certificate names: the line two above "Issued ...", or every plain line when undated."""
    issued = [k for k, line in enumerate(lines) if line.startswith("Issued")]
    if issued:
        names, low = [], 0
        for k in issued:
            header = [i for i in range(low, k) if not _CERT_DETAIL.match(lines[i])]
            if header:
                names.append(lines[header[-2] if len(header) >= 2 else header[-1]])
            low = k + 1
        return names
    return [line for line in lines if not _CERT_DETAIL.match(line) and not _looks_like_date(line)]


def _looks_like_date(line: str) -> bool:
    return bool(parse_date_range(line) or re.match(rf"^{_POINT}(\s+to\s+{_POINT})?$", line, re.I))


def parse_volunteering(lines: list[str]) -> list[str]:
    """ "Role, Organisation" for each dated volunteering entry."""
    entries, low = [], 0
    for k in _date_indices(lines):
        header = lines[max(low, k - 2) : k]
        if header:
            entries.append(", ".join(header))
        low = k + 1
    return entries
