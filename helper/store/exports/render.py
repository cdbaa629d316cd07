"""What `outreach-helper export` and the Export page write: the exporters by name.

Each exporter loads what it needs in the caller's session and gives the file's bytes in chunks
as they are written, so the command line and the web page share one list and stream it. A new
format is one more entry in EXPORTERS (and in `vocabulary.EXPORT_FORMATS`). The contact files
themselves, vCard and CSV, are `contact_files`', which the command line also writes from a
current SQLite store without SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from helper.db import begin_read_snapshot
from helper.errors import OutreachError
from helper.store.contact_records import session_runner
from helper.store.contact_rows import RunQuery
from helper.store.exports.contact_files import (
    ExportOptions,
    Rendered,
    check_no_vcard_version,
    csv_file,
    vcard_file,
)
from helper.store.json_document import document_chunks
from helper.vocabulary import EXPORT_FORMATS


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


def _through(
    contact_file: Callable[[RunQuery, ExportOptions], Rendered],
) -> Callable[[Session, ExportOptions], Rendered]:
    """A contact file written from a session's transaction."""
    return lambda session, options: contact_file(session_runner(session), options)


def _render_json(session: Session, options: ExportOptions) -> Rendered:
    check_no_vcard_version(options)
    if options.category:
        raise OutreachError(
            "The JSON export always holds everything; --category applies to vcard and csv."
        )
    chunks = (text.encode("utf-8") for text in document_chunks(session))
    return Rendered(chunks, "everything in the store")


def _render_ics(session: Session, options: ExportOptions) -> Rendered:
    """Open follow-ups: all, one event's, or those due in a range of days."""
    check_no_vcard_version(options)
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
        EXPORT_FORMATS.label("json"), "application/json", "json", _render_json, by_category=False
    ),
    "vcard": Exporter(
        EXPORT_FORMATS.label("vcard"), "text/vcard; charset=utf-8", "vcf", _through(vcard_file)
    ),
    "csv": Exporter(
        EXPORT_FORMATS.label("csv"),
        "text/csv; charset=utf-8; header=present",
        "csv",
        _through(csv_file),
    ),
    "ics": Exporter(
        EXPORT_FORMATS.label("ics"),
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
