"""Address-book CSV exports: Google Contacts (current and legacy) and Outlook (Outlook.com and
desktop). The header row says which; columns are always looked up by name, so extra leading
columns (`Action,ID`) and missing ones do not matter.

Google puts several values in one cell separated by ` ::: `. Its system labels (`* myContacts`,
`* starred`) say nothing about the person and are left out of `labels`. Short (ragged) rows
are padded; a row longer than its header is imported from the named columns with a note.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from helper.errors import ImportRefused
from helper.importers.text import (
    Row,
    checked_emails,
    checked_links,
    checked_phones,
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

MULTI_VALUE_SEPARATOR = " ::: "
GOOGLE_MARKERS = frozenset(
    {"e-mail 1 - value", "organization name", "given name", "family name", "group membership"}
)
OUTLOOK_MARKERS = frozenset({"e-mail address", "job title", "business phone", "mobile phone"})
_NUMBERED_EMAIL = re.compile(r"^e-mail \d+ - value$")
_NUMBERED_PHONE = re.compile(r"^phone \d+ - value$")
_NUMBERED_WEBSITE = re.compile(r"^website \d+ - value$")
_OUTLOOK_EMAIL = re.compile(r"^e-mail(?: \d+)? address$")
_OUTLOOK_PHONE = re.compile(r"^(?!assistant)[\w' ]*phone(?: \d+)?$")


def csv_format_of(cells: list[str]) -> Format | None:
    """GOOGLE_CSV or OUTLOOK_CSV when a CSV line is that export's header, else None."""
    keys = {header_key(cell) for cell in cells}
    if len(keys & GOOGLE_MARKERS) >= 2 or any(_NUMBERED_EMAIL.match(key) for key in keys):
        return Format.GOOGLE_CSV
    if keys & OUTLOOK_MARKERS and ({"name", "first name", "last name"} & keys):
        return Format.OUTLOOK_CSV
    return None


@dataclass(frozen=True)
class _Layout:
    """Which columns hold what, worked out once from the header."""

    source: str
    width: int
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    websites: tuple[str, ...]


def read(stream: BinaryIO, *, name: str = "") -> Iterator[ProfileRecord | Problem]:
    """Contacts of a Google or Outlook CSV export."""
    head, stream = peek(stream)
    require_text(head, "contact")
    found = find_header(text_lines(stream), lambda cells: csv_format_of(cells) is not None)
    if found is None:
        label = name or "The file"
        raise ImportRefused(
            f"{label} has no Google or Outlook contacts header (First Name, E-mail Address, "
            "E-mail 1 - Value, ...) in its first lines."
        )
    header, rest = found
    layout = _layout(header.names)
    columns = column_index(header.names)
    for item in csv_rows(rest, header):
        if isinstance(item, Problem):
            yield item
            continue
        number, cells = item
        yield from _row_to_contact(Row(number, cells, columns), layout)


def _layout(names: list[str]) -> _Layout:
    keys = [header_key(name) for name in names]
    fmt = csv_format_of(names)
    google = fmt is Format.GOOGLE_CSV
    return _Layout(
        source=(fmt or Format.OUTLOOK_CSV).value,
        width=len(names),
        emails=_matching(keys, _NUMBERED_EMAIL if google else _OUTLOOK_EMAIL),
        phones=_matching(keys, _NUMBERED_PHONE if google else _OUTLOOK_PHONE),
        websites=(*_matching(keys, _NUMBERED_WEBSITE), "web page", "personal web page"),
    )


def _matching(keys: list[str], pattern: re.Pattern[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(key for key in keys if pattern.match(key)))


def _row_to_contact(row: Row, layout: _Layout) -> Iterator[ProfileRecord | Problem]:
    emails, problems = checked_emails(_values(row, layout.emails), row.location)
    yield from problems
    full_name = _full_name(row)
    urls, problems = checked_links(_values(row, layout.websites), row.location)
    yield from problems
    if not (full_name or emails or urls):
        yield Problem(row.location, "a row with no name, e-mail or web address", row.raw())
        return
    record = ProfileRecord(
        name=full_name or (name_from_email(emails[0]) if emails else ""),
        emails=emails,
        phones=checked_phones(_values(row, layout.phones)),
        labels=_labels(row),
        notes=row.get("notes"),
        source=layout.source,
        location_in_source=row.location,
    )
    _set_urls(record, urls)
    _set_position(record, row)
    yield record
    yield from _row_notes(row, layout)


def _values(row: Row, columns: tuple[str, ...]) -> list[str]:
    values: list[str] = []
    for column in columns:
        values.extend(part.strip() for part in row.get(column).split(MULTI_VALUE_SEPARATOR))
    return [value for value in values if value]


def _full_name(row: Row) -> str:
    parts = [
        row.get("first name", "given name"),
        row.get("middle name", "additional name"),
        row.get("last name", "family name"),
    ]
    joined = " ".join(part for part in parts if part)
    return joined or row.get("name", "file as", "nickname")


def _labels(row: Row) -> list[str]:
    text = row.get("labels", "group membership", "categories")
    labels = [label.strip() for label in re.split(r" ::: |;", text)] if text else []
    return [label for label in labels if label and not label.startswith("*")]


def _set_urls(record: ProfileRecord, urls: list[str]) -> None:
    for url in urls:
        linkedin_url = normalize_linkedin_url(url)
        if linkedin_url and not record.linkedin_url:
            record.linkedin_url = linkedin_url
        elif url not in record.other_urls:
            record.other_urls.append(url)


def _set_position(record: ProfileRecord, row: Row) -> None:
    company = row.get("organization name", "organization 1 - name", "company")
    title = row.get("organization title", "organization 1 - title", "job title")
    record.current_company = company
    record.current_title = title
    if company or title:
        record.positions.append(Position(title=title, company=company))


def _row_notes(row: Row, layout: _Layout) -> Iterator[Problem]:
    if len(row.cells) > layout.width:
        yield Problem(
            row.location,
            f"the row has {len(row.cells)} fields but the header {layout.width}; "
            "the fields past the last column were ignored",
            row.raw(),
        )
    formula_problem = row.formula_problem()
    if formula_problem:
        yield formula_problem
