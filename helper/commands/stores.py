"""The store a command works on, and the row ids it accepts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from helper.commands import chosen_member
from helper.config import database_url, resolve_data_dir
from helper.db import Store, begin_read_snapshot, transaction
from helper.store.contact_records import session_runner
from helper.store.contact_rows import RunQuery
from helper.store.opening import open_store

T = TypeVar("T")


def store_at(data_dir: Path | None) -> Store:
    """The store a command works on; closed when the command ends. In a team database it is
    the book of the member `--user` names."""
    folder = resolve_data_dir(data_dir)
    url = database_url(folder)
    member_email = chosen_member()
    store = None
    if url.startswith("postgresql"):
        # Team mode loads only here: a single user's commands never import it (Argon2, the
        # team's models).
        from helper.store.team.directory import open_member_book

        store = open_member_book(folder, url, member_email)
    if store is None:
        if member_email:
            raise click.UsageError("--user chooses a member's book in a team database only.")
        store = open_store(folder, url=url)
    context = click.get_current_context(silent=True)
    if context is not None:
        context.call_on_close(store.close)
    return store


def read_store(data_dir: Path | None, reading: Callable[[RunQuery], T]) -> T:
    """What `reading` finds in the store a command works on, in one transaction that sees
    the store as of one moment: the way for every store `read_only.read_current_store`
    leaves to the usual opening."""
    store = store_at(data_dir)
    with transaction(store.sessions) as session:
        begin_read_snapshot(session)
        return reading(session_runner(session))
