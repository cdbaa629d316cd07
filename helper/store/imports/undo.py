"""Taking back what an unfinished import added, and only that.

Rows a run inserts carry its id. While a run is unfinished its new contacts are already
visible, so the user may have edited one, merged another person into it, put it on a goal or
an event, drafted to it or logged a touch with it. Such a contact is the user's now: it is
kept (and no longer tagged with the run) with everything attached to it; the run's other
contacts and every interaction the run added are deleted.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, delete, exists, or_, select, update
from sqlalchemy.orm import Session

from helper.db import Store, count_change, transaction
from helper.db.models import (
    Contact,
    ContactCategory,
    Draft,
    EventContact,
    FollowUp,
    GoalContact,
    ImportRun,
    Interaction,
    MergeRecord,
    NotSamePerson,
)

UNDO_BATCH = 500
KEPT_NAMED = 5  # the run's message names this many kept people, then counts the rest


@dataclass(frozen=True)
class KeptContact:
    id: int
    name: str


def _touched_by_the_user(run_id: int) -> ColumnElement[bool]:
    """A contact of the run that something outside the run changed or points at."""
    contact_id = Contact.id
    return or_(
        # Rows are inserted with equal times; any later write to the contact moves updated_at.
        Contact.updated_at != Contact.created_at,
        exists().where(GoalContact.contact_id == contact_id),
        exists().where(EventContact.contact_id == contact_id),
        exists().where(Draft.contact_id == contact_id),
        exists().where(FollowUp.contact_id == contact_id),
        exists().where(MergeRecord.survivor_id == contact_id),
        exists().where(
            or_(NotSamePerson.first_id == contact_id, NotSamePerson.second_id == contact_id)
        ),
        exists().where(ContactCategory.contact_id == contact_id, ContactCategory.source == "user"),
        exists().where(
            Interaction.contact_id == contact_id,
            or_(Interaction.import_run_id.is_(None), Interaction.import_run_id != run_id),
        ),
    )


def _keep_touched_contacts(session: Session, run_id: int) -> list[KeptContact]:
    """Untag the run's contacts the user has made their own; returns them."""
    kept = [
        KeptContact(id=row.id, name=row.name)
        for row in session.execute(
            select(Contact.id, Contact.name)
            .where(Contact.import_run_id == run_id, _touched_by_the_user(run_id))
            .order_by(Contact.id)
        )
    ]
    if kept:
        session.execute(
            update(Contact)
            .where(Contact.id.in_([c.id for c in kept]))
            .values(import_run_id=None, updated_at=Contact.updated_at)
        )
    return kept


def _delete_a_batch(
    session: Session, model: type[Contact] | type[Interaction], run_id: int
) -> bool:
    """Delete up to UNDO_BATCH of the run's rows of `model`; False once none are left."""
    ids = list(
        session.scalars(select(model.id).where(model.import_run_id == run_id).limit(UNDO_BATCH))
    )
    if ids:
        count_change(session)
        session.execute(delete(model).where(model.id.in_(ids)))
    return bool(ids)


def discard_run(store: Store, run_id: int) -> list[KeptContact]:
    """Delete what a run added, in short transactions (the interactions, then the contacts with
    their children), except the contacts the user has made their own; returns those. Each
    transaction looks for such contacts again before deleting, under the write lock, so a
    change the user makes meanwhile is never deleted."""
    kept: list[KeptContact] = []
    for model in (Interaction, Contact):
        while True:
            with transaction(store.sessions) as session:
                _take_the_write_lock(session, run_id)
                kept += _keep_touched_contacts(session, run_id)
                if not _delete_a_batch(session, model, run_id):
                    break
    if kept:
        with transaction(store.sessions) as session:
            session.get_one(ImportRun, run_id).message = _kept_note(kept)
    return kept


def _kept_note(kept: list[KeptContact]) -> str:
    """One sentence naming the contacts kept, for the run's message."""
    names = ", ".join(c.name for c in kept[:KEPT_NAMED])
    more = f" and {len(kept) - KEPT_NAMED} more" if len(kept) > KEPT_NAMED else ""
    people = "person" if len(kept) == 1 else "people"
    return f"Kept {len(kept)} {people} you had changed or linked since it began: {names}{more}."


def _take_the_write_lock(session: Session, run_id: int) -> None:
    """Write first, so the reads that decide what to delete see the store as it is when the
    deletes run (SQLite's deferred transaction would read an older snapshot, then fail)."""
    session.execute(update(ImportRun).where(ImportRun.id == run_id).values(status=ImportRun.status))
