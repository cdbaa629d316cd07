"""`outreach-helper me` and `me set`: the user's own profile."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import available_timezones

import click

from helper.commands import data_dir_option, emit_json, reports_errors
from helper.commands.stores import store_at
from helper.db import transaction
from helper.errors import OutreachError
from helper.normalize import normalize_email
from helper.store.convert import me_json
from helper.store.me import get_me, update_me


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@data_dir_option
@click.pass_context
@reports_errors
def me(ctx: click.Context, as_json: bool, data_dir: Path | None) -> None:
    """Show your own profile ("Me")."""
    if ctx.invoked_subcommand is not None:
        return
    store = store_at(data_dir)
    with transaction(store.sessions) as session:
        document = me_json(get_me(session))
    if as_json:
        emit_json(document)
        return
    for key, value in document.items():
        shown = ", ".join(value) if isinstance(value, list) else value
        click.echo(f"{key.replace('_', ' '):>20}: {shown}")


@me.command("set")
@click.option("--name")
@click.option("--headline")
@click.option("--employer", "employers", multiple=True, help="Current employer (repeat).")
@click.option("--former-employer", "former_employers", multiple=True, help="Repeatable.")
@click.option("--email", "emails", multiple=True, help="Your own address (repeat).")
@click.option("--pitch")
@click.option("--offer")
@click.option("--signature")
@click.option("--timezone")
@click.option("--linkedin-note-limit", type=click.Choice(["300", "200"]))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@data_dir_option
@reports_errors
def me_set(as_json: bool, data_dir: Path | None, **options: Any) -> None:
    """Change your own profile; list options replace the list when given."""
    changes = _me_changes(options)
    store = store_at(data_dir)
    with transaction(store.sessions) as session:
        document = me_json(update_me(session, changes))
    if as_json:
        emit_json(document)
    else:
        click.echo(f"Saved: {', '.join(changes) or 'nothing to change'}.", err=True)


def _me_changes(options: dict[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for key, value in options.items():
        if value is None or value == ():
            continue
        changes[key] = list(value) if isinstance(value, tuple) else value
    if "emails" in changes:
        normalised = [normalize_email(e) for e in changes["emails"]]
        bad = [raw for raw, ok in zip(changes["emails"], normalised, strict=True) if ok is None]
        if bad:
            raise OutreachError(f"not a valid email address: {bad[0]}", value=bad[0])
        changes["emails"] = normalised
    if "timezone" in changes and changes["timezone"] not in available_timezones():
        raise OutreachError(
            f"unknown time zone {changes['timezone']!r}; use a name like Europe/London"
        )
    if "linkedin_note_limit" in changes:
        changes["linkedin_note_limit"] = int(changes["linkedin_note_limit"])
    return changes
