"""`outreach-helper sync [--json]`: push the open follow-ups to the user's own CalDAV calendar;
`outreach-helper sync setup --url URL --user NAME [--calendar NAME]` says which one."""

from __future__ import annotations

import os
from pathlib import Path

import click

from helper.commands import data_dir_option, emit_json, reports_errors, store_at
from helper.db import transaction
from helper.store.calendar_sync import (
    SyncReport,
    SyncSettings,
    calendar_missing,
    calendar_names,
    load_password,
    load_settings,
    push_followups,
    save_password,
    save_settings,
)

PASSWORD_ENV = "OUTREACH_HELPER_DAV_PASSWORD"


@click.group("sync", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print what changed as JSON.")
@data_dir_option
@click.pass_context
@reports_errors
def sync(context: click.Context, as_json: bool, data_dir: Path | None) -> None:
    """Push open follow-ups to your calendar server (CalDAV); `sync setup` says which one."""
    if context.invoked_subcommand is not None:
        return
    # The store's own folder: on a team database each member's book keeps its own server.
    store = store_at(data_dir)
    settings, password = load_settings(store.data_dir), load_password(store.data_dir)
    with transaction(store.sessions) as session:
        report = push_followups(session, settings, password)
    if as_json:
        emit_json(report.as_json())
    else:
        click.echo(_summary(report, settings), err=True)


@sync.command("setup")
@click.option("--url", required=True, help="The CalDAV address of your calendar server.")
@click.option("--user", "user_name", required=True, help="Your user name on that server.")
@click.option("--calendar", help="The calendar to push to (listed when missing).")
@data_dir_option
@reports_errors
def setup(url: str, user_name: str, calendar: str | None, data_dir: Path | None) -> None:
    """Check the connection and save where to push; the password comes from
    OUTREACH_HELPER_DAV_PASSWORD or a hidden prompt, and is kept readable by you only."""
    password = os.environ.get(PASSWORD_ENV) or click.prompt(
        "App password", hide_input=True, err=True
    )
    settings = SyncSettings(url=url, user=user_name, calendar=calendar or "")
    names = calendar_names(settings, password)
    if not calendar:
        listed = ", ".join(names) if names else "none"
        raise click.UsageError(f"choose one with --calendar; your calendars: {listed}")
    if calendar not in names:
        raise calendar_missing(calendar, names)
    folder = store_at(data_dir).data_dir
    save_password(folder, password)
    save_settings(folder, settings)
    click.echo(f"Follow-ups will be pushed to {calendar!r} at {url}.", err=True)


def _summary(report: SyncReport, settings: SyncSettings) -> str:
    return (
        f"Synced with {settings.calendar!r}: {len(report.created)} created, "
        f"{len(report.updated)} updated, {len(report.removed)} removed, "
        f"{len(report.unchanged)} unchanged."
    )
