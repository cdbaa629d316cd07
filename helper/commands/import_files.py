"""The files of one `outreach-helper import`, imported in turn with a line of progress each."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import click

from helper.commands.stores import store_at
from helper.errors import OutreachError
from helper.importers.read_ahead import ReadAhead
from helper.store.imports.pipeline import import_file
from helper.store.imports.summary import ExportChoice, ImportSummary


def import_files(
    files: tuple[Path, ...], first: ReadAhead, *, merge: bool, data_dir: Path | None
) -> tuple[list[dict[str, Any]], int]:
    """One JSON summary (or error) per file, and how many failed; `first` is the first
    file's read, started before the store loaded."""
    store = store_at(data_dir)
    choice = ExportChoice.MERGE if merge else None
    documents, failures = [], 0
    for number, path in enumerate(files):
        try:
            summary = import_file(
                store,
                path,
                progress=terminal_progress(path.name),
                export_choice=choice,
                read_ahead=first if number == 0 else None,
            )
        except OutreachError as error:
            failures += 1
            click.echo(f"\r{path.name}: {error}", err=True)
            documents.append({"file": path.name, "error": str(error)})
            continue
        documents.append(summary.to_json())
        click.echo(f"\r{describe_summary(summary)}", err=True)
    return documents, failures


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


def describe_summary(summary: ImportSummary) -> str:
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
