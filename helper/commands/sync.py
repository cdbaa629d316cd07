"""`outreach-helper sync [--json]`: push the open follow-ups to the user's own CalDAV calendar
and the chosen contacts to their CardDAV address book; `sync setup` says which ones,
`sync conflicts` lists what changed on the server meanwhile, `sync resolve` keeps one side."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from helper.commands import data_dir_option, emit_json, reports_errors
from helper.commands.stores import store_at
from helper.db import transaction
from helper.store.sync.resources import Conflict, SyncReport
from helper.store.sync.run import ServerOffer, pending_conflicts, server_offer, settle, sync_book
from helper.store.sync.server import find_collection
from helper.store.sync.settings import (
    SyncSettings,
    load_password,
    load_settings,
    save_password,
    save_settings,
)
from helper.vocabulary import CATEGORIES, SYNC_KEEPS, SYNC_KINDS, TIERS

PASSWORD_ENV = "OUTREACH_HELPER_DAV_PASSWORD"


@click.group("sync", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print what changed as JSON.")
@data_dir_option
@click.pass_context
@reports_errors
def sync(context: click.Context, as_json: bool, data_dir: Path | None) -> None:
    """Push open follow-ups to your calendar and contacts to your address book (CalDAV and
    CardDAV); `sync setup` says where."""
    if context.invoked_subcommand is not None:
        return
    # The store's own folder: on a team database each member's book keeps its own server.
    report = sync_book(store_at(data_dir), _progress_on_a_terminal())
    if sys.stderr.isatty():
        click.echo("\r\033[K", err=True, nl=False)  # clear the running count's line
    if as_json:
        emit_json(report.as_json())
    else:
        click.echo(_summary(report), err=True)


@sync.command("setup")
@click.option("--url", required=True, help="The CalDAV/CardDAV address of your server.")
@click.option("--user", "user_name", required=True, help="Your user name on that server.")
@click.option("--calendar", default="", help="The calendar that takes the follow-ups.")
@click.option(
    "--addressbook", "address_book", default="", help="The address book that takes contacts."
)
@click.option(
    "--contacts-url",
    default="",
    help="The CardDAV address, where your provider serves contacts from another host.",
)
@click.option(
    "--category",
    "categories",
    multiple=True,
    type=click.Choice(CATEGORIES),
    help="Push only contacts in this category (repeat for more).",
)
@click.option(
    "--tier",
    "tiers",
    multiple=True,
    type=click.Choice(TIERS),
    help="Push only contacts of this tier (repeat for more).",
)
@data_dir_option
@reports_errors
def setup(
    url: str,
    user_name: str,
    calendar: str,
    address_book: str,
    contacts_url: str,
    categories: tuple[str, ...],
    tiers: tuple[str, ...],
    data_dir: Path | None,
) -> None:
    """Check the connection and save where to push; the password comes from
    OUTREACH_HELPER_DAV_PASSWORD or a hidden prompt, and is kept readable by you only."""
    password = os.environ.get(PASSWORD_ENV) or click.prompt(
        "App password", hide_input=True, err=True
    )
    settings = SyncSettings(
        url, user_name, calendar, address_book, categories, tiers, contacts_url=contacts_url
    )
    offer = server_offer(settings, password)
    if not calendar and not address_book:
        raise click.UsageError(f"choose one with --calendar or --addressbook; {_listing(offer)}")
    if calendar:
        find_collection(offer.calendars, "calendar", calendar)
    if address_book:
        find_collection(offer.address_books, "address book", address_book)
    folder = store_at(data_dir).data_dir
    save_password(folder, password)
    save_settings(folder, settings)
    click.echo(f"Sync will push {settings.destination} at {settings.url}.", err=True)


@sync.command("conflicts")
@click.option("--json", "as_json", is_flag=True, help="Print them as JSON.")
@data_dir_option
@reports_errors
def conflicts(as_json: bool, data_dir: Path | None) -> None:
    """List what changed on the server since the last sync, both versions of each."""
    with store_at(data_dir).sessions() as session:
        found = pending_conflicts(session)
    if as_json:
        emit_json([conflict.as_json() for conflict in found])
        return
    if not found:
        click.echo("Nothing changed on the server waits for a choice.", err=True)
    for conflict in found:
        click.echo(_conflict_text(conflict))


@sync.command("resolve")
@click.argument("uid")
@click.option(
    "--keep",
    required=True,
    type=click.Choice(SYNC_KEEPS),
    help="local: put the version here back on the server; server: take the server's in.",
)
@data_dir_option
@reports_errors
def resolve(uid: str, keep: str, data_dir: Path | None) -> None:
    """Settle one conflict (UID as `sync conflicts` lists it) by keeping one version."""
    store = store_at(data_dir)
    settings, password = load_settings(store.data_dir), load_password(store.data_dir)
    with transaction(store.sessions) as session:
        settle(session, settings, password, uid, keep)
    done = {"local": "the version here is on the server again", "server": "the server's is kept"}
    click.echo(f"{uid}: {done[keep]}.", err=True)


def _progress_on_a_terminal() -> Callable[[int], None] | None:
    """A running count on stderr, every 50 writes, when a person watches it."""
    if not sys.stderr.isatty():
        return None

    def show(written: int) -> None:
        if written % 50 == 0:
            click.echo(f"\r{written:,} written to the server so far…", err=True, nl=False)

    return show


def _listing(offer: ServerOffer) -> str:
    calendars = ", ".join(c.name for c in offer.calendars) or "none"
    books = ", ".join(b.name for b in offer.address_books) or "none"
    return f"your calendars: {calendars}; your address books: {books}"


def _summary(report: SyncReport) -> str:
    if not report.conflicts:
        return report.summary
    return (
        f"{report.summary} See `outreach-helper sync conflicts`, then keep one version with "
        "`outreach-helper sync resolve UID --keep local|server`."
    )


def _conflict_text(conflict: Conflict) -> str:
    what = SYNC_KINDS.term(conflict.kind).noun
    where = "deleted on the server" if not conflict.server_text else "changed on the server"
    server = conflict.server_text.strip() or "(deleted)"
    return (
        f"{conflict.uid}  {what} {conflict.name}: {where}\n"
        f"--- here\n{conflict.local_text.strip()}\n--- on the server\n{server}\n"
    )
