"""LinkedIn's `Connections.csv`: one contact per row.

The file opens with a short "Notes:" preamble (one to three lines, blank lines or not), so the
header row is found by its names. Non-English exports localise the names; the German ones
(Vorname, Nachname, …) are known. Older exports have no `URL` column and most rows have no
e-mail.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from functools import lru_cache
from typing import BinaryIO

from helper.errors import ImportRefused
from helper.importers.text import (
    HeaderRow,
    Row,
    checked_emails,
    checked_links,
    column_index,
    csv_rows,
    find_header,
    header_key,
    name_from_email,
    peek,
    require_text,
    text_lines,
)
from helper.normalize import normalize_linkedin_url
from helper.records import Format, Position, Problem, ProfileRecord

SOURCE = Format.LINKEDIN_CONNECTIONS.value

# Canonical field -> the header names LinkedIn writes (English, German).
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "first_name": ("first name", "vorname"),
    "last_name": ("last name", "nachname"),
    "url": ("url", "profile url"),
    "email": ("email address", "e-mail address", "e-mail-adresse"),
    "company": ("company", "unternehmen"),
    "position": ("position",),
    "connected_on": ("connected on", "verbunden am"),
}
# `08 Feb 2026` in every export seen (read without strptime, which is slow per row); the numeric
# forms cover exports re-saved by a spreadsheet.
DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2}) ([A-Za-z]{3}) (\d{4})$")
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}


def is_connections_header(cells: list[str]) -> bool:
    """Whether a CSV line is the header of a Connections.csv."""
    keys = {header_key(cell) for cell in cells}
    has_names = _has(keys, "first_name") and _has(keys, "last_name")
    has_linkedin_column = _has(keys, "connected_on") or (
        _has(keys, "url") and _has(keys, "position")
    )
    return has_names and has_linkedin_column


def _has(keys: set[str], field_name: str) -> bool:
    return any(name in keys for name in HEADER_NAMES[field_name])


def read(stream: BinaryIO, *, name: str = "") -> Iterator[ProfileRecord | Problem]:
    """Contacts of a Connections.csv; a row without name, URL and e-mail is a Problem."""
    head, stream = peek(stream)
    require_text(head, "connection")
    lines = text_lines(stream)
    found = find_header(lines, is_connections_header)
    if found is None:
        label = name or "The file"
        raise ImportRefused(
            f"{label} has no Connections.csv header (First Name, Last Name, ..., Connected On) "
            "in its first lines."
        )
    header, rest = found
    yield from read_rows(rest, header)


def read_rows(lines: Iterator[str], header: HeaderRow) -> Iterator[ProfileRecord | Problem]:
    """The rows after a Connections.csv header (shared with the LinkedIn zip reader)."""
    columns = _canonical_columns(header.names)
    for item in csv_rows(lines, header):
        if isinstance(item, Problem):
            yield item
            continue
        number, cells = item
        yield from _row_to_contact(Row(number, cells, columns))


def _canonical_columns(names: list[str]) -> dict[str, int]:
    by_key = column_index(names)
    columns: dict[str, int] = {}
    for field_name, aliases in HEADER_NAMES.items():
        for alias in aliases:
            if alias in by_key:
                columns[field_name] = by_key[alias]
                break
    return columns


def _row_to_contact(row: Row) -> Iterator[ProfileRecord | Problem]:
    cells = row.values()
    location = row.location
    full_name = " ".join(cells[key] for key in ("first_name", "last_name") if key in cells)
    emails: list[str] = []
    if "email" in cells:
        emails, problems = checked_emails([cells["email"]], location)
        yield from problems
    links, problems = checked_links([cells["url"]] if "url" in cells else [], location)
    yield from problems
    if not (full_name or links or emails):
        yield Problem(location, "a row with no name, profile URL or e-mail", row.raw())
        return
    company, title = cells.get("company", ""), cells.get("position", "")
    date_text = cells.get("connected_on", "")
    record = ProfileRecord(
        name=full_name or (name_from_email(emails[0]) if emails else ""),
        current_company=company,
        current_title=title,
        emails=emails,
        positions=[Position(title=title, company=company)] if company or title else [],
        connected_on=parse_connected_on(date_text) if date_text else None,
        source=SOURCE,
        location_in_source=location,
    )
    _set_url(record, links[0] if links else "")
    yield record
    if date_text and record.connected_on is None:
        yield Problem(
            location,
            f"unreadable Connected On date {date_text[:40]!r}; the contact was imported without it",
            row.raw(),
        )
    formula_problem = row.formula_problem()
    if formula_problem:
        yield formula_problem


def _set_url(record: ProfileRecord, url_text: str) -> None:
    if not url_text:
        return
    linkedin_url = normalize_linkedin_url(url_text)
    if linkedin_url:
        record.linkedin_url = linkedin_url
    else:
        record.other_urls.append(url_text)


# An export's 30,000 rows share a few thousand dates: each distinct text is parsed once.
@lru_cache(maxsize=1 << 14)
def parse_connected_on(text: str) -> date | None:
    """`08 Feb 2026` (and re-saved numeric forms) as a date; None when unreadable."""
    match = _DAY_MONTH_YEAR.match(text.strip())
    if match and match.group(2).lower() in _MONTHS:
        day, month, year = match.group(1), match.group(2).lower(), match.group(3)
        try:
            return date(int(year), _MONTHS[month], int(day))
        except ValueError:
            return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None
