"""What `outreach-helper export` and the Export page write: the exporters by name.

Each exporter loads what it needs in the caller's session and returns the file's bytes, so the
command line and the web page share one list. A new format is one more entry in EXPORTERS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from helper.db import begin_read_snapshot
from helper.db.models import Contact
from helper.errors import OutreachError
from helper.exporters.csv import contacts_csv
from helper.exporters.vcard import vcards
from helper.records import ContactSnapshot
from helper.store.contact_records import load_contact_records
from helper.store.contacts import category_counts
from helper.store.exports.calendar import FollowUpRange, range_ics
from helper.store.json_document import dumps
from helper.vocabulary import CATEGORIES


@dataclass(frozen=True)
class ExportOptions:
    category: str = ""
    # The ics export's selection: one event's follow-ups, or those due in a range of days.
    event_id: int | None = None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Rendered:
    """A written export: its bytes and what it holds, in words ("12 contacts")."""

    content: bytes
    holds: str


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


def export_contacts(session: Session, category: str = "") -> list[ContactSnapshot]:
    """Every contact, or those in one category, by name, as the core's plain records."""
    if category and category not in CATEGORIES:
        raise OutreachError(f"{category!r} is not a category; use one of {', '.join(CATEGORIES)}.")
    return load_contact_records(session, category=category)


def _contacts_in_words(count: int) -> str:
    return f"{count:,} contact" + ("" if count == 1 else "s")


def _render_vcard(session: Session, options: ExportOptions) -> Rendered:
    contacts = export_contacts(session, options.category)
    text = vcards(contact.profile for contact in contacts)
    return Rendered(text.encode("utf-8"), _contacts_in_words(len(contacts)))


def _render_csv(session: Session, options: ExportOptions) -> Rendered:
    contacts = export_contacts(session, options.category)
    return Rendered(contacts_csv(contacts).encode("utf-8"), _contacts_in_words(len(contacts)))


def _render_json(session: Session, options: ExportOptions) -> Rendered:
    if options.category:
        raise OutreachError(
            "The JSON export always holds everything; --category applies to vcard and csv."
        )
    return Rendered(dumps(session).encode("utf-8"), "everything in the store")


def _render_ics(session: Session, options: ExportOptions) -> Rendered:
    """Open follow-ups: all, one event's, or those due in a range of days."""
    if options.category:
        raise OutreachError("--category applies to vcard and csv; the ics export holds follow-ups.")
    wanted = FollowUpRange(event_id=options.event_id, start=options.start, end=options.end)
    content, count = range_ics(session, wanted)
    return Rendered(content, f"{count:,} open follow-up" + ("" if count == 1 else "s"))


EXPORTERS: dict[str, Exporter] = {
    "json": Exporter(
        "Everything (JSON)", "application/json", "json", _render_json, by_category=False
    ),
    "vcard": Exporter("vCard 4.0", "text/vcard; charset=utf-8", "vcf", _render_vcard),
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


@dataclass(frozen=True)
class ExportOverview:
    """What the Export page offers: how many contacts in all and in each category, and the
    backups already in the data folder, newest first."""

    total: int
    by_category: dict[str, int]
    backups: list[Path]


def export_overview(session: Session, data_dir: Path) -> ExportOverview:
    total = session.scalar(select(func.count()).select_from(Contact)) or 0
    backups = sorted((data_dir / "backups").glob("*.sqlite3"), reverse=True)
    return ExportOverview(total, category_counts(session), backups)
