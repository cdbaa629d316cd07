"""`outreach-helper contacts set`: a relationship tier and categories chosen for contacts, as
the contact list's bulk actions choose them."""

from __future__ import annotations

from pathlib import Path

import click

from helper.commands import ROW_ID, data_dir_option, emit_json, reports_errors
from helper.commands.stores import store_at
from helper.db import transaction
from helper.errors import NotFound
from helper.store.bulk import add_category, remove_category, set_tier
from helper.store.contact_records import load_contact_records
from helper.store.contact_rows import contact_document
from helper.vocabulary import CATEGORIES, TIERS


@click.command("set")
@click.argument("contact_ids", metavar="CONTACT_ID...", nargs=-1, required=True, type=ROW_ID)
@click.option("--tier", type=click.Choice(TIERS), help="The relationship tier.")
@click.option(
    "--add-category", "added", multiple=True, type=click.Choice(CATEGORIES), help="Repeatable."
)
@click.option(
    "--remove-category",
    "removed",
    multiple=True,
    type=click.Choice(CATEGORIES),
    help="Repeatable; no import puts it back.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the changed contacts as JSON.")
@data_dir_option
@reports_errors
def contacts_set(
    contact_ids: tuple[int, ...],
    tier: str | None,
    added: tuple[str, ...],
    removed: tuple[str, ...],
    as_json: bool,
    data_dir: Path | None,
) -> None:
    """Set the tier of contacts and add or take off categories; all of it or, on any error,
    none of it. Each counts as your own choice, which no later import overwrites."""
    if tier is None and not added and not removed:
        raise click.UsageError(
            "Nothing to change: give --tier, --add-category or --remove-category."
        )
    both = sorted(set(added) & set(removed))
    if both:
        raise click.UsageError(f"{both[0]!r} is both added and removed; choose one.")
    store = store_at(data_dir)
    with transaction(store.sessions) as session:
        found = {snapshot.id for snapshot in load_contact_records(session, ids=contact_ids)}
        missing = [contact_id for contact_id in contact_ids if contact_id not in found]
        if missing:
            raise NotFound(f"no contact with id {missing[0]}; nothing was changed")
        if tier is not None:
            set_tier(session, contact_ids, tier)
        for key in added:
            add_category(session, contact_ids, key)
        for key in removed:
            remove_category(session, contact_ids, key)
        changed = load_contact_records(session, ids=contact_ids)
    if as_json:
        emit_json([contact_document(c.id, c.profile, c.tier) for c in changed])
        return
    for snapshot in changed:
        keys = ",".join(snapshot.categories) or "no category"
        click.echo(f"{snapshot.id:>6}  {snapshot.profile.name}  {snapshot.tier}  [{keys}]")
    click.echo(f"Changed {len(changed)} contact(s).", err=True)
