"""Shared pieces of the command line: `--data-dir`, JSON output, one-line errors.

Light on purpose: a command module imports this before it loads the store, and the import
command starts reading a large mailbox in that gap (`helper.commands.stores` opens stores)."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import click

from helper.errors import OutreachError


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


def chosen_member() -> str:
    """The team member `--user` names, or "" (a single user's store)."""
    context = click.get_current_context(silent=True)
    return (context.find_root().params.get("user") or "") if context is not None else ""
