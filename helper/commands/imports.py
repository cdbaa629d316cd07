"""`outreach-helper import`: contact and mail exports, format detected by content.

The store layer (SQLAlchemy and the models) takes a quarter to a third of a second to load,
so this module starts on the first file before it loads it: a large mailbox's workers read
while it loads (`helper.importers.read_ahead`). The imports themselves run in
`helper.commands.import_files`."""

from __future__ import annotations

from pathlib import Path

import click

from helper.commands import data_dir_option, emit_json
from helper.config import resolve_data_dir
from helper.importers.read_ahead import ReadAhead


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one summary per file as JSON.")
@click.option(
    "--merge",
    is_flag=True,
    help="Merge the contacts of an Outreach Helper JSON export into a store that holds data "
    "(without it, such an export is restored only into an empty store).",
)
@data_dir_option
def import_(files: tuple[Path, ...], as_json: bool, merge: bool, data_dir: Path | None) -> None:
    """Import contact or mail exports; the format is detected from the content."""
    first = ReadAhead.before_store_loads(files[0], resolve_data_dir(data_dir))
    try:
        from helper.commands.import_files import import_files

        documents, failures = import_files(files, first, merge=merge, data_dir=data_dir)
    finally:
        first.close()
    if as_json:
        emit_json(documents)
    if failures:
        raise click.ClickException(f"{failures} of {len(files)} file(s) could not be imported")
