"""Shared pieces of the command line: `--data-dir`, JSON output, one-line errors.

Light on purpose: a command module imports this before it loads the store, and the import
command starts reading a large mailbox in that gap (`helper.commands.stores` opens stores)."""

from __future__ import annotations

import functools
import importlib
import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import click

from helper.config import LARGEST_ROW_ID
from helper.errors import OutreachError
from helper.private_files import replaced_whole

# An id the store could hold: a larger number names nothing, and the database driver would
# fail on it rather than find nothing.
ROW_ID = click.IntRange(1, LARGEST_ROW_ID)


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


class LazyGroup(click.Group):
    """A click group that imports a command's module on first use: `lazy_commands` maps each
    name to "module:attribute", so listing or running one command loads no other's code."""

    def __init__(self, *args: Any, lazy_commands: Mapping[str, str], **options: Any) -> None:
        super().__init__(*args, **options)
        self.lazy_commands = dict(lazy_commands)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*self.lazy_commands, *super().list_commands(ctx)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = self.lazy_commands.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module_name, _, attribute = target.partition(":")
        return getattr(importlib.import_module(module_name), attribute)


def write_chunks(chunks: Iterable[bytes], out: Path | None) -> Path | None:
    """A file's bytes on stdout, or written to `out` beside it, then renamed: an interrupted
    export never leaves half a file. Returns the file written."""
    if out is None:
        for chunk in chunks:
            sys.stdout.buffer.write(chunk)
        sys.stdout.flush()
        return None
    path = out.expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    with replaced_whole(path, private=False) as partial, partial.open("wb") as handle:
        handle.writelines(chunks)
    return path
