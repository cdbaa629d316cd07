"""`outreach-helper serve`: the web service on a real WSGI server."""

from __future__ import annotations

import secrets
import signal
import threading
import webbrowser
from pathlib import Path

import click

from helper import create_app
from helper.app import has_members, keep_phones_in_sync, keep_team_index_current, warm_caches
from helper.commands import data_dir_option, reports_errors
from helper.config import DEFAULT_HOST, DEFAULT_PORT, is_loopback

ACCESS_TOKEN_BYTES = 24
EXPOSED_WARNING = (
    "Warning: listening on {host}, so other machines on your network can reach this service. "
    "Every page asks once per browser for the access token below (printed only now; a restart "
    "makes a new one). The calendar subscription address and the browser extension keep their "
    "own secrets. Traffic is plain HTTP: anyone who can watch your network can read pages and "
    "the token as they pass, so use this only on a network you trust or behind an HTTPS proxy."
)

NOBODY_YET = (
    "Nobody can sign in yet: add the first admin with "
    "`outreach-helper users add EMAIL --name NAME --admin`."
)
PLAIN_TEAM_WARNING = (
    "Warning: the team server listens on {host} over plain HTTP, so passwords and session "
    "cookies cross the network readable by anyone watching it. Serve it behind a "
    "TLS-terminating reverse proxy and start it with --behind-proxy."
)


@click.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(0, 65535))
@click.option("--demo", is_flag=True, help="Use the separate demo store with sample data.")
@click.option("--no-browser", is_flag=True, help="Do not open a browser window.")
@click.option(
    "--team", is_flag=True, help="A team server on PostgreSQL: everyone signs in to their own book."
)
@click.option(
    "--behind-proxy",
    is_flag=True,
    help="Served through a TLS-terminating reverse proxy: trust its X-Forwarded headers and "
    "send cookies only over HTTPS.",
)
@data_dir_option
@reports_errors
def serve(
    host: str,
    port: int,
    demo: bool,
    no_browser: bool,
    team: bool,
    behind_proxy: bool,
    data_dir: Path | None,
) -> None:
    """Start the web service (waitress) on 127.0.0.1:8765."""
    from waitress import create_server

    if team and demo:
        raise click.UsageError("--demo is a single user's sample store; it has no team mode.")
    settings: dict[str, object] = {
        "DATA_DIR": data_dir,
        "DEMO": demo,
        "TEAM": team,
        "BEHIND_PROXY": behind_proxy,
    }
    if not is_loopback(host) and not team:
        settings["ACCESS_TOKEN"] = secrets.token_urlsafe(ACCESS_TOKEN_BYTES)
    app = create_app(settings)
    server = create_server(app, host=host, port=port, threads=8, ident="outreach-helper")
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{shown_host}:{server.effective_port}/"
    click.echo(f"Outreach Helper{' (demo store)' if demo else ''} is running at {url}")
    click.echo(f"Data folder: {app.config['DATA_DIR']}. Press Ctrl+C to stop.", err=True)
    if team and not has_members(app):
        click.echo(NOBODY_YET, err=True)
    if team and not is_loopback(host) and not behind_proxy:
        click.echo(PLAIN_TEAM_WARNING.format(host=host), err=True)
    if "ACCESS_TOKEN" in settings:
        click.echo(EXPOSED_WARNING.format(host=host), err=True)
        click.echo(f"Access token: {settings['ACCESS_TOKEN']}", err=True)
    threading.Thread(target=warm_caches, args=(app,), daemon=True).start()
    if not demo:  # the demo's made-up people must never reach the user's phone
        threading.Thread(target=keep_phones_in_sync, args=(app,), daemon=True).start()
    if team:
        threading.Thread(target=keep_team_index_current, args=(app,), daemon=True).start()
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
