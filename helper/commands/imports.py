"""`outreach-helper import`: contact and mail exports, format detected by content."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from helper.commands import data_dir_option, emit_json, store_at
from helper.errors import OutreachError
from helper.store.imports.pipeline import import_file
from helper.store.imports.summary import ExportChoice


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
    store = store_at(data_dir)
    choice = ExportChoice.MERGE if merge else None
    documents, failures = [], 0
    for path in files:
        try:
            progress = terminal_progress(path.name)
            summary = import_file(store, path, progress=progress, export_choice=choice)
        except OutreachError as error:
            failures += 1
            click.echo(f"\r{path.name}: {error}", err=True)
            documents.append({"file": path.name, "error": str(error)})
            continue
        documents.append(summary.to_json())
        click.echo(f"\r{describe_summary(summary)}", err=True)
    if as_json:
        emit_json(documents)
    if failures:
        raise click.ClickException(f"{failures} of {len(files)} file(s) could not be imported")


def terminal_progress(name: str):
    """A one-line progress bar on stderr when it is a terminal; silent otherwise."""
    if not sys.stderr.isatty():
        return None
    started = time.monotonic()

    def show(state) -> None:
        share = state.bytes_done / state.bytes_total if state.bytes_total else 0
        bar = "#" * int(share * 30)
        rate = state.records / max(time.monotonic() - started, 1e-6)
        click.echo(
            f"\r{name}: [{bar:<30}] {share:4.0%} {state.records:,} records, {rate:,.0f}/s  ",
            err=True,
            nl=False,
        )

    return show


def describe_summary(summary) -> str:
    parts = [
        f"{summary.created} created",
        f"{summary.updated} updated",
        f"{summary.merged} merged",
        f"{summary.skipped} skipped",
        f"{summary.problem_count} problem(s)",
    ]
    if summary.interactions:
        parts.append(f"{summary.interactions} interactions")
    text = f"{summary.file} ({summary.format}): {', '.join(parts)} in {summary.seconds:.1f} s"
    return f"{text}. {summary.message}" if summary.message else text
