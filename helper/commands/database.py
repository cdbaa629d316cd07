"""`outreach-helper db upgrade`: the store's schema brought to this version's, on its own step
(a team upgrades its PostgreSQL database once when it installs a new version; every command
also does it on start)."""

from __future__ import annotations

from pathlib import Path

import click

from helper.commands import data_dir_option, emit_json, reports_errors, store_at
from helper.db import stored_revision


@click.group()
def db() -> None:
    """The store's database."""


@db.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@data_dir_option
@reports_errors
def upgrade(as_json: bool, data_dir: Path | None) -> None:
    """Bring the database to this version's schema."""
    store = store_at(data_dir)
    document = {
        "engine": store.engine.dialect.name,
        "database": store.engine.url.render_as_string(hide_password=True),
        "revision": stored_revision(store.engine),
    }
    if as_json:
        emit_json(document)
        return
    click.echo(
        f"The {document['engine']} database {document['database']} is at revision "
        f"{document['revision']}, this version's schema."
    )
