"""`outreach-helper contacts`: the contact list (`contacts set`, which changes contacts, is in
`contact_changes` and loads only when it runs)."""

from __future__ import annotations

import functools
from pathlib import Path

import click

from helper.commands import (
    LazyGroup,
    data_dir_option,
    emit_json,
    reports_errors,
)
from helper.commands.reads import read
from helper.records import ContactSnapshot
from helper.store.contact_rows import contact_document, contact_snapshots
from helper.vocabulary import CATEGORIES


@click.group(
    cls=LazyGroup,
    lazy_commands={"set": "helper.commands.contact_changes:contacts_set"},
    invoke_without_command=True,
)
@click.option("--category", type=click.Choice(CATEGORIES), help="Only this category.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@data_dir_option
@click.pass_context
@reports_errors
def contacts(
    ctx: click.Context, category: str | None, as_json: bool, data_dir: Path | None
) -> None:
    """List contacts, optionally of one category."""
    if ctx.invoked_subcommand is not None:
        return
    documents = [
        contact_document(c.id, c.profile, c.tier) for c in _listed(data_dir, category or "")
    ]
    if as_json:
        emit_json(documents)
        return
    for doc in documents:
        role = " at ".join(p for p in (doc["current_title"], doc["current_company"]) if p)
        keys = ",".join(c["key"] for c in doc["categories"])
        click.echo(f"{doc['id']:>6}  {doc['name']}  {role}  [{keys}]")
    click.echo(f"{len(documents)} contact(s).", err=True)


def _listed(data_dir: Path | None, category: str) -> list[ContactSnapshot]:
    return read(data_dir, functools.partial(contact_snapshots, category=category))
