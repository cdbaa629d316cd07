"""The command line: a contract (DESIGN.md). `--json` prints one JSON document on stdout;
human text and progress go to stderr; a failure exits non-zero with a one-line reason."""

from __future__ import annotations

import functools
import json
import signal
import sys
import threading
import time
import webbrowser
from pathlib import Path
from typing import Any
from zoneinfo import available_timezones

import click
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from helper import __version__
from helper.config import DEFAULT_HOST, DEFAULT_PORT, is_loopback, resolve_data_dir
from helper.db import transaction
from helper.errors import OutreachError
from helper.models import Contact, ContactCategory
from helper.normalize import normalize_email
from helper.records import CATEGORY_KEYS
from helper.store import Store, open_store
from helper.store.backup import backup_to, restore_from
from helper.store.convert import contact_json, me_json
from helper.store.imports import import_file
from helper.store.me import get_me, update_me


def data_dir_option(command):
    """Every command takes `--data-dir DIR` (or OUTREACH_HELPER_DATA_DIR)."""
    return click.option(
        "--data-dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="OUTREACH_HELPER_DATA_DIR",
        help="Folder of the store (default: the platform's user data folder).",
    )(command)


def reports_errors(command):
    """Turn the errors a user can cause into a one-line reason and exit status 1."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except OutreachError as error:
            raise click.ClickException(str(error)) from error

    return wrapper


def emit_json(document: Any) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2, default=str))


def store_at(data_dir: Path | None) -> Store:
    return open_store(resolve_data_dir(data_dir))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="outreach-helper")
def main() -> None:
    """Outreach Helper: a local, private networking assistant."""


@main.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(0, 65535))
@click.option("--demo", is_flag=True, help="Use the separate demo store with sample data.")
@click.option("--no-browser", is_flag=True, help="Do not open a browser window.")
@data_dir_option
@reports_errors
def serve(host: str, port: int, demo: bool, no_browser: bool, data_dir: Path | None) -> None:
    """Start the web service (waitress) on 127.0.0.1:8765."""
    from waitress import create_server

    from helper import create_app

    if not is_loopback(host):
        click.echo(
            f"Warning: listening on {host} lets other machines reach your network data. "
            "Requests must still name localhost as Host.",
            err=True,
        )
    app = create_app({"DATA_DIR": data_dir, "DEMO": demo})
    server = create_server(app, host=host, port=port, threads=8, ident="outreach-helper")
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{shown_host}:{server.effective_port}/"
    click.echo(f"Outreach Helper{' (demo store)' if demo else ''} is running at {url}")
    click.echo(f"Data folder: {app.config['DATA_DIR']}. Press Ctrl+C to stop.", err=True)
    if not no_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    signal.signal(signal.SIGTERM, lambda *_: server.close())
    try:
        server.run()
    except (KeyboardInterrupt, OSError):
        pass
    finally:
        server.close()
    click.echo("Stopped.", err=True)


@main.group(invoke_without_command=True)
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


@main.command()
@click.option("--category", type=click.Choice(CATEGORY_KEYS), help="Only this category.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@data_dir_option
@reports_errors
def contacts(category: str | None, as_json: bool, data_dir: Path | None) -> None:
    """List contacts, optionally of one category."""
    store = store_at(data_dir)
    with transaction(store.sessions) as session:
        statement = (
            select(Contact)
            .order_by(Contact.name, Contact.id)
            .options(
                selectinload(Contact.emails),
                selectinload(Contact.phones),
                selectinload(Contact.positions),
                selectinload(Contact.education),
                selectinload(Contact.skills),
                selectinload(Contact.categories),
            )
        )
        if category:
            statement = statement.where(Contact.categories.any(ContactCategory.key == category))
        documents = [contact_json(c) for c in session.scalars(statement)]
    if as_json:
        emit_json(documents)
        return
    for doc in documents:
        role = " at ".join(p for p in (doc["current_title"], doc["current_company"]) if p)
        keys = ",".join(c["key"] for c in doc["categories"])
        click.echo(f"{doc['id']:>6}  {doc['name']}  {role}  [{keys}]")
    click.echo(f"{len(documents)} contact(s).", err=True)


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one summary per file as JSON.")
@data_dir_option
def import_(files: tuple[Path, ...], as_json: bool, data_dir: Path | None) -> None:
    """Import contact or mail exports; the format is detected from the content."""
    store = store_at(data_dir)
    documents, failures = [], 0
    for path in files:
        try:
            summary = import_file(store, path, progress=terminal_progress(path.name))
        except OutreachError as error:
            failures += 1
            click.echo(f"\r{path.name}: {error}", err=True)
            documents.append({"file": path.name, "error": str(error)})
            continue
        documents.append(summary.to_json())
        click.echo(f"\r{describe_summary(summary)}", err=True)
    if as_json:
        emit_json(documents)
    if failures:
        raise click.ClickException(f"{failures} of {len(files)} file(s) could not be imported")


def terminal_progress(name: str):
    """A one-line progress bar on stderr when it is a terminal; silent otherwise."""
    if not sys.stderr.isatty():
        return None
    started = time.monotonic()

    def show(state) -> None:
        share = state.bytes_done / state.bytes_total if state.bytes_total else 0
        bar = "#" * int(share * 30)
        rate = state.records / max(time.monotonic() - started, 1e-6)
        click.echo(
            f"\r{name}: [{bar:<30}] {share:4.0%} {state.records:,} records, {rate:,.0f}/s  ",
            err=True,
            nl=False,
        )

    return show


def describe_summary(summary) -> str:
    parts = [
        f"{summary.created} created",
        f"{summary.updated} updated",
        f"{summary.merged} merged",
        f"{summary.skipped} skipped",
        f"{summary.problem_count} problem(s)",
    ]
    if summary.interactions:
        parts.append(f"{summary.interactions} interactions")
    text = f"{summary.file} ({summary.format}): {', '.join(parts)} in {summary.seconds:.1f} s"
    return f"{text}. {summary.message}" if summary.message else text


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@data_dir_option
@reports_errors
def backup(file: Path, data_dir: Path | None) -> None:
    """Write a consistent copy of the store to FILE (safe while the server runs)."""
    store = store_at(data_dir)
    written = backup_to(store.engine, file)
    click.echo(f"Backup written to {written}.", err=True)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@data_dir_option
@reports_errors
def restore(file: Path, data_dir: Path | None) -> None:
    """Replace the store's content with the backup FILE (the current content is kept aside)."""
    store = store_at(data_dir)
    safety = restore_from(store.engine, store.data_dir, file)
    click.echo(f"Restored from {file}. The previous content was saved to {safety}.", err=True)


if __name__ == "__main__":
    sys.exit(main())
