"""The contact files an export writes, vCard and CSV, from `address_book`'s plain statements:
through a store's session, or (for the command line, on a current SQLite store) through
`read_only` without SQLAlchemy. What every export shares is here too: its options and the
chunks it writes."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from helper.errors import OutreachError
from helper.exporters import csv
from helper.exporters.csv import heading
from helper.exporters.vcard import DEFAULT_VERSION, VERSIONS, vcards
from helper.store.contact_rows import RunQuery
from helper.store.exports.address_book import AddressCard, address_cards
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


def _check_category(category: str) -> None:
    if category and category not in CATEGORIES:
        raise OutreachError(f"{category!r} is not a category; use one of {', '.join(CATEGORIES)}.")


def contacts_in_words(count: int) -> str:
    """ "1 contact", "30,000 contacts": what an export of contacts holds."""
    return f"{count:,} contact" + ("" if count == 1 else "s")


def _in_chunks(
    contacts: list[AddressCard], write: Callable[[Sequence[AddressCard]], str]
) -> Iterator[bytes]:
    for start in range(0, len(contacts), CONTACTS_PER_CHUNK):
        yield write(contacts[start : start + CONTACTS_PER_CHUNK]).encode("utf-8")


def check_no_vcard_version(options: ExportOptions) -> None:
    if options.vcard_version:
        raise OutreachError("A vCard version (--vcard-version) applies to the vcard export only.")


def _vcard_version(version: str) -> str:
    """The vCard version asked for, the default (3.0) when none is."""
    if version and version not in VERSIONS:
        raise OutreachError(f"{version!r} is not a vCard version; use {' or '.join(VERSIONS)}.")
    return version or DEFAULT_VERSION


def vcard_file(run: RunQuery, options: ExportOptions) -> Rendered:
    _check_category(options.category)
    write = functools.partial(vcards, version=_vcard_version(options.vcard_version))
    cards = address_cards(run, category=options.category)
    return Rendered(_in_chunks(cards, write), contacts_in_words(len(cards)))


def csv_file(run: RunQuery, options: ExportOptions) -> Rendered:
    _check_category(options.category)
    check_no_vcard_version(options)
    cards = address_cards(run, category=options.category)
    chunks = itertools.chain([heading().encode("utf-8")], _in_chunks(cards, _csv_rows))
    return Rendered(chunks, contacts_in_words(len(cards)))


def _csv_rows(cards: Sequence[AddressCard]) -> str:
    """What `exporters.csv.csv_rows` writes of the same contacts' snapshots."""
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


# The exports of contacts alone, which read nothing but what `address_book` reads.
CONTACT_FILES: dict[str, Callable[[RunQuery, ExportOptions], Rendered]] = {
    "vcard": vcard_file,
    "csv": csv_file,
}
