"""`outreach-helper draft CONTACT_ID --channel KEY [--goal GOAL_ID] --json`."""

from __future__ import annotations

from pathlib import Path

import click

from helper.commands import ROW_ID, data_dir_option, emit_json, reports_errors
from helper.commands.stores import store_at
from helper.db import transaction
from helper.store.drafts import DraftRequest, compose_for


@click.command("draft")
@click.argument("contact_id", type=ROW_ID)
@click.option("--channel", required=True, help="Channel key, e.g. email or linkedin_connect.")
@click.option("--goal", "goal_id", type=ROW_ID, help="Goal the message works towards.")
@click.option("--json", "as_json", is_flag=True, help="Print the draft as JSON.")
@data_dir_option
@reports_errors
def draft(
    contact_id: int, channel: str, goal_id: int | None, as_json: bool, data_dir: Path | None
) -> None:
    """Draft a message to a contact on a channel, within the channel's limit."""
    store = store_at(data_dir)
    with transaction(store.sessions) as session:
        composed = compose_for(session, DraftRequest(contact_id, channel, goal_id))
    if as_json:
        emit_json(composed.to_json())
        return
    if composed.subject:
        click.echo(f"Subject: {composed.subject}\n")
    click.echo(composed.body)
    limit = f" of {composed.limit}" if composed.limit else ""
    click.echo(f"\n{composed.length}{limit} {composed.unit}.", err=True)
    for question in composed.questions:
        click.echo(f"Ask: {question}", err=True)
