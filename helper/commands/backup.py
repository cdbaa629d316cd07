"""`outreach-helper backup` and `restore`."""

from __future__ import annotations

from pathlib import Path

import click

from helper.commands import data_dir_option, reports_errors
from helper.commands.stores import store_at
from helper.store.backup import backup_to, restore_from


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@data_dir_option
@reports_errors
def backup(file: Path, data_dir: Path | None) -> None:
    """Write a consistent copy of the store to FILE (safe while the server runs)."""
    store = store_at(data_dir)
    written = backup_to(store.engine, file)
    click.echo(f"Backup written to {written}.", err=True)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@data_dir_option
@reports_errors
def restore(file: Path, data_dir: Path | None) -> None:
    """Replace the store's content with the backup FILE (the current content is kept aside)."""
    store = store_at(data_dir)
    safety = restore_from(store.engine, store.data_dir, file)
    click.echo(f"Restored from {file}. The previous content was saved to {safety}.", err=True)
