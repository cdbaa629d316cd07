"""Contacts as CSV for spreadsheets, safe to open in Excel, LibreOffice or Google Sheets.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula
by a spreadsheet (CSV injection); such a cell gets a leading single quote, as OWASP's "CSV
Injection" page advises, so it shows as text. Phone numbers in E.164 form start with `+`, so
they carry that quote too. The file starts with a UTF-8 byte-order mark, without which Excel
reads UTF-8 as a legacy code page.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from helper.records import ContactSnapshot

BOM = "\ufeff"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "
HEADER = (
    "ID",
    "Name",
    "Title",
    "Company",
    "Headline",
    "Location",
    "Emails",
    "Phones",
    "LinkedIn URL",
    "Other URLs",
    "Categories",
    "Tier",
    "Notes",
)


def neutralise(cell: str) -> str:
    """The cell as text a spreadsheet will not evaluate."""
    return "'" + cell if cell.startswith(FORMULA_TRIGGERS) else cell


def row(contact: ContactSnapshot) -> list[str]:
    profile = contact.profile
    cells = [
        str(contact.id),
        profile.name,
        profile.current_title,
        profile.current_company,
        profile.headline,
        profile.location,
        LIST_SEPARATOR.join(profile.emails),
        LIST_SEPARATOR.join(profile.phones),
        profile.linkedin_url,
        LIST_SEPARATOR.join(profile.other_urls),
        LIST_SEPARATOR.join(contact.categories),
        contact.tier,
        profile.notes,
    ]
    return [neutralise(cell) for cell in cells]


def contacts_csv(contacts: Iterable[ContactSnapshot]) -> str:
    """The CSV text (RFC 4180: CRLF line ends, quotes where needed) with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(row(contact) for contact in contacts)
    return BOM + buffer.getvalue()
