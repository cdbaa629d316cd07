"""`outreach-helper export json|vcard|csv|ics`: the store, its contacts (vCard 3.0, or 4.0 with
`--vcard-version 4.0`) or its follow-ups, in a file or on stdout."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

import click

from helper.commands import data_dir_option, reports_errors
from helper.commands.stores import ROW_ID, store_at
from helper.db import transaction
from helper.exporters.vcard import VERSIONS
from helper.private_files import replaced_whole
from helper.store.exports.render import EXPORTERS, ExportOptions, render_export
from helper.vocabulary import CATEGORIES


@click.command("export")
@click.argument("kind", type=click.Choice(list(EXPORTERS)))
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
    store = store_at(data_dir)
    with transaction(store.sessions) as session:
        rendered = render_export(session, kind, options)
        if out is None:
            for chunk in rendered.chunks:
                sys.stdout.buffer.write(chunk)
            sys.stdout.flush()
        else:
            out = write_atomically(out, rendered.chunks)
    where = "" if out is None else f" to {out}"
    click.echo(f"Exported {rendered.holds}{where}.", err=True)


def write_atomically(path: Path, chunks: Iterable[bytes]) -> Path:
    """Write beside `path`, then rename: an interrupted export never leaves half a file."""
    path = path.expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    with replaced_whole(path, private=False) as partial, partial.open("wb") as handle:
        handle.writelines(chunks)
    return path
