"""Contacts read in bulk through a store's session: `contact_rows`' statements run by
SQLAlchemy, inside the session's transaction."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from helper.records import ContactSnapshot
from helper.store.contact_rows import Rows, RunQuery, contact_snapshots, grouped


def load_contact_records(
    session: Session, *, category: str = "", ids: Collection[int] | None = None
) -> list[ContactSnapshot]:
    """Every contact, those in one category, or those with the given ids, ordered by name then
    id, each with the whole profile `convert.profile_record` gives (children in the ORM
    relationships' order)."""
    return contact_snapshots(session_runner(session), category=category, ids=ids)


def session_runner(session: Session) -> RunQuery:
    """Runs `contact_rows`' plain statements in `session`'s transaction, on any engine."""

    def run(statement: str, parameters: dict[str, Any]) -> Iterable[Sequence[Any]]:
        return session.connection().execute(text(statement), parameters)

    return run


def grouped_by_contact(session: Session, statement: Any) -> Rows:
    """Rows whose first column is a contact id, grouped by it, the rest of each row kept."""
    return grouped(session.connection().execute(statement))
