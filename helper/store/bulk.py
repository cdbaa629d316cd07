"""Changing many contacts at once, as the contact list's bulk actions do: onto a goal, to a
tier, a category in or out, and an export of just those people.

A selection can be every contact a filter matches (thousands), so each function reads and
writes the ids in chunks: no statement holds more parameters than any database allows, and
no contact is loaded as a mapped object. The functions leave the commit to their caller.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from helper.db import count_change, transaction_change
from helper.db.models import Contact, ContactCategory, Goal, GoalContact, utcnow
from helper.errors import OutreachError
from helper.exporters.csv import contacts_csv
from helper.exporters.vcard import vcards
from helper.store.contact_records import load_contact_records, session_runner
from helper.store.contact_rows import IDS_PER_QUERY
from helper.store.exports.address_book import address_cards
from helper.store.exports.contact_files import Rendered, contacts_in_words
from helper.vocabulary import CATEGORIES, GOAL_STAGES, TIERS

# Stages a person is moved on from when added again: not yet chosen, or given up on.
_NOT_YET_CHOSEN = ("suggested", "dropped")
# The exports a selection can be written as: the contact formats, not the whole store.
SELECTION_FORMATS = ("vcard", "csv")


def chunked(ids: Iterable[int], size: int = IDS_PER_QUERY) -> Iterator[list[int]]:
    """The distinct ids in ascending order, `size` at a time."""
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


def _check(what: str, value: str, allowed: Sequence[str]) -> None:
    if value not in allowed:
        raise OutreachError(f"{value!r} is not a {what}; use one of {', '.join(allowed)}")


@dataclass(frozen=True)
class GoalAddition:
    """What adding people to a goal did: new to its pipeline, moved to the chosen stage, and
    left where they were (already there, or further along)."""

    added: int
    moved: int
    kept: int


def add_to_goal(
    session: Session,
    goal: Goal,
    ids: Iterable[int],
    stage: str = "shortlisted",
    *,
    restage: bool = False,
) -> GoalAddition:
    """Put the contacts on the goal's pipeline at `stage`. Someone already on it moves there
    only from "suggested" or "dropped", so a bulk add never takes back progress; with
    `restage` (one person, stage chosen by hand) they move wherever they were."""
    _check("stage", stage, GOAL_STAGES)
    added = moved = kept = 0
    for chunk in chunked(ids):
        present = set(session.scalars(select(Contact.id).where(Contact.id.in_(chunk))))
        links = session.scalars(
            select(GoalContact).where(
                GoalContact.goal_id == goal.id, GoalContact.contact_id.in_(chunk)
            )
        ).all()
        for link in links:
            if link.stage != stage and (restage or link.stage in _NOT_YET_CHOSEN):
                link.stage, moved = stage, moved + 1
            else:
                kept += 1
        new = sorted(present - {link.contact_id for link in links})
        if new:
            rows = [{"goal_id": goal.id, "contact_id": cid, "stage": stage} for cid in new]
            session.execute(insert(GoalContact), rows)
        added += len(new)
    session.flush()
    return GoalAddition(added, moved, kept)


def set_tier(session: Session, ids: Iterable[int], tier: str) -> int:
    """Give the contacts the relationship tier; returns how many changed. The tier counts as
    the user's own edit, which no import overwrites."""
    _check("relationship tier", tier, TIERS)
    changed: list[int] = []
    now = utcnow()
    for chunk in chunked(ids):
        rows = session.execute(
            select(Contact.id, Contact.protected_fields).where(
                Contact.id.in_(chunk), Contact.tier != tier
            )
        ).all()
        if rows:
            transaction_change(session)  # before the rows: writers queue on the counter
            values = [
                {"id": cid, "tier": tier, "updated_at": now}
                | {"protected_fields": sorted({*protected, "tier"})}
                for cid, protected in rows
            ]
            session.execute(update(Contact), values)
        changed += [cid for cid, _ in rows]
    if changed:
        count_change(session, changed)  # bulk statements pass no flush that would count them
    return len(changed)


def add_category(session: Session, ids: Iterable[int], key: str) -> int:
    """Put the category on the contacts as the user's choice; returns how many gained it. A
    category once taken off a contact may be suggested for it again."""
    _check("category", key, CATEGORIES)
    gained: list[int] = []
    now = utcnow()
    for chunk in chunked(ids):
        having = select(ContactCategory.contact_id).where(ContactCategory.key == key)
        rows = session.execute(
            select(Contact.id, Contact.declined_categories).where(
                Contact.id.in_(chunk), Contact.id.not_in(having)
            )
        ).all()
        session.execute(
            update(ContactCategory)
            .where(ContactCategory.key == key, ContactCategory.contact_id.in_(chunk))
            .values(source="user")
        )
        if rows:
            transaction_change(session)
            session.execute(
                insert(ContactCategory),
                [{"contact_id": cid, "key": key, "reason": "chosen by you"} for cid, _ in rows],
            )
            _set_declined(session, rows, lambda declined: declined - {key}, now)
        gained += [cid for cid, _ in rows]
    if gained:
        count_change(session, gained)
    return len(gained)


def remove_category(session: Session, ids: Iterable[int], key: str) -> int:
    """Take the category off the contacts; returns how many lost it. Each remembers it was
    taken off, so no import or later paste puts it back."""
    _check("category", key, CATEGORIES)
    lost: list[int] = []
    now = utcnow()
    for chunk in chunked(ids):
        having = select(ContactCategory.contact_id).where(ContactCategory.key == key)
        rows = session.execute(
            select(Contact.id, Contact.declined_categories).where(
                Contact.id.in_(chunk), Contact.id.in_(having)
            )
        ).all()
        if rows:
            transaction_change(session)
            session.execute(
                delete(ContactCategory).where(
                    ContactCategory.key == key,
                    ContactCategory.contact_id.in_([cid for cid, _ in rows]),
                )
            )
            _set_declined(session, rows, lambda declined: declined | {key}, now)
        lost += [cid for cid, _ in rows]
    if lost:
        count_change(session, lost)
    return len(lost)


def _set_declined(
    session: Session,
    rows: Sequence[Any],
    change: Callable[[set[str]], set[str]],
    now: datetime,
) -> None:
    """Each contact's declined categories changed by `change`, and the contact marked edited."""
    session.execute(
        update(Contact),
        [
            {"id": cid, "declined_categories": sorted(change(set(declined))), "updated_at": now}
            for cid, declined in rows
        ],
    )


def export_selection(session: Session, ids: Iterable[int], kind: str) -> Rendered:
    """The chosen contacts as a vCard or CSV file, by name, as the Export page writes them."""
    _check("format for a selection", kind, SELECTION_FORMATS)
    if kind == "vcard":
        # What the Export page's vCard holds, UIDs and typed addresses included: vCard 3.0.
        cards = address_cards(session_runner(session), ids=set(ids))
        text, count = vcards(cards), len(cards)
    else:
        contacts = load_contact_records(session, ids=set(ids))
        text, count = contacts_csv(contacts), len(contacts)
    return Rendered((text.encode("utf-8"),), contacts_in_words(count))
