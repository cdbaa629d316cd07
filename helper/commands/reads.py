"""The store as a command that only reads it sees it: a current SQLite store through the
standard library's `sqlite3` (`store.read_only`), any other through the store layer, which is
loaded only then. `contacts` and `export vcard|csv` read this way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from helper.commands import chosen_member
from helper.config import resolve_data_dir
from helper.store.contact_rows import RunQuery
from helper.store.read_only import read_current_store

T = TypeVar("T")


def read(data_dir: Path | None, reading: Callable[[RunQuery], T]) -> T:
    """What `reading` finds in the store a command works on, all of its statements seeing
    the store as of one moment."""
    if not chosen_member():
        found = read_current_store(resolve_data_dir(data_dir), reading)
        if found is not None:
            return found
    # Late: loading the store layer is most of a short read's time on a current store.
    from helper.commands.stores import read_store

    return read_store(data_dir, reading)
