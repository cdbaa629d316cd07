"""`outreach-helper log CONTACT_ID --kind KIND [--date YYYY-MM-DD] [--note TEXT] [--goal ID]`."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from helper.commands import ROW_ID, data_dir_option, emit_json, reports_errors
from helper.commands.stores import store_at
from helper.db import transaction
from helper.store.touches import TouchInput, log_touch
from helper.vocabulary import GOAL_STAGES, TOUCH_KINDS


@click.command("log")
@click.argument("contact_id", type=ROW_ID)
@click.option("--kind", required=True, type=click.Choice(list(TOUCH_KINDS)), help="How.")
@click.option(
    "--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="The day (default: today, UTC)."
)
@click.option("--note", default="", help="What you talked about.")
@click.option("--goal", "goal_id", type=ROW_ID, help="The goal it moves them on (else all).")
@click.option("--json", "as_json", is_flag=True, help="Print the touch as JSON.")
@data_dir_option
@reports_errors
def log(
    contact_id: int,
    kind: str,
    day: datetime | None,
    note: str,
    goal_id: int | None,
    as_json: bool,
    data_dir: Path | None,
) -> None:
    """Log a call, meeting, coffee, message or email with a contact: it resets their
    keep-in-touch clock and moves them on their goals."""
    when = day.date() if day else datetime.now(UTC).date()
    store = store_at(data_dir)
    with transaction(store.sessions) as session:
        touch = log_touch(session, TouchInput(contact_id, kind, when, note, goal_id))
        document = touch.to_json()
    if as_json:
        emit_json(document)
        return
    click.echo(f"Logged: {TOUCH_KINDS.label(kind).lower()} on {document['date']}.")
    for goal in document["goals"]:
        click.echo(f"Goal {goal['goal_id']}: {GOAL_STAGES.label(goal['stage'])}.", err=True)
