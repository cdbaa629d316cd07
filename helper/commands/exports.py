"""`outreach-helper export json|vcard|csv|ics`: the store, its contacts (vCard 3.0, or 4.0 with
`--vcard-version 4.0`) or its follow-ups, in a file or on stdout."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from helper.commands import ROW_ID, data_dir_option, reports_errors, write_chunks
from helper.commands.reads import read
from helper.exporters.vcard import VERSIONS
from helper.store.contact_rows import RunQuery
from helper.store.exports.contact_files import CONTACT_FILES, ExportOptions
from helper.vocabulary import CATEGORIES, EXPORT_FORMATS


@click.command("export")
@click.argument("kind", type=click.Choice(EXPORT_FORMATS))
@click.option("--category", type=click.Choice(CATEGORIES), help="Only contacts of this category.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE instead of stdout.",
)
@click.option("--event", "event_id", type=ROW_ID, help="ics: only this event's follow-ups.")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), help="ics: due on or after.")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), help="ics: due on or before.")
@click.option(
    "--vcard-version",
    type=click.Choice(VERSIONS),
    help="vcard: 3.0 (the default; Google, Apple and Outlook import it cleanly) or 4.0.",
)
@data_dir_option
@reports_errors
def export(
    kind: str,
    category: str | None,
    out: Path | None,
    event_id: int | None,
    start: datetime | None,
    end: datetime | None,
    vcard_version: str | None,
    data_dir: Path | None,
) -> None:
    """Export everything as JSON, contacts as vCard 3.0 (or 4.0) or CSV, or follow-ups as
    iCalendar."""
    if kind != "ics" and (event_id or start or end):
        raise click.UsageError("--event, --from and --to apply to the ics export only")
    if kind != "vcard" and vcard_version:
        raise click.UsageError("--vcard-version applies to the vcard export only")
    options = ExportOptions(
        vcard_version=vcard_version or "",
        category=category or "",
        event_id=event_id,
        start=start.date() if start else None,
        end=end.date() if end else None,
    )
    holds, written = _exported(data_dir, kind, options, out)
    where = "" if written is None else f" to {written}"
    click.echo(f"Exported {holds}{where}.", err=True)


def _exported(
    data_dir: Path | None, kind: str, options: ExportOptions, out: Path | None
) -> tuple[str, Path | None]:
    """Contact files are written as `contacts` reads, without SQLAlchemy on a current SQLite
    store (`commands.reads`); every other export opens the store."""
    contact_file = CONTACT_FILES.get(kind)
    if contact_file is not None:

        def write(run: RunQuery) -> tuple[str, Path | None]:
            rendered = contact_file(run, options)
            return rendered.holds, write_chunks(rendered.chunks, out)

        return read(data_dir, write)
    # Late: JSON and iCalendar need the store layer and its sessions.
    from helper.commands.export_files import export_from_store

    return export_from_store(data_dir, kind, options, out)
