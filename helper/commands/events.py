"""`outreach-helper events add` and `outreach-helper followups`: events, the people met
there, their follow-up plan, and the open follow-ups."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click
from sqlalchemy.orm import Session

from helper.commands import ROW_ID, data_dir_option, emit_json, reports_errors
from helper.commands.stores import store_at
from helper.db import transaction
from helper.db.models import Event
from helper.errors import OutreachError
from helper.store.events import (
    EVENT_KINDS,
    EventInput,
    add_person_met,
    create_event,
    list_events,
    to_local,
)
from helper.store.followups import (
    accept_plan,
    event_plan,
    followup_json,
    list_followups,
    user_timezone,
)
from helper.store.me import get_me


def _moment(value: str, option: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except ValueError as error:
        raise OutreachError(
            f"{value!r} is not an ISO date and time such as 2026-11-20T18:30",
            location=option,
            value=value,
        ) from error


def event_json(event: Event) -> dict[str, object]:
    ends = to_local(event.ends_at, event.timezone).isoformat() if event.ends_at else None
    return {
        "id": event.id,
        "name": event.name,
        "kind": event.kind,
        "start": to_local(event.starts_at, event.timezone).isoformat(),
        "end": ends,
        "timezone": event.timezone,
        "place": event.place,
        "url": event.url,
        "notes": event.notes,
        "met": [
            {"contact_id": link.contact_id, "name": link.contact.name, "note": link.note}
            for link in event.attendees
        ],
    }


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@data_dir_option
@click.pass_context
@reports_errors
def events(ctx: click.Context, as_json: bool, data_dir: Path | None) -> None:
    """List events, the most recent first; `events add` records one."""
    if ctx.invoked_subcommand is not None:
        return
    store = store_at(data_dir)
    with transaction(store.sessions) as session:
        documents = [event_json(event) for event in list_events(session)]
    if as_json:
        emit_json(documents)
        return
    for doc in documents:
        click.echo(f"{doc['id']:>6}  {str(doc['start'])[:16]}  {doc['kind']:<10}  {doc['name']}")
    click.echo(f"{len(documents)} event(s).", err=True)


@events.command("add")
@click.option("--name", required=True, help="The event's name.")
@click.option("--kind", required=True, type=click.Choice(EVENT_KINDS))
@click.option("--start", required=True, help="ISO date and time, e.g. 2026-11-20T18:30.")
@click.option("--end", help="ISO date and time.")
@click.option("--timezone", help="IANA time zone of --start/--end (default: yours on Me).")
@click.option("--place", default="", help="Venue and city.")
@click.option("--url", default="", help="The event page or meeting link.")
@click.option("--met", "met", multiple=True, type=ROW_ID, help="Id of a contact met (repeat).")
@click.option("--accept-plan", is_flag=True, help="Accept the suggested follow-up plan.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@data_dir_option
@reports_errors
def add(
    name: str,
    kind: str,
    start: str,
    end: str | None,
    timezone: str | None,
    place: str,
    url: str,
    met: tuple[int, ...],
    accept_plan: bool,
    as_json: bool,
    data_dir: Path | None,
) -> None:
    """Record an event and whom you met; with --accept-plan, accept its follow-ups too."""
    starts = _moment(start, "--start")
    ends = _moment(end, "--end") if end else None
    store = store_at(data_dir)
    with transaction(store.sessions) as session:
        data = EventInput(
            name=name,
            kind=kind,
            starts_at=starts,
            ends_at=ends,
            timezone=timezone or get_me(session).timezone or "UTC",
            place=place,
            url=url,
        )
        event = create_event(session, data)
        for contact_id in met:
            add_person_met(session, event, contact_id)
        document = _added(session, event, accept_plan)
    if as_json:
        emit_json(document)
        return
    click.echo(f"Recorded event {document['id']}: {document['name']}.")
    click.echo(
        f"{len(document['followups'])} follow-up(s) accepted, "
        f"{len(document['suggested'])} suggested.",
        err=True,
    )


def _added(session: Session, event: Event, accept: bool) -> dict[str, object]:
    if accept:
        accept_plan(session, event)
    timezone = user_timezone(session)
    plan = event_plan(session, event)
    return {
        **event_json(event),
        "followups": [followup_json(i.followup, timezone) for i in plan if i.followup],
        "suggested": [
            {
                "contact_id": item.planned.contact_id,
                "due": item.planned.due.isoformat(),
                "channel": item.planned.channel,
                "kind": item.planned.kind,
                "title": item.planned.title,
                "recurrence": item.planned.rrule or "",
            }
            for item in plan
            if item.followup is None
        ],
    }


@click.command()
@click.option(
    "--due-before",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Only those due before this day (YYYY-MM-DD, in your time zone).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@data_dir_option
@reports_errors
def followups(due_before: datetime | None, as_json: bool, data_dir: Path | None) -> None:
    """List open follow-ups, soonest first."""
    before: date | None = due_before.date() if due_before else None
    store = store_at(data_dir)
    with transaction(store.sessions) as session:
        timezone = user_timezone(session)
        documents = [followup_json(f, timezone) for f in list_followups(session, due_before=before)]
    if as_json:
        emit_json(documents)
        return
    for doc in documents:
        click.echo(f"{doc['id']:>6}  {str(doc['due'])[:16]}  {doc['channel']:<16}  {doc['title']}")
    click.echo(f"{len(documents)} open follow-up(s).", err=True)
