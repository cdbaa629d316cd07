"""Company logos in a copied Experience section ("Halcyon Foods logo", "Logo von Kranich
Logistik GmbH"). A logo names the company of the entry under it; when the entry writes no
company line of its own (its title, then an employment type alone or straight away its dates),
the logo's name is that company. Otherwise a logo line says nothing the entry does not."""

from __future__ import annotations

import re

from helper.profiles.sections import EMPLOYMENT_TYPE, parse_date_range

_LOGO = re.compile(
    r"^(?:(?P<before>.+?)\s+logo|logo\s+(?:of|von|de la|de l['’]|de|du|des)\s*(?P<after>.+))$",
    re.IGNORECASE,
)
_GENERIC = frozenset({"company", "unternehmen", "entreprise", "société"})


def logo_company(line: str) -> str | None:
    """The company a logo line names, or None for any other line (or an unnamed logo)."""
    found = _LOGO.match(line.strip())
    if found is None:
        return None
    name = (found["before"] or found["after"] or "").strip()
    return None if name.casefold() in _GENERIC else name


def with_logo_companies(lines: list[str]) -> list[str]:
    """The section's lines without logo lines, each entry without a company line given the
    company its logo names ("Title", "Company · Full-time", then the dates)."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        company = logo_company(lines[index])
        if company is None:
            out.append(lines[index])
            index += 1
            continue
        title, below = [*lines[index + 1 : index + 3], "", ""][:2]
        if title and not parse_date_range(title) and EMPLOYMENT_TYPE.match(below):
            out += [title, f"{company} · {below}"]
            index += 3
        elif title and not parse_date_range(title) and parse_date_range(below):
            out += [title, company]
            index += 2
        else:
            index += 1  # the entry names its company itself
    return out
