"""The export command's usual way: the store opened, the export rendered in its transaction.
Loaded by `exports` only for a store or a format the read-only way cannot serve."""

from __future__ import annotations

from pathlib import Path

from helper.commands import write_chunks
from helper.commands.stores import store_at
from helper.db import transaction
from helper.store.exports.contact_files import ExportOptions
from helper.store.exports.render import render_export


def export_from_store(
    data_dir: Path | None, kind: str, options: ExportOptions, out: Path | None
) -> tuple[str, Path | None]:
    """Write the export to `out` (or stdout); what it holds, and the file written."""
    store = store_at(data_dir)
    with transaction(store.sessions) as session:
        rendered = render_export(session, kind, options)
        return rendered.holds, write_chunks(rendered.chunks, out)
