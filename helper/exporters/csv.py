"""Contacts as CSV for spreadsheets, safe to open in Excel, LibreOffice or Google Sheets.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula
by a spreadsheet (CSV injection); such a cell gets a leading single quote, as OWASP's "CSV
Injection" page advises, so it shows as text. A spreadsheet set to another list separator
splits the file on `;`, `|` or a tab and ignores the quoting, so a cell starts after each of
those, and after a line break, too (OWASP: "take care of the field separator"): each such start
that would be a formula gets the quote as well (`x;'=1+1`). Phone numbers in E.164 form start
with `+`, so they carry that quote too. The file starts with a UTF-8 byte-order mark, without
which Excel reads UTF-8 as a legacy code page.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from helper.normalize import normalize_link
from helper.records import ContactSnapshot

BOM = "\ufeff"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Where a spreadsheet may start a cell inside ours: after `,` `;` `|` or a tab (the list
# separators Excel and LibreOffice offer) or a line break; a `"` there may open a quoted cell.
CELL_BREAKS = (",", ";", "|", "\t", "\r", "\n")
_TRIGGER = "[" + re.escape("".join(FORMULA_TRIGGERS)) + "]"
_BREAK = "[" + re.escape("".join(CELL_BREAKS)) + "]"
_FORMULA_START = re.compile(f'^(?={_TRIGGER})|(?<={_BREAK})(?="*{_TRIGGER})')
_ANY_TRIGGER = re.compile(_TRIGGER).search
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
    """The cell as text a spreadsheet will not evaluate, however it splits the line."""
    if not cell or _ANY_TRIGGER(cell) is None:
        return cell  # most cells hold no trigger at all: one scan instead of the full pattern
    return _FORMULA_START.sub("'", cell)


def row(contact: ContactSnapshot) -> list[str]:
    profile = contact.profile
    return cells(
        contact.id,
        profile.name,
        profile.current_title,
        profile.current_company,
        profile.headline,
        profile.location,
        profile.emails,
        profile.phones,
        profile.linkedin_url,
        profile.other_urls,
        contact.categories,
        contact.tier,
        profile.notes,
    )


def cells(
    contact_id: int,
    name: str,
    title: str,
    company: str,
    headline: str,
    location: str,
    emails: list[str],
    phones: list[str],
    linkedin_url: str,
    other_urls: list[str],
    categories: list[str],
    tier: str,
    notes: str,
) -> list[str]:
    """A contact's row, from the values of its columns (HEADER's order)."""
    written = [
        str(contact_id),
        name,
        title,
        company,
        headline,
        location,
        LIST_SEPARATOR.join(emails),
        LIST_SEPARATOR.join(phones),
        # A link stored before links were checked may be one a spreadsheet would open.
        (normalize_link(linkedin_url) or "") if linkedin_url else "",
        LIST_SEPARATOR.join(link for url in other_urls if (link := normalize_link(url))),
        LIST_SEPARATOR.join(categories),
        tier,
        notes,
    ]
    # The trigger scan written out (most cells hold none): a call a cell was a tenth of a CSV
    # export.
    return [cell if _ANY_TRIGGER(cell) is None else neutralise(cell) for cell in written]


def contacts_csv(contacts: Iterable[ContactSnapshot]) -> str:
    """The CSV text (RFC 4180: CRLF line ends, quotes where needed) with a header row."""
    return heading() + csv_rows(contacts)


def heading() -> str:
    """The start of the file: the byte-order mark and the header row."""
    return BOM + lines([HEADER])


def csv_rows(contacts: Iterable[ContactSnapshot]) -> str:
    """The contacts' rows, to follow the heading; a long file is written a batch at a time."""
    return lines(row(contact) for contact in contacts)


def lines(rows: Iterable[Sequence[str]]) -> str:
    """Rows of cells (`cells`) as CSV text."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()
