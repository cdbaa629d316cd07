"""The text of LinkedIn's "Save to PDF" export, rewritten as a copied profile page reads.

The export puts a left column first (Contact, Top Skills, Languages, Certifications,
Honors-Awards), then the name, headline and location, then Summary, Experience and Education.
Its entries name the company before the title ("Larkspur Bank", "Product Manager", "June 2016 -
September 2019 (3 years 4 months)"), its education puts the years after the degree
("Master of Science - MSc, Management · (2013 - 2014)"), it wraps long lines (a profile link
too) and writes "Page 1 of 3" where the pages break. Rewritten in the copied page's order, the
page reader reads it with its own rules.
"""

from __future__ import annotations

import re

from helper.profiles import words
from helper.profiles.sections import (
    TENURE,
    is_description,
    looks_like_place,
    parse_date_range,
)

_FIRST_LINES = frozenset({"contact", "kontakt", "coordonnées"})
_PAGE_BREAK = re.compile(r"^(?:page|seite)\s+\d+\s+(?:of|von|sur|de)\s+\d+$", re.IGNORECASE)
_WRAPPED_LINK = re.compile(r"linkedin\.com/in/\S*[-/]$", re.IGNORECASE)
_MAIN = frozenset({"about", "experience", "education"})
# "Degree, Field · (2013 - 2014)": the years after the degree, in brackets.
_DEGREE_YEARS = re.compile(r"^(?P<degree>.*?)\s*·\s*\((?P<years>[^)]*)\)\s*$")


def is_pdf_export(lines: list[str]) -> bool:
    """Whether the visible lines are an export's: its "Contact" column first and its page
    footers."""
    return (
        bool(lines)
        and lines[0].casefold() in _FIRST_LINES
        and any(_PAGE_BREAK.match(line) for line in lines)
    )


def as_copied_page(lines: list[str]) -> str:
    """The export's lines in the order and form of a copied profile page."""
    lines = _joined_links([line for line in lines if not _PAGE_BREAK.match(line)])
    main = next(
        (
            i
            for i, line in enumerate(lines)
            if words.section_headings().get(line.casefold()) in _MAIN
        ),
        len(lines),
    )
    card_start = max(0, main - (3 if main >= 3 and looks_like_place(lines[main - 1]) else 2))
    card, column, body = lines[card_start:main], lines[1:card_start], lines[main:]
    contact_end = next(
        (i for i, line in enumerate(column) if line.casefold() in words.section_headings()),
        len(column),
    )
    page = [*card, "Contact info", *column[:contact_end]]
    page += _body(body) + column[contact_end:]
    return "\n".join(page)


def _joined_links(lines: list[str]) -> list[str]:
    """A profile link the export wrapped ("www.linkedin.com/in/annika-", "vogelsang-4b7a21
    (LinkedIn)") in one piece."""
    joined: list[str] = []
    for line in lines:
        if joined and _WRAPPED_LINK.search(joined[-1]):
            joined[-1] += line
        else:
            joined.append(line)
    return joined


def _body(lines: list[str]) -> list[str]:
    """Summary as one paragraph, each single entry of Experience as title before company, and
    each education's years on a line of their own."""
    sections: list[tuple[str, list[str]]] = [("", [])]
    for line in lines:
        key = words.section_headings().get(line.casefold())
        if key is not None:
            sections.append((key, [line]))
        else:
            sections[-1][1].append(line)
    out: list[str] = []
    for key, block in sections:
        heading, rest = block[:1], block[1:]
        if key == "about":
            out += [*heading, " ".join(rest)] if rest else heading
        elif key == "experience":
            out += [*heading, *_titles_before_companies(rest)]
        elif key == "education":
            out += heading + [part for line in rest for part in _degree_and_years(line)]
        else:
            out += block
    return out


def _degree_and_years(line: str) -> list[str]:
    found = _DEGREE_YEARS.match(line)
    return [found["degree"], found["years"]] if found else [line]


def _titles_before_companies(lines: list[str]) -> list[str]:
    """Each single entry's "Company", "Title", date as a copied page has it: "Title",
    "Company", date. A grouped role ("Company", "5 years 2 months", "Title", date) and a role
    after the previous role's place or description keep their order."""
    out = list(lines)
    for date in (i for i, line in enumerate(lines) if parse_date_range(line)):
        company = date - 2
        if company < 0 or parse_date_range(out[company]) or TENURE.match(out[company]):
            continue
        above = out[company - 1] if company >= 1 else ""
        grouped = TENURE.match(above) is not None
        previous_detail = looks_like_place(out[company]) or is_description(out[company])
        if not grouped and not previous_detail:
            out[company], out[date - 1] = out[date - 1], out[company]
    return out
