"""`outreach-helper serve`: the web service on a real WSGI server."""

from __future__ import annotations

import signal
import threading
import webbrowser
from pathlib import Path

import click

from helper import create_app
from helper.commands import data_dir_option, reports_errors
from helper.config import DEFAULT_HOST, DEFAULT_PORT, is_loopback


def warm_match_cache(app) -> None:
    """Build the goal-matching index while the user opens the first page: at 30,000 contacts
    it takes seconds, which the dashboard would otherwise spend on its first visit."""
    with app.extensions["outreach"].sessions() as session:
        app.extensions["outreach_match"].get(session)


@click.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(0, 65535))
@click.option("--demo", is_flag=True, help="Use the separate demo store with sample data.")
@click.option("--no-browser", is_flag=True, help="Do not open a browser window.")
@data_dir_option
@reports_errors
def serve(host: str, port: int, demo: bool, no_browser: bool, data_dir: Path | None) -> None:
    """Start the web service (waitress) on 127.0.0.1:8765."""
    from waitress import create_server

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
    threading.Thread(target=warm_match_cache, args=(app,), daemon=True).start()
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
