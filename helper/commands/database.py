"""`outreach-helper db upgrade`: the store's schema brought to this version's, on its own step
(a team upgrades its PostgreSQL database once when it installs a new version; every command
also does it on start)."""

from __future__ import annotations

from pathlib import Path

import click

from helper.commands import data_dir_option, emit_json, reports_errors
from helper.commands.stores import store_at
from helper.config import database_url, resolve_data_dir
from helper.db import stored_revision
from helper.store.team.directory import is_team_url, upgrade_team_database


@click.group()
def db() -> None:
    """The store's database."""


@db.command()
@click.option("--team", is_flag=True, help="Set up (or upgrade) a team database: PostgreSQL only.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@data_dir_option
@reports_errors
def upgrade(team: bool, as_json: bool, data_dir: Path | None) -> None:
    """Bring the database to this version's schema (in a team database: every book)."""
    folder = resolve_data_dir(data_dir)
    url = database_url(folder)
    if team or (url.startswith("postgresql") and is_team_url(url)):
        document = upgrade_team_database(folder, url)
    else:
        store = store_at(data_dir)
        document = {
            "engine": store.engine.dialect.name,
            "database": store.engine.url.render_as_string(hide_password=True),
            "revision": stored_revision(store.engine),
        }
    if as_json:
        emit_json(document)
        return
    books = f" with the team's tables and {document['books']} books" if "books" in document else ""
    click.echo(
        f"The {document['engine']} database {document['database']}{books} is at revision "
        f"{document['revision']}, this version's schema."
    )
