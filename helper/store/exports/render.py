"""What `outreach-helper export` and the Export page write: the exporters by name.

Each exporter loads what it needs in the caller's session and gives the file's bytes in chunks
as they are written, so the command line and the web page share one list and stream it. A new
format is one more entry in EXPORTERS.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from helper.db import begin_read_snapshot
from helper.errors import OutreachError
from helper.exporters import csv
from helper.exporters.csv import heading
from helper.exporters.vcard import DEFAULT_VERSION, VERSIONS, vcards
from helper.store.exports.address_book import AddressCard, address_cards
from helper.store.json_document import document_chunks
from helper.vocabulary import CATEGORIES


@dataclass(frozen=True)
class ExportOptions:
    category: str = ""
    # The ics export's selection: one event's follow-ups, or those due in a range of days.
    event_id: int | None = None
    start: date | None = None
    end: date | None = None
    # The vcard export's version: "3.0" or "4.0"; empty for the default (3.0).
    vcard_version: str = ""


# Contacts per chunk of a vCard or CSV file: about 200 KB, small enough to stream.
CONTACTS_PER_CHUNK = 1000


@dataclass(frozen=True)
class Rendered:
    """A written export and what it holds, in words ("12 contacts").

    `chunks` gives the file's bytes a piece at a time, reading the store as it goes, so the
    caller writes them inside the session that rendered them, and reads them once."""

    chunks: Iterable[bytes]
    holds: str

    @property
    def content(self) -> bytes:
        """The whole file in memory, for a selection or a test; an export streams `chunks`."""
        return b"".join(self.chunks)


@dataclass(frozen=True)
class Exporter:
    label: str
    media_type: str
    extension: str
    render: Callable[[Session, ExportOptions], Rendered]
    by_category: bool = True
    # An export that stamps what it wrote (the calendar's SEQUENCE) cannot read a snapshot:
    # a write after a snapshot read fails if another connection wrote in between.
    writes: bool = False

    def file_name(self, options: ExportOptions, today: date) -> str:
        subject = f"contacts-{options.category}" if options.category else "contacts"
        if not self.by_category:
            subject = "outreach-helper"
        return f"{subject}-{today.isoformat()}.{self.extension}"


def _check_category(category: str) -> None:
    if category and category not in CATEGORIES:
        raise OutreachError(f"{category!r} is not a category; use one of {', '.join(CATEGORIES)}.")


def _contacts_in_words(count: int) -> str:
    return f"{count:,} contact" + ("" if count == 1 else "s")


def _in_chunks(
    contacts: list[AddressCard], write: Callable[[Sequence[AddressCard]], str]
) -> Iterator[bytes]:
    for start in range(0, len(contacts), CONTACTS_PER_CHUNK):
        yield write(contacts[start : start + CONTACTS_PER_CHUNK]).encode("utf-8")


def _check_no_vcard_version(options: ExportOptions) -> None:
    if options.vcard_version:
        raise OutreachError("A vCard version (--vcard-version) applies to the vcard export only.")


def _vcard_version(version: str) -> str:
    """The vCard version asked for, the default (3.0) when none is."""
    if version and version not in VERSIONS:
        raise OutreachError(f"{version!r} is not a vCard version; use {' or '.join(VERSIONS)}.")
    return version or DEFAULT_VERSION


def _render_vcard(session: Session, options: ExportOptions) -> Rendered:
    _check_category(options.category)
    write = functools.partial(vcards, version=_vcard_version(options.vcard_version))
    cards = address_cards(session, category=options.category)
    return Rendered(_in_chunks(cards, write), _contacts_in_words(len(cards)))


def _render_csv(session: Session, options: ExportOptions) -> Rendered:
    _check_category(options.category)
    _check_no_vcard_version(options)
    cards = address_cards(session, category=options.category)
    chunks = itertools.chain([heading().encode("utf-8")], _in_chunks(cards, _csv_rows))
    return Rendered(chunks, _contacts_in_words(len(cards)))


def _csv_rows(cards: Sequence[AddressCard]) -> str:
    """What `csv_rows` writes of the same contacts' snapshots."""
    return csv.lines(
        csv.cells(
            card.id,
            card.name,
            card.current_title,
            card.current_company,
            card.headline,
            card.location,
            card.emails,
            card.phones,
            card.linkedin_url,
            card.other_urls,
            [category.key for category in card.categories],
            card.tier,
            card.notes,
        )
        for card in cards
    )


def _render_json(session: Session, options: ExportOptions) -> Rendered:
    _check_no_vcard_version(options)
    if options.category:
        raise OutreachError(
            "The JSON export always holds everything; --category applies to vcard and csv."
        )
    chunks = (text.encode("utf-8") for text in document_chunks(session))
    return Rendered(chunks, "everything in the store")


def _render_ics(session: Session, options: ExportOptions) -> Rendered:
    """Open follow-ups: all, one event's, or those due in a range of days."""
    _check_no_vcard_version(options)
    if options.category:
        raise OutreachError("--category applies to vcard and csv; the ics export holds follow-ups.")
    # Declared late: iCalendar and the drafting code are a fifth of the start-up of the exports
    # that never use them (json, vcard, csv).
    from helper.store.exports.calendar import FollowUpRange, exported_ics

    wanted = FollowUpRange(event_id=options.event_id, start=options.start, end=options.end)
    content, count = exported_ics(session, wanted)
    return Rendered((content,), f"{count:,} open follow-up" + ("" if count == 1 else "s"))


EXPORTERS: dict[str, Exporter] = {
    "json": Exporter(
        "Everything (JSON)", "application/json", "json", _render_json, by_category=False
    ),
    # 3.0 by default, as a selection of the contact list always is; 4.0 when asked for.
    "vcard": Exporter("vCard 3.0", "text/vcard; charset=utf-8", "vcf", _render_vcard),
    "csv": Exporter("CSV", "text/csv; charset=utf-8; header=present", "csv", _render_csv),
    "ics": Exporter(
        "Open follow-ups (iCalendar)",
        "text/calendar; charset=utf-8",
        "ics",
        _render_ics,
        by_category=False,
        writes=True,
    ),
}


def render_export(session: Session, kind: str, options: ExportOptions) -> Rendered:
    exporter = EXPORTERS.get(kind)
    if exporter is None:
        raise OutreachError(f"{kind!r} is not an export format; use one of {', '.join(EXPORTERS)}.")
    if not exporter.writes:
        begin_read_snapshot(session)  # every table as of one moment, so a restore fits together
    return exporter.render(session, options)
