"""Someone leaves the team: their book is deleted, or its contacts and their history are
handed over to a teammate first (merged through the import path, as a JSON export of the
book would be), and then their account goes."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from helper.db import Store, begin_read_snapshot, transaction
from helper.db.books import drop_book_schema
from helper.errors import SignInRefused
from helper.store.imports.pipeline import import_file
from helper.store.imports.summary import ExportChoice, ImportSummary
from helper.store.json_document import document_chunks
from helper.store.team.directory import Team
from helper.store.team.members import (
    active_member,
    check_removable,
    get_member,
    remove_member,
)


def hand_over_book(leaving: Store, heir: Store, leaving_name: str) -> ImportSummary:
    """Merge `leaving`'s contacts and their history into `heir`'s book."""
    with tempfile.TemporaryDirectory(dir=heir.data_dir) as folder:
        path = Path(folder) / f"book of {leaving_name}.json"
        with leaving.sessions() as session, path.open("w", encoding="utf-8") as handle:
            begin_read_snapshot(session)
            for chunk in document_chunks(session):
                handle.write(chunk)
        return import_file(heir, path, export_choice=ExportChoice.MERGE)


def remove_with_book(
    team: Team,
    member_id: int,
    by_id: int,
    *,
    heir_id: int | None,
    open_book: Callable[[int], Store],
) -> ImportSummary | None:
    """Remove a member; their book goes to `heir_id` first when one is named, else is
    deleted. `open_book(member_id)` gives a member's opened book."""
    with transaction(team.sessions) as session:
        leaving = get_member(session, member_id)
        by = get_member(session, by_id)
        heir = active_member(session, heir_id) if heir_id is not None else None
        if heir_id is not None and (heir is None or heir.id == member_id):
            raise SignInRefused("Choose an active teammate other than the one leaving.")
        check_removable(session, leaving, by)
        name = leaving.name
    handed = None
    if heir_id is not None:
        handed = hand_over_book(open_book(member_id), open_book(heir_id), name)
    drop_book_schema(team.engine, member_id)
    with transaction(team.sessions) as session:
        remove_member(session, get_member(session, member_id), by=get_member(session, by_id))
    return handed
