"""`outreach-helper contacts`: the contact list."""

from __future__ import annotations

from pathlib import Path

import click

from helper.commands import data_dir_option, emit_json, reports_errors
from helper.commands.stores import store_at
from helper.db import transaction
from helper.store.contact_records import load_contact_records
from helper.store.convert import contact_document
from helper.vocabulary import CATEGORIES


@click.command()
@click.option("--category", type=click.Choice(CATEGORIES), help="Only this category.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@data_dir_option
@reports_errors
def contacts(category: str | None, as_json: bool, data_dir: Path | None) -> None:
    """List contacts, optionally of one category."""
    store = store_at(data_dir)
    with transaction(store.sessions) as session:
        loaded = load_contact_records(session, category=category or "")
    documents = [contact_document(c.id, c.profile, c.tier) for c in loaded]
    if as_json:
        emit_json(documents)
        return
    for doc in documents:
        role = " at ".join(p for p in (doc["current_title"], doc["current_company"]) if p)
        keys = ",".join(c["key"] for c in doc["categories"])
        click.echo(f"{doc['id']:>6}  {doc['name']}  {role}  [{keys}]")
    click.echo(f"{len(documents)} contact(s).", err=True)
